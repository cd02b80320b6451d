/**
 * Anchors and paints a server answer on the page it is loaded into, as the content script does
 * (index the visible text, locate every quote, paint the spots), and times it.
 */
import { indexText } from "/ext/src/anchoring/text-quote.js";
import { buildSpots } from "/ext/src/content/spots.js";
import { createPainter } from "/ext/src/paint/painter.js";

/**
 * @param {import("/ext/src/content/spots.js").Analysis} analysis
 * @param {number} rounds
 * @param {boolean} forceWrap paint with <mark> wrapping instead of the Custom Highlight API
 * @returns {Promise<Array<{ms: number, indexMs: number, anchorMs: number, paintMs: number, frameMs: number,
 *   spots: number}>>} ms: index + anchor + paint; frameMs: up to the second frame after, when it is on screen
 */
async function bench(analysis, rounds, forceWrap) {
  const runs = [];
  for (let round = 0; round < rounds; round++) {
    const painter = createPainter(window, { forceWrap });
    const started = performance.now();
    const index = indexText(document.body);
    const indexed = performance.now();
    const { spots } = buildSpots(document, index, analysis);
    const anchored = performance.now();
    painter.paint(spots.map(({ range, severity }) => ({ range, severity })));
    const painted = performance.now();
    await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
    runs.push({
      ms: painted - started,
      indexMs: indexed - started,
      anchorMs: anchored - indexed,
      paintMs: painted - anchored,
      frameMs: performance.now() - started,
      spots: spots.length,
    });
    painter.clear();
    // The content script anchors a page that has been laid out; without this wait the next round
    // would also time the relayout that clearing this round's marks asks for.
    await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
  }
  return runs;
}

/** @type {any} */ (window).caveatBench = bench;

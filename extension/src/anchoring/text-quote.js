/**
 * Anchor W3C TextQuoteSelectors to DOM Ranges.
 */
import { matchQuote } from "./match-quote.js";
import { foldQuote, normalizeText, rawEnd, rawStart } from "./normalize.js";
import { collectText } from "./text-nodes.js";
import { rangeFromOffsets } from "./text-position.js";

/** Matches scoring below this are too unlike the quote to show. */
const MIN_SCORE = 0.5;

/**
 * Read and fold the page's visible text once, for anchoring many quotes.
 * @param {Element} root
 * @param {import("./text-nodes.js").CollectOptions} [options]
 * @returns {import("./types.js").TextIndex}
 */
export function indexText(root, options) {
  const collected = collectText(root, options);
  return { collected, normalized: normalizeText(collected.text, collected.breaks) };
}

/**
 * Where the quote is in the collected text, or null when it cannot be placed.
 * @param {import("./types.js").TextIndex} index
 * @param {import("./types.js").TextQuoteSelector} selector
 * @returns {{start: number, end: number} | null}
 */
export function locateQuote(index, selector) {
  const { normalized } = index;
  const match = matchQuote(normalized.text, foldQuote(selector.exact), {
    prefix: foldQuote(selector.prefix ?? ""),
    suffix: foldQuote(selector.suffix ?? ""),
  });
  if (!match || match.score < MIN_SCORE || match.end <= match.start) return null;
  return { start: rawStart(normalized, match.start), end: rawEnd(normalized, match.end - 1) };
}

/**
 * A Range for the quote, or null when it cannot be placed.
 * @param {Document} doc
 * @param {import("./types.js").TextIndex} index
 * @param {import("./types.js").TextQuoteSelector} selector
 * @returns {Range | null}
 */
export function anchorQuote(doc, index, selector) {
  const where = locateQuote(index, selector);
  return where && rangeFromOffsets(doc, index.collected.nodes, where.start, where.end);
}

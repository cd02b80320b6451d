import assert from "node:assert/strict";
import { test } from "node:test";

import { anchorQuote, indexText } from "../src/anchoring/text-quote.js";
import { wrapPainter } from "../src/paint/wrap.js";
import { documentWith } from "./helpers.js";

const BODY = `<article><h1>Kratom</h1><p>Some say <b>kratom is not</b> addictive at all. Others disagree.</p>
  <p>It has no overdose risk, they claim.</p></article>`;

test("wrapping marks the quotes, and clearing restores the DOM exactly", () => {
  const doc = documentWith(BODY);
  const before = doc.body.innerHTML;
  const index = indexText(doc.body);
  const quotes = ["kratom is not addictive at all.", "It has no overdose risk, they claim.", "Others disagree."];
  const items = quotes.map((exact, i) => ({
    range: /** @type {Range} */ (anchorQuote(doc, index, { exact })),
    severity: /** @type {const} */ (["high", "medium", "low"][i]),
  }));
  const painter = wrapPainter(doc);
  const live = painter.paint(items);
  assert.deepEqual(live.map((r) => r.toString()), quotes);
  assert.equal(doc.querySelectorAll("mark[data-caveat-mark]").length, 4);
  const undo = painter.flash(live[0]);
  assert.equal(doc.querySelectorAll("[data-caveat-flash]").length, 2);
  undo();
  painter.clear();
  assert.equal(doc.body.innerHTML, before);
  assert.equal(doc.querySelectorAll("mark").length, 0);
});

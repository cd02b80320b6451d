import assert from "node:assert/strict";
import { test } from "node:test";

import { highlightApiPainter, supportsHighlightApi } from "../src/paint/highlight-api.js";
import { createPainter } from "../src/paint/painter.js";
import { documentWith } from "./helpers.js";

/** A window with a stand-in highlight registry: jsdom has none. */
function fakeWindow() {
  const registry = new Map();
  class Highlight {
    /** @param {Range[]} ranges */
    constructor(...ranges) {
      this.ranges = ranges;
    }
  }
  const doc = documentWith("<p>One. Two. Three.</p>");
  return { win: /** @type {any} */ ({ Highlight, CSS: { highlights: registry }, document: doc }), registry, doc };
}

test("ranges are registered by severity, and clearing removes only Caveat's highlights", () => {
  const { win, registry, doc } = fakeWindow();
  registry.set("page-own", "kept");
  const range = () => doc.createRange();
  const painter = highlightApiPainter(win);
  const items = [
    { range: range(), severity: /** @type {const} */ ("high") },
    { range: range(), severity: /** @type {const} */ ("low") },
    { range: range(), severity: /** @type {const} */ ("high") },
  ];
  const live = painter.paint(items);
  assert.deepEqual(live, items.map((i) => i.range));
  assert.equal(registry.get("caveat-high").ranges.length, 2);
  assert.equal(registry.get("caveat-low").ranges.length, 1);
  const undo = painter.flash(items[1].range);
  assert.ok(registry.has("caveat-flash"));
  undo();
  assert.ok(!registry.has("caveat-flash"));
  painter.clear();
  assert.deepEqual([...registry.keys()], ["page-own"]);
});

test("without the API, or when told to, painting falls back to marks", () => {
  const { win } = fakeWindow();
  assert.equal(supportsHighlightApi(win), true);
  assert.equal(createPainter(win).kind, "highlight-api");
  assert.equal(createPainter(win, { forceWrap: true }).kind, "wrap");
  assert.equal(createPainter(/** @type {any} */ ({ document: win.document })).kind, "wrap");
});

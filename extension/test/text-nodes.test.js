import assert from "node:assert/strict";
import { test } from "node:test";

import { collectText, isHidden } from "../src/anchoring/text-nodes.js";
import { documentWith } from "./helpers.js";

/** @param {string} body */
const collect = (body) => collectText(documentWith(body).body);

test("text across inline elements is one run, with no break inside the block", () => {
  const { text, breaks, nodes } = collect("<p>Kratom is <em>not</em> <a href='#'>addictive</a>.</p>");
  assert.equal(text, "Kratom is not addictive.");
  assert.deepEqual(breaks, []);
  assert.deepEqual(nodes.map((n) => n.start), [0, 10, 13, 14, 23]);
});

test("a hidden subtree inside a visible block is left out and the block reads on", () => {
  const { text, breaks } = collect("<p>Kratom is <span hidden>not <b>at all</b></span>safe<i style='display:none'> ever</i>.</p>");
  assert.equal(text, "Kratom is safe.");
  assert.deepEqual(breaks, []);
});

test("every change of block is a break, also when leaving many elements at once", () => {
  const { text, breaks } = collect("<div>One<p><b><i>Two</i></b></p>Three</div><p>Four</p>");
  assert.equal(text, "OneTwoThreeFour");
  assert.deepEqual(breaks, [3, 6, 11]);
});

test("a <br> is a break, a hidden one is not", () => {
  const { text, breaks } = collect("<p>One<br>Two<br hidden>Three</p>");
  assert.equal(text, "OneTwoThree");
  assert.deepEqual(breaks, [3]);
});

test("only elements that could add text are asked whether they are hidden", () => {
  /** @type {string[]} */
  const asked = [];
  const doc = documentWith("<p>a<img alt=''><br><span></span><b>x</b><script>s</script></p>");
  collectText(doc.body, { hidden: (el) => (asked.push(el.tagName), false) });
  assert.deepEqual(asked, ["P", "BR", "B"]);
});

test("an empty root, or one with only hidden children, gives no text", () => {
  assert.deepEqual(collect(""), { text: "", nodes: [], breaks: [] });
  assert.equal(collect("<div hidden><p>Gone.</p></div>").text, "");
});

/**
 * An element as a browser with checkVisibility describes it.
 * @param {{visible: boolean, display: string, visibility?: string, inClosedDetails?: boolean, hidden?: boolean}} shape
 * @returns {Element}
 */
function browserElement(shape) {
  const el = {
    hasAttribute: (/** @type {string} */ name) => name === "hidden" && Boolean(shape.hidden),
    checkVisibility: () => shape.visible,
    closest: () => (shape.inClosedDetails ? el : null),
    ownerDocument: {
      defaultView: { getComputedStyle: () => ({ display: shape.display, visibility: shape.visibility ?? "visible" }) },
    },
  };
  return /** @type {any} */ (el);
}

test("isHidden follows checkVisibility, with display: contents and closed <details> as shown", () => {
  assert.equal(isHidden(browserElement({ visible: true, display: "block" })), false);
  assert.equal(isHidden(browserElement({ visible: true, display: "block", hidden: true })), true);
  assert.equal(isHidden(browserElement({ visible: false, display: "none" })), true);
  assert.equal(isHidden(browserElement({ visible: false, display: "block", visibility: "hidden" })), true);
  // display: contents has no box, so checkVisibility says no, yet its children are drawn.
  assert.equal(isHidden(browserElement({ visible: false, display: "contents" })), false);
  assert.equal(isHidden(browserElement({ visible: false, display: "contents", visibility: "hidden" })), true);
  assert.equal(isHidden(browserElement({ visible: false, display: "block", inClosedDetails: true })), false);
  assert.equal(isHidden(browserElement({ visible: false, display: "none", inClosedDetails: true })), true);
});

test("a closed accordion panel is read, as a closed <details> is; other hidden text is not", () => {
  const { text } = collect(
    "<style>.panel{display:none} .tip{display:none}</style>" +
      "<h3><button aria-expanded='false' aria-controls='a1'>Is kratom addictive?</button></h3>" +
      "<div class='panel' id='a1'><p>Kratom is <span class='tip'>never </span>habit-forming.</p></div>" +
      "<div class='panel' id='a2'><p>Not controlled by any button.</p></div>",
  );
  assert.equal(text, "Is kratom addictive?Kratom is habit-forming.");
});

test("isHidden reads a disclosure panel, and what is inside it, as shown", () => {
  const panels = new Set(["a1"]);
  const panel = { ...browserElement({ visible: false, display: "none" }), id: "a1", parentElement: null };
  assert.equal(isHidden(/** @type {any} */ (panel), panels), false);
  assert.equal(isHidden(/** @type {any} */ (panel)), true);
  const child = { ...browserElement({ visible: false, display: "block" }), id: "", parentElement: panel };
  assert.equal(isHidden(/** @type {any} */ (child), panels), false);
  const ownHidden = { ...browserElement({ visible: false, display: "none" }), id: "", parentElement: panel };
  assert.equal(isHidden(/** @type {any} */ (ownHidden), panels), true);
});

import assert from "node:assert/strict";
import { test } from "node:test";

import { anchorQuote, indexText, locateQuote } from "../src/anchoring/text-quote.js";
import { collectText } from "../src/anchoring/text-nodes.js";
import { documentWith } from "./helpers.js";

/**
 * @param {string} body
 * @param {import("../src/anchoring/types.js").TextQuoteSelector} selector
 */
function anchorIn(body, selector) {
  const doc = documentWith(body);
  return anchorQuote(doc, indexText(doc.body), selector)?.toString() ?? null;
}

test("a quote across inline tags anchors to the whole sentence", () => {
  const body = "<p>Intro.</p><p>Kratom is <em>not</em> <a href='#'>addictive</a>, they say.</p>";
  assert.equal(anchorIn(body, { exact: "Kratom is not addictive, they say." }), "Kratom is not addictive, they say.");
});

test("entities, soft hyphens, curly quotes and odd whitespace do not stop a match", () => {
  const body = "<p>It&#8217;s   a   natu&shy;ral\n  pain&nbsp;killer &ldquo;with no risk&rdquo;.</p>";
  const got = anchorIn(body, { exact: "It's a natural pain killer \"with no risk\"." });
  assert.equal(got, "It\u2019s   a   natu\u00adral\n  pain\u00a0killer \u201cwith no risk\u201d.");
});

test("script, style, template, noscript and hidden text are not anchored on", () => {
  const body = `<script>var s = "Kratom cures all.";</script><style>p{}</style><template>Kratom cures all.</template>
    <noscript>Kratom cures all.</noscript><div hidden>Kratom cures all.</div>
    <div style="display:none">Kratom cures all.</div><p>Visible text only.</p>`;
  const doc = documentWith(body);
  assert.equal(collectText(doc.body).text.trim(), "Visible text only.");
  assert.equal(anchorIn(body, { exact: "Kratom cures all." }), null);
});

test("prefix and suffix pick the right one of two equal sentences", () => {
  const body = "<p>Before one. Same claim here.</p><p>Before two. Same claim here.</p><p>After.</p>";
  const doc = documentWith(body);
  const index = indexText(doc.body);
  const range = anchorQuote(doc, index, { exact: "Same claim here.", prefix: "Before two. ", suffix: "\nAfter." });
  assert.ok(range);
  assert.equal(range.startContainer.parentElement, doc.querySelectorAll("p")[1]);
});

test("blocks with no whitespace between them still read as separate sentences", () => {
  const body = "<h2>Kratom</h2><p>Kratom is safe.</p>";
  const doc = documentWith(body);
  const index = indexText(doc.body);
  assert.equal(index.normalized.text, "kratom kratom is safe.");
  assert.equal(anchorQuote(doc, index, { exact: "Kratom is safe.", prefix: "Kratom\n" })?.toString(), "Kratom is safe.");
});

test("a quote the page does not contain is not located", () => {
  const doc = documentWith("<p>Entirely unrelated text about gardening and tomatoes.</p>");
  assert.equal(locateQuote(indexText(doc.body), { exact: "Kratom has no overdose risk at all." }), null);
});

test("the caller's own elements are left out of the text", () => {
  const doc = documentWith("<p>Page text.</p><div data-mine>Our own label.</div>");
  const collected = collectText(doc.body, { ignore: (el) => el.hasAttribute("data-mine") });
  assert.equal(collected.text, "Page text.");
});

test("a range never starts at the end of the previous text node", () => {
  const doc = documentWith("<p><b>Lead</b>Kratom is safe.</p>");
  const range = anchorQuote(doc, indexText(doc.body), { exact: "Kratom is safe." });
  assert.equal(range?.startContainer.textContent, "Kratom is safe.");
  assert.equal(range?.startOffset, 0);
});

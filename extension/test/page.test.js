import assert from "node:assert/strict";
import { test } from "node:test";

import { contentHash, pageHtml, pageKey } from "../src/content/page.js";
import { documentWith } from "./helpers.js";

test("the HTML sent leaves out Caveat's own layer", () => {
  const doc = documentWith("<p>Kratom text.</p>");
  const clean = pageHtml(doc);
  const layer = doc.createElement("caveat-layer");
  layer.attachShadow({ mode: "open" }).append("card text");
  doc.documentElement.append(layer);
  assert.equal(pageHtml(doc), clean);
  assert.ok(clean.includes("<p>Kratom text.</p>"));
});

test("a fragment does not make a new page, a query does", () => {
  assert.equal(pageKey("https://a.org/x?y=1#top"), "https://a.org/x?y=1");
  assert.notEqual(pageKey("https://a.org/x?y=2"), pageKey("https://a.org/x?y=1"));
});

test("the content hash changes with the text and with the page", async () => {
  const base = await contentHash("https://a.org/", "text");
  assert.equal(await contentHash("https://a.org/", "text"), base);
  assert.notEqual(await contentHash("https://a.org/", "text!"), base);
  assert.notEqual(await contentHash("https://b.org/", "text"), base);
});

import assert from "node:assert/strict";
import { test } from "node:test";

import { decide, findTopicTerm, isWebPage, siteOf } from "../src/gate/privacy.js";
import { sha256 } from "../src/gate/hash.js";

/** @returns {import("../src/gate/privacy.js").GateInput} */
function input(overrides = {}) {
  return {
    url: "https://example.org/article",
    mode: "auto",
    disabledSites: [],
    incognito: false,
    allowPrivate: false,
    force: false,
    hasTopicTerm: () => true,
    ...overrides,
  };
}

test("only http and https pages are ever sent", () => {
  for (const url of ["file:///tmp/a.html", "chrome://settings", "about:blank", "data:text/html,kratom", "nonsense"]) {
    assert.equal(isWebPage(url), false, url);
    assert.equal(decide(input({ url, force: true })), "not-web-page", url);
  }
  assert.equal(isWebPage("http://127.0.0.1:8000/"), true);
});

test("a page without a topic term is not sent in automatic mode", () => {
  assert.equal(decide(input({ hasTopicTerm: () => false })), "no-topic-terms");
  assert.equal(decide(input()), "ok");
});

test("the topic lookup is skipped when another rule already says no", () => {
  const looked = [];
  const hasTopicTerm = () => looked.push(1) > 0;
  decide(input({ mode: "click", hasTopicTerm }));
  decide(input({ disabledSites: ["example.org"], hasTopicTerm }));
  assert.equal(looked.length, 0);
});

test("click mode sends only when asked, and asking skips the topic check", () => {
  assert.equal(decide(input({ mode: "click" })), "click-mode");
  assert.equal(decide(input({ mode: "click", force: true, hasTopicTerm: () => false })), "ok");
});

test("a site turned off is not checked automatically", () => {
  assert.equal(decide(input({ url: "https://www.example.org/x", disabledSites: ["example.org"] })), "site-off");
  assert.equal(decide(input({ disabledSites: ["other.org"] })), "ok");
});

test("private windows send nothing unless allowed, even when asked", () => {
  assert.equal(decide(input({ incognito: true, force: true })), "private-window");
  assert.equal(decide(input({ incognito: true, allowPrivate: true })), "ok");
});

test("topic terms match whole words, any case", () => {
  const terms = ["kratom", "mitragynine", "7-OH"];
  assert.equal(findTopicTerm("Is KRATOM safe?", terms), "kratom");
  assert.equal(findTopicTerm("about 7-hydroxymitragynine.", ["mitragynine"]), null);
  assert.equal(findTopicTerm("about 7-hydroxymitragynine.", ["hydroxymitragynine"]), "hydroxymitragynine");
  assert.equal(findTopicTerm("kratoms", terms), null);
  assert.equal(findTopicTerm("gardening tips", terms), null);
  assert.equal(findTopicTerm("kratom", ["", " "]), null);
});

test("siteOf drops www. and survives bad URLs", () => {
  assert.equal(siteOf("https://www.example.org:8443/a?b"), "example.org");
  assert.equal(siteOf("not a url"), "");
});

test("sha256 matches the known digest", async () => {
  assert.equal(await sha256("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
});

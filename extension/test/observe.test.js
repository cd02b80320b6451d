import assert from "node:assert/strict";
import { test } from "node:test";
import { setTimeout as sleep } from "node:timers/promises";

import { JSDOM } from "jsdom";

import { observePage } from "../src/content/observe.js";

const DEBOUNCE = 20;

function setup() {
  const { window } = new JSDOM("<!doctype html><body><main><p>Start.</p></main></body>", {
    url: "https://example.org/article",
  });
  const calls = { content: 0, navigations: /** @type {string[]} */ ([]) };
  const isOwn = (/** @type {Node} */ node) =>
    (node.nodeType === 1 ? /** @type {Element} */ (node) : node.parentElement)?.closest("caveat-layer") != null;
  const observer = observePage(
    /** @type {any} */ (window),
    { isOwn, onContent: () => calls.content++, onNavigate: (href) => calls.navigations.push(href) },
    DEBOUNCE,
  );
  return { window, document: window.document, calls, observer };
}

test("bursts of new content are reported once, after they settle", async () => {
  const { document, calls, observer } = setup();
  for (let i = 0; i < 5; i++) document.querySelector("main")?.append(document.createElement("p"));
  document.querySelector("p")?.firstChild?.replaceWith("Changed.");
  await sleep(DEBOUNCE * 5);
  assert.equal(calls.content, 1);
  observer.stop();
});

test("Caveat's own layer and quiet painting are not new content", async () => {
  const { document, calls, observer } = setup();
  document.documentElement.append(document.createElement("caveat-layer"));
  observer.quietly(() => document.querySelector("p")?.append(document.createElement("mark")));
  await sleep(DEBOUNCE * 5);
  assert.equal(calls.content, 0);
  observer.stop();
});

test("a pushState navigation that renders new content is a navigation, not a content change", async () => {
  const { window, document, calls, observer } = setup();
  window.history.pushState({}, "", "/next#part");
  /** @type {HTMLElement} */ (document.querySelector("main")).innerHTML = "<p>Next page.</p>";
  await sleep(DEBOUNCE * 5);
  assert.deepEqual(calls.navigations, ["https://example.org/next"]);
  assert.equal(calls.content, 0);

  window.history.pushState({}, "", "/next#other"); // only the fragment moved
  document.querySelector("main")?.append(document.createElement("p"));
  await sleep(DEBOUNCE * 5);
  assert.equal(calls.navigations.length, 1);
  observer.stop();
});

test("popstate reports a navigation back", async () => {
  const { window, calls, observer } = setup();
  window.history.pushState({}, "", "/two");
  window.dispatchEvent(new window.PopStateEvent("popstate"));
  assert.deepEqual(calls.navigations, ["https://example.org/two"]);
  observer.stop();
});

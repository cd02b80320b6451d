import assert from "node:assert/strict";
import { test } from "node:test";

import { SENT } from "../src/feedback/form.js";
import { NOT_ADVICE, adviceLine, renderCard } from "../src/ui/card.js";
import { documentWith } from "./helpers.js";

const HOSTILE = '<img src=x onerror="window.pwned=1">';

/** @returns {import("../src/ui/card.js").Claim} */
function claim(overrides = {}) {
  return {
    id: "kratom-not-addictive",
    claim: "Kratom is not addictive.",
    verdict: "false",
    label: "False",
    severity: "high",
    summary: "Kratom can cause dependence.",
    explanation: "Regular use can lead to withdrawal.",
    disclaimer: "",
    sources: [{ title: "FDA on kratom", publisher: "FDA", year: 2024, url: "https://www.fda.gov/kratom" }],
    ...overrides,
  };
}

const render = (/** @type {any[]} */ claims, onReport = undefined) => {
  const doc = documentWith("");
  return renderCard(doc, claims, { id: "c", onClose: () => {}, onReport });
};

test("the card is a labelled dialog with verdict, summary, why, sources and the advice line", () => {
  const card = render([claim()]);
  assert.equal(card.getAttribute("role"), "dialog");
  const title = card.querySelector(`#${card.getAttribute("aria-labelledby")}`);
  assert.equal(title?.textContent, "Kratom can cause dependence.");
  assert.equal(card.querySelector(".verdict.sev-high")?.textContent, "False");
  assert.match(card.textContent ?? "", /Why.*Regular use can lead to withdrawal\./);
  assert.ok(card.textContent?.includes(NOT_ADVICE));
  const link = /** @type {HTMLAnchorElement} */ (card.querySelector(".sources a"));
  assert.equal(link.href, "https://www.fda.gov/kratom");
  assert.equal(link.target, "_blank");
  assert.equal(link.rel, "noopener noreferrer");
});

test("server text is inserted as text, never as markup", () => {
  const card = render([claim({ summary: HOSTILE, explanation: HOSTILE, label: HOSTILE, sources: [{ title: HOSTILE, url: "https://x.org" }] })]);
  assert.equal(card.querySelector("img"), null);
  assert.ok(card.querySelector("h2")?.textContent?.includes("<img"));
});

test("only http and https sources become links", () => {
  const card = render([
    claim({
      sources: [
        { title: "script", url: "javascript:alert(1)" },
        { title: "data", url: "data:text/html,hi" },
        { title: "ok", url: "http://example.org/" },
      ],
    }),
  ]);
  const links = [...card.querySelectorAll("a")].map((a) => a.textContent);
  assert.deepEqual(links, ["ok"]);
  assert.equal(card.querySelectorAll(".sources li").length, 3);
});

test("Report a problem stays hidden until a handler is given, then sends the claim and a comment", async () => {
  assert.equal(/** @type {HTMLButtonElement} */ (render([claim()]).querySelector(".report")).hidden, true);
  /** @type {string[][]} */
  const reported = [];
  const card = render([claim()], /** @type {any} */ (async (/** @type {any} */ c, /** @type {string} */ comment) => reported.push([c.id, comment])));
  card.ownerDocument.body.append(card); // a form submits only when connected
  const button = /** @type {HTMLButtonElement} */ (card.querySelector(".report"));
  assert.equal(button.hidden, false);
  button.click();
  button.click(); // a second click does not add a second form
  assert.equal(card.querySelectorAll("form.report-form").length, 1);
  /** @type {HTMLTextAreaElement} */ (card.querySelector("textarea")).value = "It says the opposite.";
  /** @type {HTMLButtonElement} */ (card.querySelector("form .send")).click();
  await new Promise((resolve) => setTimeout(resolve, 0));
  assert.deepEqual(reported, [["kratom-not-addictive", "It says the opposite."]]);
  assert.equal(card.querySelector(".report-status")?.textContent, SENT);
});

test("a report the server refuses shows its message as text and can be sent again", async () => {
  const card = render([claim()], /** @type {any} */ (async () => { throw new Error(HOSTILE); }));
  card.ownerDocument.body.append(card);
  /** @type {HTMLButtonElement} */ (card.querySelector(".report")).click();
  const send = /** @type {HTMLButtonElement} */ (card.querySelector("form .send"));
  send.click();
  await new Promise((resolve) => setTimeout(resolve, 0));
  assert.equal(card.querySelector(".report-status")?.textContent, `Not sent: ${HOSTILE}`);
  assert.equal(card.querySelector("img"), null);
  assert.equal(send.disabled, false);
});

test("a sentence with two claims shows both, labelled by the first", () => {
  const card = render([claim(), claim({ id: "b", summary: "Second summary.", label: "Misleading", severity: "medium" })]);
  assert.equal(card.querySelectorAll("section.claim").length, 2);
  assert.equal(card.getAttribute("aria-labelledby"), "c-title-0");
});

test("the advice line says it is not medical advice once, with each disclaimer once", () => {
  const own = `${NOT_ADVICE} Talk to a doctor.`;
  assert.equal(adviceLine([claim({ disclaimer: own }), claim({ disclaimer: own })]), own);
  assert.equal(adviceLine([claim({ disclaimer: "Ask a pharmacist." })]), `${NOT_ADVICE} Ask a pharmacist.`);
  assert.equal(adviceLine([claim()]), NOT_ADVICE);
});

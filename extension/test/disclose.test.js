import assert from "node:assert/strict";
import { test } from "node:test";

import { disclose } from "../src/content/disclose.js";
import { documentWith } from "./helpers.js";

/** An accordion as shops build one: the button's script shows its panel and says so. @param {Document} doc */
function wireAccordion(doc) {
  for (const button of doc.querySelectorAll("button[aria-controls]")) {
    button.addEventListener("click", () => {
      const panel = /** @type {HTMLElement} */ (doc.getElementById(button.getAttribute("aria-controls") ?? ""));
      const open = button.getAttribute("aria-expanded") !== "true";
      button.setAttribute("aria-expanded", String(open));
      panel.style.display = open ? "block" : "none";
    });
  }
}

test("a highlight in a collapsed accordion panel is opened by pressing its button", () => {
  const doc = documentWith(
    "<h3><button aria-expanded='false' aria-controls='a1'>Is it addictive?</button></h3>" +
      "<div id='a1' style='display:none'><p>Kratom is <b id='hit'>never habit-forming</b>.</p></div>" +
      "<h3><button aria-expanded='false' aria-controls='a2'>Dose?</button></h3>" +
      "<div id='a2' style='display:none'><p>Ask.</p></div>",
  );
  wireAccordion(doc);
  assert.equal(disclose(/** @type {Element} */ (doc.getElementById("hit"))), 1);
  assert.equal(doc.getElementById("a1")?.style.display, "block");
  assert.equal(doc.querySelector("[aria-controls='a1']")?.getAttribute("aria-expanded"), "true");
  assert.equal(doc.getElementById("a2")?.style.display, "none", "other answers stay closed");
});

test("an open panel is not pressed again, which would close it", () => {
  const doc = documentWith(
    "<button aria-expanded='true' aria-controls='a1'>Q</button><div id='a1'><p id='hit'>Kratom cures it.</p></div>",
  );
  wireAccordion(doc);
  assert.equal(disclose(/** @type {Element} */ (doc.getElementById("hit"))), 0);
  assert.equal(doc.querySelector("button")?.getAttribute("aria-expanded"), "true");
});

test("closed <details> around a highlight are opened, nested ones too; a button naming several panels counts", () => {
  const doc = documentWith(
    "<details id='outer'><summary>FAQ</summary><details id='inner'><summary>Q</summary>" +
      "<div id='p1'><p id='hit'>Kratom is safe.</p></div></details></details>" +
      "<button aria-expanded='false' aria-controls='p0 p1'>Expand all</button>",
  );
  let pressed = 0;
  doc.querySelector("button")?.addEventListener("click", () => (pressed += 1));
  assert.equal(disclose(/** @type {Element} */ (doc.getElementById("hit"))), 3);
  assert.equal(/** @type {HTMLDetailsElement} */ (doc.getElementById("outer")).open, true);
  assert.equal(/** @type {HTMLDetailsElement} */ (doc.getElementById("inner")).open, true);
  assert.equal(pressed, 1);
});

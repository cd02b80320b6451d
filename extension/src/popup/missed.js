/**
 * The popup's "Caveat missed a claim here": the reader selects the sentence on the page, presses
 * the button, sees the text that would be sent, and sends it as a missed_claim report. Shown only
 * when the server takes feedback.
 */
import { reportForm } from "../feedback/form.js";
import { quoteOf } from "../feedback/report.js";
import { MSG } from "../shared/messages.js";

export const SELECT_FIRST = "Select the sentence Caveat missed on the page, then press this button again.";
export const NOT_RUNNING = "Caveat is not running on this page yet: press \u201cCheck this page\u201d first.";

/**
 * @param {Document} doc
 * @param {HTMLElement} section  holds a .missed-start button, a .missed-quote and a .missed-status
 * @param {number | undefined} tabId
 */
export async function setUpMissedClaim(doc, section, tabId) {
  const answer = await chrome.runtime.sendMessage({ type: MSG.features }).catch(() => null);
  if (tabId === undefined || !answer?.features?.includes("feedback")) return;
  section.hidden = false;
  const start = /** @type {HTMLButtonElement} */ (section.querySelector(".missed-start"));
  const quote = /** @type {HTMLElement} */ (section.querySelector(".missed-quote"));
  const status = /** @type {HTMLElement} */ (section.querySelector(".missed-status"));
  start.addEventListener("click", async () => {
    section.querySelector("form")?.remove();
    const selection = await chrome.tabs.sendMessage(tabId, { type: MSG.selection }).catch(() => null);
    const text = quoteOf(selection?.text ?? "");
    quote.textContent = text;
    quote.hidden = !text;
    status.textContent = selection ? (text ? "" : SELECT_FIRST) : NOT_RUNNING;
    if (!text) return;
    const send = async (/** @type {string} */ comment) => {
      const sent = await chrome.tabs.sendMessage(tabId, { type: MSG.reportMissed, quote: text, comment });
      if (sent?.error) throw new Error(sent.error);
    };
    section.append(reportForm(doc, { id: "missed", send }));
  });
}

/**
 * The privacy gate: whether this page's content may be sent to the server at all.
 *
 * Pure functions of the page's URL, the reader's settings and the page's own text, so every rule
 * is unit-tested. The content script asks before it sends; the background checks the private
 * window rule again before any request leaves the browser.
 */

/**
 * @typedef {object} GateInput
 * @property {string} url
 * @property {"auto" | "click"} mode
 * @property {string[]} disabledSites   host names the reader turned off
 * @property {boolean} incognito        the page is in a private window
 * @property {boolean} allowPrivate     the reader allowed checking in private windows
 * @property {boolean} force            the reader asked for this page ("check this page")
 * @property {() => boolean} hasTopicTerm  looked up last, only when the other rules pass
 *
 * @typedef {"ok" | "not-web-page" | "private-window" | "site-off" | "click-mode" | "no-topic-terms"} GateReason
 */

/** @type {Record<GateReason, string>} */
export const REASONS = {
  ok: "Checked: the page mentions a topic Caveat covers.",
  "not-web-page": "Not checked: only http and https pages are checked.",
  "private-window": "Not checked: private windows are off (see Options).",
  "site-off": "Not checked: Caveat is off for this site.",
  "click-mode": "Not checked yet: Caveat checks pages only when you ask.",
  "no-topic-terms": "Nothing sent: the page does not mention a topic Caveat covers.",
};

/**
 * @param {string} url
 * @returns {boolean}
 */
export function isWebPage(url) {
  try {
    const { protocol } = new URL(url);
    return protocol === "http:" || protocol === "https:";
  } catch {
    return false;
  }
}

/**
 * The site a per-site switch applies to: the host name, without a leading "www.".
 * @param {string} url
 * @returns {string}
 */
export function siteOf(url) {
  try {
    return new URL(url).hostname.replace(/^www\./, "");
  } catch {
    return "";
  }
}

const WORD_CHAR = /[\p{L}\p{N}_]/u;

/**
 * The first topic term that occurs in `text` as a whole word (case-insensitive), or null.
 * @param {string} text
 * @param {string[]} terms
 * @returns {string | null}
 */
export function findTopicTerm(text, terms) {
  const haystack = text.toLowerCase();
  for (const term of terms) {
    const needle = term.trim().toLowerCase();
    if (!needle) continue;
    for (let i = haystack.indexOf(needle); i >= 0; i = haystack.indexOf(needle, i + 1)) {
      const before = haystack[i - 1] ?? " ";
      const after = haystack[i + needle.length] ?? " ";
      if (!WORD_CHAR.test(before) && !WORD_CHAR.test(after)) return term;
    }
  }
  return null;
}

/**
 * Decide whether to send the page.
 * @param {GateInput} input
 * @returns {GateReason}
 */
export function decide(input) {
  if (!isWebPage(input.url)) return "not-web-page";
  if (input.incognito && !input.allowPrivate) return "private-window";
  // Asking for a page is consent for that page; the switches below govern automatic checks.
  if (input.force) return "ok";
  if (input.disabledSites.includes(siteOf(input.url))) return "site-off";
  if (input.mode !== "auto") return "click-mode";
  return input.hasTopicTerm() ? "ok" : "no-topic-terms";
}

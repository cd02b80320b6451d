/**
 * Message types between the content script, the background and the popup. One place, so a typo
 * is an import error rather than a silently unanswered message.
 */
export const MSG = Object.freeze({
  /** content -> background: the topic terms, cached. */
  topics: "caveat:topics",
  /** content -> background: analyze this page. */
  analyze: "caveat:analyze",
  /** content -> background: what the page now shows, for the badge. */
  report: "caveat:report",
  /** anyone -> content: {highlights, anchored, unanchored, checked}. */
  status: "caveat:status",
  /** popup -> content: the status plus the flagged sentences and what was sent. */
  details: "caveat:details",
  /** popup/background -> content: check now, as the reader asked. */
  check: "caveat:check",
  /** popup -> content: scroll to a highlight and flash it. */
  reveal: "caveat:reveal",
  /** popup -> background: check the active tab, injecting the content script if needed. */
  checkTab: "caveat:check-tab",
  /** popup/options -> background: is the server reachable. */
  health: "caveat:health",
  /** content/popup -> background: the optional endpoints the server offers, e.g. ["feedback"]. */
  features: "caveat:features",
  /** content -> background: send a reader's report to POST /api/v1/feedback. */
  feedback: "caveat:feedback",
  /** popup -> content: the text the reader has selected on the page. */
  selection: "caveat:selection",
  /** popup -> content: report the selected text as a claim Caveat missed. */
  reportMissed: "caveat:report-missed",
});

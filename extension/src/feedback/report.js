/**
 * A reader's report as POST /api/v1/feedback takes it, built from what the reader chose to send:
 * the page's address, the sentence, the claim and their comment, cut to the server's limits so
 * that a long selection is still sent rather than refused.
 */

export const KINDS = Object.freeze(["false_positive", "missed_claim", "other"]);
export const MAX_URL = 2048;
export const MAX_QUOTE = 1000;
export const MAX_COMMENT = 2000;

/**
 * @typedef {"false_positive" | "missed_claim" | "other"} Kind
 * @typedef {{url: string, kind: Kind, quote: string, comment: string, claim_id?: string}} FeedbackReport
 */

/**
 * The text a reader selected or a highlight covers, on one line and within the quote limit.
 * @param {string} text
 * @returns {string}
 */
export function quoteOf(text) {
  return String(text ?? "").replace(/\s+/g, " ").trim().slice(0, MAX_QUOTE);
}

/**
 * @param {{url: string, kind: Kind, quote?: string, comment?: string, claimId?: string}} parts
 * @returns {FeedbackReport}
 */
export function buildReport({ url, kind, quote = "", comment = "", claimId }) {
  if (!KINDS.includes(kind)) throw new Error(`Unknown report kind: ${kind}`);
  if (url.length > MAX_URL) throw new Error("The page's address is too long to report.");
  /** @type {FeedbackReport} */
  const report = { url, kind, quote: quoteOf(quote), comment: String(comment).trim().slice(0, MAX_COMMENT) };
  // a missed claim has no claim id: it is the claim Caveat does not know
  if (claimId && kind !== "missed_claim") report.claim_id = claimId;
  return report;
}

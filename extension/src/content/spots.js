/**
 * Turn the server's highlights into spots on the page: each located sentence once, with every
 * claim it makes, and a count of the quotes that could not be placed.
 */
import { locateQuote } from "../anchoring/text-quote.js";
import { rangeFromOffsets } from "../anchoring/text-position.js";
import { severityOf, severityRank } from "../shared/severity.js";

/**
 * @typedef {import("../ui/card.js").Claim} Claim
 * @typedef {import("./view.js").Spot} Spot
 * @typedef {{claim_id: string, verdict: string, label: string, severity: string, summary: string,
 *   quote: import("../anchoring/types.js").TextQuoteSelector}} ServerHighlight
 * @typedef {{highlights?: ServerHighlight[], claims?: Record<string, Claim>}} Analysis
 * @typedef {{claimId: string, label: string, verdict: string, severity: string, exact: string, spot: number}} Item
 *   One highlight as the popup lists it; spot is -1 when it was not located.
 */

/**
 * The claim a highlight refers to; the highlight's own fields stand in if the server left it out.
 * @param {ServerHighlight} h
 * @param {Record<string, Claim>} claims
 * @returns {Claim}
 */
function claimOf(h, claims) {
  return (
    claims[h.claim_id] ?? {
      id: h.claim_id,
      claim: "",
      verdict: String(h.verdict ?? ""),
      label: String(h.label ?? "Flagged"),
      severity: severityOf(h.severity),
      summary: String(h.summary ?? ""),
      explanation: "",
      sources: [],
    }
  );
}

/**
 * @param {Document} doc
 * @param {import("../anchoring/types.js").TextIndex} index
 * @param {Analysis} analysis
 * @returns {{spots: Spot[], items: Item[]}}
 */
export function buildSpots(doc, index, analysis) {
  const claims = analysis.claims ?? {};
  /** @type {Map<string, number>} */
  const byOffsets = new Map();
  /** @type {Array<Spot & {start: number}>} */
  const found = [];
  /** @type {Item[]} */
  const items = [];

  for (const h of analysis.highlights ?? []) {
    const exact = typeof h?.quote?.exact === "string" ? h.quote.exact : "";
    const where = exact ? locateQuote(index, h.quote) : null;
    const claim = claimOf(h, claims);
    let spot = -1;
    if (where) {
      const key = `${where.start}:${where.end}`;
      spot = byOffsets.get(key) ?? -1;
      if (spot < 0) {
        spot = found.length;
        byOffsets.set(key, spot);
        const range = rangeFromOffsets(doc, index.collected.nodes, where.start, where.end);
        found.push({ range, severity: severityOf(claim.severity), claims: [], start: where.start });
      }
      const target = found[spot];
      if (!target.claims.some((c) => c.id === claim.id)) target.claims.push(claim);
      if (severityRank(claim.severity) > severityRank(target.severity)) target.severity = severityOf(claim.severity);
    }
    items.push({ claimId: h.claim_id, label: claim.label, verdict: claim.verdict, severity: claim.severity, exact, spot });
  }

  // Document order, so markers and the keyboard move through the page from top to bottom.
  const order = found.map((_, i) => i).sort((a, b) => found[a].start - found[b].start);
  const renumber = new Map(order.map((old, i) => [old, i]));
  return {
    spots: order.map((i) => ({ range: found[i].range, severity: found[i].severity, claims: found[i].claims })),
    items: items.map((item) => ({ ...item, spot: item.spot < 0 ? -1 : /** @type {number} */ (renumber.get(item.spot)) })),
  };
}

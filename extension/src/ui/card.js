/**
 * The warning card: what Caveat knows about the claim(s) in one highlighted sentence.
 *
 * Everything from the server is inserted with textContent, never as HTML, and only http(s)
 * source links become links.
 */
import { reportForm } from "../feedback/form.js";
import { isWebPage } from "../gate/privacy.js";

/**
 * @typedef {{title?: string, publisher?: string, year?: number | string, url?: string}} Source
 * @typedef {object} Claim
 * @property {string} id
 * @property {string} claim
 * @property {string} verdict
 * @property {string} label
 * @property {"high" | "medium" | "low"} severity
 * @property {string} summary
 * @property {string} explanation
 * @property {string} [disclaimer]
 * @property {Source[]} sources
 *
 * @typedef {object} CardOptions
 * @property {string} id                unique id prefix for aria references
 * @property {() => void} onClose
 * @property {((claim: Claim, comment: string) => Promise<unknown>) | undefined} onReport  set once
 *   the server offers a feedback endpoint; until then the "Report a problem" button stays hidden.
 *   It sends a false_positive report for this highlight, with the reader's optional comment.
 */

export const NOT_ADVICE = "Caveat is information, not medical advice.";

/**
 * @param {Document} doc
 * @param {string} tag
 * @param {string} [className]
 * @param {string} [text]
 * @returns {HTMLElement}
 */
function el(doc, tag, className, text) {
  const node = doc.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

/**
 * @param {Document} doc
 * @param {Source} source
 * @returns {HTMLElement}
 */
function sourceItem(doc, source) {
  const li = el(doc, "li");
  const title = String(source.title ?? source.url ?? "Source");
  if (source.url && isWebPage(source.url)) {
    const a = /** @type {HTMLAnchorElement} */ (el(doc, "a", undefined, title));
    a.href = source.url;
    a.target = "_blank";
    a.rel = "noopener noreferrer";
    li.append(a);
  } else {
    li.append(el(doc, "span", undefined, title));
  }
  const meta = [source.publisher, source.year].filter((x) => x !== undefined && x !== "").join(", ");
  if (meta) li.append(el(doc, "span", "meta", ` — ${meta}`));
  return li;
}

/**
 * One claim's section of the card.
 * @param {Document} doc
 * @param {Claim} claim
 * @param {string} headingId
 * @param {CardOptions} options
 */
function claimSection(doc, claim, headingId, options) {
  const section = el(doc, "section", "claim");
  const top = el(doc, "div", "top");
  top.append(el(doc, "span", `verdict sev-${claim.severity}`, claim.label));
  section.append(top);
  const summary = el(doc, "h2", "summary", claim.summary);
  summary.id = headingId;
  section.append(summary);
  section.append(el(doc, "p", "claimed", `Claim: ${claim.claim}`));
  if (claim.explanation) {
    section.append(el(doc, "h3", undefined, "Why"), el(doc, "p", "why", claim.explanation));
  }
  if (claim.sources?.length) {
    const list = el(doc, "ol", "sources");
    list.append(...claim.sources.map((s) => sourceItem(doc, s)));
    section.append(el(doc, "h3", undefined, "Sources"), list);
  }
  const report = /** @type {HTMLButtonElement} */ (el(doc, "button", "report", "Report a problem"));
  report.type = "button";
  report.hidden = !options.onReport;
  report.setAttribute("aria-expanded", "false");
  report.addEventListener("click", () => {
    const onReport = options.onReport;
    if (!onReport || report.getAttribute("aria-expanded") === "true") return;
    report.setAttribute("aria-expanded", "true");
    report.after(reportForm(doc, { id: `${headingId}-report`, send: (comment) => onReport(claim, comment) }));
  });
  section.append(report);
  return section;
}

/**
 * Build the card for the claims of one highlighted sentence.
 * @param {Document} doc
 * @param {Claim[]} claims
 * @param {CardOptions} options
 * @returns {HTMLElement}
 */
export function renderCard(doc, claims, options) {
  const card = el(doc, "div", "card");
  card.setAttribute("role", "dialog");
  card.setAttribute("aria-modal", "false");
  card.tabIndex = -1;
  const headingIds = claims.map((_, i) => `${options.id}-title-${i}`);
  card.setAttribute("aria-labelledby", headingIds[0] ?? "");

  const bar = el(doc, "div", "bar");
  bar.append(el(doc, "span", "brand", "Caveat"));
  const close = /** @type {HTMLButtonElement} */ (el(doc, "button", "close", "×"));
  close.type = "button";
  close.setAttribute("aria-label", "Close");
  close.addEventListener("click", () => options.onClose());
  bar.append(close);
  card.append(bar);

  claims.forEach((claim, i) => card.append(claimSection(doc, claim, headingIds[i], options)));
  card.append(el(doc, "p", "advice", adviceLine(claims)));
  return card;
}

/**
 * The closing line: the claims' disclaimers, once each, always saying it is not medical advice.
 * @param {Claim[]} claims
 * @returns {string}
 */
export function adviceLine(claims) {
  const disclaimers = [...new Set(claims.map((c) => (c.disclaimer ?? "").trim()).filter(Boolean))];
  if (!disclaimers.some((d) => d.includes(NOT_ADVICE))) disclaimers.unshift(NOT_ADVICE);
  return disclaimers.join(" ");
}

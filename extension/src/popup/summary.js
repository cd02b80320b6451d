/**
 * What the popup lists, from the content script's items: pure, so it is unit-tested.
 */

import { severityRank } from "../shared/severity.js";

/** @typedef {import("../content/spots.js").Item} Item */

/**
 * Count highlights by verdict label, the most severe first.
 * @param {Item[]} items
 * @returns {Array<{label: string, severity: string, count: number}>}
 */
export function verdictCounts(items) {
  /** @type {Map<string, {label: string, severity: string, count: number}>} */
  const counts = new Map();
  for (const item of items) {
    const entry = counts.get(item.label) ?? { label: item.label, severity: item.severity, count: 0 };
    entry.count += 1;
    counts.set(item.label, entry);
  }
  return [...counts.values()].sort((a, b) => severityRank(b.severity) - severityRank(a.severity) || b.count - a.count);
}

/**
 * One entry per flagged sentence (a sentence may make several claims), in page order; quotes
 * that were not located come last.
 * @param {Item[]} items
 * @returns {Array<{spot: number, exact: string, labels: string[], severity: string}>}
 */
export function groupBySpot(items) {
  /** @type {Map<string, {spot: number, exact: string, labels: string[], severity: string}>} */
  const groups = new Map();
  for (const item of items) {
    const key = item.spot >= 0 ? `spot:${item.spot}` : `missing:${item.exact}`;
    const group = groups.get(key) ?? { spot: item.spot, exact: item.exact, labels: [], severity: item.severity };
    if (!group.labels.includes(item.label)) group.labels.push(item.label);
    if (severityRank(item.severity) > severityRank(group.severity)) group.severity = item.severity;
    groups.set(key, group);
  }
  const order = (/** @type {number} */ spot) => (spot < 0 ? Number.MAX_SAFE_INTEGER : spot);
  return [...groups.values()].sort((a, b) => order(a.spot) - order(b.spot));
}

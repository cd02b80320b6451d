/**
 * Severity as the server reports it ("high" | "medium" | "low"), made safe and comparable.
 */

/** @typedef {"high" | "medium" | "low"} Severity */

const RANK = { low: 1, medium: 2, high: 3 };

/**
 * Anything unknown counts as low: an odd value must not paint as the most alarming colour.
 * @param {unknown} value
 * @returns {Severity}
 */
export function severityOf(value) {
  return value === "high" || value === "medium" ? value : "low";
}

/**
 * @param {unknown} value
 * @returns {number} higher is more severe
 */
export function severityRank(value) {
  return RANK[severityOf(value)];
}

import assert from "node:assert/strict";
import { test } from "node:test";

import { indexText } from "../src/anchoring/text-quote.js";
import { buildSpots } from "../src/content/spots.js";
import { groupBySpot, verdictCounts } from "../src/popup/summary.js";
import { documentWith } from "./helpers.js";

/** @param {string} claimId @param {string} exact @param {string} severity @param {string} label */
const hl = (claimId, exact, severity = "high", label = "False") => ({
  claim_id: claimId, verdict: label.toLowerCase(), label, severity, summary: `${claimId} summary`,
  quote: { exact, prefix: "", suffix: "" },
});

const analysis = {
  highlights: [
    hl("b", "Second sentence here.", "medium", "Misleading"),
    hl("a", "First sentence here.", "low", "Unproven"),
    hl("c", "First sentence here.", "high", "False"),
    hl("d", "A sentence the page never had."),
    /** @type {any} */ ({ claim_id: "e", quote: null }),
  ],
  claims: {},
};

test("spots merge claims of one sentence, keep page order and count what was not located", () => {
  const doc = documentWith("<p>First sentence here.</p><p>Second sentence here.</p>");
  const { spots, items } = buildSpots(doc, indexText(doc.body), analysis);
  assert.equal(spots.length, 2);
  assert.equal(spots[0].range.toString(), "First sentence here.");
  assert.deepEqual(spots[0].claims.map((c) => c.id), ["a", "c"]);
  assert.equal(spots[0].severity, "high");
  assert.equal(spots[1].severity, "medium");
  assert.deepEqual(items.map((i) => i.spot), [1, 0, 0, -1, -1]);

  assert.deepEqual(verdictCounts(items).map((c) => `${c.count} ${c.label}`), ["2 False", "1 Misleading", "1 Unproven", "1 Flagged"]);
  const groups = groupBySpot(items);
  assert.deepEqual(groups.map((g) => g.spot), [0, 1, -1, -1]);
  assert.deepEqual(groups[0].labels, ["Unproven", "False"]);
});

import assert from "node:assert/strict";
import { afterEach, test } from "node:test";

import { fetchFeatures, sendFeedback } from "../src/background/api.js";
import { MAX_COMMENT, MAX_QUOTE, buildReport, quoteOf } from "../src/feedback/report.js";

const realFetch = globalThis.fetch;
afterEach(() => {
  globalThis.fetch = realFetch;
});

test("a false positive carries the claim; a missed claim never does", () => {
  assert.deepEqual(
    buildReport({ url: "https://a.org/", kind: "false_positive", claimId: "c1", quote: " Kratom\n is  safe. ", comment: " no " }),
    { url: "https://a.org/", kind: "false_positive", quote: "Kratom is safe.", comment: "no", claim_id: "c1" },
  );
  assert.equal("claim_id" in buildReport({ url: "https://a.org/", kind: "missed_claim", claimId: "c1", quote: "x" }), false);
});

test("quotes and comments are cut to the server's limits; unknown kinds are refused", () => {
  const report = buildReport({ url: "https://a.org/", kind: "other", quote: "q".repeat(5000), comment: "c".repeat(5000) });
  assert.equal(report.quote.length, MAX_QUOTE);
  assert.equal(report.comment.length, MAX_COMMENT);
  assert.equal(quoteOf("  a\t b  "), "a b");
  assert.throws(() => buildReport({ url: "https://a.org/", kind: /** @type {any} */ ("spam") }), /Unknown report kind/);
});

test("features come from /healthz; reports go to /api/v1/feedback with the token", async () => {
  /** @type {Array<{url: string, init: RequestInit}>} */
  const calls = [];
  const bodies = [{ status: "ok", features: ["feedback", 7] }, { id: 3, created_at: "2026-01-01T00:00:00Z" }];
  globalThis.fetch = /** @type {any} */ (
    async (/** @type {string} */ url, /** @type {RequestInit} */ init) => {
      calls.push({ url, init });
      return new Response(JSON.stringify(bodies.shift()), { status: 200 });
    }
  );
  const settings = { server: "https://caveat.example.org", token: "secret-token" };
  assert.deepEqual(await fetchFeatures(settings), ["feedback"]);
  const report = buildReport({ url: "https://a.org/", kind: "missed_claim", quote: "Kratom cures all." });
  assert.deepEqual(await sendFeedback(settings, report), { id: 3, created_at: "2026-01-01T00:00:00Z" });
  assert.equal(calls[0].url, "https://caveat.example.org/healthz");
  assert.equal(calls[1].url, "https://caveat.example.org/api/v1/feedback");
  assert.equal(new Headers(calls[1].init.headers).get("Authorization"), "Bearer secret-token");
  assert.deepEqual(JSON.parse(String(calls[1].init.body)), report);
});

test("an older server without features offers none", async () => {
  globalThis.fetch = /** @type {any} */ (async () => new Response(JSON.stringify({ status: "ok" }), { status: 200 }));
  assert.deepEqual(await fetchFeatures({ server: "http://127.0.0.1:8765", token: "" }), []);
});

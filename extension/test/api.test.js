import assert from "node:assert/strict";
import { afterEach, test } from "node:test";

import { ApiError, analyzePage, fetchTopics } from "../src/background/api.js";

const realFetch = globalThis.fetch;
afterEach(() => {
  globalThis.fetch = realFetch;
});

/**
 * Replace fetch with one that records its calls and answers `status` with `body`.
 * @param {number} status
 * @param {unknown} body
 */
function answer(status, body) {
  /** @type {Array<{url: string, init: RequestInit}>} */
  const calls = [];
  globalThis.fetch = /** @type {any} */ (
    async (/** @type {string} */ url, /** @type {RequestInit} */ init) => {
      calls.push({ url, init });
      return new Response(typeof body === "string" ? body : JSON.stringify(body), { status });
    }
  );
  return calls;
}

test("pages go to the configured server only, with the token when one is set", async () => {
  const calls = answer(200, { highlights: [] });
  await analyzePage({ server: "https://caveat.example.org/", token: "secret-token" }, "https://a.org/", "<p>x</p>");
  assert.equal(calls.length, 1);
  assert.equal(calls[0].url, "https://caveat.example.org/api/v1/analyze");
  const headers = new Headers(calls[0].init.headers);
  assert.equal(headers.get("Authorization"), "Bearer secret-token");
  assert.equal(calls[0].init.credentials, "omit");
  assert.deepEqual(JSON.parse(String(calls[0].init.body)), { url: "https://a.org/", html: "<p>x</p>" });
});

test("no Authorization header without a token", async () => {
  const calls = answer(200, { terms: ["kratom", 3] });
  assert.deepEqual(await fetchTopics({ server: "http://127.0.0.1:8765", token: "" }), ["kratom"]);
  assert.equal(new Headers(calls[0].init.headers).has("Authorization"), false);
});

test("the server's error message is passed on", async () => {
  answer(401, { error: { code: "unauthorized", message: "This server requires a token." } });
  await assert.rejects(fetchTopics({ server: "http://127.0.0.1:8765", token: "" }), (err) => {
    assert.ok(err instanceof ApiError);
    assert.equal(err.code, "unauthorized");
    assert.equal(err.message, "This server requires a token.");
    return true;
  });
});

test("an answer that is not JSON, or no answer, gives a clear error", async () => {
  answer(200, "<html>proxy login</html>");
  await assert.rejects(fetchTopics({ server: "http://127.0.0.1:8765", token: "" }), /not JSON/);
  answer(502, "Bad gateway");
  await assert.rejects(fetchTopics({ server: "http://127.0.0.1:8765", token: "" }), /502/);
  globalThis.fetch = async () => {
    throw new TypeError("Failed to fetch");
  };
  await assert.rejects(fetchTopics({ server: "http://127.0.0.1:8765", token: "" }), /Cannot reach the Caveat server/);
});

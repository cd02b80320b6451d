import assert from "node:assert/strict";
import { test } from "node:test";

import { BoundedCache } from "../src/background/cache.js";
import { DEFAULTS, loadSettings, originPattern, serverBase } from "../src/shared/settings.js";

test("settings default to the local server, automatic mode and no private windows", async () => {
  const area = /** @type {any} */ ({ get: async () => ({ mode: "click" }) });
  const settings = await loadSettings(area);
  assert.equal(settings.server, "http://127.0.0.1:8765");
  assert.equal(settings.mode, "click");
  assert.equal(settings.allowPrivate, false);
  assert.equal(DEFAULTS.mode, "auto");
});

test("server URLs are checked and trimmed, and map to a host permission", () => {
  assert.equal(serverBase(" https://caveat.example.org/base/ "), "https://caveat.example.org/base");
  assert.equal(originPattern("http://127.0.0.1:8765"), "http://127.0.0.1/*");
  assert.throws(() => serverBase("ftp://x.org"), /http/);
  assert.throws(() => serverBase("not a url"));
});

test("the cache forgets the oldest entry past its limit, and stale entries", () => {
  let now = 0;
  const cache = new BoundedCache(2, 100, () => now);
  cache.set("a", 1);
  cache.set("b", 2);
  cache.get("a"); // a is now the most recent
  cache.set("c", 3);
  assert.equal(cache.get("b"), undefined);
  assert.equal(cache.get("a"), 1);
  now = 150;
  assert.equal(cache.get("c"), undefined);
});

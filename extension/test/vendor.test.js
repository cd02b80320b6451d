import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { test } from "node:test";

const read = (/** @type {string} */ path) => readFileSync(new URL(path, import.meta.url), "utf8");

test("the vendored approx-string-match equals the npm package it was copied from", () => {
  for (const file of ["index.js", "index.d.ts"]) {
    assert.equal(
      read(`../vendor/approx-string-match/${file}`),
      read(`../node_modules/approx-string-match/build/src/${file}`),
      file,
    );
  }
});

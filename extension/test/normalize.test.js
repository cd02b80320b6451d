import assert from "node:assert/strict";
import { test } from "node:test";

import { foldQuote, normalizeText } from "../src/anchoring/normalize.js";

test("whitespace runs collapse to one space and the ends are trimmed", () => {
  assert.equal(foldQuote("  Kratom \n\t is   safe. "), "kratom is safe.");
});

test("soft hyphens and zero-width characters vanish", () => {
  assert.equal(foldQuote("kra\u00adtom\u200b is"), "kratom is");
});

test("curly quotes, dashes and ligatures fold to plain forms", () => {
  assert.equal(foldQuote("\u201cIt\u2019s \ufb01ne\u201d \u2014 they said\u2026"), "\"it's fine\" - they said...");
});

test("every folded character maps back to the raw span it came from", () => {
  const raw = "A  b\u00adc\u2019d";
  const { text, starts, ends } = normalizeText(raw);
  assert.equal(text, "a bc'd");
  assert.deepEqual(Array.from(starts), [0, 1, 3, 5, 6, 7]);
  assert.deepEqual(Array.from(ends), [1, 1, 4, 6, 7, 8]);
});

test("a break between blocks reads as a space even with no whitespace there", () => {
  assert.equal(normalizeText("One.Two.", [4]).text, "one. two.");
  assert.equal(normalizeText("One. Two.", [4, 5]).text, "one. two.");
});

test("astral characters stay whole", () => {
  const { text, starts, ends } = normalizeText("a\u{1F600}b");
  assert.equal(text, "a\u{1F600}b");
  assert.equal(text.length, starts.length);
  assert.deepEqual(Array.from(starts), [0, 1, 1, 3]);
  assert.deepEqual(Array.from(ends), [1, 3, 3, 4]);
});

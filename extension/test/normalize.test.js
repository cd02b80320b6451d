import assert from "node:assert/strict";
import { test } from "node:test";

import { foldChar, foldQuote, normalizeText, rawEnd, rawStart } from "../src/anchoring/normalize.js";

/**
 * Every folded unit's raw span, read back from the map.
 * @param {string} raw
 * @param {Iterable<number>} [breaks]
 */
function foldWithSpans(raw, breaks) {
  const normalized = normalizeText(raw, breaks);
  const units = [...Array(normalized.text.length).keys()];
  return {
    text: normalized.text,
    starts: units.map((k) => rawStart(normalized, k)),
    ends: units.map((k) => rawEnd(normalized, k)),
  };
}

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
  const { text, starts, ends } = foldWithSpans(raw);
  assert.equal(text, "a bc'd");
  assert.deepEqual(starts, [0, 1, 3, 5, 6, 7]);
  assert.deepEqual(ends, [1, 1, 4, 6, 7, 8]);
});

test("a break between blocks reads as a space even with no whitespace there", () => {
  assert.equal(normalizeText("One.Two.", [4]).text, "one. two.");
  assert.equal(normalizeText("One. Two.", [4, 5]).text, "one. two.");
});

test("astral characters stay whole", () => {
  const { text, starts, ends } = foldWithSpans("a\u{1F600}b");
  assert.equal(text, "a\u{1F600}b");
  assert.equal(text.length, starts.length);
  assert.deepEqual(starts, [0, 1, 1, 3]);
  assert.deepEqual(ends, [1, 3, 3, 4]);
});

/**
 * The folding rule stated plainly, one code point at a time, to hold the fast path to.
 * @param {string} raw
 * @param {Iterable<number>} breaks
 */
function foldSlowly(raw, breaks) {
  const breakSet = new Set(breaks);
  let text = "";
  /** @type {number[]} */
  const starts = [];
  /** @type {number[]} */
  const ends = [];
  let pending = -1;
  for (let i = 0; i < raw.length; ) {
    if (breakSet.has(i) && pending < 0) pending = i;
    const ch = String.fromCodePoint(raw.codePointAt(i) ?? 0);
    const next = i + ch.length;
    if (/\s/.test(ch)) {
      if (pending < 0) pending = i;
    } else if (!/[\u00ad\u200b-\u200d\u2060\ufeff]/.test(ch)) {
      if (pending >= 0 && text.length > 0) {
        text += " ";
        starts.push(pending);
        ends.push(pending);
      }
      pending = -1;
      const folded = foldChar(ch);
      text += folded;
      for (let k = 0; k < folded.length; k++) {
        starts.push(i);
        ends.push(next);
      }
    }
    i = next;
  }
  return { text, starts, ends };
}

test("the fast path folds random text exactly as the plain rule does", () => {
  const mixed = [..."aZq. ,\t\n\r\u000b\u0007\u00a0\u00ad\u00e9\u00c9\u2019\u201c\u2014\ufb01\ufdfa\u2028\u3000\u0130"];
  mixed.push("\u{1F600}", "\ud800", "\udc00");
  // Mostly plain ASCII with single spaces, as pages are: long runs for the native path, cut by breaks.
  const plain = [..."abcXYZ.,;!~ ".repeat(4), " ", "\n", "\u00ad", "\u2019"];
  let seed = 12345;
  const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
  for (const alphabet of [mixed, plain]) {
    for (let round = 0; round < 500; round++) {
      const raw = Array.from({ length: Math.floor(random() * 60) }, () => alphabet[Math.floor(random() * alphabet.length)]).join("");
      const breaks = Array.from({ length: Math.floor(random() * 6) }, () => Math.floor(random() * (raw.length + 1)));
      const got = foldWithSpans(raw, breaks);
      const want = foldSlowly(raw, breaks);
      assert.equal(got.text, want.text, JSON.stringify({ raw, breaks }));
      assert.deepEqual(got.starts, want.starts, JSON.stringify({ raw, breaks }));
      assert.deepEqual(got.ends, want.ends, JSON.stringify({ raw, breaks }));
    }
  }
});

test("text that folds longer than it was still maps every unit back", () => {
  // U+FDFA folds to 18 units: far past the room first set aside for the output.
  const raw = "\ufdfa".repeat(40);
  const { text, starts, ends } = foldWithSpans(raw);
  assert.equal(text, "\ufdfa".normalize("NFKC").toLowerCase().repeat(40));
  assert.equal(starts.length, text.length);
  assert.equal(starts.at(-1), 39);
  assert.equal(ends.at(-1), 40);
});

test("breaks may come unsorted and as a set", () => {
  assert.equal(normalizeText("a.b.c", new Set([4, 2])).text, "a. b. c");
  assert.equal(normalizeText("a.b.c", [4, 2, 2]).text, "a. b. c");
});

test("lone surrogates read as U+FFFD in page and quote alike, and never pair up", () => {
  const { text, starts } = foldWithSpans("a\ud800\u00ad\udc00b");
  assert.equal(text, "a\ufffd\ufffdb");
  assert.deepEqual(starts, [0, 1, 3, 4]);
  assert.equal(foldQuote("\ud800"), "\ufffd");
});

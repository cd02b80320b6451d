/**
 * Folding of text so that the server's quote and the page's DOM text compare equal.
 *
 * The server quotes the text it extracted: whitespace collapsed, entities decoded, inline tags
 * gone. The DOM keeps raw whitespace, soft hyphens and typographic quotes, so both sides are
 * folded the same way before matching. Every folded character remembers the raw span it came
 * from, which turns a match in folded text back into DOM offsets.
 */

/** Characters a reader never sees: soft hyphen, zero-width space/joiners, word joiner, BOM. */
const INVISIBLE = /[\u00ad\u200b-\u200d\u2060\ufeff]/;
const SPACE = /\s/;

/** Typographic variants that writers and converters swap freely. */
/** @type {Map<string, string>} */
const FOLDS = new Map([
  ...[..."\u2018\u2019\u201a\u201b\u2032\u00b4`"].map((c) => /** @type {[string, string]} */ ([c, "'"])),
  ...[..."\u201c\u201d\u201e\u201f\u2033\u00ab\u00bb"].map((c) => /** @type {[string, string]} */ ([c, '"'])),
  ...[..."\u2010\u2011\u2012\u2013\u2014\u2015\u2212"].map((c) => /** @type {[string, string]} */ ([c, "-"])),
]);

/**
 * Fold one character (a whole code point) to its comparable form.
 * @param {string} ch
 * @returns {string}
 */
export function foldChar(ch) {
  if (ch.length === 1 && ch.charCodeAt(0) < 0x80) return ch.toLowerCase();
  const folded = FOLDS.get(ch);
  if (folded) return folded;
  // NFKC turns ligatures, full-width forms and the ellipsis into plain letters.
  return ch.normalize("NFKC").toLowerCase();
}

/**
 * Fold `raw` for matching and keep the map back to raw offsets.
 *
 * @param {string} raw
 * @param {Iterable<number>} [breaks] raw offsets that read as a space though no character is there
 *   (the boundary between two blocks, a <br>)
 * @returns {import("./types.js").NormalizedText}
 */
export function normalizeText(raw, breaks = []) {
  const breakSet = new Set(breaks);
  /** @type {string[]} */
  const out = [];
  let written = 0;
  /** @type {number[]} */
  const starts = [];
  /** @type {number[]} */
  const ends = [];
  let pendingSpace = -1; // raw offset of a whitespace run not yet written

  /** @param {string} chunk @param {number} start @param {number} end */
  const emit = (chunk, start, end) => {
    if (pendingSpace >= 0 && written > 0) {
      out.push(" ");
      starts.push(pendingSpace);
      ends.push(pendingSpace);
    }
    pendingSpace = -1;
    out.push(chunk);
    written += chunk.length;
    // One entry per UTF-16 unit: matching works on string indices, not code points.
    for (let k = 0; k < chunk.length; k++) {
      starts.push(start);
      ends.push(end);
    }
  };

  let i = 0;
  while (i < raw.length) {
    if (breakSet.has(i) && pendingSpace < 0) pendingSpace = i;
    const cp = raw.codePointAt(i) ?? 0;
    const ch = String.fromCodePoint(cp);
    const next = i + ch.length;
    if (SPACE.test(ch)) {
      if (pendingSpace < 0) pendingSpace = i;
    } else if (!INVISIBLE.test(ch)) {
      emit(foldChar(ch), i, next);
    }
    i = next;
  }
  return { text: out.join(""), starts: Int32Array.from(starts), ends: Int32Array.from(ends) };
}

/**
 * Fold a quote, prefix or suffix the same way as the page text, without offsets.
 * @param {string} text
 * @returns {string}
 */
export function foldQuote(text) {
  return normalizeText(text).text;
}

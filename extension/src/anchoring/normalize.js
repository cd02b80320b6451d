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
  // A lone surrogate is broken text, drawn as the replacement character; two of them must not
  // pair up once the text between them is folded away.
  if (ch.length === 1 && ch >= "\ud800" && ch <= "\udfff") return "\ufffd";
  const folded = FOLDS.get(ch);
  if (folded) return folded;
  // NFKC turns ligatures, full-width forms and the ellipsis into plain letters.
  return ch.normalize("NFKC").toLowerCase();
}

/**
 * Turns folded code units into a string in one native call. Little-endian matches the typed
 * arrays on every platform browsers run on; foldChar has already replaced lone surrogates, so
 * the decoder reads every unit as it is.
 */
const UTF16 = new TextDecoder("utf-16le", { ignoreBOM: true });

/**
 * A copy of `array` with room for `size` entries.
 * @template {Uint16Array | Int32Array} T
 * @param {T} array
 * @param {number} size
 * @returns {T}
 */
function enlarged(array, size) {
  const bigger = /** @type {T} */ (new /** @type {any} */ (array.constructor)(size));
  bigger.set(array);
  return bigger;
}

/**
 * Fold `raw` for matching and keep the map back to raw offsets.
 *
 * The folded code units and the raw span of each go into typed arrays, one slot per unit: a
 * page's text is a megabyte or more, and a string per character costs ten times as much. ASCII,
 * nearly all of most pages, is folded inline from its code with no call and no bounds check
 * (the arrays always have room for the rest of the text); anything else goes through foldChar a
 * whole code point at a time, and only there can the arrays need to grow.
 *
 * @param {string} raw
 * @param {Iterable<number>} [breaks] raw offsets that read as a space though no character is there
 *   (the boundary between two blocks, a <br>)
 * @returns {import("./types.js").NormalizedText}
 */
export function normalizeText(raw, breaks = []) {
  const breakAt = Int32Array.from(breaks).sort();
  // Each raw character or break writes at most one unit, bar the expansions of foldChar.
  let units = new Uint16Array(raw.length + breakAt.length + 1);
  let starts = new Int32Array(units.length);
  let ends = new Int32Array(units.length);
  let n = 0;
  let nextBreak = 0;
  let pendingSpace = -1; // raw offset of a whitespace run not yet written

  let i = 0;
  while (i < raw.length) {
    while (nextBreak < breakAt.length && breakAt[nextBreak] < i) nextBreak++;
    if (nextBreak < breakAt.length && breakAt[nextBreak] === i && pendingSpace < 0) pendingSpace = i;
    const code = raw.charCodeAt(i);
    let folded = "";
    let next = i + 1;
    if (code < 0x80) {
      if (code === 32 || (code >= 9 && code <= 13)) {
        if (pendingSpace < 0) pendingSpace = i;
        i++;
        continue;
      }
    } else {
      const ch = String.fromCodePoint(raw.codePointAt(i) ?? code);
      next = i + ch.length;
      if (SPACE.test(ch)) {
        if (pendingSpace < 0) pendingSpace = i;
        i = next;
        continue;
      }
      if (INVISIBLE.test(ch)) {
        i = next;
        continue;
      }
      folded = foldChar(ch);
      const needed = n + folded.length + 1 + (raw.length - next) + (breakAt.length - nextBreak);
      if (needed > units.length) {
        units = enlarged(units, needed * 2);
        starts = enlarged(starts, units.length);
        ends = enlarged(ends, units.length);
      }
    }
    // The pending space is written ahead of the next character, and only if text came before it.
    if (pendingSpace >= 0 && n > 0) {
      units[n] = 32;
      starts[n] = pendingSpace;
      ends[n] = pendingSpace;
      n++;
    }
    pendingSpace = -1;
    if (code < 0x80) {
      units[n] = code >= 65 && code <= 90 ? code + 32 : code;
      starts[n] = i;
      ends[n] = next;
      n++;
    } else {
      // One entry per UTF-16 unit: matching works on string indices, not code points.
      for (let k = 0; k < folded.length; k++) {
        units[n] = folded.charCodeAt(k);
        starts[n] = i;
        ends[n] = next;
        n++;
      }
    }
    i = next;
  }
  // Views, not copies: a copy would be another pass over megabytes, only to free the slots that
  // collapsed whitespace left unused.
  return { text: UTF16.decode(units.subarray(0, n)), starts: starts.subarray(0, n), ends: ends.subarray(0, n) };
}

/**
 * Fold a quote, prefix or suffix the same way as the page text, without offsets.
 * @param {string} text
 * @returns {string}
 */
export function foldQuote(text) {
  return normalizeText(text).text;
}

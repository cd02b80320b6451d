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
 * Folded code units with the raw span of each, in typed arrays that grow as needed. A page's
 * text is a megabyte or more, and one array slot per character beats a string per character.
 */
class FoldedBuilder {
  /** @param {number} capacity */
  constructor(capacity) {
    this.length = 0;
    this.units = new Uint16Array(capacity);
    this.starts = new Int32Array(capacity);
    this.ends = new Int32Array(capacity);
  }

  /** @param {number} unit @param {number} start @param {number} end */
  push(unit, start, end) {
    if (this.length === this.units.length) this.grow();
    this.units[this.length] = unit;
    this.starts[this.length] = start;
    this.ends[this.length] = end;
    this.length++;
  }

  grow() {
    const size = this.units.length * 2 + 16;
    this.units = enlarged(this.units, size);
    this.starts = enlarged(this.starts, size);
    this.ends = enlarged(this.ends, size);
  }

  /** @returns {import("./types.js").NormalizedText} */
  finish() {
    const n = this.length;
    // Views, not copies: a copy would be another pass over megabytes, only to free the slots
    // that collapsed whitespace left unused.
    const units = this.units.subarray(0, n);
    return { text: UTF16.decode(units), starts: this.starts.subarray(0, n), ends: this.ends.subarray(0, n) };
  }
}

/**
 * Fold `raw` for matching and keep the map back to raw offsets.
 *
 * ASCII, nearly all of most pages, is folded inline from its code; anything else goes through
 * foldChar a whole code point at a time.
 *
 * @param {string} raw
 * @param {Iterable<number>} [breaks] raw offsets that read as a space though no character is there
 *   (the boundary between two blocks, a <br>)
 * @returns {import("./types.js").NormalizedText}
 */
export function normalizeText(raw, breaks = []) {
  const breakAt = Int32Array.from(breaks).sort();
  const out = new FoldedBuilder(raw.length + breakAt.length);
  let nextBreak = 0;
  let pendingSpace = -1; // raw offset of a whitespace run not yet written

  /** Write the pending space, if any text came before it, ahead of the next folded character. */
  const flushSpace = () => {
    if (pendingSpace >= 0 && out.length > 0) out.push(32, pendingSpace, pendingSpace);
    pendingSpace = -1;
  };

  let i = 0;
  while (i < raw.length) {
    while (nextBreak < breakAt.length && breakAt[nextBreak] < i) nextBreak++;
    if (nextBreak < breakAt.length && breakAt[nextBreak] === i && pendingSpace < 0) pendingSpace = i;
    const code = raw.charCodeAt(i);
    if (code < 0x80) {
      if (code === 32 || (code >= 9 && code <= 13)) {
        if (pendingSpace < 0) pendingSpace = i;
      } else {
        flushSpace();
        out.push(code >= 65 && code <= 90 ? code + 32 : code, i, i + 1);
      }
      i++;
      continue;
    }
    const ch = String.fromCodePoint(raw.codePointAt(i) ?? code);
    const next = i + ch.length;
    if (SPACE.test(ch)) {
      if (pendingSpace < 0) pendingSpace = i;
    } else if (!INVISIBLE.test(ch)) {
      flushSpace();
      // One entry per UTF-16 unit: matching works on string indices, not code points.
      const folded = foldChar(ch);
      for (let k = 0; k < folded.length; k++) out.push(folded.charCodeAt(k), i, next);
    }
    i = next;
  }
  return out.finish();
}

/**
 * Fold a quote, prefix or suffix the same way as the page text, without offsets.
 * @param {string} text
 * @returns {string}
 */
export function foldQuote(text) {
  return normalizeText(text).text;
}

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

/** Printable ASCII with single spaces between: the bulk of a page, folded by one native call. */
const PLAIN_RUN = /[\x21-\x7e]+(?: [\x21-\x7e]+)*/y;
const WHITESPACE_RUN = /\s+/y;
/** Marks a segment whose units map one to one onto raw characters. */
const ONE_TO_ONE = -1;

/**
 * Fold `raw` for matching and keep the map back to raw offsets.
 *
 * The map is kept as segments, not a slot per character: a page's text is a megabyte or more,
 * and most of it is plain ASCII whose folded form is its lower case, one unit per character.
 * Such a run is found and folded by native calls and recorded as one one-to-one segment; only
 * other characters (whitespace runs, curly quotes, accents, breaks) cost a step of this loop and
 * a segment each. rawStart and rawEnd read the map back for the few offsets a match needs.
 *
 * @param {string} raw
 * @param {Iterable<number>} [breaks] raw offsets that read as a space though no character is there
 *   (the boundary between two blocks, a <br>)
 * @returns {import("./types.js").NormalizedText}
 */
export function normalizeText(raw, breaks = []) {
  const breakAt = Int32Array.from(breaks).sort();
  /** @type {string[]} */
  const parts = [];
  /** @type {number[]} */
  const at = [];
  /** @type {number[]} */
  const starts = [];
  /** @type {number[]} */
  const ends = [];
  let n = 0; // folded units written so far
  let nextBreak = 0; // the first break at or after i
  let pendingSpace = -1; // raw offset of a whitespace run not yet written
  /**
   * @param {string} folded
   * @param {number} start
   * @param {number} end raw end, or ONE_TO_ONE
   */
  const write = (folded, start, end) => {
    // The pending space is written ahead of the next character, and only if text came before it.
    if (pendingSpace >= 0 && n > 0) {
      at.push(n);
      starts.push(pendingSpace);
      ends.push(pendingSpace);
      parts.push(" ");
      n++;
    }
    pendingSpace = -1;
    at.push(n);
    starts.push(start);
    ends.push(end);
    parts.push(folded);
    n += folded.length;
  };

  let i = 0;
  while (i < raw.length) {
    while (nextBreak < breakAt.length && breakAt[nextBreak] < i) nextBreak++;
    if (nextBreak < breakAt.length && breakAt[nextBreak] === i && pendingSpace < 0) pendingSpace = i;
    const code = raw.charCodeAt(i);
    if (code > 0x20 && code < 0x7f) {
      PLAIN_RUN.lastIndex = i;
      let end = i + (PLAIN_RUN.exec(raw)?.[0].length ?? 1);
      let cut = nextBreak;
      while (cut < breakAt.length && breakAt[cut] <= i) cut++;
      if (cut < breakAt.length && breakAt[cut] < end) {
        end = breakAt[cut];
        if (raw.charCodeAt(end - 1) === 32) end--; // the space before a break is part of one gap
      }
      write(raw.slice(i, end).toLowerCase(), i, ONE_TO_ONE);
      i = end;
      continue;
    }
    const ch = String.fromCodePoint(raw.codePointAt(i) ?? code);
    if (SPACE.test(ch)) {
      if (pendingSpace < 0) pendingSpace = i;
      WHITESPACE_RUN.lastIndex = i;
      i += WHITESPACE_RUN.exec(raw)?.[0].length ?? 1;
      continue;
    }
    if (!INVISIBLE.test(ch)) write(foldChar(ch), i, i + ch.length);
    i += ch.length;
  }
  return { text: parts.join(""), at: Int32Array.from(at), starts: Int32Array.from(starts), ends: Int32Array.from(ends) };
}

/**
 * The segment that folded unit `k` is in.
 * @param {import("./types.js").NormalizedText} normalized
 * @param {number} k
 */
function segmentOf(normalized, k) {
  const { at } = normalized;
  let low = 0;
  let high = at.length - 1;
  while (low < high) {
    const mid = (low + high + 1) >> 1;
    if (at[mid] <= k) low = mid;
    else high = mid - 1;
  }
  return low;
}

/**
 * The raw offset that folded unit `k` came from.
 * @param {import("./types.js").NormalizedText} normalized
 * @param {number} k
 * @returns {number}
 */
export function rawStart(normalized, k) {
  const j = segmentOf(normalized, k);
  return normalized.starts[j] + (normalized.ends[j] === ONE_TO_ONE ? k - normalized.at[j] : 0);
}

/**
 * The raw offset just past the source of folded unit `k`. A collapsed gap's space has no
 * characters of its own: it ends where it starts.
 * @param {import("./types.js").NormalizedText} normalized
 * @param {number} k
 * @returns {number}
 */
export function rawEnd(normalized, k) {
  const j = segmentOf(normalized, k);
  if (normalized.ends[j] !== ONE_TO_ONE) return normalized.ends[j];
  const start = normalized.starts[j] + k - normalized.at[j];
  return normalized.text.charCodeAt(k) === 32 ? start : start + 1;
}

/**
 * Fold a quote, prefix or suffix the same way as the page text, without offsets.
 * @param {string} text
 * @returns {string}
 */
export function foldQuote(text) {
  return normalizeText(text).text;
}

/**
 * Find a quote in folded page text: exact first, then a bounded approximate search.
 *
 * Modelled on the Hypothesis client's match-quote: candidates are ranked by how well the quote,
 * and then the text before and after it, agree with the selector. The server's prefix and suffix
 * come from its own extracted text (blocks joined by newlines), so they are compared loosely and
 * only ever choose among candidates; they never reject an exact quote.
 */
import search from "../../vendor/approx-string-match/index.js";

/** Errors allowed in a fuzzy match, as a share of the quote's length. */
const MAX_ERROR_RATE = 0.2;
/** Exact occurrences ranked by context before settling; repeats past this are ignored. */
const MAX_OCCURRENCES = 200;
/** Cost cap (text chars × 32-char pattern words) for approximate search over the whole text. */
const FULL_SEARCH_BUDGET = 4_000_000;
/** Pieces of the quote whose exact hits choose the windows searched approximately. */
const SEED_PIECES = 8;
const WEIGHTS = { quote: 50, prefix: 20, suffix: 20 };

/**
 * How alike two short strings are, 0..1, tolerating an edit anywhere.
 * @param {string} pattern
 * @param {string} text
 * @returns {number}
 */
export function similarity(pattern, text) {
  if (pattern.length === 0) return 1;
  if (text.length === 0) return 0;
  if (text.includes(pattern)) return 1; // the common case, without the approximate search
  const matches = search(text, pattern, pattern.length);
  const errors = matches.length ? Math.min(...matches.map((/** @type {{errors: number}} */ m) => m.errors)) : pattern.length;
  return 1 - errors / pattern.length;
}

/**
 * The page's text either side of a candidate, each beside the part of the selector's context
 * it should contain: [[prefix part, text before], [suffix part, text after]].
 * @param {string} text
 * @param {number} start
 * @param {number} end
 * @param {string} prefix
 * @param {string} suffix
 * @returns {Array<[string, string]>}
 */
function contextPairs(text, start, end, prefix, suffix) {
  const before = text.slice(Math.max(0, start - prefix.length - 1), start).trim();
  const after = text.slice(end, end + suffix.length + 1).trim();
  const p = prefix.trim();
  const s = suffix.trim();
  // The server's context may end at a block the page shows elsewhere; compare the nearest part.
  return [
    [p.slice(-before.length || undefined), before],
    [s.slice(0, after.length), after],
  ];
}

/**
 * @param {string} text
 * @param {number} start
 * @param {number} end
 * @param {string} prefix
 * @param {string} suffix
 * @returns {number}
 */
function contextScore(text, start, end, prefix, suffix) {
  const [[p, before], [s, after]] = contextPairs(text, start, end, prefix, suffix);
  return WEIGHTS.prefix * similarity(p, before) + WEIGHTS.suffix * similarity(s, after);
}

/**
 * Whether the context agrees exactly, which is the best score contextScore can give.
 * @param {string} text
 * @param {number} start
 * @param {number} end
 * @param {string} prefix
 * @param {string} suffix
 * @returns {boolean}
 */
function contextAgrees(text, start, end, prefix, suffix) {
  return contextPairs(text, start, end, prefix, suffix).every(([want, got]) => got.includes(want));
}

/**
 * Where `quote` occurs exactly, first to last, lazily: a caller that finds what it wants early
 * spares the scan of the rest of the page.
 * @param {string} text
 * @param {string} quote
 * @returns {Generator<number>}
 */
function* exactOccurrences(text, quote) {
  let found = 0;
  for (let i = text.indexOf(quote); i >= 0 && found < MAX_OCCURRENCES; i = text.indexOf(quote, i + 1)) {
    found++;
    yield i;
  }
}

/**
 * Spans of `text` worth an approximate search: around exact hits of pieces of the quote.
 * @param {string} text
 * @param {string} quote
 * @param {number} slack
 * @returns {Array<[number, number]>}
 */
function seedWindows(text, quote, slack) {
  const size = Math.max(8, Math.floor(quote.length / SEED_PIECES));
  /** @type {Array<[number, number]>} */
  const windows = [];
  for (let offset = 0; offset + size <= quote.length; offset += size) {
    const piece = quote.slice(offset, offset + size);
    for (const hit of exactOccurrences(text, piece)) {
      const from = Math.max(0, hit - offset - slack);
      windows.push([from, Math.min(text.length, hit - offset + quote.length + slack)]);
    }
  }
  windows.sort((a, b) => a[0] - b[0]);
  /** @type {Array<[number, number]>} */
  const merged = [];
  for (const w of windows) {
    const last = merged.at(-1);
    if (last && w[0] <= last[1]) last[1] = Math.max(last[1], w[1]);
    else merged.push([...w]);
  }
  return merged;
}

/**
 * Approximate occurrences of the quote, searched only where it can plausibly be.
 * @param {string} text
 * @param {string} quote
 * @returns {Array<{start: number, end: number, errors: number}>}
 */
function fuzzyOccurrences(text, quote) {
  const maxErrors = Math.min(256, Math.floor(quote.length * MAX_ERROR_RATE));
  const words = Math.ceil(quote.length / 32);
  let windows = seedWindows(text, quote, maxErrors + 1);
  if (windows.length === 0 && text.length * words <= FULL_SEARCH_BUDGET) windows = [[0, text.length]];
  const budget = FULL_SEARCH_BUDGET / words;
  const found = [];
  let spent = 0;
  for (const [from, to] of windows) {
    spent += to - from;
    if (spent > budget) break; // a page of endless near-repeats: stop rather than hang
    for (const m of search(text.slice(from, to), quote, maxErrors)) {
      found.push({ start: m.start + from, end: m.end + from, errors: m.errors });
    }
  }
  return found;
}

/**
 * Locate `quote` in `text`. All strings must already be folded with the same normalizer.
 *
 * @param {string} text
 * @param {string} quote
 * @param {{prefix?: string, suffix?: string}} [context]
 * @returns {import("./types.js").QuoteMatch | null}
 */
export function matchQuote(text, quote, context = {}) {
  if (quote.length === 0) return null;
  const prefix = context.prefix ?? "";
  const suffix = context.suffix ?? "";
  const maxScore = WEIGHTS.quote + WEIGHTS.prefix + WEIGHTS.suffix;

  /** @type {number[]} */
  const exact = [];
  for (const i of exactOccurrences(text, quote)) {
    // Nothing outscores a copy whose context agrees exactly, and ties go to the first: stop here
    // rather than scan the rest of the page and score every other copy.
    if (contextAgrees(text, i, i + quote.length, prefix, suffix)) return { start: i, end: i + quote.length, score: 1 };
    exact.push(i);
  }
  const candidates = exact.length
    ? exact.map((start) => ({ start, end: start + quote.length, errors: 0 }))
    : fuzzyOccurrences(text, quote);

  /** @type {import("./types.js").QuoteMatch | null} */
  let best = null;
  for (const c of candidates) {
    const quoteScore = WEIGHTS.quote * (1 - c.errors / quote.length);
    const onlyOne = candidates.length === 1;
    const score = quoteScore + (onlyOne ? WEIGHTS.prefix + WEIGHTS.suffix : contextScore(text, c.start, c.end, prefix, suffix));
    if (!best || score > best.score) best = { start: c.start, end: c.end, score };
  }
  return best && { ...best, score: best.score / maxScore };
}

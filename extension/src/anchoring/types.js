/**
 * Shapes shared by the anchoring modules. Kept in one file so each module can name them
 * without importing code.
 *
 * @typedef {{exact: string, prefix?: string, suffix?: string}} TextQuoteSelector
 *   W3C Web Annotation TextQuoteSelector, as the server returns it.
 *
 * @typedef {{node: Text, start: number}} TextNodeEntry
 *   A text node and where its data starts in the collected text.
 *
 * @typedef {object} CollectedText
 * @property {string} text        The visible text nodes' data, concatenated.
 * @property {TextNodeEntry[]} nodes  In document order; `text` is their data joined.
 * @property {number[]} breaks    Offsets in `text` where a block or line break falls between nodes.
 *
 * @typedef {object} NormalizedText
 * @property {string} text        Folded text: whitespace collapsed, quotes and dashes unified, lower case.
 * @property {Int32Array} at      Segments of `text`, by the offset where each begins; read them
 *   with rawStart and rawEnd (normalize.js).
 * @property {Int32Array} starts  Each segment's raw offset.
 * @property {Int32Array} ends    Each segment's raw end, or -1 where its units map one to one onto
 *   raw characters (plain ASCII).
 *
 * @typedef {{start: number, end: number, score: number}} QuoteMatch
 *   Offsets in the text that was searched; score in 0..1, 1 for an exact match in its context.
 *
 * @typedef {{collected: CollectedText, normalized: NormalizedText}} TextIndex
 */
export {};

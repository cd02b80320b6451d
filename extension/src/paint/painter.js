/**
 * Choose how to paint highlights: the Custom Highlight API where the browser has it, marks
 * otherwise.
 */
import { highlightApiPainter, supportsHighlightApi } from "./highlight-api.js";
import { wrapPainter } from "./wrap.js";

/**
 * @typedef {"high" | "medium" | "low"} Severity
 * @typedef {{range: Range, severity: Severity}} PaintItem
 * @typedef {object} Painter
 * @property {"highlight-api" | "wrap"} kind
 * @property {(items: PaintItem[]) => Range[]} paint  replaces what was painted; returns live ranges
 *   in the same order, to position markers and find the highlight under the pointer
 * @property {(range: Range) => () => void} flash     emphasise one range; returns the undo
 * @property {() => void} clear                       remove every trace from the page
 */

/**
 * @param {Window & typeof globalThis} win
 * @param {{forceWrap?: boolean}} [options] forceWrap exercises the fallback in browsers that
 *   would not need it (the end-to-end tests set it)
 * @returns {Painter}
 */
export function createPainter(win, options = {}) {
  return supportsHighlightApi(win) && !options.forceWrap ? highlightApiPainter(win) : wrapPainter(win.document);
}

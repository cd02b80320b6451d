/**
 * The fallback painter for browsers without the Custom Highlight API: each highlighted stretch
 * of a text node is wrapped in a <mark>. Clearing unwraps every mark and joins the split text
 * nodes again, so the page's DOM ends as it began.
 */

/** @typedef {import("./painter.js").Painter} Painter */

export const MARK_ATTRIBUTE = "data-caveat-mark";

/**
 * Text nodes inside `range`, split so that each lies wholly inside it.
 * @param {Range} range
 * @returns {Text[]}
 */
function textNodesIn(range) {
  const doc = /** @type {Document} */ (range.startContainer.ownerDocument);
  let { startContainer: start, startOffset, endContainer: end, endOffset } = range;
  if (start.nodeType === 3 && startOffset > 0) {
    const tail = /** @type {Text} */ (start).splitText(startOffset);
    if (end === start) {
      end = tail;
      endOffset -= startOffset;
    }
    start = tail;
    startOffset = 0;
  }
  if (end.nodeType === 3 && endOffset < /** @type {Text} */ (end).data.length) {
    /** @type {Text} */ (end).splitText(endOffset);
  }
  const root = range.commonAncestorContainer.nodeType === 3 ? range.commonAncestorContainer.parentNode : range.commonAncestorContainer;
  const walker = doc.createTreeWalker(/** @type {Node} */ (root), 4 /* NodeFilter.SHOW_TEXT */);
  /** @type {Text[]} */
  const found = [];
  const bounds = doc.createRange();
  bounds.setStart(start, startOffset);
  bounds.setEnd(end, end.nodeType === 3 ? /** @type {Text} */ (end).data.length : endOffset);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    if (bounds.intersectsNode(node) && /** @type {Text} */ (node).data.trim() !== "") found.push(/** @type {Text} */ (node));
  }
  return found;
}

/**
 * @param {Document} doc
 * @returns {Painter}
 */
export function wrapPainter(doc) {
  /** @type {HTMLElement[]} */
  let marks = [];

  return {
    kind: "wrap",
    paint(items) {
      this.clear();
      // Wrap from the last range to the first: splitting a node never moves an earlier range.
      const order = items.map((_, i) => i).sort((a, b) => items[b].range.compareBoundaryPoints(0, items[a].range));
      /** @type {Range[]} */
      const painted = new Array(items.length);
      for (const i of order) {
        const { range, severity } = items[i];
        const own = textNodesIn(range).map((text) => {
          const mark = doc.createElement("mark");
          mark.setAttribute(MARK_ATTRIBUTE, severity);
          text.replaceWith(mark);
          mark.append(text);
          return mark;
        });
        marks.push(...own);
        const live = doc.createRange();
        if (own.length) {
          live.setStartBefore(own[0]);
          live.setEndAfter(/** @type {HTMLElement} */ (own.at(-1)));
        }
        painted[i] = live;
      }
      return painted;
    },
    flash(range) {
      const lit = marks.filter((m) => range.intersectsNode(m));
      for (const m of lit) m.setAttribute("data-caveat-flash", "");
      return () => lit.forEach((m) => m.removeAttribute("data-caveat-flash"));
    },
    clear() {
      const parents = new Set();
      for (const mark of marks) {
        const parent = mark.parentNode;
        if (!parent) continue;
        mark.replaceWith(...mark.childNodes);
        parents.add(parent);
      }
      for (const parent of parents) parent.normalize();
      marks = [];
    },
  };
}

/**
 * Conversions between offsets in collected text and DOM positions.
 */

/**
 * Index of the node holding `offset`. At a boundary between two nodes the later one wins when
 * `preferNext`, which keeps a range from starting at the very end of the previous node.
 * @param {import("./types.js").TextNodeEntry[]} nodes
 * @param {number} offset
 * @param {boolean} preferNext
 * @returns {number}
 */
function nodeIndexAt(nodes, offset, preferNext) {
  let lo = 0;
  let hi = nodes.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    const start = nodes[mid].start;
    if (start < offset || (preferNext && start === offset)) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/**
 * A DOM position for an offset in the collected text.
 * @param {import("./types.js").TextNodeEntry[]} nodes
 * @param {number} offset
 * @param {boolean} preferNext
 * @returns {{node: Text, offset: number}}
 */
export function positionAt(nodes, offset, preferNext) {
  const entry = nodes[nodeIndexAt(nodes, offset, preferNext)];
  return { node: entry.node, offset: Math.min(offset - entry.start, entry.node.data.length) };
}

/**
 * A Range over [start, end) of the collected text.
 * @param {Document} doc
 * @param {import("./types.js").TextNodeEntry[]} nodes
 * @param {number} start
 * @param {number} end
 * @returns {Range}
 */
export function rangeFromOffsets(doc, nodes, start, end) {
  if (nodes.length === 0 || start > end) throw new RangeError(`no text at ${start}..${end}`);
  const from = positionAt(nodes, start, true);
  const to = positionAt(nodes, end, false);
  const range = doc.createRange();
  range.setStart(from.node, from.offset);
  range.setEnd(to.node, to.offset);
  return range;
}

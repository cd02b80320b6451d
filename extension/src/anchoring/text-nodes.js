/**
 * The text a reader sees, as text nodes with offsets: the ground that quotes are anchored on.
 *
 * Walks with a TreeWalker rather than reading innerText so every character keeps its node, and
 * prunes subtrees that are never rendered as text. Block boundaries are recorded as breaks:
 * the server separates blocks with a newline where the DOM may have no whitespace at all.
 */

/** Elements whose text is not page text. */
const SKIPPED = new Set(["SCRIPT", "STYLE", "NOSCRIPT", "TEMPLATE", "TEXTAREA", "SELECT", "IFRAME", "OBJECT", "HEAD"]);

/** Elements that start a new line of text wherever they appear. */
const BLOCKS = new Set([
  "ADDRESS", "ARTICLE", "ASIDE", "BLOCKQUOTE", "BODY", "CAPTION", "DD", "DETAILS", "DIV", "DL", "DT",
  "FIELDSET", "FIGCAPTION", "FIGURE", "FOOTER", "FORM", "H1", "H2", "H3", "H4", "H5", "H6", "HEADER",
  "HR", "LI", "MAIN", "NAV", "OL", "P", "PRE", "SECTION", "SUMMARY", "TABLE", "TBODY", "TD", "TFOOT",
  "TH", "THEAD", "TR", "UL",
]);

/**
 * Whether an element is not rendered, by the browser's own account where it gives one.
 *
 * The body of a closed <details> counts as shown: the reader opens it with one click (FAQ
 * answers live there), and the server reads it as page text.
 * @param {Element} el
 * @returns {boolean}
 */
export function isHidden(el) {
  if (el.hasAttribute("hidden")) return true;
  const view = el.ownerDocument.defaultView;
  const displayed = () => (view ? view.getComputedStyle(el).display !== "none" : true);
  if (typeof el.checkVisibility !== "function") return !displayed();
  if (el.checkVisibility({ visibilityProperty: true })) return false;
  return !(el.closest("details:not([open])") && displayed());
}

/**
 * @typedef {object} CollectOptions
 * @property {(el: Element) => boolean} [hidden] decides which subtrees to leave out
 * @property {(el: Element) => boolean} [ignore] the caller's own elements (the extension's layer)
 */

/**
 * Collect the visible text under `root`.
 * @param {Element} root
 * @param {CollectOptions} [options]
 * @returns {import("./types.js").CollectedText}
 */
export function collectText(root, options = {}) {
  const hidden = options.hidden ?? isHidden;
  const ignore = options.ignore ?? (() => false);
  const doc = root.ownerDocument;
  const NodeFilter = /** @type {typeof globalThis.NodeFilter} */ (doc.defaultView?.NodeFilter ?? globalThis.NodeFilter);
  const walker = doc.createTreeWalker(root, NodeFilter.SHOW_ELEMENT | NodeFilter.SHOW_TEXT, {
    acceptNode(node) {
      if (node.nodeType !== 1) return NodeFilter.FILTER_ACCEPT;
      const el = /** @type {Element} */ (node);
      if (SKIPPED.has(el.tagName.toUpperCase()) || ignore(el) || hidden(el)) return NodeFilter.FILTER_REJECT;
      return NodeFilter.FILTER_ACCEPT;
    },
  });

  /** @type {import("./types.js").TextNodeEntry[]} */
  const nodes = [];
  /** @type {number[]} */
  const breaks = [];
  const parts = [];
  let length = 0;
  /** @type {Node | null} */
  let lastBlock = null;
  /** @type {Map<Node, Node>} */
  const blockOf = new Map();

  /** @param {Node} node */
  const nearestBlock = (node) => {
    const parent = /** @type {Node} */ (node.parentNode);
    let block = blockOf.get(parent);
    if (!block) {
      let el = /** @type {Node | null} */ (parent);
      while (el && el !== root && !(el.nodeType === 1 && BLOCKS.has(/** @type {Element} */ (el).tagName.toUpperCase()))) {
        el = el.parentNode;
      }
      block = el ?? root;
      blockOf.set(parent, block);
    }
    return block;
  };

  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    if (node.nodeType === 1) {
      if (/** @type {Element} */ (node).tagName.toUpperCase() === "BR") breaks.push(length);
      continue;
    }
    const text = /** @type {Text} */ (node);
    if (text.data.length === 0) continue;
    const block = nearestBlock(text);
    if (lastBlock && block !== lastBlock) breaks.push(length);
    lastBlock = block;
    nodes.push({ node: text, start: length });
    parts.push(text.data);
    length += text.data.length;
  }
  return { text: parts.join(""), nodes, breaks };
}

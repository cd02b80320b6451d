/**
 * The text a reader sees, as text nodes with offsets: the ground that quotes are anchored on.
 *
 * Walks the DOM itself rather than reading innerText so every character keeps its node, and
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

/** @type {ReadonlySet<string>} */
const NO_PANELS = new Set();

/**
 * The ids of the panels that disclosure buttons open and close (aria-expanded with aria-controls):
 * FAQ accordions keep their answers in them, hidden by the page's style sheet until clicked.
 * @param {Document} doc
 * @returns {Set<string>}
 */
export function disclosurePanels(doc) {
  return new Set([...doc.querySelectorAll("[aria-expanded][aria-controls]")].flatMap(controlledIds));
}

/**
 * The ids of the elements a button's aria-controls names: a list separated by white space.
 * @param {Element} button
 * @returns {string[]}
 */
export function controlledIds(button) {
  return (button.getAttribute("aria-controls") ?? "").split(/\s+/).filter(Boolean);
}

/**
 * Whether an element is not rendered, by the browser's own account where it gives one.
 *
 * The body of a closed <details>, or of a closed disclosure panel (one of `panels`), counts as
 * shown: the reader opens it with one click (FAQ answers live there), and the server reads it as
 * page text. An element with display: contents has no box of its own, so checkVisibility says
 * no, yet its children are drawn; it is hidden only by its own visibility, and its child
 * elements answer for themselves.
 * @param {Element} el
 * @param {ReadonlySet<string>} [panels] ids of disclosure panels (disclosurePanels)
 * @returns {boolean}
 */
export function isHidden(el, panels = NO_PANELS) {
  if (el.hasAttribute("hidden")) return true;
  if (panels.has(el.id)) return false;
  const view = el.ownerDocument.defaultView;
  const style = () => view?.getComputedStyle(el);
  if (typeof el.checkVisibility !== "function") return style()?.display === "none";
  if (el.checkVisibility({ visibilityProperty: true })) return false;
  const computed = style();
  if (computed?.display === "contents") return computed.visibility !== "visible";
  const closed = el.closest("details:not([open])") || insidePanel(el, panels);
  return !(closed && computed?.display !== "none");
}

/**
 * @param {Element} el
 * @param {ReadonlySet<string>} panels
 */
function insidePanel(el, panels) {
  if (panels.size === 0) return false;
  for (let node = el.parentElement; node; node = node.parentElement) {
    if (panels.has(node.id)) return true;
  }
  return false;
}

/**
 * @typedef {object} CollectOptions
 * @property {(el: Element) => boolean} [hidden] decides which subtrees to leave out
 * @property {(el: Element) => boolean} [ignore] the caller's own elements (the extension's layer)
 */

const ELEMENT_NODE = 1;
const TEXT_NODE = 3;

/**
 * Collect the visible text under `root`.
 *
 * A plain walk over firstChild and nextSibling: on a page of tens of thousands of elements it
 * is several times faster than a TreeWalker calling back into a filter for every node. The
 * block a text belongs to is carried down the walk instead of looked up for each node, and
 * visibility is asked only of elements that could add text (those with children, and <br>).
 * @param {Element} root
 * @param {CollectOptions} [options]
 * @returns {import("./types.js").CollectedText}
 */
export function collectText(root, options = {}) {
  const panels = options.hidden ? NO_PANELS : disclosurePanels(root.ownerDocument);
  const hidden = options.hidden ?? ((/** @type {Element} */ el) => isHidden(el, panels));
  const ignore = options.ignore ?? (() => false);
  /** @param {Element} el */
  const shown = (el) => !ignore(el) && !hidden(el);

  /** @type {import("./types.js").TextNodeEntry[]} */
  const nodes = [];
  /** @type {number[]} */
  const breaks = [];
  /** @type {string[]} */
  const parts = [];
  let length = 0;
  /** @type {Node} the nearest block around `node`, or root */
  let block = root;
  /** @type {Node[]} the enclosing elements' blocks, restored on the way back up */
  const outerBlocks = [];
  /** @type {Node | null} */
  let lastBlock = null;

  /** @type {Node | null} */
  let node = root.firstChild;
  while (node) {
    if (node.nodeType === TEXT_NODE) {
      const text = /** @type {Text} */ (node);
      const data = text.data;
      if (data.length > 0) {
        if (lastBlock && block !== lastBlock) breaks.push(length);
        lastBlock = block;
        nodes.push({ node: text, start: length });
        parts.push(data);
        length += data.length;
      }
    } else if (node.nodeType === ELEMENT_NODE) {
      const el = /** @type {Element} */ (node);
      const tag = el.tagName.toUpperCase();
      if (tag === "BR") {
        if (shown(el)) breaks.push(length);
      } else if (el.firstChild && !SKIPPED.has(tag) && shown(el)) {
        outerBlocks.push(block);
        if (BLOCKS.has(tag)) block = el;
        node = el.firstChild;
        continue;
      }
    }
    // On to the next sibling, climbing out of every element whose children are all done.
    while (node && !node.nextSibling) {
      node = node.parentNode === root ? null : node.parentNode;
      if (node) block = /** @type {Node} */ (outerBlocks.pop());
    }
    node = node && node.nextSibling;
  }
  return { text: parts.join(""), nodes, breaks };
}

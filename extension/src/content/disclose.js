/**
 * Opening what hides a highlight from the reader.
 *
 * Anchoring reads text in closed <details> and closed accordion panels (text-nodes.js), because
 * FAQ answers live there; so a highlight can sit in text the reader has not opened. When the
 * reader asks to see it, it is opened as they would open it: a <details> by its own `open`, an
 * accordion panel by pressing the button that controls it, so the site's script keeps its state.
 */
import { controlledIds } from "../anchoring/text-nodes.js";

/**
 * Open every closed <details> and collapsed accordion panel around `el`, outermost first.
 * @param {Element} el
 * @returns {number} how many were opened
 */
export function disclose(el) {
  const doc = el.ownerDocument;
  const collapsed = [...doc.querySelectorAll("[aria-expanded='false'][aria-controls]")];
  /** @type {Element[]} */
  const around = [];
  for (let node = /** @type {Element | null} */ (el); node; node = node.parentElement) around.unshift(node);
  let opened = 0;
  for (const node of around) {
    if (node.localName === "details" && !(/** @type {HTMLDetailsElement} */ (node).open)) {
      /** @type {HTMLDetailsElement} */ (node).open = true;
      opened += 1;
    }
    if (!node.id) continue;
    const button = collapsed.find((b) => controlledIds(b).includes(node.id));
    if (button) {
      /** @type {HTMLElement} */ (button).click();
      opened += 1;
    }
  }
  return opened;
}

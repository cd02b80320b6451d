/**
 * Caveat's one element in the page: a host with a shadow root holding the keyboard markers and
 * the card. Removing the host removes every trace of them.
 */

export const LAYER_TAG = "caveat-layer";

/**
 * @param {Element} el
 * @returns {boolean}
 */
export function isLayer(el) {
  return el.localName === LAYER_TAG;
}

/**
 * @param {Document} doc
 * @param {string} cssText
 * @returns {{host: HTMLElement, root: ShadowRoot}}
 */
export function createLayer(doc, cssText) {
  const host = doc.createElement(LAYER_TAG);
  // Open so that assistive technology and tests see the card; the page could read it anyway
  // from the highlighted text it already has.
  const root = host.attachShadow({ mode: "open" });
  const style = doc.createElement("style");
  style.textContent = cssText;
  root.append(style);
  doc.documentElement.append(host);
  return { host, root };
}

/**
 * The end of a range's last line, in the layer's (document) coordinates: where its marker and
 * card go. Null when the range is not rendered (inside a closed <details>).
 * @param {Range} range
 * @returns {{top: number, left: number, bottom: number} | null}
 */
export function rangeBox(range) {
  const last = Array.from(range.getClientRects())
    .filter((r) => r.width > 0 || r.height > 0)
    .at(-1);
  if (!last) return null;
  const view = range.startContainer.ownerDocument?.defaultView;
  const sx = view?.scrollX ?? 0;
  const sy = view?.scrollY ?? 0;
  return { top: last.top + sy, left: last.right + sx, bottom: last.bottom + sy };
}

/**
 * What the reader sees of a check: painted highlights, a keyboard marker beside each, and the
 * card, opened by hover, click or keyboard. Hiding removes all of it.
 */
import { renderCard } from "../ui/card.js";
import { createLayer, rangeBox } from "../ui/layer.js";
import { createPainter } from "../paint/painter.js";
import { disclose } from "./disclose.js";

/**
 * @typedef {import("../ui/card.js").Claim} Claim
 * @typedef {{range: Range, severity: "high" | "medium" | "low", claims: Claim[]}} Spot
 *   One highlighted sentence and the claims it makes.
 * @typedef {(index: number, claim: Claim, comment: string) => Promise<unknown>} Reporter
 *   Sends a report about the claim of highlight ``index``.
 */

const HOVER_OPEN_MS = 250;
const HOVER_CLOSE_MS = 400;
const FLASH_MS = 1600;
const INTERACTIVE = "a, button, input, select, textarea, label, summary, [contenteditable]";

/**
 * @param {Window & typeof globalThis} win
 * @param {{cssText: string, forceWrap?: boolean}} options
 */
export function createView(win, options) {
  const doc = win.document;
  const painter = createPainter(win, options);
  /** @type {Spot[]} */
  let spots = [];
  /** @type {Range[]} */
  let ranges = [];
  /** @type {ReturnType<typeof createLayer> | null} */
  let layer = null;
  /** @type {HTMLButtonElement[]} */
  let markers = [];
  /** @type {{index: number, el: HTMLElement, pinned: boolean} | null} */
  let open = null;
  let hoverTimer = 0;
  let frame = 0;
  /** @type {Reporter | null} */
  let reporter = null;

  /** @param {number} x @param {number} y */
  const spotAt = (x, y) =>
    ranges.findIndex((r) =>
      Array.from(r.getClientRects()).some((b) => x >= b.left && x <= b.right && y >= b.top && y <= b.bottom),
    );

  const closeCard = (restoreFocus = false) => {
    if (!open) return;
    const { index } = open;
    open.el.remove();
    open = null;
    markers[index]?.setAttribute("aria-expanded", "false");
    if (restoreFocus) markers[index]?.focus();
  };

  /** @param {number} index @param {{pinned: boolean, focus: boolean}} how */
  const openCard = (index, how) => {
    if (!layer) return;
    if (open?.index === index) {
      open.pinned ||= how.pinned;
      if (how.focus) open.el.focus();
      return;
    }
    closeCard();
    const el = renderCard(doc, spots[index].claims, {
      id: `caveat-card-${index}`,
      onClose: () => closeCard(true),
      // only when the server takes feedback; the card hides its button otherwise
      onReport: reporter ? (claim, comment) => /** @type {Reporter} */ (reporter)(index, claim, comment) : undefined,
    });
    const box = rangeBox(ranges[index]);
    if (box) {
      const width = Math.min(380, win.innerWidth - 24);
      const left = Math.max(win.scrollX + 12, Math.min(box.left - width / 2, win.scrollX + win.innerWidth - width - 12));
      el.style.top = `${box.bottom + 8}px`;
      el.style.left = `${left}px`;
    }
    el.addEventListener("mouseenter", () => win.clearTimeout(hoverTimer));
    el.addEventListener("mouseleave", () => scheduleHoverClose());
    layer.root.append(el);
    open = { index, el, pinned: how.pinned };
    markers[index]?.setAttribute("aria-expanded", "true");
    if (how.focus) el.focus();
  };

  const scheduleHoverClose = () => {
    win.clearTimeout(hoverTimer);
    hoverTimer = win.setTimeout(() => {
      if (open && !open.pinned) closeCard();
    }, HOVER_CLOSE_MS);
  };

  /** @param {Event} event */
  const onLayer = (event) => Boolean(layer && event.composedPath().includes(layer.host));

  /** @param {MouseEvent} event */
  const onMove = (event) => {
    if (onLayer(event)) {
      // On the card or a marker: keep what is open, and ignore highlights under the card.
      win.clearTimeout(hoverTimer);
      return;
    }
    if (frame) return;
    frame = win.requestAnimationFrame(() => {
      frame = 0;
      const index = spotAt(event.clientX, event.clientY);
      win.clearTimeout(hoverTimer);
      if (index >= 0 && open?.index !== index) {
        hoverTimer = win.setTimeout(() => openCard(index, { pinned: false, focus: false }), HOVER_OPEN_MS);
      } else if (index < 0 && open && !open.pinned && !open.el.matches(":hover")) {
        scheduleHoverClose();
      }
    });
  };

  /** @param {MouseEvent} event */
  const onClick = (event) => {
    if (onLayer(event)) return;
    const target = /** @type {Element | null} */ (event.target);
    if (target?.closest?.(INTERACTIVE)) return;
    const index = spotAt(event.clientX, event.clientY);
    if (index >= 0) openCard(index, { pinned: true, focus: false });
    else closeCard();
  };

  /** @param {KeyboardEvent} event */
  const onKey = (event) => {
    if (event.key === "Escape" && open) {
      event.stopPropagation();
      closeCard(true);
    }
  };

  const placeMarkers = () => {
    markers.forEach((marker, i) => {
      const box = rangeBox(ranges[i]);
      marker.hidden = !box;
      if (box) {
        marker.style.top = `${box.top - 4}px`;
        marker.style.left = `${box.left + 2}px`;
      }
    });
  };

  // Layout moves without a resize when a <details> opens or images load: follow it.
  const layout = new win.ResizeObserver(() => placeMarkers());

  const listen = (/** @type {boolean} */ on) => {
    const method = on ? "addEventListener" : "removeEventListener";
    doc[method]("mousemove", /** @type {EventListener} */ (onMove), { passive: true });
    doc[method]("click", /** @type {EventListener} */ (onClick), true);
    doc[method]("keydown", /** @type {EventListener} */ (onKey), true);
    doc[method]("toggle", placeMarkers, true);
    win[method]("resize", placeMarkers);
    if (on) layout.observe(doc.body ?? doc.documentElement);
    else layout.disconnect();
  };

  return {
    get painted() {
      return layer !== null;
    },
    get kind() {
      return painter.kind;
    },

    /** @param {Spot[]} next */
    show(next) {
      this.hide();
      spots = next;
      ranges = painter.paint(spots.map(({ range, severity }) => ({ range, severity })));
      layer = createLayer(doc, options.cssText);
      markers = spots.map((spot, i) => {
        const marker = /** @type {HTMLButtonElement} */ (doc.createElement("button"));
        marker.type = "button";
        marker.className = `marker sev-${spot.severity}`;
        marker.textContent = "!";
        marker.setAttribute("aria-haspopup", "dialog");
        marker.setAttribute("aria-expanded", "false");
        const first = spot.claims[0];
        marker.setAttribute("aria-label", `Caveat: ${first.label}. ${first.summary}`);
        marker.addEventListener("click", () => openCard(i, { pinned: true, focus: true }));
        layer?.root.append(marker);
        return marker;
      });
      placeMarkers();
      listen(true);
    },

    hide() {
      closeCard();
      win.clearTimeout(hoverTimer);
      if (layer) listen(false);
      layer?.host.remove();
      layer = null;
      markers = [];
      painter.clear();
      spots = [];
      ranges = [];
    },

    /** Scroll to a highlight and flash it. @param {number} index */
    reveal(index) {
      const range = ranges[index];
      if (!range) return false;
      const target = /** @type {Element} */ (
        range.startContainer.nodeType === 1 ? range.startContainer : range.startContainer.parentElement
      );
      disclose(target); // the reader asked to see it
      target.scrollIntoView({ block: "center", behavior: "auto" });
      placeMarkers();
      const undo = painter.flash(range);
      win.setTimeout(undo, FLASH_MS);
      markers[index]?.focus({ preventScroll: true });
      return true;
    },

    /** Offer "Report a problem" on cards opened from now on, or stop offering it. @param {Reporter | null} next */
    setReporter(next) {
      reporter = next;
    },

    /** Open the card of a highlight, as the keyboard would. @param {number} index */
    openCard(index) {
      openCard(index, { pinned: true, focus: true });
    },
  };
}

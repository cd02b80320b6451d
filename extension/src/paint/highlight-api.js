/**
 * Painting with the CSS Custom Highlight API: ranges are registered with the browser and styled
 * by ::highlight() rules, so the page's DOM is never touched.
 */

/** @typedef {import("./painter.js").Painter} Painter */

/**
 * @param {Window & typeof globalThis} win
 * @returns {boolean}
 */
export function supportsHighlightApi(win) {
  return typeof (/** @type {any} */ (win).Highlight) === "function" && Boolean(win.CSS?.highlights);
}

/**
 * @param {Window & typeof globalThis} win
 * @returns {Painter}
 */
export function highlightApiPainter(win) {
  const HighlightCtor = /** @type {any} */ (win).Highlight;
  const registry = /** @type {any} */ (win.CSS).highlights;
  /** @type {Set<string>} */
  const names = new Set();

  return {
    kind: "highlight-api",
    paint(items) {
      this.clear();
      /** @type {Map<string, Range[]>} */
      const bySeverity = new Map();
      for (const { range, severity } of items) {
        const name = `caveat-${severity}`;
        bySeverity.set(name, [...(bySeverity.get(name) ?? []), range]);
      }
      for (const [name, ranges] of bySeverity) {
        registry.set(name, new HighlightCtor(...ranges));
        names.add(name);
      }
      return items.map((item) => item.range);
    },
    flash(range) {
      registry.set("caveat-flash", new HighlightCtor(range));
      names.add("caveat-flash");
      return () => registry.delete("caveat-flash");
    },
    clear() {
      for (const name of names) registry.delete(name);
      names.clear();
    },
  };
}

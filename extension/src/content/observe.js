/**
 * Notice when the page changes: new content (debounced) and single-page-app navigations.
 *
 * The content script lives in an isolated world and cannot wrap the page's history.pushState,
 * so URL changes are caught three ways: popstate, the Navigation API where present, and a
 * comparison of location.href whenever the DOM changes (an SPA navigation renders new content).
 */

/** Quiet time before changed content counts as settled. */
export const DEBOUNCE_MS = 700;

/**
 * @param {Window & typeof globalThis} win
 * @param {object} handlers
 * @param {(href: string) => void} handlers.onNavigate  the URL (without fragment) changed
 * @param {() => void} handlers.onContent               the content changed and settled
 * @param {(node: Node) => boolean} handlers.isOwn       nodes that Caveat itself added
 * @param {number} [debounceMs]
 * @returns {{stop: () => void, quietly: <T>(fn: () => T) => T}}
 */
export function observePage(win, { onNavigate, onContent, isOwn }, debounceMs = DEBOUNCE_MS) {
  const doc = win.document;
  const key = () => win.location.href.split("#")[0];
  let last = key();
  let timer = 0;

  const checkUrl = () => {
    const now = key();
    if (now === last) return false;
    last = now;
    onNavigate(now);
    return true;
  };

  /** @param {MutationRecord} r */
  const isForeign = (r) => {
    if (isOwn(r.target)) return false;
    if (r.type !== "childList") return true;
    return [...r.addedNodes, ...r.removedNodes].some((n) => !isOwn(n));
  };

  /** @param {MutationRecord[]} records */
  const onMutations = (records) => {
    if (!records.some(isForeign)) return;
    if (checkUrl()) return;
    win.clearTimeout(timer);
    timer = win.setTimeout(onContent, debounceMs);
  };

  const observer = new win.MutationObserver(onMutations);
  const options = { childList: true, subtree: true, characterData: true };
  observer.observe(doc.documentElement, options);
  win.addEventListener("popstate", checkUrl);
  const nav = /** @type {any} */ (win).navigation;
  nav?.addEventListener?.("navigatesuccess", checkUrl);

  return {
    stop() {
      observer.disconnect();
      win.clearTimeout(timer);
      win.removeEventListener("popstate", checkUrl);
      nav?.removeEventListener?.("navigatesuccess", checkUrl);
    },
    quietly(fn) {
      // Caveat's own painting must not look like new content.
      const result = fn();
      observer.takeRecords();
      return result;
    },
  };
}

/**
 * Automatic checking: the content script is registered for exactly the origins the reader has
 * granted (the server's own host always; every site only after the optional permission).
 */

const SCRIPT_ID = "caveat-auto";
export const CONTENT_JS = "content.js";
export const CONTENT_CSS = "src/paint/highlights.css";
const WEB = /^(https?|\*):\/\//;

/** Register the content script again for the origins granted now. */
export async function syncContentScripts() {
  const { origins = [] } = await chrome.permissions.getAll();
  const matches = origins.filter((o) => WEB.test(o));
  const existing = await chrome.scripting.getRegisteredContentScripts({ ids: [SCRIPT_ID] });
  if (existing.length) await chrome.scripting.unregisterContentScripts({ ids: [SCRIPT_ID] });
  if (matches.length === 0) return;
  await chrome.scripting.registerContentScripts([
    { id: SCRIPT_ID, matches, js: [CONTENT_JS], css: [CONTENT_CSS], runAt: "document_idle", persistAcrossSessions: true },
  ]);
}

/**
 * Put the content script into a tab the reader asked about (activeTab grants the right).
 * @param {number} tabId
 */
export async function injectInto(tabId) {
  await chrome.scripting.insertCSS({ target: { tabId }, files: [CONTENT_CSS] });
  await chrome.scripting.executeScript({ target: { tabId }, files: [CONTENT_JS] });
}

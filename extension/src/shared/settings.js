/**
 * The reader's settings, kept in storage.local and read by every part of the extension.
 */

/**
 * @typedef {object} Settings
 * @property {string} server          where pages are sent; nowhere else
 * @property {string} token           optional bearer token for that server
 * @property {"auto" | "click"} mode  check pages that mention a topic, or only when asked
 * @property {string[]} disabledSites sites never checked automatically
 * @property {boolean} allowPrivate   check in private windows too
 * @property {boolean} highlightsOn   show highlights (checking goes on either way)
 */

/** @type {Readonly<Settings>} */
export const DEFAULTS = Object.freeze({
  server: "http://127.0.0.1:8765",
  token: "",
  mode: "auto",
  disabledSites: [],
  allowPrivate: false,
  highlightsOn: true,
});

/**
 * @param {chrome.storage.StorageArea} [area]
 * @returns {Promise<Settings>}
 */
export async function loadSettings(area = chrome.storage.local) {
  const stored = await area.get(Object.keys(DEFAULTS));
  return { ...DEFAULTS, ...stored };
}

/**
 * @param {Partial<Settings>} changes
 * @param {chrome.storage.StorageArea} [area]
 */
export async function saveSettings(changes, area = chrome.storage.local) {
  await area.set(changes);
}

/**
 * The server URL without a trailing slash, or an Error saying why it is unusable.
 * @param {string} value
 * @returns {string}
 */
export function serverBase(value) {
  const url = new URL(value.trim());
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    throw new Error("The server URL must start with http:// or https://");
  }
  return url.origin + url.pathname.replace(/\/+$/, "");
}

/**
 * The host permission pattern that covers a server URL.
 * @param {string} value
 * @returns {string}
 */
export function originPattern(value) {
  const url = new URL(serverBase(value));
  return `${url.protocol}//${url.hostname}/*`;
}

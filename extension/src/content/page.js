/**
 * What is sent about the page, and what identifies its content.
 */
import { sha256 } from "../gate/hash.js";
import { LAYER_TAG } from "../ui/layer.js";

/**
 * The page's HTML as the server expects it, without Caveat's own layer element.
 * @param {Document} doc
 * @returns {string}
 */
export function pageHtml(doc) {
  const html = doc.documentElement.outerHTML;
  const layer = doc.querySelector(LAYER_TAG);
  return layer ? html.replace(layer.outerHTML, "") : html;
}

/**
 * The URL a check belongs to: fragment changes do not make a new page.
 * @param {string} href
 * @returns {string}
 */
export function pageKey(href) {
  const url = new URL(href);
  url.hash = "";
  return url.href;
}

/**
 * Identifies what the reader sees at a URL; equal hashes mean nothing new to send.
 * @param {string} key
 * @param {string} text
 * @returns {Promise<string>}
 */
export function contentHash(key, text) {
  return sha256(`${key}\u0000${text}`);
}

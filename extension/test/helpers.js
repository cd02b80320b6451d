/**
 * A jsdom document for tests. jsdom computes no layout, so hidden elements are marked by the
 * `hidden` attribute or inline `display: none`, which its getComputedStyle does understand.
 */
import { JSDOM } from "jsdom";

/**
 * @param {string} body
 * @returns {Document}
 */
export function documentWith(body) {
  return new JSDOM(`<!doctype html><html><head><title>t</title></head><body>${body}</body></html>`).window
    .document;
}

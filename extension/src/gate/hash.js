/**
 * Content hashes, so unchanged content is never sent twice.
 */

/**
 * SHA-256 of a string, as lower-case hex.
 * @param {string} text
 * @returns {Promise<string>}
 */
export async function sha256(text) {
  const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(text));
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, "0")).join("");
}

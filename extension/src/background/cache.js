/**
 * Small bounded caches for the background: analyses by content hash, topic terms by server.
 * The service worker may be stopped at any time; losing these only costs a request.
 */

/**
 * A map that forgets its oldest entries past `limit`, and entries older than `ttlMs`.
 * @template V
 */
export class BoundedCache {
  /**
   * @param {number} limit
   * @param {number} ttlMs
   * @param {() => number} [now]
   */
  constructor(limit, ttlMs, now = Date.now) {
    this.limit = limit;
    this.ttlMs = ttlMs;
    this.now = now;
    /** @type {Map<string, {value: V, at: number}>} */
    this.entries = new Map();
  }

  /** @param {string} key @returns {V | undefined} */
  get(key) {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    if (this.now() - entry.at > this.ttlMs) {
      this.entries.delete(key);
      return undefined;
    }
    // Re-insert so the most recently used entry is the last to go.
    this.entries.delete(key);
    this.entries.set(key, entry);
    return entry.value;
  }

  /** @param {string} key @param {V} value */
  set(key, value) {
    this.entries.delete(key);
    this.entries.set(key, { value, at: this.now() });
    while (this.entries.size > this.limit) {
      this.entries.delete(/** @type {string} */ (this.entries.keys().next().value));
    }
  }

  clear() {
    this.entries.clear();
  }
}

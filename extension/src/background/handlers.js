/**
 * What the background does for each message. Requests to the server happen only here, so this
 * is where the private-window rule is enforced a second time, by the browser's own account of
 * the sending tab.
 */
import { isWebPage } from "../gate/privacy.js";
import { MSG } from "../shared/messages.js";
import { loadSettings } from "../shared/settings.js";
import { analyzePage, fetchFeatures, fetchTopics, health, sendFeedback } from "./api.js";
import { setBadge } from "./badge.js";
import { BoundedCache } from "./cache.js";
import { injectInto } from "./registration.js";

const HOUR = 3_600_000;
/** @type {BoundedCache<string[]>} */
const topics = new BoundedCache(4, HOUR);
/** @type {BoundedCache<{result: any, sentAt: number, sentBytes: number}>} */
const analyses = new BoundedCache(50, HOUR);
/** @type {BoundedCache<string[]>} */
const features = new BoundedCache(4, HOUR / 6);

export function clearCaches() {
  topics.clear();
  analyses.clear();
  features.clear();
}

/**
 * Ask a tab's content script to check, injecting it first if it is not there yet.
 * @param {number} tabId
 */
async function checkTab(tabId) {
  const ask = () => chrome.tabs.sendMessage(tabId, { type: MSG.check });
  try {
    return await ask();
  } catch {
    await injectInto(tabId);
  }
  // The injected script loads its modules before it listens: retry briefly.
  for (let attempt = 0; attempt < 50; attempt++) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    try {
      return await ask();
    } catch {
      // not listening yet
    }
  }
  throw new Error("The page did not answer; reload it and try again.");
}

/**
 * What the configured server answered to ``load``, from ``cache`` while it is fresh.
 * @template V
 * @param {BoundedCache<V>} cache
 * @param {(settings: import("../shared/settings.js").Settings) => Promise<V>} load
 * @returns {Promise<V>}
 */
async function perServer(cache, load) {
  const settings = await loadSettings();
  let value = cache.get(settings.server);
  if (value === undefined) {
    value = await load(settings);
    cache.set(settings.server, value);
  }
  return value;
}

/** @type {Record<string, (message: any, sender: chrome.runtime.MessageSender) => Promise<any>>} */
export const HANDLERS = {
  async [MSG.topics]() {
    return { terms: await perServer(topics, fetchTopics) };
  },

  async [MSG.analyze](message, sender) {
    const settings = await loadSettings();
    if (sender.tab?.incognito && !settings.allowPrivate) throw new Error("Private windows are not checked.");
    if (!isWebPage(message.url)) throw new Error("Only http and https pages are checked.");
    const key = `${settings.server}\u0000${message.hash}`;
    const cached = analyses.get(key);
    if (cached) return { ...cached, cached: true };
    const result = await analyzePage(settings, message.url, message.html);
    const entry = { result, sentAt: Date.now(), sentBytes: String(message.html).length };
    analyses.set(key, entry);
    return { ...entry, cached: false };
  },

  async [MSG.report](message, sender) {
    if (sender.tab?.id !== undefined) await setBadge(sender.tab.id, Number(message.count) || 0);
    return { ok: true };
  },

  async [MSG.checkTab](message) {
    return checkTab(Number(message.tabId));
  },

  async [MSG.features]() {
    return { features: await perServer(features, fetchFeatures) };
  },

  async [MSG.feedback](message, sender) {
    const settings = await loadSettings();
    if (sender.tab?.incognito && !settings.allowPrivate) throw new Error("Private windows are not checked.");
    if (!isWebPage(message.report?.url)) throw new Error("Only http and https pages can be reported.");
    return { receipt: await sendFeedback(settings, message.report) };
  },

  async [MSG.health]() {
    const settings = await loadSettings();
    return { ok: true, health: await health(settings) };
  },
};

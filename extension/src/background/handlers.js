/**
 * What the background does for each message. Requests to the server happen only here, so this
 * is where the private-window rule is enforced a second time, by the browser's own account of
 * the sending tab.
 */
import { isWebPage } from "../gate/privacy.js";
import { MSG } from "../shared/messages.js";
import { loadSettings } from "../shared/settings.js";
import { analyzePage, fetchTopics, health } from "./api.js";
import { setBadge } from "./badge.js";
import { BoundedCache } from "./cache.js";
import { injectInto } from "./registration.js";

const HOUR = 3_600_000;
/** @type {BoundedCache<string[]>} */
const topics = new BoundedCache(4, HOUR);
/** @type {BoundedCache<{result: any, sentAt: number, sentBytes: number}>} */
const analyses = new BoundedCache(50, HOUR);

export function clearCaches() {
  topics.clear();
  analyses.clear();
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

/** @type {Record<string, (message: any, sender: chrome.runtime.MessageSender) => Promise<any>>} */
export const HANDLERS = {
  async [MSG.topics]() {
    const settings = await loadSettings();
    let terms = topics.get(settings.server);
    if (!terms) {
      terms = await fetchTopics(settings);
      topics.set(settings.server, terms);
    }
    return { terms };
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

  async [MSG.health]() {
    const settings = await loadSettings();
    return { ok: true, health: await health(settings) };
  },
};

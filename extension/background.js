/**
 * The background: talks to the Caveat server for the content scripts, keeps the badge, and keeps
 * the automatic content script registered for the origins the reader granted.
 */
import { HANDLERS, clearCaches } from "./src/background/handlers.js";
import { syncContentScripts } from "./src/background/registration.js";

chrome.runtime.onMessage.addListener((message, sender, reply) => {
  const handler = HANDLERS[message?.type];
  if (!handler) return false;
  handler(message, sender).then(reply, (err) => reply({ error: String(err?.message ?? err) }));
  return true; // answered asynchronously
});

const sync = () => syncContentScripts().catch((err) => console.error("Caveat: cannot register content script", err));
chrome.runtime.onInstalled.addListener((details) => {
  sync();
  // First run: the options page says what is sent where, and offers checking on all sites.
  if (details.reason === "install") chrome.runtime.openOptionsPage();
});
chrome.runtime.onStartup.addListener(sync);
chrome.permissions.onAdded.addListener(sync);
chrome.permissions.onRemoved.addListener(sync);

chrome.storage.onChanged.addListener((changes, area) => {
  if (area === "local" && (changes.server || changes.token)) clearCaches();
});

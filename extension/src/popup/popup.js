/**
 * The toolbar popup: the server's state, what Caveat found on this tab, and the switches.
 */
import { isWebPage, siteOf } from "../gate/privacy.js";
import { MSG } from "../shared/messages.js";
import { loadSettings, saveSettings } from "../shared/settings.js";
import { setUpMissedClaim } from "./missed.js";
import { groupBySpot, verdictCounts } from "./summary.js";

const $ = (/** @type {string} */ id) => /** @type {HTMLElement} */ (document.getElementById(id));

/** The tab this popup is about: ?tab= when opened as a page (tests), else the active tab. */
async function targetTab() {
  const param = new URLSearchParams(location.search).get("tab");
  if (param) return chrome.tabs.get(Number(param));
  const [tab] = await chrome.tabs.query({ active: true, currentWindow: true });
  return tab;
}

/** @param {string} tag @param {string} text @param {string} [className] */
function el(tag, text, className) {
  const node = document.createElement(tag);
  node.textContent = text;
  if (className) node.className = className;
  return node;
}

async function showServer() {
  const status = $("server-status");
  const answer = await chrome.runtime.sendMessage({ type: MSG.health }).catch((err) => ({ error: String(err) }));
  status.textContent = answer?.error ? "Server unreachable" : "Server online";
  status.className = `status ${answer?.error ? "bad" : "ok"}`;
  status.title = answer?.error ?? "";
}

/**
 * @param {number} tabId
 * @param {any} details
 */
function showDetails(tabId, details) {
  const items = /** @type {import("../content/spots.js").Item[]} */ (details.items ?? []);
  const spots = groupBySpot(items);
  $("summary").textContent = details.checked
    ? spots.length
      ? `${spots.length} flagged ${spots.length === 1 ? "sentence" : "sentences"} on this page.`
      : "Nothing flagged on this page."
    : details.explanation || "Not checked yet.";

  const counts = $("counts");
  counts.replaceChildren(...verdictCounts(items).map((c) => el("li", `${c.count} ${c.label}`, `sev-${c.severity}`)));

  const list = $("flagged");
  list.replaceChildren(
    ...spots.map((spot) => {
      const li = el("li", "", `sev-${spot.severity}`);
      const button = document.createElement("button");
      button.type = "button";
      button.append(el("span", spot.labels.join(" · "), "label"), el("span", spot.exact, "quote"));
      if (spot.spot < 0) {
        button.disabled = true;
        button.title = "Not located on the page";
      } else {
        button.addEventListener("click", () => chrome.tabs.sendMessage(tabId, { type: MSG.reveal, index: spot.spot }));
      }
      li.append(button);
      return li;
    }),
  );

  const rows = [
    ["Page", details.url],
    ["Result", details.explanation],
    ["Sent to", details.sentAt ? details.server : "Nothing was sent"],
  ];
  if (details.sentAt) {
    rows.push(["When", new Date(details.sentAt).toLocaleString()]);
    rows.push(["Sent", `the page's HTML, ${Math.ceil(details.sentBytes / 1024)} KB`]);
  }
  if (details.sentences !== null && details.sentences !== undefined) rows.push(["Sentences", String(details.sentences)]);
  if (details.unanchored) rows.push(["Not located", String(details.unanchored)]);
  $("checked-list").replaceChildren(...rows.flatMap(([k, v]) => [el("dt", k), el("dd", v ?? "")]));
}

async function main() {
  const tab = await targetTab();
  const settings = await loadSettings();
  const url = tab?.url ?? "";
  const site = siteOf(url);
  $("site-name").textContent = site || "this site";

  const highlights = /** @type {HTMLInputElement} */ ($("highlights-on"));
  highlights.checked = settings.highlightsOn;
  highlights.addEventListener("change", () => saveSettings({ highlightsOn: highlights.checked }));

  const siteOn = /** @type {HTMLInputElement} */ ($("site-on"));
  siteOn.checked = !settings.disabledSites.includes(site);
  siteOn.disabled = !site;
  siteOn.addEventListener("change", async () => {
    const { disabledSites } = await loadSettings();
    const others = disabledSites.filter((s) => s !== site);
    await saveSettings({ disabledSites: siteOn.checked ? others : [...others, site] });
  });

  const refresh = async () => {
    const details = tab?.id !== undefined ? await chrome.tabs.sendMessage(tab.id, { type: MSG.details }).catch(() => null) : null;
    if (details) showDetails(/** @type {number} */ (tab.id), details);
    else $("summary").textContent = isWebPage(url) ? "Caveat has not looked at this page." : "Caveat checks only web pages.";
  };

  const check = /** @type {HTMLButtonElement} */ ($("check"));
  check.disabled = !isWebPage(url);
  check.addEventListener("click", async () => {
    check.disabled = true;
    $("summary").textContent = "Checking…";
    const answer = await chrome.runtime.sendMessage({ type: MSG.checkTab, tabId: tab.id });
    if (answer?.error) $("summary").textContent = answer.error;
    else await refresh();
    check.disabled = false;
  });

  await Promise.all([showServer(), refresh(), setUpMissedClaim(document, $("missed"), tab?.id)]);
}

main();

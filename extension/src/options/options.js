/**
 * The options page: server, token, when to check, private windows and the sites turned off.
 */
import { MSG } from "../shared/messages.js";
import { loadSettings, originPattern, saveSettings, serverBase } from "../shared/settings.js";
import { siteOf } from "../gate/privacy.js";

const ALL_SITES = { origins: ["http://*/*", "https://*/*"] };
const $ = (/** @type {string} */ id) => /** @type {HTMLInputElement} */ (document.getElementById(id));

/** @type {string[]} */
let sites = [];

function renderSites() {
  $("sites").replaceChildren(
    ...sites.map((site) => {
      const li = document.createElement("li");
      const name = document.createElement("span");
      name.textContent = site;
      const remove = document.createElement("button");
      remove.type = "button";
      remove.textContent = "Turn on";
      remove.setAttribute("aria-label", `Turn Caveat on for ${site}`);
      remove.addEventListener("click", () => {
        sites = sites.filter((s) => s !== site);
        renderSites();
      });
      li.append(name, remove);
      return li;
    }),
  );
}

async function showGrant() {
  const granted = await chrome.permissions.contains(ALL_SITES);
  $("grant-state").textContent = granted ? "Allowed." : "";
  $("grant").hidden = granted;
}

/**
 * A site name typed by the reader, as the switches store it; empty if it is not one.
 * @param {string} value
 */
function siteFromInput(value) {
  const text = value.trim();
  if (!text) return "";
  return siteOf(text.includes("://") ? text : `https://${text}`);
}

async function main() {
  const settings = await loadSettings();
  $("server").value = settings.server;
  $("token").value = settings.token;
  for (const radio of document.querySelectorAll('input[name="mode"]')) {
    /** @type {HTMLInputElement} */ (radio).checked = /** @type {HTMLInputElement} */ (radio).value === settings.mode;
  }
  $("allow-private").checked = settings.allowPrivate;
  sites = [...settings.disabledSites];
  renderSites();
  await showGrant();

  $("add-site").addEventListener("click", () => {
    const site = siteFromInput($("new-site").value);
    if (site && !sites.includes(site)) sites.push(site);
    $("new-site").value = "";
    renderSites();
  });

  $("grant").addEventListener("click", async () => {
    await chrome.permissions.request(ALL_SITES);
    await showGrant();
  });

  $("test").addEventListener("click", async () => {
    const result = $("test-result");
    result.textContent = "Testing…";
    result.className = "";
    try {
      // Test what is typed, saved or not: save server and token first so the background uses them.
      await saveSettings({ server: serverBase($("server").value), token: $("token").value.trim() });
      const answer = await chrome.runtime.sendMessage({ type: MSG.health });
      if (answer?.error) throw new Error(answer.error);
      result.textContent = `Connected (${answer.health?.status ?? "ok"}).`;
      result.className = "good";
    } catch (err) {
      result.textContent = String(/** @type {Error} */ (err).message ?? err);
      result.className = "bad";
    }
  });

  $("form").addEventListener("submit", async (event) => {
    event.preventDefault();
    const saved = $("saved");
    try {
      const server = serverBase($("server").value);
      // A server elsewhere than 127.0.0.1 needs its own host permission. Asked first thing, while
      // the click still counts as the reader's gesture; it does not prompt if already granted.
      if (!(await chrome.permissions.request({ origins: [originPattern(server)] }))) {
        throw new Error("Caveat needs permission to reach that server.");
      }
      const mode = /** @type {HTMLInputElement | null} */ (document.querySelector('input[name="mode"]:checked'));
      await saveSettings({
        server,
        token: $("token").value.trim(),
        mode: mode?.value === "click" ? "click" : "auto",
        allowPrivate: $("allow-private").checked,
        disabledSites: sites,
      });
      saved.textContent = "Saved.";
      saved.className = "good";
    } catch (err) {
      saved.textContent = String(/** @type {Error} */ (err).message ?? err);
      saved.className = "bad";
    }
  });
}

main();

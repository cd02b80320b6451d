/**
 * The content script: decides whether this page may be sent, asks the background to analyze it,
 * anchors and paints the answer, keeps it current as the page changes, and answers the popup.
 */
import { indexText } from "../anchoring/text-quote.js";
import { buildReport } from "../feedback/report.js";
import { REASONS, decide, findTopicTerm, siteOf } from "../gate/privacy.js";
import { MSG } from "../shared/messages.js";
import { loadSettings } from "../shared/settings.js";
import { LAYER_TAG, isLayer } from "../ui/layer.js";
import { MARK_ATTRIBUTE } from "../paint/wrap.js";
import { observePage } from "./observe.js";
import { contentHash, pageHtml, pageKey } from "./page.js";
import { buildSpots } from "./spots.js";
import { createView } from "./view.js";

/** Content that keeps changing (a live ticker) is re-sent at most this often. */
const MIN_RESEND_MS = 5000;

/**
 * @typedef {object} PageState
 * @property {string} key          URL without fragment
 * @property {boolean} forced      the reader asked for this page
 * @property {import("../gate/privacy.js").GateReason | "error" | "pending"} reason
 * @property {string} error
 * @property {string} hash         content hash of the last analysis
 * @property {import("./spots.js").Analysis | null} analysis
 * @property {import("./spots.js").Item[]} items
 * @property {number} sentAt       when this content was sent (ms since epoch), 0 if never
 * @property {number} sentBytes    how much HTML was sent then
 */

/** @param {string} key @returns {PageState} */
const freshState = (key) => ({
  key, forced: false, reason: "pending", error: "", hash: "", analysis: null, items: [], sentAt: 0, sentBytes: 0,
});

/**
 * @param {Node} node
 * @returns {boolean}
 */
function isOwn(node) {
  const el = node.nodeType === 1 ? /** @type {Element} */ (node) : node.parentElement;
  return Boolean(el?.closest(`${LAYER_TAG}, [${MARK_ATTRIBUTE}]`));
}

/**
 * @param {any} message
 * @returns {Promise<any>}
 */
async function ask(message) {
  const answer = await chrome.runtime.sendMessage(message);
  if (answer?.error) throw new Error(answer.error);
  return answer;
}

export async function start() {
  const win = window;
  const doc = document;
  const cssText = await fetch(chrome.runtime.getURL("src/ui/layer.css")).then((r) => r.text());
  let settings = await loadSettings();
  const stored = await chrome.storage.local.get("forceWrap");
  const view = createView(win, { cssText, forceWrap: Boolean(stored.forceWrap) });
  let state = freshState(pageKey(location.href));
  /** @type {Promise<void>} */
  let running = Promise.resolve();
  let lastSend = 0;

  const index = () => indexText(doc.body ?? doc.documentElement, { ignore: isLayer });

  const status = () => ({
    highlights: state.items.length,
    anchored: state.items.filter((i) => i.spot >= 0).length,
    unanchored: state.items.filter((i) => i.spot < 0).length,
    checked: state.analysis !== null,
    painted: view.painted,
    reason: state.reason,
  });

  /** The badge counts flagged sentences, as the popup lists them. */
  const report = () => {
    const sentences = new Set(state.items.map((i) => i.spot).filter((spot) => spot >= 0)).size;
    chrome.runtime.sendMessage({ type: MSG.report, count: view.painted ? sentences : 0 }).catch(() => {});
  };

  /**
   * Send a reader's report about this page.
   * @param {Omit<Parameters<typeof buildReport>[0], "url">} parts
   */
  const sendReport = (parts) => ask({ type: MSG.feedback, report: buildReport({ ...parts, url: location.href }) });

  /** @type {import("./view.js").Reporter} */
  const reportHighlight = (index, claim, comment) => {
    const exact = state.items.find((i) => i.spot === index && i.claimId === claim.id)?.exact ?? "";
    return sendReport({ kind: "false_positive", claimId: claim.id, quote: exact, comment });
  };

  /** Offer "Report a problem" on the cards when the server takes feedback. */
  const offerReports = async () => {
    const { features } = await ask({ type: MSG.features }).catch(() => ({ features: [] }));
    view.setReporter(features.includes("feedback") ? reportHighlight : null);
  };

  /** Anchor the last analysis on the page as it is now, and paint it if highlights are on. */
  const paint = () => {
    observer.quietly(() => view.hide());
    if (!state.analysis) return report();
    const built = buildSpots(doc, index(), state.analysis);
    state.items = built.items;
    if (settings.highlightsOn && built.spots.length) observer.quietly(() => view.show(built.spots));
    report();
  };

  /** @param {{force: boolean}} how */
  const check = async ({ force }) => {
    const key = state.key;
    state.forced ||= force;
    const needTerms = !state.forced && settings.mode === "auto";
    const terms = needTerms ? (await ask({ type: MSG.topics })).terms : [];
    const text = index().collected.text;
    state.reason = decide({
      url: location.href,
      mode: settings.mode,
      disabledSites: settings.disabledSites,
      incognito: chrome.extension.inIncognitoContext,
      allowPrivate: settings.allowPrivate,
      force: state.forced,
      hasTopicTerm: () => findTopicTerm(text, terms) !== null,
    });
    if (state.reason !== "ok") return;
    // before the analysis lands in `state`, which the popup reads as checked and painted
    await offerReports();
    const hash = await contentHash(state.key, text);
    if (hash !== state.hash) {
      const wait = lastSend + MIN_RESEND_MS - Date.now();
      if (wait > 0 && !force) await new Promise((resolve) => setTimeout(resolve, wait));
      const html = pageHtml(doc);
      const answer = await ask({ type: MSG.analyze, url: location.href, html, hash });
      lastSend = Date.now();
      if (state.key !== key) return; // navigated away while the server was working
      state = { ...state, hash, analysis: answer.result, sentAt: answer.sentAt, sentBytes: answer.sentBytes };
    }
    paint();
  };

  /**
   * Run checks one at a time; an automatic check already waiting covers any that come after it.
   * A failure is kept for the popup, not thrown at the page.
   */
  let waiting = false;
  const schedule = (/** @type {{force: boolean}} */ how) => {
    if (waiting && !how.force) return running;
    waiting = true;
    running = running.then(() => {
      waiting = false;
      return check(how).catch((err) => {
        state.reason = "error";
        state.error = String(err?.message ?? err);
      });
    });
    return running;
  };

  const observer = observePage(win, {
    isOwn,
    onContent: () => schedule({ force: false }),
    onNavigate: (href) => {
      observer.quietly(() => view.hide());
      state = freshState(pageKey(href));
      lastSend = 0; // the throttle is for one page that keeps changing, not for a new page
      report();
      schedule({ force: false });
    },
  });

  chrome.storage.onChanged.addListener(async (changes, area) => {
    if (area !== "local") return;
    settings = await loadSettings();
    if (changes.highlightsOn) paint();
    if (changes.disabledSites && settings.disabledSites.includes(siteOf(location.href)) && !state.forced) {
      observer.quietly(() => view.hide());
      state = freshState(state.key);
      state.reason = "site-off";
      report();
    } else if (changes.disabledSites || changes.mode) {
      schedule({ force: false });
    }
  });

  chrome.runtime.onMessage.addListener((message, _sender, reply) => {
    switch (message?.type) {
      case MSG.status:
        reply(status());
        return false;
      case MSG.details:
        reply({
          ...status(),
          url: location.href,
          explanation: state.reason === "error" ? state.error : REASONS[/** @type {import("../gate/privacy.js").GateReason} */ (state.reason)] ?? "",
          items: state.items,
          sentAt: state.sentAt,
          sentBytes: state.sentBytes,
          sentences: /** @type {any} */ (state.analysis)?.stats?.sentences ?? null,
          server: settings.server,
        });
        return false;
      case MSG.check:
        schedule({ force: true }).then(() => reply(status()));
        return true;
      case MSG.reveal:
        reply({ ok: view.reveal(Number(message.index)) });
        return false;
      case MSG.selection:
        reply({ text: win.getSelection()?.toString() ?? "" });
        return false;
      case MSG.reportMissed:
        sendReport({ kind: "missed_claim", quote: String(message.quote ?? ""), comment: String(message.comment ?? "") })
          .then(reply, (err) => reply({ error: String(err?.message ?? err) }));
        return true;
      default:
        return false;
    }
  });

  if (settings.mode === "auto") schedule({ force: false });
  else state.reason = "click-mode";
}

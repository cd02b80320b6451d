/**
 * The toolbar badge: how many flagged sentences the tab shows.
 */

/**
 * @param {number} tabId
 * @param {number} count
 */
export async function setBadge(tabId, count) {
  await chrome.action.setBadgeBackgroundColor({ tabId, color: "#b42318" });
  await chrome.action.setBadgeText({ tabId, text: count > 0 ? String(count) : "" });
}

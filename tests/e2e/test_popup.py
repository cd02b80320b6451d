"""The popup and the options page against a checked page; the badge counts flagged sentences."""

from __future__ import annotations

from typing import Any

import pytest

from .conftest import Extension
from .servers import Site
from .site_pages import MAIN_PAGE

pytestmark = pytest.mark.browser


def test_popup_lists_flagged_sentences_and_steers_the_page(
    ext: Extension, site: Site, screenshot: Any
) -> None:
    page, status = ext.open_checked(f"{site.url}/pages/{MAIN_PAGE}")
    items = ext.details(page)["items"]
    spots = {item["spot"] for item in items if item["spot"] >= 0}
    badge = ext.worker.evaluate("(tabId) => chrome.action.getBadgeText({tabId})", ext.tab_id(page.url))
    assert badge == str(len(spots))

    popup = ext.open_popup(page)
    popup.locator("#server-status.ok").wait_for()
    popup.locator("#flagged button").first.wait_for()
    assert popup.locator("#summary").inner_text() == f"{len(spots)} flagged sentences on this page."
    assert popup.locator("#flagged li").count() == len(spots) + status["unanchored"]
    counts = popup.locator("#counts li").all_inner_texts()
    assert sum(int(c.split()[0]) for c in counts) == status["highlights"]
    popup.locator("#checked summary").click()
    assert "seed-000.html" in popup.locator("#checked-list").inner_text()
    screenshot(popup, "popup")

    popup.locator("#flagged button").nth(3).click()
    page.wait_for_function("CSS.highlights.has('caveat-flash')")

    popup.get_by_label("Show highlights").uncheck()
    ext.wait_status(page, lambda s: s.get("painted") is False)
    popup.get_by_label("Show highlights").check()
    ext.wait_status(page, lambda s: s.get("painted") is True)

    popup.get_by_label("Check 127.0.0.1").uncheck()
    ext.wait_status(page, lambda s: s.get("reason") == "site-off" and s.get("painted") is False)
    assert ext.worker.evaluate("chrome.storage.local.get('disabledSites')")["disabledSites"] == ["127.0.0.1"]


def test_options_save_settings_and_test_the_connection(ext: Extension, site: Site) -> None:
    options = ext.context.new_page()
    options.goto(f"chrome-extension://{ext.id}/options.html")
    assert options.locator("#server").input_value() == site.url
    options.get_by_role("button", name="Test connection").click()
    options.locator("#test-result.good").wait_for()

    options.get_by_label("Only when I click").check()
    options.get_by_label("Also check in private windows").check()
    options.locator("#new-site").fill("https://www.example.org/some/page")
    options.get_by_role("button", name="Turn off").click()
    options.get_by_role("button", name="Save").click()
    options.locator("#saved.good").wait_for()
    stored = ext.worker.evaluate("chrome.storage.local.get(null)")
    assert stored["mode"] == "click"
    assert stored["allowPrivate"] is True
    assert stored["disabledSites"] == ["example.org"]

    options.locator("#server").fill("ftp://nowhere")
    options.get_by_role("button", name="Save").click()
    options.locator("#saved.bad").wait_for()

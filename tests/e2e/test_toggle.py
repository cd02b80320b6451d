"""Turning highlights off restores the page's DOM exactly, with either painter."""

from __future__ import annotations

import pytest

from .conftest import Extension
from .servers import Site
from .site_pages import MAIN_PAGE

pytestmark = pytest.mark.browser

OUTER_HTML = "document.documentElement.outerHTML"


@pytest.mark.parametrize("force_wrap", [False, True], ids=["highlight-api", "wrap-fallback"])
def test_toggling_off_restores_the_dom(ext: Extension, site: Site, force_wrap: bool) -> None:
    ext.configure(mode="click", forceWrap=force_wrap)
    page = ext.open(f"{site.url}/pages/{MAIN_PAGE}")
    ext.wait_status(page, lambda s: s.get("reason") == "click-mode")
    before = page.evaluate(OUTER_HTML)

    ext.send(page, {"type": "caveat:check"})
    status = ext.wait_status(page, lambda s: s.get("painted") is True)
    assert status["anchored"] > 0
    marks = page.evaluate("document.querySelectorAll('mark[data-caveat-mark]').length")
    assert (marks > 0) == force_wrap
    assert page.evaluate(OUTER_HTML) != before
    page.locator("caveat-layer .marker").first.focus()
    page.keyboard.press("Enter")
    page.locator("caveat-layer [role=dialog]").wait_for()

    sent = site.count("/api/v1/analyze")
    ext.set_storage(highlightsOn=False)
    ext.wait_status(page, lambda s: s.get("painted") is False)
    assert page.evaluate(OUTER_HTML) == before
    assert page.evaluate("CSS.highlights.size") == 0

    ext.set_storage(highlightsOn=True)
    ext.wait_status(page, lambda s: s.get("painted") is True)
    assert site.count("/api/v1/analyze") == sent, "showing highlights again must not re-send the page"

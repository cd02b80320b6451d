"""Single-page apps: a navigation is re-checked; content seen before is not sent again."""

from __future__ import annotations

import pytest

from .conftest import Extension
from .servers import Site

pytestmark = pytest.mark.browser

ANALYZE = "/api/v1/analyze"


def test_spa_navigation_is_rechecked_and_unchanged_content_not_resent(ext: Extension, site: Site) -> None:
    page = ext.open(f"{site.url}/pages/spa.html")
    first = ext.wait_status(page, lambda s: s.get("checked") is True)
    sent = site.count(ANALYZE)

    page.click("#next")
    page.wait_for_url("**/spa.html?chapter=two")
    ext.wait_status(page, lambda s: s.get("checked") is True and site.count(ANALYZE) == sent + 1)
    chapter_two = ext.details(page)
    assert chapter_two["url"].endswith("?chapter=two")

    page.go_back()
    page.wait_for_url("**/spa.html")
    back = ext.wait_status(
        page, lambda s: s.get("checked") is True and s.get("highlights") == first["highlights"]
    )
    assert back["anchored"] == first["anchored"]
    assert site.count(ANALYZE) == sent + 1, "the first chapter was analyzed already"


def test_new_content_is_checked(ext: Extension, site: Site) -> None:
    page = ext.open(f"{site.url}/pages/no-topic.html")
    ext.wait_status(page, lambda s: s.get("reason") == "no-topic-terms")
    sent = site.count(ANALYZE)
    page.evaluate(
        """() => {
            const p = document.createElement("p");
            p.textContent = "A reader asks whether kratom is safe to take with tomatoes.";
            document.querySelector("article").append(p);
        }"""
    )
    ext.wait_status(page, lambda s: s.get("checked") is True)
    assert site.count(ANALYZE) == sent + 1

"""The privacy gate in the browser: what is sent, when, and where."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from .conftest import Extension, serve
from .servers import Site
from .site_pages import MAIN_PAGE, build_pages

pytestmark = pytest.mark.browser

TOKEN = "e2e-token-0123456789abcdef"
ANALYZE = "/api/v1/analyze"


def test_a_page_without_topic_terms_sends_nothing(ext: Extension, site: Site) -> None:
    sent = site.count(ANALYZE)
    page = ext.open(f"{site.url}/pages/no-topic.html")
    status = ext.wait_status(page, lambda s: s.get("reason") == "no-topic-terms")
    assert status["checked"] is False
    assert site.count(ANALYZE) == sent


def test_a_site_turned_off_sends_nothing(ext: Extension, site: Site) -> None:
    ext.configure(disabledSites=["127.0.0.1"])
    sent = site.count(ANALYZE)
    page = ext.open(f"{site.url}/pages/{MAIN_PAGE}")
    ext.wait_status(page, lambda s: s.get("reason") == "site-off")
    assert site.count(ANALYZE) == sent


def test_click_mode_sends_only_when_the_reader_asks(ext: Extension, site: Site, screenshot) -> None:
    ext.configure(mode="click")
    sent = site.count(ANALYZE)
    page = ext.open(f"{site.url}/pages/dev/seed-001.html")
    ext.wait_status(page, lambda s: s.get("reason") == "click-mode")
    assert site.count(ANALYZE) == sent

    popup = ext.open_popup(page)
    popup.get_by_role("button", name="Check this page").click()
    ext.wait_status(page, lambda s: s.get("checked") is True)
    assert site.count(ANALYZE) == sent + 1


@pytest.fixture(scope="module")
def token_site(shared) -> Iterator[Site]:
    from caveat.app import create_app
    from caveat.config import Config

    site, server = serve(create_app(Config(token=TOKEN)), build_pages(shared))
    yield site
    server.stop()


def test_the_token_is_sent_to_a_server_that_wants_one(ext: Extension, token_site: Site) -> None:
    url = f"{token_site.url}/pages/{MAIN_PAGE}"
    ext.configure(server=token_site.url)
    page = ext.open(url)
    status = ext.wait_status(page, lambda s: s.get("reason") == "error")
    assert status["checked"] is False
    assert "token" in ext.details(page)["explanation"].lower()
    page.close()

    ext.configure(server=token_site.url, token=TOKEN)
    page = ext.open(url)
    ext.wait_status(page, lambda s: s.get("checked") is True)

"""The page keeps working, and neither the server's text nor the page's can run as code."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml

from .conftest import Extension, layer_js, serve
from .servers import Site
from .site_pages import build_pages

pytestmark = pytest.mark.browser

HOSTILE = "<img src=x onerror=\"window.__pwned = 'claim'\">"


def test_the_pages_own_script_keeps_working(ext: Extension, site: Site) -> None:
    page, _ = ext.open_checked(f"{site.url}/pages/script.html")
    button = page.locator("#count")
    button.click()
    button.click()
    assert button.inner_text() == "Clicked 2 times"
    heading = page.evaluate("document.querySelector('h1').textContent.trim().slice(0, 12)")
    assert page.locator("#echo").inner_text() == heading


@pytest.fixture(scope="module")
def hostile_site(shared: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Site]:
    """The app on a copy of the bundled database whose every claim carries markup in its text."""
    from caveat.app import create_app
    from caveat.claims import BUNDLED_CLAIMS
    from caveat.config import Config

    claims = tmp_path_factory.mktemp("hostile-claims")
    for source in BUNDLED_CLAIMS.glob("*.yaml"):
        claim = yaml.safe_load(source.read_text(encoding="utf-8"))
        claim["summary"] = f"Summary {HOSTILE} end."
        claim["explanation"] = f"{HOSTILE} {claim['explanation']}"
        claim["sources"][0]["title"] = HOSTILE
        (claims / source.name).write_text(yaml.safe_dump(claim, allow_unicode=True), encoding="utf-8")
    site, server = serve(create_app(Config(claims_dir=claims)), build_pages(shared))
    yield site
    server.stop()


def test_hostile_text_never_runs(ext: Extension, hostile_site: Site) -> None:
    ext.configure(server=hostile_site.url)
    page, _ = ext.open_checked(f"{hostile_site.url}/pages/hostile.html")
    page.locator("caveat-layer .marker").first.focus()
    page.keyboard.press("Enter")
    card = page.locator("caveat-layer [role=dialog]")
    card.wait_for()
    assert HOSTILE in card.inner_text()
    assert page.evaluate(layer_js("root.querySelectorAll('img').length")) == 0
    assert card.locator(".sources a").first.inner_text() == HOSTILE

    popup = ext.open_popup(page)
    popup.locator("#flagged button").first.wait_for()
    popup.locator("#flagged button").first.click()
    assert popup.locator("img:not([src$='.png'])").count() == 0
    # Let any injected image fail to load and fire its handler, were there one.
    page.wait_for_timeout(300)
    assert page.evaluate("window.__pwned") is None
    assert popup.evaluate("window.__pwned") is None

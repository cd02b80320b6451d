"""Real pages in a real browser: the extension anchors what the server returns."""

from __future__ import annotations

import pytest

from .conftest import Extension, settled
from .servers import Site

pytestmark = pytest.mark.browser

ANCHORED_SHARE = 0.995


@pytest.mark.parametrize("pages", ["dev", "design"])
def test_nearly_every_highlight_is_anchored(ext: Extension, site: Site, pages: str) -> None:
    names = [name for name in site.pages if name.startswith(f"{pages}/")]
    assert names, f"no {pages} pages"
    highlights = anchored = 0
    for name in names:
        page = ext.open(f"{site.url}/pages/{name}")
        status = ext.wait_status(page, settled)
        expected = len(
            site.api.test_client()  # type: ignore[attr-defined]
            .post("/api/v1/analyze", json={"url": page.url, "html": page.content()})
            .get_json()["highlights"]
        )
        assert status["highlights"] == expected, name
        assert status["anchored"] + status["unanchored"] == status["highlights"]
        highlights += status["highlights"]
        anchored += status["anchored"]
        page.close()
    assert highlights > 50, "the pages should give the extension plenty to anchor"
    assert anchored / highlights >= ANCHORED_SHARE, f"anchored {anchored} of {highlights}"

"""The dev set in a real browser: the extension anchors what the server returns."""

from __future__ import annotations

from .conftest import Extension, settled
from .servers import Site


def test_dev_pages_anchor_nearly_every_highlight(ext: Extension, site: Site) -> None:
    highlights = anchored = 0
    for name in site.pages:
        page = ext.open(f"{site.url}/pages/{name}")
        status = ext.wait_status(page, settled)
        expected = len(
            site.api.test_client()
            .post(  # type: ignore[attr-defined]
                "/api/v1/analyze", json={"url": page.url, "html": page.content()}
            )
            .get_json()["highlights"]
        )
        assert status["highlights"] == expected, name
        assert status["anchored"] + status["unanchored"] == status["highlights"]
        highlights += status["highlights"]
        anchored += status["anchored"]
        page.close()
    assert highlights > 50, "the dev set should give the extension plenty to anchor"
    assert anchored / highlights >= 0.995, f"anchored {anchored} of {highlights}"

"""The card and the markers: right claim, keyboard, hover, Escape; painting leaves the DOM alone."""

from __future__ import annotations

from typing import Any

import pytest

from .conftest import Extension, layer_js
from .servers import Site
from .site_pages import MAIN_PAGE

pytestmark = pytest.mark.browser


def claims_of_first_spot(ext: Extension, site: Site, page: Any) -> list[dict[str, Any]]:
    """The server's claims for the first highlighted sentence on the page."""
    details = ext.details(page)
    ids = [item["claimId"] for item in details["items"] if item["spot"] == 0]
    answer = site.api.test_client().post("/api/v1/analyze", json={"url": page.url, "html": page.content()})
    claims = answer.get_json()["claims"]
    return [claims[i] for i in dict.fromkeys(ids)]


def test_keyboard_opens_the_card_with_the_right_claim(ext: Extension, site: Site, screenshot: Any) -> None:
    page, status = ext.open_checked(f"{site.url}/pages/{MAIN_PAGE}")
    assert status["anchored"] > 0
    expected = claims_of_first_spot(ext, site, page)
    page.set_viewport_size({"width": 1100, "height": 900})
    page.evaluate("window.scrollTo(0, 240)")
    screenshot(page, "highlighted-page")

    marker = page.locator("caveat-layer .marker").first
    marker.focus()
    page.keyboard.press("Enter")
    card = page.locator("caveat-layer [role=dialog]")
    card.wait_for()
    text = card.inner_text()
    for claim in expected:
        assert claim["summary"] in text
        assert claim["explanation"] in text
        assert claim["label"] in text
    assert "Caveat is information, not medical advice" in text
    title = page.evaluate(
        layer_js(
            "root.getElementById(root.querySelector('[role=dialog]').getAttribute('aria-labelledby')).textContent"
        )
    )
    assert title == expected[0]["summary"]
    assert page.evaluate(layer_js("root.activeElement?.getAttribute('role')")) == "dialog"
    for link in card.locator(".sources a").all():
        assert link.get_attribute("target") == "_blank"
        assert link.get_attribute("rel") == "noopener noreferrer"
        assert (link.get_attribute("href") or "").startswith(("http://", "https://"))
    screenshot(page, "card")

    page.keyboard.press("Escape")
    card.wait_for(state="detached")
    assert page.evaluate(layer_js("root.activeElement?.classList.contains('marker')")) is True


def test_hover_on_a_highlight_opens_its_card(ext: Extension, site: Site) -> None:
    page, _ = ext.open_checked(f"{site.url}/pages/{MAIN_PAGE}")
    exact = next(item["exact"] for item in ext.details(page)["items"] if item["spot"] == 0)
    box = page.evaluate(
        """(start) => {
            const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
            for (let node = walker.nextNode(); node; node = walker.nextNode()) {
                const at = node.data.indexOf(start);
                if (at < 0) continue;
                const range = document.createRange();
                range.setStart(node, at);
                range.setEnd(node, at + start.length);
                range.startContainer.parentElement.scrollIntoView({block: "center"});
                const r = range.getBoundingClientRect();
                return {x: r.left + r.width / 2, y: r.top + r.height / 2};
            }
            return null;
        }""",
        exact[:20],
    )
    assert box, "the flagged sentence is in the page's text"
    page.mouse.move(box["x"], box["y"])
    card = page.locator("caveat-layer [role=dialog]")
    card.wait_for()
    card_box = card.bounding_box()
    assert card_box
    page.mouse.move(card_box["x"] + 20, card_box["y"] + 20)
    page.mouse.move(2, 2)  # away from both: a card opened by hover closes by itself
    card.wait_for(state="detached")


def test_highlights_use_the_highlight_api_and_leave_the_dom_alone(ext: Extension, site: Site) -> None:
    page, _ = ext.open_checked(f"{site.url}/pages/{MAIN_PAGE}")
    assert page.evaluate("CSS.highlights.size") > 0
    assert page.evaluate("document.querySelectorAll('mark').length") == 0
    markers = page.evaluate(layer_js("root.querySelectorAll('button.marker').length"))
    spots = {item["spot"] for item in ext.details(page)["items"] if item["spot"] >= 0}
    assert markers == len(spots)
    labels = page.evaluate(
        layer_js("[...root.querySelectorAll('button.marker')].map((b) => b.getAttribute('aria-label'))")
    )
    assert all(label.startswith("Caveat: ") for label in labels)

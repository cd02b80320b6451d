"""Reader feedback from click to database row: the card's "Report a problem" and the popup's
"Caveat missed a claim here"."""

from __future__ import annotations

from typing import Any

import pytest

from caveat.feedback_store import FeedbackStore

from .conftest import Extension
from .servers import Site
from .site_pages import MAIN_PAGE

pytestmark = pytest.mark.browser

SENT = "Thanks, your report was sent"


def store(site: Site) -> FeedbackStore:
    """The database the test server writes reports to."""
    return site.api.extensions["caveat.feedback"]  # type: ignore[attr-defined]


def test_report_a_problem_on_a_card_stores_a_false_positive(ext: Extension, site: Site) -> None:
    page, _ = ext.open_checked(f"{site.url}/pages/{MAIN_PAGE}")
    first = next(item for item in ext.details(page)["items"] if item["spot"] == 0)
    before = {r.id for r in store(site).reports()}

    page.locator("caveat-layer .marker").first.focus()
    page.keyboard.press("Enter")
    card = page.locator("caveat-layer [role=dialog]")
    card.locator(".report").first.click()
    card.locator("textarea").first.fill("The page says this to warn readers.")
    card.locator("form .send").first.click()
    card.locator(".report-status", has_text=SENT).wait_for()

    (row,) = [r for r in store(site).reports() if r.id not in before]
    assert row.report.kind == "false_positive"
    assert row.report.claim_id == first["claimId"]
    assert row.report.quote == first["exact"]
    assert row.report.comment == "The page says this to warn readers."
    assert row.report.url == page.url


def test_the_popup_reports_a_selected_sentence_as_missed(ext: Extension, site: Site) -> None:
    page, _ = ext.open_checked(f"{site.url}/pages/{MAIN_PAGE}")
    selected: Any = page.evaluate(
        """() => {
            const heading = document.querySelector("h1");
            getSelection().selectAllChildren(heading);
            return getSelection().toString().replace(/\\s+/g, " ").trim();
        }"""
    )
    assert selected
    before = {r.id for r in store(site).reports()}

    popup = ext.open_popup(page)
    popup.get_by_role("button", name="Caveat missed a claim here").click()
    assert popup.locator(".missed-quote").inner_text() == selected
    popup.get_by_role("button", name="Send report").click()
    popup.locator(".missed .report-status", has_text=SENT).wait_for()

    (row,) = [r for r in store(site).reports() if r.id not in before]
    assert (row.report.kind, row.report.claim_id, row.report.quote) == ("missed_claim", None, selected)
    assert row.report.url == page.url

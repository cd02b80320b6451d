"""The evaluation corpus must stay consistent with its pages, or every score taken on it is wrong."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from check_labels import catalog_ids, check_set, load_scorer

HERE = Path(__file__).resolve().parent


@pytest.mark.parametrize("split", ["design", "heldout"])
def test_split_labels_match_pages_and_cover_every_claim(shared: Path, split: str) -> None:
    problems, _ = check_set(
        HERE / split, load_scorer(shared).norm, catalog_ids(shared), min_per_claim=3, unlabelled=False
    )
    assert problems == []


def test_checker_reports_labels_the_page_does_not_show(shared: Path, tmp_path: Path) -> None:
    (tmp_path / "pages").mkdir()
    (tmp_path / "pages" / "a.html").write_text(
        "<html><head><title>Kratom is not addictive.</title></head><body>"
        "<p>Kratom is <em>not</em> habit-forming.</p><script>var s = 'It cures everything.';</script>"
        "</body></html>",
        encoding="utf-8",
    )
    labels = {
        "pages": [
            {
                "file": "pages/a.html",
                "url": "https://a.example/",
                "clean": True,
                "sentences": [
                    {"text": "Kratom is not habit-forming.", "claims": ["kratom-not-addictive"]},
                    {"text": "Kratom is not addictive.", "claims": []},
                    {"text": "It cures everything.", "claims": []},
                    {"text": "Unknown claim here.", "claims": ["kratom-cures-everything"]},
                ],
            }
        ]
    }
    (tmp_path / "labels.json").write_text(json.dumps(labels), encoding="utf-8")
    problems, counts = check_set(
        tmp_path, load_scorer(shared).norm, catalog_ids(shared), min_per_claim=0, unlabelled=False
    )
    assert counts == {"kratom-not-addictive": 1}
    assert any("#0" in p and "clean" in p for p in problems)
    assert any("#1" in p and "not in the page" in p for p in problems)  # only in <title>
    assert any("#2" in p and "not in the page" in p for p in problems)  # only in a script
    assert any("#3" in p and "catalogued" in p for p in problems)
    assert not any("#0" in p and "not in the page" in p for p in problems)  # inline markup is text

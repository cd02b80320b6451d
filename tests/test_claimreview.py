"""ClaimReview export meets Google's fact-check requirements; import gives back loadable drafts."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path
from typing import Any

import pytest
import yaml

from caveat.claimreview import (
    CLAIM_REVIEWED_MAX,
    RATING_VALUES,
    TODO,
    WORST_RATING,
    ClaimReviewError,
    claim_reviewed,
    export_claimreview,
    import_claimreview,
)
from caveat.claims import VERDICT_LABELS, ClaimDatabase, ClaimFileError, load_claim, load_database

BASE = "https://caveat.example/api/v1/claims/"
DATE = "2026-11-21"


@pytest.fixture(scope="module")
def database() -> ClaimDatabase:
    return load_database()


@pytest.fixture(scope="module")
def reviews(database: ClaimDatabase) -> list[dict[str, Any]]:
    document = export_claimreview(database, "Caveat Test", BASE, DATE)
    assert document["@context"] == "https://schema.org"
    return document["@graph"]


def test_every_claim_is_exported_once_and_as_json(
    database: ClaimDatabase, reviews: list[dict[str, Any]]
) -> None:
    assert sorted(r["identifier"] for r in reviews) == sorted(c.id for c in database)
    json.dumps(reviews)  # JSON-LD must serialise without custom encoders


def test_google_required_fields_are_present_and_valid(reviews: list[dict[str, Any]]) -> None:
    for review in reviews:
        assert review["@type"] == "ClaimReview"
        assert 10 <= len(review["claimReviewed"]) < 75, review["identifier"]
        rating = review["reviewRating"]
        assert rating["alternateName"] in VERDICT_LABELS.values()
        for key in ("ratingValue", "bestRating", "worstRating"):
            assert isinstance(rating[key], int)
        assert rating["worstRating"] <= rating["ratingValue"] <= rating["bestRating"]
        assert review["url"] == BASE + review["identifier"]


def test_google_recommended_fields_are_present(reviews: list[dict[str, Any]]) -> None:
    for review in reviews:
        assert review["author"] == {"@type": "Organization", "name": "Caveat Test"}
        assert review["datePublished"] == DATE
        item = review["itemReviewed"]
        assert item["@type"] == "Claim"
        assert item["appearance"], review["identifier"]
        assert item["firstAppearance"] == item["appearance"][0]
        for work in item["appearance"]:
            assert work["@type"] == "CreativeWork" and work["name"] and work["text"]


def test_a_worse_verdict_never_rates_higher() -> None:
    # The numeric scale must agree with the labels' order of severity: false is the floor.
    assert RATING_VALUES["false"] == WORST_RATING
    assert RATING_VALUES["false"] < RATING_VALUES["misleading"] <= RATING_VALUES["unsupported"]
    assert set(RATING_VALUES) == set(VERDICT_LABELS)


def test_url_is_an_anchor_when_the_base_is_a_page(database: ClaimDatabase) -> None:
    graph = export_claimreview(database, "Caveat", "https://caveat.example/reviews", DATE)["@graph"]
    assert {r["url"] for r in graph} == {f"https://caveat.example/reviews#{c.id}" for c in database}


def test_appearance_carries_the_url_when_the_provenance_has_one(database: ClaimDatabase) -> None:
    claim = next(iter(database))
    sourced = dataclasses.replace(
        claim, provenance=({"seed": "blog post", "url": "https://blog.example/kratom", "quotes": ["q"]},)
    )
    (review,) = export_claimreview([sourced], "Caveat", BASE, DATE)["@graph"]
    assert review["itemReviewed"]["firstAppearance"]["url"] == "https://blog.example/kratom"


def test_a_long_claim_is_shortened_at_a_word(database: ClaimDatabase) -> None:
    claim = next(iter(database))
    long_claim = dataclasses.replace(claim, claim="Kratom " + "cures every ailment known to medicine " * 4)
    short = claim_reviewed(long_claim)
    assert len(short) <= CLAIM_REVIEWED_MAX and short.endswith("…")
    assert long_claim.claim.startswith(short[:-1].rstrip())


@pytest.mark.parametrize(
    ("publisher", "base_url", "date", "message"),
    [
        ("  ", BASE, DATE, "publisher"),
        ("Caveat", "caveat.example/claims", DATE, "base URL"),
        ("Caveat", "https://caveat.example/claims#", DATE, "base URL"),
        ("Caveat", BASE, "21/11/2026", "ISO date"),
    ],
)
def test_export_rejects_bad_parameters(
    database: ClaimDatabase, publisher: str, base_url: str, date: str, message: str
) -> None:
    with pytest.raises(ClaimReviewError, match=message):
        export_claimreview(database, publisher, base_url, date)


def _fill_todos(path: Path) -> None:
    """What a curator does after import: the fields ClaimReview cannot carry."""
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data["severity"] = "medium"
    data["tests"] = {"must_match": ["Kratom cures everything."], "must_not_match": ["Is kratom a cure?"]}
    path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")


def test_export_then_import_gives_back_every_entry(database: ClaimDatabase, tmp_path: Path) -> None:
    document = json.loads(json.dumps(export_claimreview(database, "Caveat", BASE, DATE)))
    written = import_claimreview(document, tmp_path)
    assert sorted(p.stem for p in written) == sorted(c.id for c in database)
    for path in written:
        with pytest.raises(ClaimFileError, match="severity"):  # TODOs stop the draft from loading
            load_claim(path)
        _fill_todos(path)
    imported = load_database(tmp_path)
    for original in database:
        copy = imported.get(original.id)
        assert copy is not None
        assert (copy.claim, copy.verdict, copy.summary, copy.explanation, copy.disclaimer) == (
            original.claim,
            original.verdict,
            original.summary,
            original.explanation,
            original.disclaimer,
        )
        assert copy.sources == original.sources
        assert [dict(p) for p in copy.provenance] == [dict(p) for p in original.provenance]


def test_import_never_overwrites_and_writes_nothing_on_conflict(
    database: ClaimDatabase, tmp_path: Path
) -> None:
    document = export_claimreview(database, "Caveat", BASE, DATE)
    existing = tmp_path / f"{document['@graph'][-1]['identifier']}.yaml"
    existing.write_text("curator's work\n", encoding="utf-8")
    with pytest.raises(ClaimReviewError, match="already exists"):
        import_claimreview(document, tmp_path)
    assert existing.read_text(encoding="utf-8") == "curator's work\n"
    assert sorted(tmp_path.iterdir()) == [existing]


def test_a_foreign_review_becomes_a_draft_with_todos(tmp_path: Path) -> None:
    review = {
        "@context": "https://schema.org",
        "@type": "ClaimReview",
        "url": "https://factcheck.example/2026/kratom-cures-cancer.html",
        "claimReviewed": "Kratom cures cancer",
        "reviewRating": {"@type": "Rating", "ratingValue": 1, "alternateName": "FALSE"},
        "itemReviewed": {"@type": "Claim", "appearance": "https://shop.example/kratom"},
    }
    (path,) = import_claimreview(review, tmp_path)
    assert path.name == "kratom-cures-cancer.yaml"
    draft = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert list(draft) == [
        "id", "claim", "verdict", "severity", "summary", "explanation", "disclaimer",
        "sources", "provenance", "tests", "match",
    ]  # fmt: skip
    assert (draft["claim"], draft["verdict"], draft["severity"]) == ("Kratom cures cancer", "false", TODO)
    assert draft["provenance"] == [
        {"seed": "https://shop.example/kratom", "url": "https://shop.example/kratom", "quotes": [TODO]}
    ]
    assert draft["match"]["concepts"] == {"todo": [TODO]}  # matches nothing until the curator writes terms
    with pytest.raises(ClaimFileError):
        load_claim(path)


def test_an_unknown_rating_label_is_left_for_the_curator(tmp_path: Path) -> None:
    review = {
        "@type": "ClaimReview",
        "claimReviewed": "Kratom is a vitamin",
        "reviewRating": {"alternateName": "Pants on fire"},
    }
    (path,) = import_claimreview([review], tmp_path)
    assert yaml.safe_load(path.read_text(encoding="utf-8"))["verdict"] == TODO


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"@graph": []}, "no ClaimReview"),
        ("a string", "expected a ClaimReview"),
        ([42], "expected an object"),
        ([{"@type": "Review", "claimReviewed": "x"}], "not ClaimReview"),
        ([{"@type": "ClaimReview", "claimReviewed": "  "}], "claimReviewed"),
        ([{"@type": "ClaimReview", "claimReviewed": "!!!"}], "file name"),
        (
            [{"@type": "ClaimReview", "claimReviewed": "Kratom is safe"}] * 2,
            "both be written",
        ),
    ],
)
def test_import_rejects_unusable_input_with_a_clear_error(data: Any, message: str, tmp_path: Path) -> None:
    with pytest.raises(ClaimReviewError, match=message):
        import_claimreview(data, tmp_path)
    assert list(tmp_path.iterdir()) == []


def test_import_needs_an_existing_directory(tmp_path: Path) -> None:
    with pytest.raises(ClaimReviewError, match="not a directory"):
        import_claimreview({"@type": "ClaimReview", "claimReviewed": "Kratom is safe"}, tmp_path / "missing")

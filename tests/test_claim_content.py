"""The bundled claim database keeps the curation rules of docs/curating.md.

The schema checks shapes; these check what a reviewer would otherwise have to check by hand:
every catalogued claim is covered with its verdict, provenance quotes are verbatim, every
entry has enough test sentences and sources, and all warnings carry the same disclaimer.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from caveat.claimreview import CLAIM_REVIEWED_MAX, DISCLAIMER
from caveat.claims import ClaimDatabase, load_database

MIN_TEST_SENTENCES = 8


@pytest.fixture(scope="module")
def database() -> ClaimDatabase:
    return load_database()


def test_every_catalogued_claim_has_an_entry_with_its_verdict(database: ClaimDatabase, shared: Path) -> None:
    catalog = yaml.safe_load((shared / "claims" / "catalog.yaml").read_text(encoding="utf-8"))
    expected = {entry["id"]: entry["verdict"] for entry in catalog["claims"]}
    assert {claim.id: claim.verdict for claim in database} == expected


def test_provenance_quotes_are_verbatim_from_the_seeds(database: ClaimDatabase, shared: Path) -> None:
    for claim in database:
        for entry in claim.provenance:
            seed = (shared / "seeds" / entry["seed"]).read_text(encoding="utf-8")
            for quote in entry["quotes"]:
                assert quote in seed, f"{claim.id}: not in {entry['seed']}: {quote[:60]}"


def test_each_entry_has_enough_tests_and_sources(database: ClaimDatabase) -> None:
    for claim in database:
        assert len(claim.claim) <= CLAIM_REVIEWED_MAX, f"{claim.id}: claim too long for claimReviewed"
        assert len(claim.must_match) >= MIN_TEST_SENTENCES, claim.id
        assert len(claim.must_not_match) >= MIN_TEST_SENTENCES, claim.id
        assert len(claim.sources) >= 2, claim.id
        sentences = re.findall(r"[.!?](?:\s|$)", claim.explanation)
        assert 2 <= len(sentences) <= 5, f"{claim.id}: explanation has {len(sentences)} sentences"


def test_every_warning_carries_the_same_disclaimer(database: ClaimDatabase) -> None:
    assert {claim.disclaimer for claim in database} == {DISCLAIMER}


def test_no_test_sentence_is_taken_from_the_evaluation_set(database: ClaimDatabase, shared: Path) -> None:
    # Test sentences tuned on the dev set would make its score meaningless.
    pages = (shared / "eval" / "dev" / "pages").iterdir()
    dev = " ".join(page.read_text(encoding="utf-8").lower() for page in pages)
    for claim in database:
        for sentence in (*claim.must_match, *claim.must_not_match):
            assert sentence.text.lower()[:50] not in dev, f"{claim.id}: {sentence.text}"

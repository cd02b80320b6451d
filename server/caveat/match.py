"""Step 3: sentences -> matches against the claim database."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import yaml

from caveat.claims import ClaimDatabase
from caveat.records import Match, Page, Sentence

LEXICON_PATH = Path(__file__).parent / "data" / "lexicon.yaml"


class Matcher:
    """Built once from the database at start; ``match`` is called per request."""

    def __init__(self, database: ClaimDatabase) -> None:
        self.database = database
        lexicon = yaml.safe_load(LEXICON_PATH.read_text(encoding="utf-8"))
        self.topics: tuple[str, ...] = tuple(lexicon["topics"])

    def match(self, page: Page, sentences: Sequence[Sentence]) -> list[Match]:
        return []


def claim_test_failures(matcher: Matcher) -> list[str]:
    """Run every claim's must_match / must_not_match sentences; one readable line per failure."""
    return []

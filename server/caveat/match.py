"""Step 3: sentences -> matches against the claim database."""

from __future__ import annotations

from collections.abc import Sequence

from caveat.claims import ClaimDatabase
from caveat.records import Match, Page, Sentence


class Matcher:
    """Built once from the database at start; ``match`` is called per request."""

    def __init__(self, database: ClaimDatabase) -> None:
        self.database = database

    def match(self, page: Page, sentences: Sequence[Sentence]) -> list[Match]:
        return []

"""Step 4: matches -> highlights carrying W3C TextQuoteSelectors."""

from __future__ import annotations

from collections.abc import Iterable

from caveat.records import Highlight, Match, Page, TextQuoteSelector

CONTEXT_CHARS = 32


def quote_selector(text: str, start: int, end: int, context: int = CONTEXT_CHARS) -> TextQuoteSelector:
    raise NotImplementedError


def to_highlights(page: Page, matches: Iterable[Match]) -> list[Highlight]:
    raise NotImplementedError

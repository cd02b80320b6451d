"""Step 2: Page -> sentences, each with its character offsets in Page.text."""

from __future__ import annotations

from caveat.records import Page, Sentence


def split_sentences(page: Page) -> list[Sentence]:
    raise NotImplementedError

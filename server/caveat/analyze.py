"""The pipeline end to end: Page -> sentences -> matches -> highlights."""

from __future__ import annotations

from dataclasses import dataclass

from caveat.match import Matcher
from caveat.records import Highlight, Page, Sentence
from caveat.selectors import to_highlights
from caveat.sentences import split_sentences


@dataclass(frozen=True, slots=True)
class Analysis:
    page: Page
    sentences: tuple[Sentence, ...]
    highlights: tuple[Highlight, ...]


def analyze(page: Page, matcher: Matcher) -> Analysis:
    sentences = tuple(split_sentences(page))
    highlights = tuple(to_highlights(page, matcher.match(page, sentences)))
    return Analysis(page, sentences, highlights)

"""Plain records passed from one pipeline step to the next.

Every step is a function of these immutable values, so a step can be tested, replaced or
benchmarked alone. Offsets are indices into ``Page.text``: the text the server checked,
exactly as returned by ``/api/v1/extract``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

BlockKind = Literal["heading", "paragraph", "list-item", "table-cell", "quote", "comment", "other"]


@dataclass(frozen=True, slots=True)
class Block:
    """One unit of text as a reader sees it: a paragraph, heading, list item, cell or post.

    Sentences never span blocks, so a heading without a full stop cannot swallow the
    paragraph after it.
    """

    text: str
    kind: BlockKind
    start: int  # offset of ``text`` in Page.text
    # A table cell's labels, its column header then its row header joined by " / " ("Kratom / Overdose
    # risk"): a cell often says something only of what its header names.
    header: str = ""

    @property
    def end(self) -> int:
        return self.start + len(self.text)


@dataclass(frozen=True, slots=True)
class Page:
    """The main content of a page: what a reader reads, without navigation or boilerplate."""

    url: str
    title: str
    language: str  # BCP 47 tag from the page, or "" when it gives none
    text: str  # the blocks' texts joined by BLOCK_SEPARATOR
    blocks: tuple[Block, ...]


BLOCK_SEPARATOR = "\n"


@dataclass(frozen=True, slots=True)
class Sentence:
    text: str
    start: int  # offsets in Page.text; Page.text[start:end] == text
    end: int
    block: int  # index into Page.blocks
    kind: BlockKind  # the kind of its block: headings and questions are not claims


@dataclass(frozen=True, slots=True)
class Match:
    """A sentence that asserts a catalogued claim, and why the matcher thinks so."""

    claim_id: str
    sentence: Sentence
    # The words to highlight, as offsets in Page.text: the sentence, or in a run-on "sentence" (a forum
    # post without full stops) only the words around the claim, so that the reader sees which part says it.
    start: int
    end: int
    score: float  # 0..1, higher is surer
    reasons: tuple[str, ...]  # for curators: which concepts and cues decided it


@dataclass(frozen=True, slots=True)
class TextQuoteSelector:
    """W3C Web Annotation TextQuoteSelector: the quote and up to 32 characters either side."""

    exact: str
    prefix: str
    suffix: str


@dataclass(frozen=True, slots=True)
class Highlight:
    claim_id: str
    quote: TextQuoteSelector
    start: int
    end: int
    score: float
    reasons: tuple[str, ...]

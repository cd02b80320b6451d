"""Step 4: matches -> highlights carrying W3C TextQuoteSelectors.

The extension finds a highlight again in the live page by its quote, not by offsets: the
page's DOM text differs from ours in white space and hidden nodes. The prefix and suffix
tell apart two equal quotes, so they come from the page text around the sentence, across
block boundaries when the sentence starts or ends its block.
"""

from __future__ import annotations

from collections.abc import Iterable

from caveat.records import Highlight, Match, Page, TextQuoteSelector

CONTEXT_CHARS = 32


def quote_selector(text: str, start: int, end: int, context: int = CONTEXT_CHARS) -> TextQuoteSelector:
    """The selector for text[start:end], with up to ``context`` characters either side.

    Raises ValueError for a span outside ``text`` or a negative ``context``, which would
    otherwise slice silently into a quote that is not in the page.
    """
    if not 0 <= start <= end <= len(text):
        raise ValueError(f"span {start}:{end} is outside a text of {len(text)} characters")
    if context < 0:
        raise ValueError(f"context must be zero or more characters, not {context}")
    return TextQuoteSelector(
        exact=text[start:end],
        prefix=text[max(0, start - context) : start],
        suffix=text[end : end + context],
    )


def to_highlights(page: Page, matches: Iterable[Match]) -> list[Highlight]:
    """One highlight per match, in reading order; claims on the same sentence by claim id.

    Raises ValueError when a match's sentence is not at its offsets in ``page.text``, or its
    words lie outside its sentence: it came from another page, and its quote would paint the
    wrong words.
    """
    highlights = []
    for match in matches:
        sentence = match.sentence
        if page.text[sentence.start : sentence.end] != sentence.text or not (
            sentence.start <= match.start < match.end <= sentence.end
        ):
            raise ValueError(
                f"the match for {match.claim_id!r} ({match.start}:{match.end} in a sentence at "
                f"{sentence.start}:{sentence.end}) is not in the page text"
            )
        selector = quote_selector(page.text, match.start, match.end)
        highlights.append(
            Highlight(match.claim_id, selector, match.start, match.end, match.score, match.reasons)
        )
    highlights.sort(key=lambda h: (h.start, h.end, h.claim_id))
    return highlights

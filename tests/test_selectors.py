"""Selectors: the extension re-finds each highlight in the live page by quote, prefix and suffix."""

from __future__ import annotations

from dataclasses import replace

import pytest
from hypothesis import given
from hypothesis import strategies as st
from test_sentences import page_of

from caveat.records import Match, Page, TextQuoteSelector
from caveat.selectors import CONTEXT_CHARS, quote_selector, to_highlights
from caveat.sentences import split_sentences

LONG = "a" * 40 + "QUOTE" + "z" * 40


def test_context_is_32_characters_either_side() -> None:
    assert quote_selector(LONG, 40, 45) == TextQuoteSelector("QUOTE", "a" * 32, "z" * 32)


def test_context_stops_at_the_start_and_end_of_the_text() -> None:
    assert quote_selector("Start. Middle. End", 0, 6) == TextQuoteSelector("Start.", "", " Middle. End")
    assert quote_selector("Start. Middle. End", 15, 18) == TextQuoteSelector("End", "Start. Middle. ", "")


def test_whole_short_text_has_no_context() -> None:
    assert quote_selector("Hi.", 0, 3) == TextQuoteSelector("Hi.", "", "")


def test_context_crosses_block_boundaries() -> None:
    page = page_of(
        ("Kratom and Pain", "heading"), ("It is safe.", "paragraph"), ("Ask a doctor.", "paragraph")
    )
    middle = split_sentences(page)[1]
    assert quote_selector(page.text, middle.start, middle.end) == TextQuoteSelector(
        "It is safe.", "Kratom and Pain\n", "\nAsk a doctor."
    )


def test_unicode_is_counted_in_characters() -> None:
    # Context is counted in code points, so an emoji is never cut into a lone UTF-16 surrogate
    text = "Café ☕ “kratom” naïve 🌿 — it can't hurt. 🌿🌿"
    start = text.index("it")
    selector = quote_selector(text, start, start + 14, context=4)
    assert selector == TextQuoteSelector("it can't hurt.", "🌿 — ", " 🌿🌿")


@pytest.mark.parametrize(("start", "end", "context"), [(-1, 2, 32), (3, 2, 32), (0, 99, 32), (0, 1, -1)])
def test_bad_span_or_context_is_a_clear_error(start: int, end: int, context: int) -> None:
    with pytest.raises(ValueError, match=r"span|context"):
        quote_selector("Short text.", start, end, context)


@given(st.text(max_size=100), st.data())
def test_selector_pieces_are_adjacent_in_the_text(text: str, data: st.DataObject) -> None:
    start = data.draw(st.integers(0, len(text)))
    end = data.draw(st.integers(start, len(text)))
    selector = quote_selector(text, start, end)
    assert selector.prefix + selector.exact + selector.suffix in text
    assert text[:end].endswith(selector.prefix + selector.exact)
    assert len(selector.prefix) == min(start, CONTEXT_CHARS)
    assert len(selector.suffix) == min(len(text) - end, CONTEXT_CHARS)


def _page_and_matches() -> tuple[Page, list[Match]]:
    page = page_of(("Kratom is not addictive. You cannot overdose. It is a plant.", "paragraph"))
    first, second, _ = split_sentences(page)
    matches = [
        Match("kratom-no-overdose-risk", second, second.start, second.end, 0.9, ("overdose",)),
        Match("kratom-not-addictive", first, first.start, first.end, 0.8, ("addictive", "negation")),
        Match("kratom-natural-means-safe", first, first.start, first.end, 0.5, ("natural",)),
    ]
    return page, matches


def test_highlights_are_in_reading_order_then_by_claim() -> None:
    page, matches = _page_and_matches()
    highlights = to_highlights(page, matches)
    assert [(h.start, h.claim_id) for h in highlights] == [
        (0, "kratom-natural-means-safe"),
        (0, "kratom-not-addictive"),
        (25, "kratom-no-overdose-risk"),
    ]


def test_highlight_carries_its_match_and_quote() -> None:
    page, matches = _page_and_matches()
    overdose = to_highlights(page, matches)[-1]
    assert overdose.quote == TextQuoteSelector(
        "You cannot overdose.", "Kratom is not addictive. ", " It is a plant."
    )
    assert (overdose.end, overdose.score, overdose.reasons) == (45, 0.9, ("overdose",))
    assert page.text[overdose.start : overdose.end] == overdose.quote.exact


def test_claims_on_one_sentence_share_the_quote() -> None:
    page, matches = _page_and_matches()
    first, second, _ = to_highlights(page, matches)
    assert first.quote == second.quote
    assert first.claim_id != second.claim_id


def test_no_matches_give_no_highlights() -> None:
    page, _ = _page_and_matches()
    assert to_highlights(page, []) == []


def test_match_from_another_page_is_a_clear_error() -> None:
    _, matches = _page_and_matches()
    other = page_of(("Something else entirely, much longer than the first page.", "paragraph"))
    with pytest.raises(ValueError, match="kratom-no-overdose-risk"):
        to_highlights(other, matches[:1])


def test_a_highlight_quotes_the_words_its_match_gives_and_never_words_outside_the_sentence() -> None:
    page, (match, *_) = _page_and_matches()
    sentence = match.sentence
    narrowed = replace(match, start=sentence.start + 4, end=sentence.start + 10)
    (highlight,) = to_highlights(page, [narrowed])
    assert highlight.quote.exact == sentence.text[4:10]
    assert page.text[: highlight.start].endswith(highlight.quote.prefix)
    with pytest.raises(ValueError, match="not in the page text"):
        to_highlights(page, [replace(match, end=sentence.end + 1)])

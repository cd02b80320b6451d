"""Term patterns: the curator-facing syntax of claim concepts, and the word index behind it."""

from __future__ import annotations

import pytest

from caveat.terms import TermIndex, TermSyntaxError, parse_term, parse_terms, tokenize


def words(text: str) -> list[str]:
    return [t.text for t in tokenize(text)]


def test_tokenize_folds_case_quotes_and_possessives():
    assert words("Kratom’s “leaf” isn’t HABIT-forming") == ["kratom", "leaf", "isn't", "habit", "forming"]


def test_tokens_keep_offsets_into_the_original_text():
    text = "Won’t  get you—hooked."
    for token in tokenize(text):
        assert text[token.start : token.end].lower().replace("’", "'") in (token.text, token.text + "'s")


def find(term: str, text: str) -> list[str]:
    index = TermIndex()
    index.add("concept", [parse_term(term)])
    tokens = tokenize(text)
    return [text[tokens[h.start].start : tokens[h.end - 1].end] for h in index.find(tokens)]


@pytest.mark.parametrize(
    ("term", "text", "found"),
    [
        ("habit forming", "It is not habit-forming.", ["habit-forming"]),
        ("addict*", "Non-addictive relief", ["addictive"]),
        ("won't|doesn't hook", "It doesn't hook you.", ["doesn't hook"]),
        ("risk _ overdose", "no risk of overdose", ["risk of overdose"]),
        ("kratom", "Kratom's alkaloids", ["Kratom's"]),
        ("red vein*", "red veins and white veins", ["red veins"]),
        ("vitamin c", "vitamin D is not vitamin C", ["vitamin C"]),
    ],
)
def test_terms_match_words_alternatives_prefixes_and_gaps(term, text, found):
    assert find(term, text) == found


def test_a_term_does_not_match_across_missing_words():
    assert find("fewer risks of addiction", "fewer risks and addiction") == []


@pytest.mark.parametrize("bad", ["", "_ overdose", "fine|!!"])
def test_malformed_terms_are_rejected(bad):
    with pytest.raises(TermSyntaxError):
        parse_term(bad)


def test_a_group_gives_alternatives_of_several_words():
    terms = [t.text for t in parse_terms("(don't|do not) panic|worry")]
    assert terms == ["don't panic|worry", "do not panic|worry"]
    index = TermIndex()
    index.add("calm", parse_terms("(don't|do not) panic|worry"))
    for text in ("Don't panic.", "Do not worry about it."):
        assert [h.key for h in index.find(tokenize(text))] == ["calm"]

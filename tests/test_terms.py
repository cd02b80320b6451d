"""Term patterns: the curator-facing syntax of claim concepts, and the word index behind it."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from caveat import terms
from caveat.terms import TermIndex, TermSyntaxError, Tokens, fold, parse_terms


def words(text: str) -> list[str]:
    return Tokens(text).words


def test_tokenize_folds_case_quotes_and_possessives():
    assert words("Kratom’s “leaf” isn’t HABIT-forming") == ["kratom", "leaf", "isn't", "habit", "forming"]


@pytest.mark.parametrize("text", ["Won’t  get you—hooked.", "The leaf’s effect, İstanbul’s ﬁnest kratom's"])
def test_tokens_keep_offsets_into_the_original_text(text):
    assert len(fold(text)) == len(text)
    tokens = Tokens(text)
    assert tokens.words
    for i, word in enumerate(tokens.words):
        start, end = tokens.offsets(i)
        assert fold(text[start:end]) == word


@given(st.text(alphabet=st.sampled_from([*"aZ9 _-.,\n\t\x1f/(\"'’s", "é", "ß", "İ", "κ", "\u00a0"])))
def test_every_sentence_is_read_as_the_full_word_pattern_reads_it(text):
    # Sentences are split more simply where they can be (ASCII ones by str.split, those without an
    # apostrophe by a plain run of letters); the words and offsets must not change.
    folded = fold(text)
    full = terms._ASCII_WORD if folded.isascii() else terms._WORD
    tokens = Tokens(text)
    found = list(full.finditer(folded))
    assert tokens.words == [m.group() for m in found]
    assert [tokens.offsets(i) for i in range(len(found))] == [m.span() for m in found]


@given(st.text(alphabet=st.sampled_from([*"aZ9 _-.,'’", "é", "\u00ad"])), st.text(), st.text())
def test_a_sentence_read_from_its_page_has_the_words_it_has_alone(text, before, after):
    # The matcher folds and blanks a page once and reads each sentence from its slices.
    folded, start = fold(before + text + after), len(before)
    gaps = terms.blank_gaps(folded)
    assert len(gaps) == len(folded)
    end = start + len(text)
    alone, sliced = Tokens(text), Tokens(text, folded[start:end], gaps[start:end])
    assert sliced.words == alone.words
    everywhere = range(len(alone.words))
    assert list(map(sliced.offsets, everywhere)) == list(map(alone.offsets, everywhere))


def test_words_are_read_through_soft_hyphens_and_zero_width_spaces():
    text = "Kra\u00adtom is non\u200b-addic\u00adtive\u00ad."
    tokens = Tokens(text)
    assert tokens.words == ["kratom", "is", "non", "addictive"]
    assert tokens.quote((0, 1)) == "Kra\u00adtom"
    assert tokens.quote((3, 4)) == "addic\u00adtive"


def test_quotes_and_gaps_are_read_from_the_original_text():
    tokens = Tokens("Kratom is, they say, NOT habit-forming.")
    assert tokens.quote((0, 1)) == "Kratom"
    assert tokens.quote((4, 7)) == "NOT habit-forming"
    assert tokens.between(1, 4) == ", they say, "


@pytest.mark.parametrize("term", ["have not been|never been tested", "couch lock|couch locked"])
def test_a_phrase_written_as_a_slot_alternative_is_refused(term):
    # Slots are single words: this would silently match "have not been been tested" and nothing else.
    with pytest.raises(TermSyntaxError, match=r"\(a b\|c d\)"):
        parse_terms(term)


def find(term: str, text: str) -> list[str]:
    index = TermIndex()
    index.add("concept", parse_terms(term))
    tokens = Tokens(text)
    return [tokens.quote(span) for span in index.find(tokens.words)["terms"].get("concept", [])]


@pytest.mark.parametrize(
    ("term", "text", "found"),
    [
        ("habit forming", "It is not habit-forming.", ["habit-forming"]),
        ("addict*", "Non-addictive relief", ["addictive"]),
        ("won't|doesn't hook", "It doesn't hook you.", ["doesn't hook"]),
        ("risk _ overdose", "no risk of overdose", ["risk of overdose"]),
        ("kratom", "Kratom's alkaloids", ["Kratom"]),
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
        parse_terms(bad)


def test_a_group_gives_alternatives_of_several_words():
    terms = [t.text for t in parse_terms("(don't|do not) panic|worry")]
    assert terms == ["don't panic|worry", "do not panic|worry"]
    index = TermIndex()
    index.add("calm", parse_terms("(don't|do not) panic|worry"))
    for text in ("Don't panic.", "Do not worry about it."):
        assert list(index.find(Tokens(text).words)["terms"]) == ["calm"]


def test_a_gap_of_dots_takes_up_to_two_words():
    assert [t.text for t in parse_terms("stopped .. cravings")] == [
        "stopped cravings",
        "stopped _ cravings",
        "stopped _ _ cravings",
    ]
    index = TermIndex()
    index.add("freed", parse_terms("stopped .. cravings"))
    for text, found in (("It stopped all my cravings.", True), ("It stopped all of my cravings.", False)):
        assert bool(index.find(Tokens(text).words)["terms"]) is found
    for bad in (".. cravings", "stopped .."):
        with pytest.raises(TermSyntaxError, match="gap goes between words"):
            parse_terms(bad)


def test_a_concept_reference_stands_for_each_of_its_terms():
    drugs = parse_terms("oxy*") + parse_terms("(pain pills|methadone)")
    concepts = {"drug": drugs}.__getitem__
    terms = parse_terms("(got|helped) me off {drug} for good", concepts)
    assert len(terms) == 2 * 3
    index = TermIndex()
    index.add("freed", terms)
    for text in ("It got me off oxycodone for good.", "It helped me off pain pills for good!"):
        assert index.find(Tokens(text).words)["terms"] == {"freed": [(1, len(Tokens(text).words))]}
    assert index.find(Tokens("It got me off pills for good.").words)["terms"] == {}
    # a reference may end the term or start it
    assert [t.text for t in parse_terms("{drug}", concepts)] == ["{drug}"] * 3


def test_a_concept_reference_needs_concepts_to_refer_to():
    with pytest.raises(TermSyntaxError, match="refers to a concept"):
        parse_terms("off {drug}")


def test_one_pass_finds_each_group_apart():
    index = TermIndex(groups=("terms", "anaphors"))
    index.add("kratom", parse_terms("kratom"))
    index.add("kratom", parse_terms("the leaf"), group="anaphors")
    found = index.find(Tokens("The leaf is kratom, the leaf says").words)
    assert found == {"terms": {"kratom": [(3, 4)]}, "anaphors": {"kratom": [(0, 2), (4, 6)]}}


def test_a_full_memo_starts_afresh_without_losing_the_sentence_at_hand():
    index = TermIndex()
    index.add("calm", parse_terms("(don't|do not) panic|worry"))
    index._MEMO_SIZE = 4  # a long-running server fills it with the words of many pages
    for text in ("Do not panic, friends.", "Please do not worry about it now.", "Don't panic."):
        assert list(index.find(Tokens(text).words)["terms"]) == ["calm"]

"""Sentence boundaries: the matcher reads, and the extension paints, exactly these spans."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from caveat.records import BLOCK_SEPARATOR, Block, BlockKind, Page
from caveat.sentences import split_sentences


def page_of(*blocks: tuple[str, BlockKind]) -> Page:
    """A Page whose text is the blocks joined as extraction joins them."""
    built, start = [], 0
    for text, kind in blocks:
        built.append(Block(text, kind, start))
        start += len(text) + len(BLOCK_SEPARATOR)
    return Page("https://example.org/", "", "en", BLOCK_SEPARATOR.join(t for t, _ in blocks), tuple(built))


def texts(*blocks: tuple[str, BlockKind]) -> list[str]:
    return [s.text for s in split_sentences(page_of(*blocks))]


# Each case is the sentences a reader sees; the paragraph is them joined by one space.
PARAGRAPHS = {
    "titles": ["Dr. Smith arrived.", "Mr. and Mrs. Jones left with Ms. Lee and Prof. Brown."],
    "saint": ["Try St. John's wort from the shop on Main St. in Boston.", "It rained."],
    "e.g. before lower case": ["Use herbs, e.g. vitamin C and zinc.", "Nothing else."],
    "i.e. mid-sentence": ["Take it i.e. daily, then stop.", "Next sentence."],
    "etc. mid-sentence": ["We sell apples, pears, etc. and more.", "Done."],
    "vs. before a capital": ["Red vs. White Vein Kratom: which is best?", "Read on."],
    "acronym before a name": ["The U.S. Food and Drug Administration warned users.", "It did."],
    "acronym ending a sentence": ["It is sold in the U.S.", "The FDA has warned."],
    "acronym mid-sentence": ["He lives in the U.K. and works there.", "Fine."],
    "times": ["It opens at 9 a.m. and closes at 5 p.m. every day.", "Really."],
    "time ending a sentence": ["It closes at 5 p.m.", "Then it reopens."],
    "numbered": ["See No. 5 and Fig. 2 on p. 12 for details.", "Thanks."],
    "no as an answer": ["Does it help?", "No.", "It does not."],
    "no before a name": ["Is it approved?", "No.", "Kratom is not approved."],
    "et al. mid-sentence": ["Smith et al. reported this in 2019.", "Others agree."],
    "et al. ending a sentence": ["It was shown by Smith et al.", "The study was small."],
    "et al. before a year": ["Smith et al. (2019) found it.", "Others did not."],
    "months": ["It was Jan. 5 when we met.", "Then Feb. 10 came."],
    "abbreviated journal names": ["Sources: Pharmacognosy Res. 2017; Clin. Toxicol. 2019.", "Read them."],
    "initials": ["J. R. Smith and J. A. Doe wrote it.", "Nobody read it."],
    "single letter ending a sentence": ["Take vitamin C.", "It works."],
    "decimals and versions": ["Take 3.5 mg or 0.9 g of version 2.1.3 daily.", "Stop after that."],
    "sentence opening with a number": ["It ended in 2019.", "30 people died."],
    "ellipsis before lower case": ["Wait... what happened?", "Nothing."],
    "unicode ellipsis": ["He trailed off\u2026", "Then he left."],
    "spaced ellipsis": ["He trailed off . . .", "Then he left."],
    "quote after the stop": ['He said "stop."', "Then he left."],
    "curly quote after the stop": ["\u201cReally?\u201d", "She left."],
    "quote then lower case": ['He said "Stop!" and left.', "Fine."],
    "bracket after the stop": ["(See above.)", "Next we go on."],
    "footnote": ["It relieves pain.[2]", "Next study."],
    "two-digit footnote": ["It relieves pain.[12]", "Next study."],
    "footnote range": ["It relieves pain.[3-5]", "Next study."],
    "parenthesised footnote": ["It relieves pain.(3)", "Next study."],
    "superscript footnote": ["It relieves pain.\u00b9\u00b2\u00b3", "Next study."],
    "several terminators": ["Really?!", "Yes!!", "OK."],
    "url and email": ["Visit https://example.com/a.b?c=d.e for more.", "Mail jo.doe@example.co.uk today."],
    "url ending a sentence": ["Read it at example.com.", "Then decide."],
    "quoted speech": ["\u201cIt works,\u201d said Dr. Alan Reyes, a physician.", "He left."],
    "handle": ["I disagree.", "@leafmama skipping a day is not the same."],
    "no final punctuation": ["It ends.", "It ends without punctuation"],
    "forum without capitals": ["started after my script got cut.", "it helps some days."],
    "forum question without capitals": ["does it help with fibro??", "asking for me lol"],
    "forum exclamation without capitals": ["no sweats at all!", "legit saved my life"],
    "abbreviation before lower case": ["I take it daily, esp. when my back flares up.", "It helps."],
    "acronym before lower case": ["The U.S. market is large.", "Prices vary."],
    "name before lower case": ["got it from Amazon.", "its cheap there."],
    "journal abbreviation": ["Researchers in J. Exp. Med. reported it.", "Mice only."],
}


@pytest.mark.parametrize("sentences", PARAGRAPHS.values(), ids=PARAGRAPHS.keys())
def test_paragraph_splits_where_a_reader_would(sentences: list[str]) -> None:
    assert texts((" ".join(sentences), "paragraph")) == sentences


@pytest.mark.parametrize("kind", ["heading", "list-item"])
def test_heading_or_list_item_without_final_stop_is_one_sentence(kind: BlockKind) -> None:
    title = "Does Kratom Boost Dopamine? A Guide to Kratom for Chronic Pain"
    assert texts((title, kind)) == [title]


def test_heading_with_final_stop_is_split_like_prose() -> None:
    assert texts(("Is it safe? Yes.", "heading")) == ["Is it safe?", "Yes."]


def test_sentences_never_span_blocks() -> None:
    page = page_of(
        ("Kratom and Pain", "heading"),
        ("It eases pain. Dr. Reyes disagrees", "paragraph"),
        ("  Take care.  ", "list-item"),
    )
    found = [(s.text, s.block, s.kind) for s in split_sentences(page)]
    assert found == [
        ("Kratom and Pain", 0, "heading"),
        ("It eases pain.", 1, "paragraph"),
        ("Dr. Reyes disagrees", 1, "paragraph"),
        ("Take care.", 2, "list-item"),
    ]
    assert all(page.text[s.start : s.end] == s.text for s in split_sentences(page))


def test_line_break_inside_a_block_ends_a_sentence() -> None:
    assert texts(("First line without stop\nSecond line.", "comment")) == [
        "First line without stop",
        "Second line.",
    ]


def test_blank_blocks_give_no_sentences() -> None:
    assert split_sentences(page_of(("", "paragraph"), (" \t ", "heading"))) == []


def test_block_not_at_its_offset_is_a_clear_error() -> None:
    page = Page("", "", "", "Some text.", (Block("Other text.", "paragraph", 0),))
    with pytest.raises(ValueError, match="block 0"):
        split_sentences(page)


def test_labelled_dev_sentences_come_out_whole(shared: Path) -> None:
    """Every sentence of the dev set is one Sentence when its page is rebuilt as paragraphs.

    Consecutive labelled sentences are joined by a space, a proxy for the page's paragraphs;
    a labelled sentence without a final stop is a heading or list item on its page.
    """
    labels = json.loads((shared / "eval" / "dev" / "labels.json").read_text(encoding="utf-8"))
    ends_with_stop = re.compile(r"[.!?\u2026][\"'\u201d\u2019)]*$")
    for labelled in labels["pages"]:
        wanted = [s["text"] for s in labelled["sentences"]]
        blocks: list[tuple[str, BlockKind]] = []
        run: list[str] = []
        for text in wanted:
            if ends_with_stop.search(text):
                run.append(text)
                continue
            if run:
                blocks.append((" ".join(run), "paragraph"))
                run = []
            blocks.append((text, "heading"))
        if run:
            blocks.append((" ".join(run), "paragraph"))
        assert texts(*blocks) == wanted, labelled["file"]


# Text rich in what the rules look at, mixed with anything at all.
_TRICKY = st.text(alphabet=list("aZeg. .!?\u2026\"\u201d')([]12\u00b9 \n\t\u2028@/"), max_size=80)
_BLOCKS = st.lists(
    st.tuples(
        st.one_of(_TRICKY, st.text(max_size=80)),
        st.sampled_from(["heading", "paragraph", "list-item", "table-cell", "quote", "comment", "other"]),
    ),
    max_size=6,
)


@given(_BLOCKS)
def test_sentences_are_trimmed_ordered_spans_inside_their_blocks(blocks: list[tuple[str, BlockKind]]) -> None:
    page = page_of(*blocks)
    sentences = split_sentences(page)
    previous_end = 0
    for s in sentences:
        block = page.blocks[s.block]
        assert page.text[s.start : s.end] == s.text
        assert s.text and s.text == s.text.strip()
        assert block.start <= s.start < s.end <= block.end
        assert s.kind == block.kind
        assert s.start >= previous_end
        previous_end = s.end


@given(_BLOCKS)
def test_sentences_cover_every_visible_character(blocks: list[tuple[str, BlockKind]]) -> None:
    page = page_of(*blocks)
    covered = set()
    for s in split_sentences(page):
        covered.update(range(s.start, s.end))
    visible = {i for i, ch in enumerate(page.text) if not ch.isspace()}
    assert visible <= covered

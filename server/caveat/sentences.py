"""Step 2: Page -> sentences, each with its character offsets in Page.text.

The matcher judges one sentence at a time and the extension paints exactly the span we
return, so a boundary in the wrong place either hides a claim or paints half a sentence.

The rules are our own, small and tested, because no segmenter on PyPI fit: pysbd gives
character spans but takes ~0.6 s on a 5,000-word article; nupunkt is fast but its learned
abbreviations swallowed real sentence ends ("... regulated by the FDA. Gentle ..."); syntok
and sentencex keep "trailed off… Then" together and mishandle glued footnote markers
("pain.[2] Next", "pain.¹² Next"), and sentencex also splits after "Ms.".

A candidate end is a run of terminators (". ! ? …", in any mix) with any closing quotes,
brackets and glued footnote markers after it, followed by white space. It ends a sentence
unless the period belongs to an abbreviation, or the next word is lower case after a mark
other than a word's full stop ("e.g. vitamin C", "Wait... what", '"Stop!" he said'): forums
write without capitals ("got cut. it helps"). Titles and the like never end a sentence ("Dr.
Alan Reyes", "Red vs. White"), while acronyms and initials ("U.S.", "p.m.", "J.") end one only
when a common sentence opener follows ("in the U.S. The agency ...").
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from caveat.records import Block, Page, Sentence

_CLOSERS = "\"'\u201d\u2019\u00bb)\\]"
# [2], [12], [3-5], (3), or unicode superscript digits, glued to the terminator
_FOOTNOTE = r"(?:\[\d+(?:[-\u2013,]\s?\d+)*\]|\(\d+\)|[\u00b9\u00b2\u00b3\u2070\u2074-\u2079]+)"
_TERMINATOR = "[.!?\u2026]"
# ". . ." is tried first so that a spaced ellipsis stays one stop. A stop starts only where
# a run of terminators starts, or a long run of periods would be rescanned from each one: the
# lookbehinds check that after the first terminator, and the lookahead lets the regular
# expression engine skip from terminator to terminator rather than try every character.
_RUN_STARTS = rf"(?<!{_TERMINATOR}{{2}})"
_STOP = (
    rf"(?={_TERMINATOR})(?P<stop>\.{_RUN_STARTS}(?: \.)+|{_TERMINATOR}{_RUN_STARTS}{_TERMINATOR}*)"
    rf"[{_CLOSERS}]*(?:{_FOOTNOTE}[{_CLOSERS}]*)*"
)
# The sentence would end at group "end"; the next one starts where the match ends.
_CANDIDATE = re.compile(rf"(?P<end>{_STOP})\s+(?=\S)")
_ENDS_WITH_STOP = re.compile(rf"{_STOP}\s*\Z")
_LINE = re.compile(r"[^\n]+")
_WORD_BEFORE = re.compile(r"[\w.]*\Z")
_LONGEST_ABBREVIATION = 16
_NEXT_WORD = re.compile(r"[\"'\u201c\u2018(\[]*(?P<word>[^\W\d_]+)(?P<dot>\.)?")
_INITIALS = re.compile(r"(?:[^\W\d_]\.)*[^\W\d_]")  # "J", "U.S", "p.m", "Ph.D" less its final period

# fmt: off
# Followed by a name, number or more of the same sentence, so their period never ends one.
_NEVER_FINAL = frozenset({
    "dr", "mr", "mrs", "ms", "mx", "prof", "st", "mt", "rev", "hon", "gen", "col", "capt", "lt", "sgt",
    "gov", "sen", "rep", "vs", "cf", "e.g", "i.e", "viz", "approx", "ca", "fig", "figs", "eq", "vol",
    "esp", "incl", "avg", "dept", "govt", "aka", "exp", "med", "univ", "uni", "assoc", "natl", "intl",
    "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
    # words of abbreviated journal names, cited with a year after: "Pharmacognosy Res. 2017"
    "res", "clin", "pharmacol", "pharmacogn", "toxicol", "dermatol", "biol", "sci", "neurosci", "ther"
})
# "No. 5", "p. 12", but "Does it help? No. It does not."
_BEFORE_NUMBER = frozenset({"no", "nos", "p", "pp", "ch", "sec", "art", "ref"})
# May end a sentence, like acronyms and initials, which _INITIALS catches.
_MAYBE_FINAL = frozenset({"al", "etc", "inc", "ltd", "co", "corp", "jr", "sr", "bros"})
# Words that start sentences far more often than they follow an abbreviation mid-sentence.
_OPENERS = frozenset({
    "a", "an", "the", "this", "that", "these", "those", "it", "its", "he", "she", "they", "we", "i",
    "you", "my", "our", "your", "his", "her", "their", "there", "here", "in", "on", "at", "for", "but",
    "and", "so", "if", "when", "while", "however", "then", "also", "after", "before", "as", "some",
    "many", "most", "all", "one", "what", "why", "how", "who", "do", "does", "is", "are", "was", "were",
    "can", "will", "not"
})
# fmt: on
# The whole block of a heading or list item without a final stop is one sentence:
# "Does Kratom Boost Dopamine? A Guide to Kratom for Chronic Pain" is one title.
_WHOLE_BLOCK_KINDS = frozenset({"heading", "list-item"})


def split_sentences(page: Page) -> list[Sentence]:
    """The sentences of every block of ``page`` in reading order, trimmed, never empty.

    Raises ValueError when a block's text is not found at its offset in ``page.text``, since
    every offset returned would then point at the wrong text.
    """
    sentences: list[Sentence] = []
    for index, block in enumerate(page.blocks):
        if block.start < 0 or not page.text.startswith(block.text, block.start):
            raise ValueError(f"block {index} ({block.kind}) is not at offset {block.start} of the page text")
        for start, end in _block_spans(block):
            offset = block.start + start
            sentences.append(Sentence(block.text[start:end], offset, block.start + end, index, block.kind))
    return sentences


def _block_spans(block: Block) -> Iterator[tuple[int, int]]:
    text = block.text
    if block.kind in _WHOLE_BLOCK_KINDS and not _ENDS_WITH_STOP.search(text):
        yield from _trimmed(text, 0, len(text))
        return
    # A line break inside a block is one the reader sees (<br>), so it is a hard boundary.
    for line in _LINE.finditer(text):
        start = line.start()
        for end in _line_ends(text, line.start(), line.end()):
            yield from _trimmed(text, start, end)
            start = end
        yield from _trimmed(text, start, line.end())


def _line_ends(text: str, start: int, end: int) -> Iterator[int]:
    """Offsets in ``text`` where a sentence ends inside the line text[start:end]."""
    for stop in _CANDIDATE.finditer(text, start, end):
        if _ends_sentence(text, stop, start):
            yield stop.end("end")


def _ends_sentence(text: str, stop: re.Match[str], line_start: int) -> bool:
    """Whether the candidate ``stop`` ends a sentence, judged by the words either side."""
    following = stop.end()
    lower_next = text[following].islower()
    if stop.end("end") > stop.end("stop"):
        return not lower_next  # '"Stop!" he said'
    if stop["stop"] != ".":
        # Forums ask and exclaim in lower case ("does it help?? asking for me"); a trailing off
        # does not end one: "Wait... what?"
        return not lower_next or "?" in stop["stop"] or "!" in stop["stop"]
    # Abbreviations are short: looking back a few characters keeps this linear in the text.
    word = _WORD_BEFORE.search(text, max(line_start, stop.start() - _LONGEST_ABBREVIATION), stop.start())
    abbreviation = word[0].casefold() if word else ""
    if abbreviation in _NEVER_FINAL:
        return False
    if abbreviation in _BEFORE_NUMBER and text[following].isdigit():
        return False
    if abbreviation in _MAYBE_FINAL or _INITIALS.fullmatch(abbreviation):
        return not lower_next and _opens_sentence(text, following)
    # A word and a full stop end a sentence even before lower case: forums and chats write without
    # capitals ("got cut. it helps some days", "got it from Amazon. its cheap").
    return True


def _opens_sentence(text: str, at: int) -> bool:
    nxt = _NEXT_WORD.match(text, at)
    # "J. A. Smith": a capital followed by a period is another initial, not the word "A"
    return nxt is not None and not nxt["dot"] and nxt["word"].casefold() in _OPENERS


def _trimmed(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    """``(start, end)`` narrowed to exclude white space, or nothing when only white space is left."""
    piece = text[start:end]
    stripped = piece.strip()
    if stripped:
        lead = len(piece) - len(piece.lstrip())
        yield start + lead, start + lead + len(stripped)

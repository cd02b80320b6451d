"""Word-level term patterns and the index that finds them in a sentence.

Claim files describe concepts as lists of short terms ("habit forming", "addict*",
"won't|doesn't hook"), not regular expressions: curators can read and write them, and an
index keyed by word lets one pass over a sentence find the terms of every claim at once, so
matching costs about the same with 12 claims or 10,000.

Term syntax, one term per string:
- words separated by spaces match consecutive words of the sentence;
- ``a|b`` in one slot matches either word;
- ``word*`` matches any word that starts with ``word``;
- ``_`` matches any one word (a gap: "risk _ overdose");
- ``(a b|c d)`` gives alternatives of several words: "(don't|do not) panic" is two terms;
- ``..`` is a gap of up to two words ("risk .. overdose" is "risk overdose", "risk _ overdose" and
  "risk _ _ overdose");
- ``{name}`` stands for any term of the concept ``name``: "got off {opioid_drug}" is one term per
  drug, so that a list written once serves every phrase that needs it.
Hyphens and apostrophes split or join as in the tokenizer below, so "habit forming" also
matches "habit-forming" and "can't" matches "can’t" and "cant" (but "it's" does not match "its").
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from itertools import pairwise

# Characters read as another, one for one so that offsets into the folded text hold.
_FOLDS = {
    "\u2018": "'",
    "\u2019": "'",
    "\u02bc": "'",
    "\u201c": '"',
    "\u201d": '"',
    "\u2010": "-",
    "\u2011": "-",
    "\u2013": "-",
    "\u2014": "-",
}
_ASCII_BYTES = bytes(range(128))
# Soft hyphens and zero-width spaces sit inside words ("kra\u00adtom"); words are read through them.
_INVISIBLE = ("\u00ad", "\u200b")


def _word_pattern(letter: str, more: str) -> re.Pattern[str]:
    """A word: a ``letter`` then ``more``, in runs that apostrophes join ("isn't"); a possessive "'s"
    is left out so that "kratom's" and "the plant's" match like "kratom" (the lookbehind skips the
    "s" it leaves). The lookbehind follows the first letter, so the regular expression engine can
    skip to the next letter rather than try every character."""
    run = letter + more
    return re.compile(rf"{letter}(?<![^\W_]'{letter}){more}(?:'(?!s\b){run})*")


_WORD = _word_pattern(r"[^\W_]", r"[^\W_]*")
# The same words in folded ASCII text, most sentences: a character range is read several times faster
# than a Unicode category.
_ASCII_WORD = _word_pattern(r"[a-z0-9]", r"[a-z0-9]*")
# Without an apostrophe the pattern above comes down to a run of letters, which the engine reads in
# one step rather than trying the lookbehind and the apostrophe at every word.
_PLAIN_WORD = re.compile(r"[^\W_]+")
# Every byte but an ASCII letter, digit or apostrophe, as a space: ``_ASCII_WORD`` finds its words in
# the runs of what is left. Translating bytes by a table is a plain loop in C, several times faster
# than a regular expression, and a page is translated once rather than sentence by sentence.
_ASCII_GAPS = bytes(c if chr(c) in "0123456789abcdefghijklmnopqrstuvwxyz'" else 32 for c in range(256))
_WORD_THROUGH_INVISIBLE = _word_pattern(r"[^\W_]", r"(?:[^\W_]|[\u00ad\u200b](?=[^\W_]))*")

Span = tuple[int, int]  # word indices, end exclusive


@functools.lru_cache(maxsize=4096)
def _fold_char(char: str) -> str:
    folded = _FOLDS.get(char) or unicodedata.normalize("NFKC", char)
    return folded if len(folded) == 1 else char


def blank_gaps(folded: str) -> str:
    """``folded`` with every character that no ASCII word holds (anything but a-z, 0-9 and the
    apostrophe) as a space, one for one: the ASCII sentences of a page are split from its slices."""
    return folded.encode("ascii", "replace").translate(_ASCII_GAPS).decode("ascii")


def fold(text: str) -> str:
    """Lower case, straight quotes, plain hyphens and NFKC, one character for one so offsets hold."""
    if not text.isascii():
        # Pages use a handful of distinct non-ASCII characters: fold each once, not every occurrence.
        # Deleting the ASCII bytes from the text's UTF-8 leaves them, faster than a regular expression.
        utf8 = text.encode("utf-8", "surrogatepass").translate(None, _ASCII_BYTES)
        for char in set(utf8.decode("utf-8", "surrogatepass")):
            if (folded := _fold_char(char)) != char:
                text = text.replace(char, folded)
    lowered = text.lower()
    if len(lowered) != len(text):  # a few letters lower-case to two characters ("\u0130")
        lowered = "".join(c if len(low := c.lower()) != 1 else low for c in text)
    return lowered


class Tokens:
    """A text's words, folded, and where each starts and ends (worked out only when asked for).

    Most sentences of a page are only looked up word by word; offsets are needed for the few
    that are quoted or checked for punctuation, and are then worked out again from the folded text.
    """

    __slots__ = ("_folded", "_gaps", "_spans", "text", "words")

    def __init__(self, text: str, folded: str | None = None, gaps: str | None = None) -> None:
        """``folded`` is ``fold(text)`` and ``gaps`` is ``blank_gaps(folded)`` when the caller has them:
        a page is folded and blanked once, not sentence by sentence."""
        self.text = text
        self._folded = folded = fold(text) if folded is None else folded
        self._spans: list[tuple[int, int]] = []
        self._gaps = ""
        if folded.isascii():  # most sentences: runs of letters split apart natively
            self._gaps = gaps = blank_gaps(folded) if gaps is None else gaps
            runs = gaps.split()
            if "'" in gaps:  # the few runs with an apostrophe are read by the full pattern
                words = []
                for run in runs:
                    if "'" in run:
                        words.extend(_ASCII_WORD.findall(run))
                    else:
                        words.append(run)
                runs = words
            self.words = runs
        else:
            pattern = self._non_ascii_pattern()
            found = pattern.findall(folded)
            self.words = [_visible(word) for word in found] if pattern is _WORD_THROUGH_INVISIBLE else found

    def offsets(self, index: int) -> tuple[int, int]:
        """Where word ``index`` starts and ends in the text."""
        spans = self._spans
        if not spans:
            if gaps := self._gaps:
                # Only spaces lie between the runs of an ASCII text's blanked copy, so each run is the
                # next place its text occurs: a plain search, cheaper than running a pattern again.
                end = 0
                for run in gaps.split() if "'" in gaps else self.words:
                    start = gaps.find(run, end)
                    end = start + len(run)
                    if "'" in run:
                        spans.extend((start + m.start(), start + m.end()) for m in _ASCII_WORD.finditer(run))
                    else:
                        spans.append((start, end))
            else:
                spans.extend(match.span() for match in self._non_ascii_pattern().finditer(self._folded))
        return spans[index]

    def _non_ascii_pattern(self) -> re.Pattern[str]:
        folded = self._folded
        if any(map(folded.__contains__, _INVISIBLE)):  # map, not a generator: this runs per sentence
            return _WORD_THROUGH_INVISIBLE
        return _WORD if "'" in folded else _PLAIN_WORD

    def quote(self, span: Span) -> str:
        """The text of words ``span``, as written."""
        return self.text[self.offsets(span[0])[0] : self.offsets(span[1] - 1)[1]]

    def between(self, first: int, last: int) -> str:
        """The text between the end of word ``first`` and the start of word ``last``."""
        return self.text[self.offsets(first)[1] : self.offsets(last)[0]]


def _visible(word: str) -> str:
    for char in _INVISIBLE:
        word = word.replace(char, "")
    return word


@dataclass(frozen=True, slots=True)
class Slot:
    words: frozenset[str]  # exact alternatives
    prefixes: tuple[str, ...]  # ``word*`` alternatives
    wildcard: bool = False  # ``_``

    def accepts(self, word: str) -> bool:
        return self.wildcard or word in self.words or word.startswith(self.prefixes)


@dataclass(frozen=True, slots=True)
class Term:
    """One term of a concept, as the curator wrote it."""

    text: str
    slots: tuple[Slot, ...]

    def ends_at(self, words: list[str], start: int) -> bool:
        """Whether the words from ``start`` on fill every slot after the first two."""
        slots = self.slots
        if start + len(slots) > len(words):
            return False
        for offset in range(2, len(slots)):  # noqa: SIM110 - a plain loop: this runs for every hit
            if not slots[offset].accepts(words[start + offset]):
                return False
        return True


class TermSyntaxError(ValueError):
    pass


_GROUP = re.compile(r"\(([^()]*)\)")
_REFERENCE = re.compile(r"\{([a-z_]+)\}")
_GAP = re.compile(r"(?<!\S)\.\.(?!\S)")
_GAP_WORDS = 2

Concepts = Callable[[str], Sequence[Term]]  # a concept's name -> its terms


def parse_terms(text: str, concepts: Concepts | None = None) -> list[Term]:
    """The terms a curator's string stands for: one, or one per width of each .. gap, per
    alternative of each (group) and per term of each {concept}, which ``concepts`` looks up by name."""
    gap = _GAP.search(text)
    if gap is not None:
        before, after = text[: gap.start()].strip(), text[gap.end() :].strip()
        if not before or not after:
            raise TermSyntaxError(f"term {text!r}: a .. gap goes between words")
        return [
            term
            for width in range(_GAP_WORDS + 1)
            for term in parse_terms(" ".join([before, *["_"] * width, after]), concepts)
        ]
    group = _GROUP.search(text)
    if group is None:
        return [_term(text, slots) for slots in _spliced_slots(text, text, concepts)]
    return [
        term
        for alternative in group.group(1).split("|")
        for term in parse_terms(text[: group.start()] + alternative + text[group.end() :], concepts)
    ]


def _term(text: str, slots: tuple[Slot, ...]) -> Term:
    if not slots or slots[0].wildcard:
        raise TermSyntaxError(f"term {text!r}: must start with a word")
    return Term(text, slots)


def _spliced_slots(term: str, text: str, concepts: Concepts | None) -> list[tuple[Slot, ...]]:
    """The slots of ``text`` (part of ``term``), once per term of each concept it refers to."""
    reference = _REFERENCE.search(text)
    if reference is None:
        return [_slots(term, text)]
    if concepts is None:
        raise TermSyntaxError(f"term {term!r}: {reference.group()} refers to a concept, and none are given")
    before = _slots(term, text[: reference.start()])
    return [
        (*before, *referred.slots, *after)
        for referred in concepts(reference.group(1))
        for after in _spliced_slots(term, text[reference.end() :], concepts)
    ]


def _slots(term: str, text: str) -> tuple[Slot, ...]:
    """The word slots of ``text``, part of ``term``; empty when it has none (a remainder)."""
    raws = _split_slots(text)
    for left, right in pairwise(raws):
        # "not been|never been tested" reads as four slots, not as two phrases: refuse the slip.
        shared = set(left.split("|")) & set(right.split("|"))
        if shared and "|" in left + right:
            raise TermSyntaxError(
                f"term {term!r}: {min(shared)!r} is in two neighbouring slots; a slot's alternatives are "
                "single words, so write alternatives of several words as (a b|c d)"
            )
    slots = []
    for raw in raws:
        words: set[str] = set()
        prefixes: list[str] = []
        wildcard = False
        for alternative in raw.split("|"):
            tokens = Tokens(alternative.rstrip("*")).words
            if alternative == "_":
                wildcard = True
            elif len(tokens) != 1:
                raise TermSyntaxError(f"term {term!r}: slot {alternative!r} must be one word")
            elif alternative.endswith("*"):
                prefixes.append(tokens[0])
            else:
                words.update(_spellings(tokens[0]))
        slots.append(Slot(frozenset(words), tuple(prefixes), wildcard))
    return tuple(slots)


# Contractions written without the apostrophe that are words of their own ("it's" and "its").
_CONTRACTED_WORDS = frozenset(
    {"its", "were", "well", "ill", "hell", "shell", "wed", "lets", "id", "hed", "odd"}
)


def _spellings(word: str) -> tuple[str, ...]:
    """A word as written, and a contraction without its apostrophe too: forums and comments write
    "doesnt", "cant" and "ive"."""
    bare = word.replace("'", "")
    return (word,) if bare == word or bare in _CONTRACTED_WORDS else (word, bare)


def _split_slots(text: str) -> list[str]:
    """Spaces and hyphens separate slots, as the tokenizer separates words."""
    return [part for part in re.split(r"[\s\-\u2010\u2011\u2013\u2014]+", text.strip()) if part]


Hits = dict[str, list[Span]]  # concept key -> where its terms were found, in order
_Entry = tuple[str, str, Term]  # a term filed in an index: its group, its concept's key, itself
_PairEntry = tuple[str, str, int, Term | None]  # group, key, width in words, the term if over two words
_Following = dict[str, tuple[_PairEntry, ...]]  # the word after a word -> the terms the two start
_STARTS_NOTHING: _Following = {}  # shared by every word that starts no term; never written to


class TermIndex:
    """Finds the terms of many concepts in one pass over a sentence's words.

    Terms are filed under their first word (exact words in a dictionary, ``word*`` prefixes by
    length). The terms a word, and a pair of words, can start are worked out once per distinct
    word or pair and kept: pages repeat their vocabulary, so after the first pages a word costs
    one dictionary lookup, and the few terms that get past their first two words one check each,
    however many claims there are. Terms come in named groups (a concept's own words, the words
    that refer back to it) that one pass finds apart.
    """

    _MEMO_SIZE = 200_000  # distinct words, and pairs, remembered before the memo starts afresh

    def __init__(self, groups: Iterable[str] = ("terms",)) -> None:
        self.groups = tuple(groups)
        self._exact: dict[str, list[_Entry]] = defaultdict(list)
        self._prefix: dict[int, dict[str, list[_Entry]]] = defaultdict(lambda: defaultdict(list))
        self._memo: dict[str, _Following] = {}  # word -> the terms it starts, by the word after it
        self._starts: dict[str, tuple[_Entry, ...]] = {}  # word in _memo -> the terms it starts, if any
        self._pairs = 0  # (word, word after) pairs remembered in _memo

    def add(self, key: str, terms: Iterable[Term], group: str = "terms") -> None:
        if group not in self.groups:
            raise ValueError(f"no group {group!r} in this index: {self.groups}")
        for term in terms:
            entry = (group, key, term)
            first = term.slots[0]
            for word in first.words:
                self._exact[word].append(entry)
            for prefix in first.prefixes:
                self._prefix[len(prefix)][prefix].append(entry)
        self._forget()

    def find(self, words: list[str]) -> dict[str, Hits]:
        """For each group, every concept whose terms occur in ``words``, with the spans they cover."""
        memo = self._memo
        found: dict[str, Hits] = {group: {} for group in self.groups}
        last = len(words) - 1
        for i in range(len(words)):
            word = words[i]
            following = memo.get(word)
            if following is None:
                following = self._remember(word)
            if following is _STARTS_NOTHING:  # most words
                continue
            after = words[i + 1] if i < last else ""
            entries = following.get(after)
            if entries is None:
                entries = self._remember_pair(word, after, following)
            for group, key, width, longer in entries:
                if longer is not None and not longer.ends_at(words, i):  # the pair memo checked two words
                    continue
                span = (i, i + width)
                hits = found[group]
                spans = hits.get(key)
                if spans is None:
                    hits[key] = [span]
                elif spans[-1] != span:  # two terms of one concept can cover the same words
                    spans.append(span)
        return found

    def _remember(self, word: str) -> _Following:
        """Note whether ``word``, not seen before, starts any term."""
        if len(self._memo) >= self._MEMO_SIZE:
            self._forget()
        starting = self._starting(word)
        if starting:
            self._starts[word] = starting
        following = self._memo[word] = {} if starting else _STARTS_NOTHING
        return following

    def _remember_pair(self, word: str, after: str, following: _Following) -> tuple[_PairEntry, ...]:
        """Work out which terms ``word`` starts when ``after`` follows it."""
        starting = self._starts[word]
        if self._pairs >= self._MEMO_SIZE:
            self._forget()  # ``following`` is then no longer kept: the next sentence works it out again
        self._pairs += 1
        entries = following[after] = _pair_entries(starting, after)
        return entries

    def _forget(self) -> None:
        self._memo.clear()
        self._starts.clear()
        self._pairs = 0

    def _starting(self, word: str) -> tuple[_Entry, ...]:
        """The terms whose first word accepts ``word``."""
        return tuple(self._exact.get(word, ())) + tuple(
            candidate
            for length, table in self._prefix.items()
            if len(word) >= length
            for candidate in table.get(word[:length], ())
        )


def _pair_entries(starting: tuple[_Entry, ...], following: str) -> tuple[_PairEntry, ...]:
    """Of the terms a word starts, those whose second word, if they have one, accepts ``following``.

    Each comes with its width in words, and itself if it is longer than the two words checked.
    """
    return tuple(
        (group, key, len(term.slots), term if len(term.slots) > 2 else None)
        for group, key, term in starting
        if len(term.slots) == 1 or (following and term.slots[1].accepts(following))
    )

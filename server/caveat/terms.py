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
- ``(a b|c d)`` gives alternatives of several words: "(don't|do not) panic" is two terms.
Hyphens and apostrophes split or join as in the tokenizer below, so "habit forming" also
matches "habit-forming" and "can't" matches "can’t".
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

_TRANSLATE = str.maketrans(
    {
        "\u2018": "'",
        "\u2019": "'",
        "\u02bc": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u2010": "-",
        "\u2011": "-",
        "\u2013": "-",
        "\u2014": "-",
        "\u00ad": None,
        "\u200b": None,
    }
)
_WORD = re.compile(r"[^\W_]+(?:'[^\W_]+)*")


@dataclass(frozen=True, slots=True)
class Token:
    text: str  # lower-cased, apostrophes straightened
    start: int  # character offsets in the original string
    end: int


def tokenize(text: str) -> list[Token]:
    """Split into lower-case words; hyphens split, apostrophes inside a word do not."""
    folded = text.translate(_TRANSLATE)
    if not folded.isascii():
        # NFKC keeps offsets only when it maps one character to one; fall back per character.
        folded = "".join(c if len(n := unicodedata.normalize("NFKC", c)) != 1 else n for c in folded)
    tokens = []
    for m in _WORD.finditer(folded):
        word = m.group().lower()
        # The possessive "'s" is dropped so that "kratom's" and "the plant's" match like "kratom".
        tokens.append(Token(word[:-2] if word.endswith("'s") else word, m.start(), m.end()))
    return tokens


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


class TermSyntaxError(ValueError):
    pass


_GROUP = re.compile(r"\(([^()]*)\)")


def parse_terms(text: str) -> list[Term]:
    """The terms a curator's string stands for: one, or one per alternative of each (group)."""
    group = _GROUP.search(text)
    if group is None:
        return [parse_term(text)]
    return [
        term
        for alternative in group.group(1).split("|")
        for term in parse_terms(text[: group.start()] + alternative + text[group.end() :])
    ]


def parse_term(text: str) -> Term:
    slots = []
    for raw in _split_slots(text):
        words, prefixes, wildcard = set(), [], False
        for alternative in raw.split("|"):
            tokens = [t.text for t in tokenize(alternative.rstrip("*"))]
            if alternative == "_":
                wildcard = True
            elif len(tokens) != 1:
                raise TermSyntaxError(f"term {text!r}: slot {alternative!r} must be one word")
            elif alternative.endswith("*"):
                prefixes.append(tokens[0])
            else:
                words.add(tokens[0])
        slots.append(Slot(frozenset(words), tuple(prefixes), wildcard))
    if not slots or slots[0].wildcard:
        raise TermSyntaxError(f"term {text!r}: must start with a word")
    return Term(text, tuple(slots))


def _split_slots(text: str) -> list[str]:
    """Spaces and hyphens separate slots, as the tokenizer separates words."""
    return [part for part in re.split(r"[\s\-\u2010\u2011\u2013\u2014]+", text.strip()) if part]


@dataclass(frozen=True, slots=True)
class Hit:
    key: str  # the concept's key
    start: int  # token indices, end exclusive
    end: int
    term: str


class TermIndex:
    """Finds the terms of many concepts in one pass over a sentence's tokens.

    Terms are filed under their first word (exact words in a dictionary, ``word*`` prefixes by
    length). The terms a pair of words can start are worked out once per distinct pair and kept:
    pages repeat their vocabulary, so after the first pages a word costs one dictionary lookup
    and the few terms that get past their first two words, however many claims there are.
    """

    _MEMO_SIZE = 200_000  # distinct words, and pairs, remembered before a memo starts afresh

    def __init__(self) -> None:
        self._exact: dict[str, list[tuple[str, Term]]] = defaultdict(list)
        self._prefix: dict[int, dict[str, list[tuple[str, Term]]]] = defaultdict(lambda: defaultdict(list))
        self._memo: dict[str, tuple[tuple[str, Term], ...]] = {}
        self._pair_memo: dict[tuple[str, str], tuple[tuple[str, Term], ...]] = {}

    def add(self, key: str, terms: Iterable[Term]) -> None:
        for term in terms:
            first = term.slots[0]
            for word in first.words:
                self._exact[word].append((key, term))
            for prefix in first.prefixes:
                self._prefix[len(prefix)][prefix].append((key, term))
        self._memo.clear()
        self._pair_memo.clear()

    def find(self, tokens: list[Token]) -> Iterator[Hit]:
        words = [t.text for t in tokens]
        for i, word in enumerate(words):
            following = words[i + 1] if i + 1 < len(words) else ""
            for key, term in self._pair_candidates(word, following):
                end = i + len(term.slots)
                if end <= len(words) and all(
                    slot.accepts(w) for slot, w in zip(term.slots[2:], words[i + 2 : end], strict=True)
                ):
                    yield Hit(key, i, end, term.text)

    def _pair_candidates(self, word: str, following: str) -> tuple[tuple[str, Term], ...]:
        """The terms ``word`` starts whose second word, if they have one, accepts ``following``."""
        found = self._pair_memo.get((word, following))
        if found is None:
            found = tuple(
                (key, term)
                for key, term in self._candidates(word)
                if len(term.slots) == 1 or (following and term.slots[1].accepts(following))
            )
            if len(self._pair_memo) >= self._MEMO_SIZE:
                self._pair_memo.clear()
            self._pair_memo[(word, following)] = found
        return found

    def _candidates(self, word: str) -> tuple[tuple[str, Term], ...]:
        found = self._memo.get(word)
        if found is None:
            found = tuple(self._exact.get(word, ())) + tuple(
                candidate
                for length, table in self._prefix.items()
                if len(word) >= length
                for candidate in table.get(word[:length], ())
            )
            if len(self._memo) >= self._MEMO_SIZE:
                self._memo.clear()
            self._memo[word] = found
        return found

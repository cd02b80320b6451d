"""readability-lxml's ``clean``, giving the same text several times faster.

readability-lxml scores each candidate paragraph by the length and the commas of its text after
``readability.readability.clean``, which collapses white space with three regular expressions
(runs of 255 or more, runs holding a line break, tabs and runs of spaces). Each of them starts
with optional or repeated white space, so the regular expression engine tries it at every
character of the text: on a 50 KB article, ``clean`` is nine tenths of readability's time.

Each of the three only ever rewrites a run of white space as a whole, and what it makes of a
run depends on that run alone. So the same text comes out of finding the runs that are not a
single space, which the engine can skip to, and running the three substitutions on each such
run by itself. ``install`` puts this function in the library's place, and only after checking
that both agree on probe texts, so that a release of readability-lxml whose ``clean`` does
something else keeps its own.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable

import readability.readability

log = logging.getLogger(__name__)

# White space other than one space between two words: where a run that ``clean`` rewrites starts,
# or its second character when it starts with a space.
_UNUSUAL_SPACE = re.compile(r"[^\S ]|  ")
_SPACES = re.compile(r"\s*")
# The library's three substitutions, in its order.
_STEPS = (
    (re.compile(r"\s{255,}"), " " * 255),
    (re.compile(r"\s*\n\s*"), "\n"),
    (re.compile(r"\t|[ \t]{2,}"), " "),
)
_PROBES = (
    "",
    "plain words, one space apart",
    "  lead and trail \t",
    "line\nbreak \n\n  and \r\n more",
    "tabs\t\tand  \t spaces",
    "non\u00a0breaking\u00a0\u00a0and\u2003em\u2028spaces\x1c",
    "a" + " " * 300 + "b" + "\n" * 256 + "c" + " \t" * 200 + "d",
)


def clean(text: str) -> str:
    """``readability.readability.clean(text)``: white space collapsed as the library does it."""
    pieces = []
    done = 0  # text[:done] is in pieces
    while (found := _UNUSUAL_SPACE.search(text, done)) is not None:
        start = found.start()
        if start > done and text[start - 1] == " ":  # one space before a line break: the same run
            start -= 1
        end = _SPACES.match(text, found.end()).end()  # type: ignore[union-attr]  # \s* matches anywhere
        run = text[start:end]
        for pattern, replacement in _STEPS:
            run = pattern.sub(replacement, run)
        pieces += (text[done:start], run)
        done = end
    if not pieces:
        return text.strip()
    pieces.append(text[done:])
    return "".join(pieces).strip()


STOCK_CLEAN: Callable[[str], str] = readability.readability.clean  # the library's own, for comparison


def installed() -> bool:
    """Whether readability-lxml runs ``clean`` from here."""
    return getattr(readability.readability, "clean", None) is clean


def install() -> bool:
    """Use ``clean`` inside readability-lxml if it gives the library's results; whether it does."""
    if installed():
        return True
    stock = getattr(readability.readability, "clean", None)
    if stock is None or any(clean(probe) != stock(probe) for probe in _PROBES):
        log.warning("readability-lxml's clean() differs from caveat's copy: keeping the library's, slower")
        return False
    readability.readability.clean = clean
    return True

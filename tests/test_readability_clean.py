"""Caveat's readability clean() must give exactly the library's text: readability scores
paragraphs by it, so any difference would change which part of a page is the article."""

from __future__ import annotations

import gzip
from pathlib import Path

import lxml.html
import pytest
import readability.readability
from hypothesis import given, settings
from hypothesis import strategies as st

from caveat import readability_clean
from caveat.readability_clean import STOCK_CLEAN, clean

# Every kind of white space the library's patterns treat apart, around words and commas.
_PIECES = st.sampled_from(
    ["word", ",", " ", "  ", "\n", "\r\n", "\t", "\u00a0", "\u2003", "\u2028", "\x1c", "\x0b", "\u200b"]
)


@settings(max_examples=3000)
@given(st.lists(_PIECES, max_size=40).map("".join))
def test_same_text_as_the_library(text: str) -> None:
    assert clean(text) == STOCK_CLEAN(text)


@pytest.mark.parametrize("length", [254, 255, 256, 600])
@pytest.mark.parametrize("space", [" ", "\n", "\t", "\u00a0", " \n", "\t "])
def test_long_runs_are_cut_as_the_library_cuts_them(length: int, space: str) -> None:
    text = "before" + (space * length)[:length] + "after, " + (space * length)[:length]
    assert clean(text) == STOCK_CLEAN(text)


def test_same_text_on_real_pages(shared: Path) -> None:
    pages = sorted((shared / "extraction-bench" / "zyte" / "html").glob("*.html.gz"))[:40]
    assert pages, "no pages in the extraction benchmark"
    for path in pages:
        root = lxml.html.document_fromstring(gzip.decompress(path.read_bytes()))
        for element in root.iter("p", "div", "td", "pre", "body"):
            text = element.text_content()
            assert clean(text) == STOCK_CLEAN(text), path.name


def test_installed_in_readability() -> None:
    import caveat.extract  # noqa: F401 - extraction installs it

    assert readability.readability.clean is clean
    assert readability_clean.installed()


def test_a_library_whose_clean_differs_keeps_its_own(monkeypatch: pytest.MonkeyPatch) -> None:
    def different(text: str) -> str:
        return " ".join(text.split())

    monkeypatch.setattr(readability.readability, "clean", different)
    assert readability_clean.install() is False
    assert readability.readability.clean is different
    assert not readability_clean.installed()

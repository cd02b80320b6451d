"""Step 1: html -> Page. The text a reader reads as the page's content, in blocks."""

from __future__ import annotations

from caveat.records import Page


def extract(html: str | bytes, url: str = "") -> Page:
    """Extract the main content of ``html``: article, comments, lists, tables, FAQs."""
    raise NotImplementedError


def page_from_text(text: str, url: str = "", title: str = "") -> Page:
    """A Page from plain text (the API's {"text"} input): one block per non-empty line."""
    raise NotImplementedError

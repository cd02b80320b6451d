"""The pages the end-to-end tests open, by path under /pages/ on the test server."""

from __future__ import annotations

import json
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PAGES = Path(__file__).parent / "pages"
# Varied page structures (tables, <details>, forums, comment threads) from the matcher's corpus.
DESIGN_PAGES = ROOT / "tests" / "corpus" / "design" / "pages"
DEV_PAGES = ("eval", "dev", "pages")
# The dev page the card, toggle and popup tests use: it asserts many claims.
MAIN_PAGE = "dev/seed-000.html"


def _snippet(name: str) -> str:
    return (PAGES / name).read_text(encoding="utf-8")


def _spa_page(shared: Path) -> str:
    """The SPA test page, its two chapters filled with flagged sentences of two dev pages."""
    labels = json.loads((shared / "eval" / "dev" / "labels.json").read_text(encoding="utf-8"))
    flagged = {
        Path(p["file"]).name: [s["text"] for s in p["sentences"] if s["claims"]][:3] for p in labels["pages"]
    }
    chapters = {"one": flagged["seed-000.html"], "two": flagged["seed-001.html"]}
    return _snippet("spa.html").replace("CHAPTERS", json.dumps(chapters))


def page_files(folder: Path, prefix: str = "") -> dict[str, str]:
    return {prefix + p.name: p.read_text(encoding="utf-8") for p in sorted(folder.glob("*.html"))}


def build_pages(shared: Path) -> dict[str, str]:
    """Every page the tests open: the dev set (under dev/), the corpus's design pages (under
    design/), and pages made for one behaviour each."""
    pages = page_files(shared.joinpath(*DEV_PAGES), "dev/")

    def at_top(snippet: str) -> str:
        # At the top of the body: the page's cookie notice covers the bottom of the window.
        return re.sub(r"(<body[^>]*>)", lambda m: m.group(1) + _snippet(snippet), pages[MAIN_PAGE], count=1)

    extra = {
        "no-topic.html": _snippet("no-topic.html"),
        "spa.html": _spa_page(shared),
        # A dev page with a script of its own, and one with hostile text in its content.
        "script.html": at_top("counter.html"),
        "hostile.html": at_top("hostile.html"),
    }
    return {**pages, **page_files(DESIGN_PAGES, "design/"), **extra}

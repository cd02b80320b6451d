"""Matching against extraction on long articles about kratom: what matching adds to reading a page.

The pages are the dev set's five seed articles (real pages, 800 to 1,600 words, nearly every
paragraph about kratom) and a stress case: a 7,000-word article of seed paragraphs with no
markup at all, where extraction is as cheap as it gets and every sentence reaches the rules.
Extraction, sentence splitting and matching are timed in turn on each page, best of ``repeat``.
"""

from __future__ import annotations

import statistics
from typing import Any

from bench.common import SHARED, article_html, best_of
from caveat.claims import load_database
from caveat.extract import extract
from caveat.match import Matcher
from caveat.sentences import split_sentences

TARGET_RATIO = 0.25  # matching may add at most a quarter of extraction's time
SEED_PAGES = sorted((SHARED / "eval" / "dev" / "pages").glob("seed-*.html"))
STRESS_BYTES = 50_000


def run(repeat: int = 15) -> dict[str, Any]:
    matcher = Matcher(load_database())
    pages = [(path.name, path.read_text(encoding="utf-8")) for path in SEED_PAGES]
    pages.append(("stress: 7,000 words of seed paragraphs, no markup", article_html(STRESS_BYTES)))
    rows = []
    for name, html in pages:
        page = extract(html)
        sentences = split_sentences(page)
        matcher.match(page, sentences)  # the term index remembers words: time it as a server would
        times = dict.fromkeys(("extract", "sentences", "match"), float("inf"))
        for _ in range(repeat):  # interleaved, so a busy moment of the machine hits every step
            times["extract"] = min(times["extract"], best_of(lambda h=html: extract(h), 1))
            times["sentences"] = min(times["sentences"], best_of(lambda p=page: split_sentences(p), 1))
            times["match"] = min(times["match"], best_of(lambda p=page, s=sentences: matcher.match(p, s), 1))
        rows.append(
            {
                "page": name,
                "kb": len(html.encode()) / 1000,
                "words": len(page.text.split()),
                "sentences_n": len(sentences),
                **{f"{step}_ms": ms for step, ms in times.items()},
                "ratio": times["match"] / times["extract"],
            }
        )
    real = [row["ratio"] for row in rows[:-1]]
    return {
        "rows": rows,
        "repeat": repeat,
        "real_median_ratio": statistics.median(real),
        "real_max_ratio": max(real),
        "stress_ratio": rows[-1]["ratio"],
        "target": TARGET_RATIO,
    }

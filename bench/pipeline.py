"""Analyze against readability-lxml alone, page by page on the extraction benchmark.

readability-lxml's ``Document(html).summary()`` is the floor: Caveat's extraction runs it and
then walks the same tree again. Each page is timed in turn (interleaved, so a busy moment of
the machine hits every way) and the best of ``repeat`` runs is kept. readability-lxml is timed
twice: as released, the target's baseline, and with the faster clean() that Caveat puts in it
(caveat/readability_clean.py), which shows what Caveat's own steps add.
"""

from __future__ import annotations

import statistics
import time
from typing import Any
from unittest import mock

import readability.readability
from readability import Document

from bench.common import best_of, percentile, zyte_pages
from caveat.analyze import Analysis
from caveat.api import analyze_source
from caveat.app import load_runtime
from caveat.config import Config
from caveat.extract import extract
from caveat.readability_clean import STOCK_CLEAN
from caveat.selectors import to_highlights
from caveat.sentences import split_sentences
from caveat.serialize import analysis_json

TARGET_MEDIAN_RATIO = 1.25


def _stock_readability(html: str) -> float:
    """Seconds of ``Document(html).summary()`` with readability-lxml's own clean()."""
    with mock.patch.object(readability.readability, "clean", STOCK_CLEAN):
        return best_of(lambda: Document(html).summary(), 1)


def run(repeat: int = 3) -> dict[str, Any]:
    runtime = load_runtime(Config())
    ratios, same_clean_ratios, analyze_ms, readability_ms = [], [], [], []
    for _, html in zyte_pages():
        best_readability = best_faster_readability = best_analyze = float("inf")
        for _ in range(repeat):
            best_readability = min(best_readability, _stock_readability(html))
            best_faster_readability = min(
                best_faster_readability, best_of(lambda h=html: Document(h).summary(), 1)
            )
            best_analyze = min(best_analyze, best_of(lambda h=html: analyze_source(runtime, "", h), 1))
        ratios.append(best_analyze / best_readability)
        same_clean_ratios.append(best_analyze / best_faster_readability)
        analyze_ms.append(best_analyze)
        readability_ms.append(best_readability)
    return {
        "pages": len(ratios),
        "repeat": repeat,
        "median_ratio": statistics.median(ratios),
        "p95_ratio": percentile(ratios, 95),
        "max_ratio": max(ratios),
        "same_clean_median_ratio": statistics.median(same_clean_ratios),
        "same_clean_p95_ratio": percentile(same_clean_ratios, 95),
        "median_analyze_ms": statistics.median(analyze_ms),
        "median_readability_ms": statistics.median(readability_ms),
        "target": TARGET_MEDIAN_RATIO,
        "steps": step_shares(runtime),
    }


def step_shares(runtime: Any) -> dict[str, float]:
    """Milliseconds per pipeline step summed over the benchmark's pages: where the time goes."""
    totals = dict.fromkeys(("extract", "sentences", "match", "selectors", "serialize"), 0.0)
    for _, html in zyte_pages():
        clock = time.perf_counter()

        def lap(step: str) -> None:
            nonlocal clock
            now = time.perf_counter()
            totals[step] += (now - clock) * 1000
            clock = now

        page = extract(html)
        lap("extract")
        sentences = split_sentences(page)
        lap("sentences")
        matches = runtime.matcher.match(page, sentences)
        lap("match")
        highlights = to_highlights(page, matches)
        lap("selectors")
        analysis_json(Analysis(page, tuple(sentences), tuple(highlights)), runtime.database)
        lap("serialize")
    return totals

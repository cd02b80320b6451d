"""Time against database size: 12, 100, 1,000 and 10,000 claims on a 5,000-word article.

Synthetic claims are copies of the real claim files with new ids and every concept term's
words suffixed (``kratom`` -> ``kratomq7``), so they never match the article but fill the term
index as real claims would, and they go through the real loader, schema and all. The article
goes in as text: extraction does not depend on the database, and leaving it out keeps the
ratio about what does.
"""

from __future__ import annotations

import re
import tempfile
import time
from pathlib import Path
from typing import Any

import yaml

from bench.common import article_paragraphs, best_of
from caveat.api import analyze_source
from caveat.app import Runtime
from caveat.claims import BUNDLED_CLAIMS, load_database
from caveat.config import Config
from caveat.match import Matcher

SIZES = (12, 100, 1_000, 10_000)
ARTICLE_WORDS = 5_000
TARGET_RATIO = 2.0  # the largest database at most twice the time of the bundled one
# libyaml's emitter when PyYAML has it: writing 10,000 files with the pure-Python one takes a minute
_DUMPER = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


def _suffixed(term: str, suffix: str) -> str:
    """Every word alternative of a term with ``suffix`` added; gaps (_), prefix stars and (groups) kept."""
    return re.sub(r"[^\W_]+(?:'[^\W_]+)*(?=\*?(?:[|\s\-()]|$))", lambda m: m.group() + suffix, term)


def _perturb(concept: Any, suffix: str) -> Any:
    if isinstance(concept, list):
        return [_suffixed(t, suffix) for t in concept]
    changed = dict(concept)
    for field in ("terms", "anaphors"):
        if field in changed:
            changed[field] = [_suffixed(t, suffix) for t in changed[field]]
    return changed


def write_claims(directory: Path, size: int) -> list[Path]:
    """The real claims, then synthetic copies of them: ``size`` claim files, in that order."""
    originals = [yaml.safe_load(p.read_text(encoding="utf-8")) for p in sorted(BUNDLED_CLAIMS.glob("*.yaml"))]
    paths = []
    for n in range(size):
        claim = dict(originals[n % len(originals)])
        if n >= len(originals):
            suffix = f"q{n}"
            claim["id"] = f"{claim['id']}-{suffix}"
            match = dict(claim["match"])
            match["concepts"] = {name: _perturb(c, suffix) for name, c in match["concepts"].items()}
            claim["match"] = match
        path = directory / f"{claim['id']}.yaml"
        path.write_text(yaml.dump(claim, Dumper=_DUMPER, sort_keys=False), encoding="utf-8")
        paths.append(path)
    return paths


def database_dirs(root: Path) -> dict[int, Path]:
    """One directory per size, each holding hard links to the first claims of one written set."""
    (root / "all").mkdir()
    claims = write_claims(root / "all", max(SIZES))
    dirs = {}
    for size in SIZES:
        dirs[size] = root / str(size)
        dirs[size].mkdir()
        for path in claims[:size]:
            (dirs[size] / path.name).hardlink_to(path)
    return dirs


def run(repeat: int = 7) -> dict[str, Any]:
    """Every size timed in turn, ``repeat`` rounds, best kept: a busy moment hits all sizes alike."""
    text = "\n\n".join(article_paragraphs(ARTICLE_WORDS))
    with tempfile.TemporaryDirectory(prefix="caveat-bench-") as tmp:
        runtimes = []
        for directory in database_dirs(Path(tmp)).values():
            database = load_database(directory)
            runtimes.append(Runtime(Config(), database, Matcher(database)))
    # The first analysis on each database, before any memo in the matcher has seen the article.
    first_ms, results = [], []
    for rt in runtimes:
        started = time.perf_counter()
        results.append(analyze_source(rt, "https://bench.example/", text=text))
        first_ms.append((time.perf_counter() - started) * 1000)
    best = [float("inf")] * len(runtimes)
    for _ in range(repeat):
        for i, rt in enumerate(runtimes):
            best[i] = min(
                best[i], best_of(lambda rt=rt: analyze_source(rt, "https://bench.example/", text=text), 1)
            )
    rows = [
        {
            "claims": len(rt.database),
            "ms": ms,
            "first_ms": first,
            "highlights": len(result["highlights"]),
            "sentences": result["stats"]["sentences"],
        }
        for rt, ms, first, result in zip(runtimes, best, first_ms, results, strict=True)
    ]
    return {
        "rows": rows,
        "words": len(text.split()),
        "ratio": rows[-1]["ms"] / rows[0]["ms"],
        "target": TARGET_RATIO,
        "repeat": repeat,
    }

"""The modules compiled by mypyc (setup.py) and their source must give the same answers.

In CI (CI=true) the install must have compiled it: a build that silently fell back to plain
Python would pass every other test and serve at half speed. Elsewhere, without a compiled copy,
the comparison skips.
"""

from __future__ import annotations

import importlib.machinery
import json
import os
import subprocess
import sys
import warnings
from pathlib import Path

import pytest

from caveat import compiled

ROOT = Path(__file__).resolve().parents[1]

# Every sentence and highlight on the dev set and the design corpus, with offsets, quotes, scores, reasons.
_ANALYZE_ALL_PAGES = """
import json, sys
from pathlib import Path
from caveat import compiled
from caveat.analyze import analyze
from caveat.claims import load_database
from caveat.extract import extract
from caveat.match import Matcher

matcher = Matcher(load_database())
sentences, highlights = [], []
for path in sorted(Path(p) for folder in sys.argv[1:] for p in Path(folder).glob("*.html")):
    result = analyze(extract(path.read_text(encoding="utf-8")), matcher)
    sentences += [[path.name, s.start, s.end, s.block, s.kind] for s in result.sentences]
    highlights += [[path.name, h.claim_id, h.start, h.end, h.score, h.reasons, h.quote.exact, h.quote.prefix,
                    h.quote.suffix] for h in result.highlights]
print(json.dumps({"compiled": compiled.running_compiled(), "sentences": sentences, "highlights": highlights}))
"""


def _analyze_all_pages(shared: Path, pure: bool) -> dict:
    env = {**os.environ, "CAVEAT_PURE_PYTHON": "1" if pure else ""}
    folders = [shared / "eval" / "dev" / "pages", ROOT / "tests" / "corpus" / "design" / "pages"]
    result = subprocess.run(
        [sys.executable, "-c", _ANALYZE_ALL_PAGES, *map(str, folders)],
        env=env,
        capture_output=True,
        text=True,
        check=True,
        timeout=300,
    )
    return json.loads(result.stdout)


@pytest.mark.slow
def test_compiled_pipeline_agrees_with_its_source(shared: Path) -> None:
    if not all(map(compiled.compiled_copy, compiled.MODULES)):
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail("the install did not compile the matcher (is a C compiler there?)", pytrace=False)
        pytest.skip("the matcher is not compiled in this install")
    fast, source = _analyze_all_pages(shared, pure=False), _analyze_all_pages(shared, pure=True)
    assert (fast["compiled"], source["compiled"]) == (True, False)
    assert len(source["highlights"]) > 300  # the pages do assert claims: there is something to compare
    assert fast["sentences"] == source["sentences"]
    assert fast["highlights"] == source["highlights"]


def _fake_package(tmp_path: Path, source_age: float) -> None:
    """A package folder with each compiled module's source and compiled copy, the source
    ``source_age`` seconds younger than the copy."""
    suffix = importlib.machinery.EXTENSION_SUFFIXES[0]
    for name in compiled.MODULES:
        copy, source = tmp_path / f"{name}{suffix}", tmp_path / f"{name}.py"
        copy.write_bytes(b"")
        source.write_text("")
        os.utime(copy, (1_000_000, 1_000_000))
        os.utime(source, (1_000_000 + source_age, 1_000_000 + source_age))


def test_a_source_edited_since_compiling_runs_instead_of_its_stale_copy(tmp_path, monkeypatch) -> None:
    _fake_package(tmp_path, source_age=60)
    monkeypatch.setattr(compiled, "_PACKAGE", tmp_path)
    monkeypatch.setattr(sys, "meta_path", list(sys.meta_path))
    monkeypatch.delenv("CAVEAT_PURE_PYTHON", raising=False)
    with pytest.warns(UserWarning, match=r"changed since compiled.*make setup"):
        compiled.choose()
    spec = sys.meta_path[0].find_spec("caveat.match", None)
    assert spec is not None and spec.origin == str(tmp_path / "match.py")
    assert sys.meta_path[0].find_spec("caveat.api", None) is None  # only the compiled group is redirected


def test_an_install_writing_source_and_copy_moments_apart_is_not_stale(tmp_path, monkeypatch) -> None:
    _fake_package(tmp_path, source_age=0.5)
    monkeypatch.setattr(compiled, "_PACKAGE", tmp_path)
    before = list(sys.meta_path)
    monkeypatch.setattr(sys, "meta_path", list(before))
    monkeypatch.delenv("CAVEAT_PURE_PYTHON", raising=False)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        compiled.choose()
    assert sys.meta_path == before


def test_pure_python_can_be_asked_for(tmp_path, monkeypatch) -> None:
    _fake_package(tmp_path, source_age=0)
    monkeypatch.setattr(compiled, "_PACKAGE", tmp_path)
    monkeypatch.setattr(sys, "meta_path", list(sys.meta_path))
    monkeypatch.setenv("CAVEAT_PURE_PYTHON", "1")
    compiled.choose()
    assert sys.meta_path[0].find_spec("caveat.terms", None).origin == str(tmp_path / "terms.py")

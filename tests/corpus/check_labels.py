#!/usr/bin/env python3
"""Check that a labelled corpus set is internally consistent before it is used to score a server.

The scorer maps every highlight to a labelled sentence by text, so a label whose text is not what a
reader sees on the page silently turns a correct highlight into a false positive. This script catches
that and the other mistakes that would make a score meaningless:

- labels.json parses and has the dev set's shape; every page file exists;
- every claim id is one of the catalogued ids (read from the catalog, so it cannot drift);
- every labelled sentence occurs, after the scorer's own normalisation, in the page's visible text
  (tags stripped with html.parser; scripts, styles and <head> left out; comments included);
- a page marked clean carries no claims, and no sentence is labelled twice on a page;
- every catalogued claim is asserted at least --min-per-claim times in the set.

    python3 tests/corpus/check_labels.py                      # both splits beside this script
    python3 tests/corpus/check_labels.py tests/corpus/heldout --unlabelled

Only the standard library is used, like the scorer. The scorer's norm() is imported from the shared
material rather than copied, so both always agree on what "the same text" means.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import re
import sys
from collections import Counter
from html.parser import HTMLParser
from pathlib import Path
from types import ModuleType

HERE = Path(__file__).resolve().parent
DEFAULT_SHARED = HERE.parents[2] / "shared"

# Elements whose text a reader never sees in the page body.
HIDDEN = {"head", "script", "style", "noscript", "template", "svg"}
# Elements that end a run of text; joining across them without a break would glue sentences together.
BLOCKS = {
    "address",
    "article",
    "aside",
    "blockquote",
    "br",
    "dd",
    "details",
    "div",
    "dl",
    "dt",
    "figcaption",
    "figure",
    "footer",
    "form",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "header",
    "hr",
    "li",
    "main",
    "nav",
    "ol",
    "p",
    "pre",
    "section",
    "summary",
    "table",
    "td",
    "th",
    "tr",
    "ul",
}
# Words that put a sentence on topic; used only to point out sentences that may lack a label.
TOPIC = re.compile(r"kratom|mitragyn|7-oh|the leaf|this (herb|plant|botanical)", re.IGNORECASE)


_LINE_WRAP = re.compile(r"(?<!\n)\n(?!\n)")  # one newline in <pre>: a wrapped line, the block goes on


class VisibleText(HTMLParser):
    """Collects the text a browser would render, one block per line."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.hidden_depth = 0
        self.pre_depth = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in HIDDEN:
            self.hidden_depth += 1
        elif tag in BLOCKS:
            self.pre_depth += tag == "pre"
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in HIDDEN:
            self.hidden_depth = max(0, self.hidden_depth - 1)
        elif tag in BLOCKS:
            self.pre_depth = max(0, self.pre_depth - (tag == "pre"))
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if self.pre_depth:  # preformatted text (a plain-text email) wraps lines; a blank line parts blocks
            data = _LINE_WRAP.sub(" ", data)
        if not self.hidden_depth:
            self.parts.append(data)

    def blocks(self) -> list[str]:
        return [b for b in "".join(self.parts).split("\n") if b.strip()]


def visible_blocks(html: str) -> list[str]:
    parser = VisibleText()
    parser.feed(html)
    parser.close()
    return parser.blocks()


def load_scorer(shared: Path) -> ModuleType:
    path = shared / "eval" / "score.py"
    if not path.is_file():
        sys.exit(f"error: the scorer was not found at {path}; pass --shared")
    spec = importlib.util.spec_from_file_location("caveat_eval_score", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def catalog_ids(shared: Path) -> list[str]:
    path = shared / "claims" / "catalog.yaml"
    if not path.is_file():
        sys.exit(f"error: the claim catalog was not found at {path}; pass --shared")
    return re.findall(r"^\s*-\s*id:\s*(\S+)\s*$", path.read_text(encoding="utf-8"), re.MULTILINE)


def check_sentence(s: object, where: str, ids: set[str]) -> list[str]:
    if not isinstance(s, dict) or not isinstance(s.get("text"), str) or not s["text"].strip():
        return [f"{where}: a sentence needs a non-empty 'text'"]
    if "claims" not in s:
        return [f"{where}: 'claims' is missing (use [] for none, null for not scored)"]
    claims, optional = s["claims"], s.get("optional", [])
    problems = []
    if claims is not None and not (isinstance(claims, list) and set(claims) <= ids):
        problems.append(f"{where}: claims {claims!r} are not a list of catalogued ids")
    if not (isinstance(optional, list) and set(optional) <= ids):
        problems.append(f"{where}: optional {optional!r} is not a list of catalogued ids")
    elif optional and not claims:
        problems.append(f"{where}: 'optional' only makes sense beside claims the sentence carries")
    return problems


def check_set(
    set_dir: Path, norm, ids: list[str], min_per_claim: int, unlabelled: bool
) -> tuple[list[str], Counter]:
    """Return the problems found in one set and how often each claim is asserted in it."""
    labels_path = set_dir / "labels.json"
    try:
        labels = json.loads(labels_path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as err:
        return [f"{labels_path}: {err}"], Counter()
    if not isinstance(labels, dict) or not isinstance(labels.get("pages"), list):
        return [f"{labels_path}: expected an object with a 'pages' list"], Counter()

    problems: list[str] = []
    counts: Counter = Counter()
    for page in labels["pages"]:
        name = page.get("file", "?") if isinstance(page, dict) else "?"
        if not isinstance(page, dict) or not isinstance(page.get("sentences"), list):
            problems.append(f"{set_dir.name}/{name}: a page needs 'file' and a 'sentences' list")
            continue
        if not isinstance(page.get("url"), str) or not page["url"].startswith("http"):
            problems.append(f"{set_dir.name}/{name}: 'url' should be the page's http(s) address")
        html_path = set_dir / name
        if not html_path.is_file():
            problems.append(f"{set_dir.name}/{name}: page file not found")
            continue
        blocks = [norm(b) for b in visible_blocks(html_path.read_text(encoding="utf-8"))]
        seen: set[str] = set()
        for i, s in enumerate(page["sentences"]):
            where = f"{set_dir.name}/{name} #{i}"
            found = check_sentence(s, where, set(ids))
            problems += found
            if found:
                continue
            text = norm(s["text"])
            if text in seen:
                problems.append(f"{where}: labelled twice: {s['text'][:80]}")
            seen.add(text)
            if not any(text in b for b in blocks):
                problems.append(f"{where}: not in the page's visible text: {s['text'][:100]}")
            if page.get("clean") and s["claims"]:
                problems.append(f"{where}: page is marked clean but the sentence carries {s['claims']}")
            counts.update(s["claims"] or [])
        if unlabelled:
            for sentence in candidate_sentences(blocks):
                if TOPIC.search(sentence) and not any(sentence in t or t in sentence for t in seen):
                    print(f"unlabelled? {set_dir.name}/{name}: {sentence[:140]}")
    for claim in ids:
        if counts[claim] < min_per_claim:
            problems.append(
                f"{set_dir.name}: {claim} is asserted {counts[claim]} times, fewer than {min_per_claim}"
            )
    return problems, counts


def candidate_sentences(blocks: list[str]) -> list[str]:
    """A rough sentence split, good enough to point a labeller at text worth a second look."""
    return [s for b in blocks for s in re.split(r"(?<=[.!?])\s+(?=\S)", b) if s]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument(
        "sets",
        nargs="*",
        type=Path,
        default=[HERE / "design", HERE / "heldout"],
        help="set folders, each with labels.json (default: both splits)",
    )
    ap.add_argument(
        "--shared",
        type=Path,
        default=DEFAULT_SHARED,
        help="the shared material holding eval/score.py and claims/catalog.yaml",
    )
    ap.add_argument("--min-per-claim", type=int, default=3)
    ap.add_argument(
        "--unlabelled",
        action="store_true",
        help="also print on-topic sentences that no label covers, for review",
    )
    args = ap.parse_args()
    norm = load_scorer(args.shared).norm
    ids = catalog_ids(args.shared)
    if not ids:
        sys.exit("error: no claim ids found in the catalog")
    all_problems = []
    for set_dir in args.sets:
        problems, counts = check_set(set_dir, norm, ids, args.min_per_claim, args.unlabelled)
        all_problems += problems
        summary = " ".join(f"{c}={counts[c]}" for c in ids)
        print(f"{set_dir.name}: {sum(counts.values())} claim labels; {summary}")
    for p in all_problems:
        print(f"PROBLEM {p}")
    print("ok" if not all_problems else f"{len(all_problems)} problem(s)")
    return 1 if all_problems else 0


if __name__ == "__main__":
    sys.exit(main())

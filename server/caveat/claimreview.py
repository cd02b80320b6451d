"""ClaimReview JSON-LD: export the claim database for fact-check indexes, import reviews as drafts.

schema.org ClaimReview is how search engines and fact-check aggregators find reviews; Google's
guidelines (https://developers.google.com/search/docs/appearance/structured-data/factcheck)
require ``claimReviewed``, ``reviewRating`` with a label (``alternateName``) and ``url``, and
recommend ``author``, ``datePublished`` and ``itemReviewed``. Export keeps every field a review
can carry (summary, explanation, sources, where the claim appeared) so that importing an export
gives back the same entry. Import writes draft files for a curator: what ClaimReview cannot say
(severity, test sentences) becomes a ``TODO`` that stops the file from loading until it is filled.

Both functions are pure apart from import writing its files: the date and addresses are
parameters, so an export is reproducible.
"""

from __future__ import annotations

import datetime
import re
import textwrap
import unicodedata
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

import yaml

from caveat.claims import VERDICT_LABELS, Claim

SCHEMA_ORG = "https://schema.org"
CLAIM_REVIEWED_MAX = 74  # Google: claimReviewed "should be under 75 characters"
TODO = "TODO"
DISCLAIMER = (
    "Caveat is information, not medical advice. Talk to a doctor or pharmacist about your own health."
)

# Rating scale: 1 is the worst rating (false), 5 the best (true); Caveat only reviews claims it
# warns about, so it uses the bottom of the scale. "Unsupported" sits mid-scale: not shown false,
# not shown true either.
WORST_RATING, BEST_RATING = 1, 5
RATING_VALUES = {"false": 1, "misleading": 2, "unverifiable-citation": 2, "unsupported": 3}

_ID = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")


class ClaimReviewError(ValueError):
    """ClaimReview input or export parameters that cannot be used; the message says which and why."""


def export_claimreview(
    database: Iterable[Claim], publisher: str, base_url: str, date_published: str
) -> dict[str, Any]:
    """The whole database as one JSON-LD document: ``{"@context", "@graph": [ClaimReview, ...]}``.

    ``base_url`` is where a reader can read a review. Ending in ``/`` it is a path prefix (the
    server's ``.../api/v1/claims/``) and each review's url is ``base_url + id``; otherwise it is
    one page with an anchor per claim, ``base_url#id``. ``date_published`` is an ISO date.
    """
    if not publisher.strip():
        raise ClaimReviewError("publisher name must not be blank")
    if not re.match(r"^https?://[^\s#]+$", base_url):
        raise ClaimReviewError(f"base URL {base_url!r} must be an http(s) address without spaces or '#'")
    try:
        datetime.date.fromisoformat(date_published)
    except ValueError:
        raise ClaimReviewError(f"date {date_published!r} is not an ISO date like 2026-11-21") from None
    author = {"@type": "Organization", "name": publisher.strip()}
    return {
        "@context": SCHEMA_ORG,
        "@graph": [_review(claim, author, base_url, date_published) for claim in database],
    }


def claim_reviewed(claim: Claim) -> str:
    """The claim as ClaimReview states it: the claim text, shortened at a word if it is too long."""
    return textwrap.shorten(claim.claim, width=CLAIM_REVIEWED_MAX, placeholder="…")


def _review(claim: Claim, author: Mapping[str, str], base_url: str, date_published: str) -> dict[str, Any]:
    appearances = [_appearance(entry) for entry in claim.provenance]
    item: dict[str, Any] = {"@type": "Claim", "appearance": appearances}
    if appearances:
        item["firstAppearance"] = appearances[0]
    return {
        "@type": "ClaimReview",
        "url": base_url + claim.id if base_url.endswith("/") else f"{base_url}#{claim.id}",
        "identifier": claim.id,
        "claimReviewed": claim_reviewed(claim),
        "name": claim.summary,
        "reviewBody": claim.explanation,
        "author": dict(author),
        "datePublished": date_published,
        "inLanguage": "en",
        "reviewRating": {
            "@type": "Rating",
            "ratingValue": RATING_VALUES[claim.verdict],
            "bestRating": BEST_RATING,
            "worstRating": WORST_RATING,
            "alternateName": claim.label,
        },
        "itemReviewed": item,
        "citation": [
            {
                "@type": "CreativeWork",
                "name": source.title,
                "publisher": {"@type": "Organization", "name": source.publisher},
                "datePublished": str(source.year),
                "url": source.url,
            }
            for source in claim.sources
        ],
    }


def _appearance(entry: Mapping[str, Any]) -> dict[str, Any]:
    """Where the claim appeared; the quotes go in ``text`` so an import can restore them."""
    work: dict[str, Any] = {"@type": "CreativeWork", "name": entry["seed"]}
    if entry.get("url"):
        work["url"] = entry["url"]
    work["text"] = list(entry["quotes"])
    return work


def import_claimreview(data: Mapping[str, Any] | list[Any], directory: Path) -> list[Path]:
    """Write one draft claim file per ClaimReview in ``data`` into ``directory``; return the paths.

    Accepts an export's ``@graph`` document, a single ClaimReview or a list of them. Nothing is
    written unless every review converts and none of the files exists yet.
    """
    directory = Path(directory)
    if not directory.is_dir():
        raise ClaimReviewError(f"{directory} is not a directory")
    entries = [_entry(review, n) for n, review in enumerate(_reviews(data), start=1)]
    if not entries:
        raise ClaimReviewError("no ClaimReview objects found")
    paths = [directory / f"{entry['id']}.yaml" for entry in entries]
    seen: set[Path] = set()
    for path in paths:
        if path in seen:
            raise ClaimReviewError(f"two reviews would both be written to {path.name}")
        if path.exists():
            raise ClaimReviewError(f"{path} already exists; not overwriting it")
        seen.add(path)
    for path, entry in zip(paths, entries, strict=True):
        path.write_text(_draft_yaml(entry), encoding="utf-8")
    return paths


def _reviews(data: Any) -> list[Any]:
    if isinstance(data, list):
        return data
    if isinstance(data, Mapping):
        graph = data.get("@graph")
        if graph is None:
            return [data]
        if isinstance(graph, list):
            return graph
    raise ClaimReviewError("expected a ClaimReview object, a list of them, or a JSON-LD document with @graph")


def _entry(review: Any, n: int) -> dict[str, Any]:
    """One review as claim-file fields, in the file's order; unknown required fields are TODO."""
    where = f"review {n}"
    if not isinstance(review, Mapping):
        raise ClaimReviewError(f"{where}: expected an object, got {type(review).__name__}")
    types = review.get("@type")
    if types != "ClaimReview" and not (isinstance(types, list) and "ClaimReview" in types):
        raise ClaimReviewError(f"{where}: @type is {types!r}, not ClaimReview")
    claim = _text(review.get("claimReviewed"))
    if not claim:
        raise ClaimReviewError(f"{where}: claimReviewed is missing or empty")
    rating = review.get("reviewRating")
    label = _text(rating.get("alternateName")) if isinstance(rating, Mapping) else ""
    item = review.get("itemReviewed")
    return {
        "id": _claim_id(review, claim),
        "claim": claim,
        "verdict": _verdict(label),
        "severity": TODO,
        "summary": _text(review.get("name")) or TODO,
        "explanation": _text(review.get("reviewBody")) or TODO,
        "disclaimer": DISCLAIMER,
        "sources": [_source(work) for work in _as_list(review.get("citation"))]
        or [{"title": TODO, "publisher": TODO, "year": TODO, "url": TODO}],
        "provenance": _provenance(item if isinstance(item, Mapping) else {}),
        "tests": {"must_match": [TODO], "must_not_match": [TODO]},
        # A rule the curator replaces: it matches nothing until the concept's terms are written.
        "match": {"concepts": {"todo": [TODO]}, "rules": [{"all": ["kratom", "todo"]}]},
    }


def _claim_id(review: Mapping[str, Any], claim: str) -> str:
    """The exported id when there is one, else one made from the claim's words."""
    url_tail = re.split(r"[#/]", _text(review.get("url")))[-1]
    for candidate in (_text(review.get("identifier")), url_tail):
        if _ID.match(candidate):
            return candidate
    ascii_words = unicodedata.normalize("NFKD", claim).encode("ascii", "ignore").decode().lower()
    slug = "-".join(re.findall(r"[a-z0-9]+", ascii_words)[:8])
    if not slug:
        raise ClaimReviewError(f"cannot make a file name from claimReviewed {claim!r}")
    return slug


def _verdict(label: str) -> str:
    for verdict, name in VERDICT_LABELS.items():
        if label.casefold() in (verdict.casefold(), name.casefold()):
            return verdict
    return TODO


def _source(work: Any) -> dict[str, Any]:
    work = work if isinstance(work, Mapping) else {"url": work}
    publisher = work.get("publisher")
    publisher_name = _text(publisher.get("name")) if isinstance(publisher, Mapping) else _text(publisher)
    year = _text(work.get("datePublished"))[:4]
    return {
        "title": _text(work.get("name")) or TODO,
        "publisher": publisher_name or TODO,
        "year": int(year) if year.isdigit() else TODO,
        "url": _text(work.get("url")) or TODO,
    }


def _provenance(item: Mapping[str, Any]) -> list[dict[str, Any]]:
    works = _as_list(item.get("appearance"))
    first = item.get("firstAppearance")
    if first is not None and first not in works:
        works.insert(0, first)
    entries = []
    for work in works:
        work = work if isinstance(work, Mapping) else {"url": work}
        url = _text(work.get("url"))
        entry: dict[str, Any] = {"seed": _text(work.get("name")) or url or TODO}
        if url:
            entry["url"] = url
        entry["quotes"] = [_text(q) for q in _as_list(work.get("text")) if _text(q)] or [TODO]
        entries.append(entry)
    return entries or [{"seed": TODO, "quotes": [TODO]}]


def _as_list(value: Any) -> list[Any]:
    if value is None:
        return []
    return list(value) if isinstance(value, list) else [value]


def _text(value: Any) -> str:
    return value.strip() if isinstance(value, str) else ""


def _draft_yaml(entry: Mapping[str, Any]) -> str:
    header = (
        "# Imported from ClaimReview: replace every TODO (severity, test sentences, and any field the\n"
        "# review did not carry), then run `caveat claims validate`. See docs/curating.md.\n"
    )
    return header + yaml.safe_dump(dict(entry), sort_keys=False, allow_unicode=True, width=100)

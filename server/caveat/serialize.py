"""The JSON step: pipeline records -> plain dicts, shaped as data/openapi.yaml describes.

One module decides the wire format, so the API and ``caveat analyze --json`` cannot drift
apart. Field names ``claim_id`` and ``quote.exact`` are read by external scorers: keep them.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from caveat import __version__
from caveat.analyze import Analysis
from caveat.claims import ClaimDatabase
from caveat.records import Highlight, Page

JsonDict = dict[str, Any]


def page_json(page: Page) -> JsonDict:
    """What the server checked: the /api/v1/extract body. Block offsets index ``text``."""
    return {
        "title": page.title,
        "text": page.text,
        "blocks": [
            {"text": b.text, "kind": b.kind, "start": b.start, **({"header": b.header} if b.header else {})}
            for b in page.blocks
        ],
    }


def _highlight_json(highlight: Highlight, database: ClaimDatabase) -> JsonDict:
    claim = database.claims[highlight.claim_id]
    return {
        "claim_id": highlight.claim_id,
        "verdict": claim.verdict,
        "label": claim.label,
        "severity": claim.severity,
        "summary": claim.summary,
        "quote": {
            "exact": highlight.quote.exact,
            "prefix": highlight.quote.prefix,
            "suffix": highlight.quote.suffix,
        },
        "position": {"start": highlight.start, "end": highlight.end},
        "score": round(highlight.score, 3),
        "reasons": list(highlight.reasons),
    }


def analysis_json(analysis: Analysis, database: ClaimDatabase) -> JsonDict:
    """The /api/v1/analyze body; cache.answer adds the request's time to its stats."""
    claim_ids = dict.fromkeys(h.claim_id for h in analysis.highlights)  # ordered, unique
    page = analysis.page
    return {
        "page": {"url": page.url, "title": page.title, "language": page.language},
        "highlights": [_highlight_json(h, database) for h in analysis.highlights],
        "claims": {claim_id: database.claims[claim_id].warning() for claim_id in claim_ids},
        "stats": {"sentences": len(analysis.sentences)},
    }


def claims_json(database: ClaimDatabase) -> JsonDict:
    return {"claims": [claim.warning() for claim in database]}


def topics_json(topics: tuple[str, ...]) -> JsonDict:
    return {"terms": list(topics)}


def health_json(database: ClaimDatabase, features: Iterable[str] = ()) -> JsonDict:
    return {"status": "ok", "claims": len(database), "version": __version__, "features": list(features)}

"""Reader feedback: what a report may hold, and the checks a request body must pass.

A report holds only what the reader chose to send from the extension: the page's address, the
sentence they point at, a kind, the claim it concerns and an optional comment. No other page
text is accepted, so an unknown field is refused rather than silently dropped: a client that
sends more than this learns it at once.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

KINDS = ("false_positive", "missed_claim", "other")
MAX_URL = 2048
MAX_QUOTE = 1000
MAX_COMMENT = 2000
FIELDS = ("url", "claim_id", "quote", "kind", "comment")


class FeedbackError(ValueError):
    """A report the client can fix; ``code`` is the API error code, the message says what to change."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code


@dataclass(frozen=True, slots=True)
class Report:
    """One reader's report, as sent and validated."""

    url: str
    kind: str
    quote: str = ""
    claim_id: str | None = None
    comment: str = ""


@dataclass(frozen=True, slots=True)
class StoredReport:
    """A report as curators see it: with its id, when it came, and whether it was dealt with."""

    id: int
    created_at: str
    report: Report
    resolved_at: str | None = None
    note: str | None = None

    def as_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "created_at": self.created_at,
            "kind": self.report.kind,
            "claim_id": self.report.claim_id,
            "url": self.report.url,
            "quote": self.report.quote,
            "comment": self.report.comment,
            "resolved_at": self.resolved_at,
            "note": self.note,
        }


def _text(body: Mapping[str, Any], name: str, limit: int) -> str:
    value = body.get(name, "")
    if not isinstance(value, str):
        raise FeedbackError(f"invalid_{name}", f'"{name}" must be a string, not {type(value).__name__}.')
    if len(value) > limit:
        raise FeedbackError(
            f"{name}_too_long", f'"{name}" has {len(value)} characters; at most {limit} are accepted.'
        )
    return value.strip()


def parse_report(body: Mapping[str, Any], known_claims: Collection[str]) -> Report:
    """The Report in a request body; raises FeedbackError naming the first field that is wrong."""
    extra = sorted(set(body) - set(FIELDS))
    if extra:
        raise FeedbackError(
            "unknown_field", f"Unknown field {extra[0]!r}; a report has only {', '.join(FIELDS)}."
        )
    kind = body.get("kind")
    if kind not in KINDS:
        raise FeedbackError("invalid_kind", f'"kind" must be one of {", ".join(KINDS)}, not {kind!r}.')
    url = _text(body, "url", MAX_URL)
    if urlsplit(url).scheme not in ("http", "https"):
        raise FeedbackError(
            "invalid_url", '"url" must be the http(s) address of the page the report is about.'
        )
    quote = _text(body, "quote", MAX_QUOTE)
    comment = _text(body, "comment", MAX_COMMENT)
    claim_id = body.get("claim_id")
    if kind == "missed_claim":
        if claim_id is not None:
            raise FeedbackError("invalid_claim_id", 'A "missed_claim" report has no "claim_id".')
        if not quote:
            raise FeedbackError("missing_quote", 'A "missed_claim" report needs the "quote" Caveat missed.')
    elif kind == "false_positive" and claim_id is None:
        raise FeedbackError("missing_claim_id", 'A "false_positive" report needs the "claim_id" it disputes.')
    if claim_id is not None and (not isinstance(claim_id, str) or claim_id not in known_claims):
        raise FeedbackError("unknown_claim", f'"claim_id" {claim_id!r} is not a claim this server knows.')
    return Report(url=url, kind=kind, quote=quote, claim_id=claim_id, comment=comment)

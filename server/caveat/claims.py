"""The claim-warning database: one YAML file per claim, validated against a JSON Schema.

The database is loaded once when the app or CLI starts. Curators edit the YAML files, so a
mistake must stop the server with the file and field named, never surface as a half-loaded
database or a crash on the first request.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

import jsonschema
import yaml

VERDICT_LABELS = {
    "false": "False",
    "misleading": "Misleading",
    "unsupported": "Unsupported",
    "unverifiable-citation": "Unverifiable citation",
}

BUNDLED_CLAIMS = Path(str(resources.files("caveat") / "data" / "claims"))
SCHEMA_PATH = Path(str(resources.files("caveat") / "data" / "claim.schema.json"))


class ClaimFileError(ValueError):
    """A claim file that cannot be loaded; the message names the file and the field."""

    def __init__(self, path: Path, where: str, problem: str) -> None:
        self.path, self.where, self.problem = path, where, problem
        super().__init__(f"{path}: {where}: {problem}" if where else f"{path}: {problem}")


@dataclass(frozen=True, slots=True)
class Source:
    title: str
    publisher: str
    year: int
    url: str


@dataclass(frozen=True, slots=True)
class TestSentence:
    text: str
    context: str = ""  # sentences before it in the same passage, for pronoun subjects


@dataclass(frozen=True, slots=True)
class Claim:
    id: str
    claim: str
    verdict: str
    severity: str
    summary: str
    explanation: str
    disclaimer: str
    sources: tuple[Source, ...]
    provenance: tuple[Mapping[str, Any], ...]
    match: Mapping[str, Any]
    must_match: tuple[TestSentence, ...]
    must_not_match: tuple[TestSentence, ...]
    path: Path = field(compare=False)

    @property
    def label(self) -> str:
        """The ClaimReview-style rating readers see, e.g. "Unverifiable citation"."""
        return VERDICT_LABELS[self.verdict]

    def warning(self) -> dict[str, Any]:
        """The full warning as the API returns it."""
        return {
            "id": self.id,
            "claim": self.claim,
            "verdict": self.verdict,
            "label": self.label,
            "severity": self.severity,
            "summary": self.summary,
            "explanation": self.explanation,
            "disclaimer": self.disclaimer,
            "sources": [
                {"title": s.title, "publisher": s.publisher, "year": s.year, "url": s.url}
                for s in self.sources
            ],
        }


@dataclass(frozen=True)
class ClaimDatabase:
    claims: Mapping[str, Claim]
    directory: Path

    def __iter__(self) -> Iterator[Claim]:
        return iter(self.claims.values())

    def __len__(self) -> int:
        return len(self.claims)

    def get(self, claim_id: str) -> Claim | None:
        return self.claims.get(claim_id)


def _schema_validator() -> jsonschema.Draft202012Validator:
    schema = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    return jsonschema.Draft202012Validator(schema)


def _field_path(error: jsonschema.ValidationError) -> str:
    return "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in error.absolute_path).lstrip(".")


def _test_sentence(item: str | Mapping[str, str]) -> TestSentence:
    if isinstance(item, str):
        return TestSentence(item)
    return TestSentence(item["text"], item.get("context", ""))


def load_claim(path: Path, validator: jsonschema.Draft202012Validator | None = None) -> Claim:
    """Read and validate one claim file; raise ClaimFileError naming the file and field."""
    validator = validator or _schema_validator()
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as err:
        raise ClaimFileError(path, "", f"cannot read: {err}") from err
    except yaml.YAMLError as err:
        raise ClaimFileError(path, "", f"invalid YAML: {err}") from err
    if not isinstance(data, dict):
        raise ClaimFileError(path, "", "expected a mapping of fields at the top level")
    # best_match looks inside oneOf alternatives for the error a curator can act on.
    error = jsonschema.exceptions.best_match(validator.iter_errors(data))
    if error is not None:
        raise ClaimFileError(path, _field_path(error) or "(top level)", error.message)
    if data["id"] != path.stem:
        raise ClaimFileError(path, "id", f"{data['id']!r} does not match the file name {path.name!r}")
    return Claim(
        id=data["id"],
        claim=data["claim"],
        verdict=data["verdict"],
        severity=data["severity"],
        summary=data["summary"],
        explanation=data["explanation"],
        disclaimer=data["disclaimer"],
        sources=tuple(Source(**s) for s in data["sources"]),
        provenance=tuple(data["provenance"]),
        match=data["match"],
        must_match=tuple(_test_sentence(s) for s in data["tests"]["must_match"]),
        must_not_match=tuple(_test_sentence(s) for s in data["tests"]["must_not_match"]),
        path=path,
    )


def load_database(directory: Path | str | None = None) -> ClaimDatabase:
    """Load every ``*.yaml`` claim in ``directory`` (the bundled database by default)."""
    directory = Path(directory) if directory else BUNDLED_CLAIMS
    if not directory.is_dir():
        raise ClaimFileError(directory, "", "claim directory not found")
    validator = _schema_validator()
    claims: dict[str, Claim] = {}
    for path in sorted(directory.glob("*.yaml")):
        claim = load_claim(path, validator)
        claims[claim.id] = claim
    if not claims:
        raise ClaimFileError(directory, "", "no claim files (*.yaml) found")
    return ClaimDatabase(claims=claims, directory=directory)

"""Every route through Flask's test client, each response checked against the OpenAPI document."""

from __future__ import annotations

import logging
from dataclasses import replace
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient
from jsonschema import Draft202012Validator
from openapi_spec_validator import validate as validate_openapi

from caveat import __version__
from caveat.analyze import Analysis
from caveat.api import openapi_document
from caveat.app import create_app
from caveat.cache import answer
from caveat.claims import load_database
from caveat.config import Config
from caveat.records import Block, Highlight, Page, Sentence, TextQuoteSelector
from caveat.serialize import analysis_json

DOC = openapi_document()
DATABASE = load_database()
TOKEN = "a-token-long-enough-for-the-rules"
# One plain must_match sentence per claim: the claim's own self-test says it must be flagged.
CLAIM_SENTENCES = [
    (claim.id, next(t.text for t in claim.must_match if not t.context))
    for claim in DATABASE
    if any(not t.context for t in claim.must_match)
]


def response_schema(template: str, method: str, status: int) -> dict[str, Any]:
    response = DOC["paths"][template][method]["responses"][str(status)]
    if "$ref" in response:
        response = DOC["components"]["responses"][response["$ref"].rsplit("/", 1)[1]]
    return response["content"]["application/json"]["schema"]


def assert_documented(response, template: str, method: str) -> Any:
    """The response is JSON, its status is documented for the operation, and its body fits the schema."""
    assert response.mimetype == "application/json"
    schema = {**response_schema(template, method, response.status_code), "components": DOC["components"]}
    body = response.get_json()
    Draft202012Validator(schema).validate(body)
    return body


FIRST_CLAIM = next(iter(DATABASE)).id
# (method, path, the OpenAPI path it instantiates, request keywords, expected status)
EXCHANGES = [
    ("get", "/healthz", "/healthz", {}, 200),
    ("get", "/openapi.json", "/openapi.json", {}, 200),
    ("get", "/api/v1/claims", "/api/v1/claims", {}, 200),
    ("get", f"/api/v1/claims/{FIRST_CLAIM}", "/api/v1/claims/{claim_id}", {}, 200),
    ("get", "/api/v1/claims/no-such-claim", "/api/v1/claims/{claim_id}", {}, 404),
    ("get", "/api/v1/topics", "/api/v1/topics", {}, 200),
    ("post", "/api/v1/analyze", "/api/v1/analyze", {"json": {"text": CLAIM_SENTENCES[0][1]}}, 200),
    ("post", "/api/v1/analyze", "/api/v1/analyze", {"json": {"url": "u", "html": "<p>Kratom.</p>"}}, 200),
    ("post", "/api/v1/analyze", "/api/v1/analyze", {"json": {"url": "u"}}, 400),
    ("post", "/api/v1/analyze", "/api/v1/analyze", {"data": "kratom", "content_type": "text/plain"}, 415),
    (
        "post",
        "/api/v1/extract",
        "/api/v1/extract",
        {"json": {"url": "u", "html": "<h1>T</h1><p>Kratom.</p>"}},
        200,
    ),
    ("post", "/api/v1/extract", "/api/v1/extract", {"json": {"html": 1}}, 400),
    ("post", "/api/v1/extract", "/api/v1/extract", {"data": "{", "content_type": "application/json"}, 400),
    (
        "post",
        "/api/v1/feedback",
        "/api/v1/feedback",
        {"json": {"url": "https://a.example/", "kind": "false_positive", "claim_id": FIRST_CLAIM}},
        201,
    ),
    ("post", "/api/v1/feedback", "/api/v1/feedback", {"json": {"url": "https://a.example/"}}, 400),
]


@pytest.mark.parametrize(("method", "path", "template", "kwargs", "status"), EXCHANGES)
def test_every_route_answers_as_documented(
    client: FlaskClient, method: str, path: str, template: str, kwargs: dict, status: int
) -> None:
    response = getattr(client, method)(path, **kwargs)
    assert response.status_code == status, response.get_data(as_text=True)[:300]
    assert_documented(response, template, method)


def test_every_documented_operation_is_exercised() -> None:
    documented = {(path, method) for path, operations in DOC["paths"].items() for method in operations}
    assert documented == {(template, method) for method, _, template, _, _ in EXCHANGES}


def test_the_openapi_document_is_valid(client: FlaskClient) -> None:
    document = client.get("/openapi.json").get_json()
    validate_openapi(document)
    assert document["openapi"].startswith("3.1")
    assert document["info"]["version"] == __version__


def test_healthz(client: FlaskClient) -> None:
    assert client.get("/healthz").get_json() == {
        "status": "ok",
        "claims": len(DATABASE),
        "version": __version__,
        "features": ["feedback"],
    }


def test_claims_lists_every_warning(client: FlaskClient) -> None:
    assert client.get("/api/v1/claims").get_json() == {"claims": [c.warning() for c in DATABASE]}


@pytest.mark.parametrize("claim", list(DATABASE), ids=lambda c: c.id)
def test_one_claim(client: FlaskClient, claim) -> None:
    assert client.get(f"/api/v1/claims/{claim.id}").get_json() == claim.warning()


def test_unknown_claim_is_404_json(client: FlaskClient) -> None:
    response = client.get("/api/v1/claims/kratom-cures-everything")
    assert response.status_code == 404
    assert response.get_json()["error"]["code"] == "unknown_claim"


def test_topics_are_the_matchers_terms(client: FlaskClient, app: Flask) -> None:
    terms = client.get("/api/v1/topics").get_json()["terms"]
    assert terms == list(app.extensions["caveat"].matcher.topics)
    assert "kratom" in terms


@pytest.mark.parametrize(("claim_id", "sentence"), CLAIM_SENTENCES)
def test_analyze_flags_a_claims_own_test_sentence(client: FlaskClient, claim_id: str, sentence: str) -> None:
    result = client.post("/api/v1/analyze", json={"url": "https://a.example/", "text": sentence}).get_json()
    flagged = [h for h in result["highlights"] if h["claim_id"] == claim_id]
    assert flagged, f"{claim_id} not flagged in {sentence!r}: {result['highlights']}"
    claim = DATABASE.claims[claim_id]
    highlight = flagged[0]
    assert highlight["quote"]["exact"] == sentence
    assert (highlight["verdict"], highlight["label"], highlight["severity"], highlight["summary"]) == (
        claim.verdict,
        claim.label,
        claim.severity,
        claim.summary,
    )
    assert result["claims"][claim_id] == claim.warning()
    assert result["page"]["url"] == "https://a.example/"


def test_analyze_a_real_page(client: FlaskClient, dev_page: dict[str, str]) -> None:
    result = assert_documented(client.post("/api/v1/analyze", json=dev_page), "/api/v1/analyze", "post")
    text = client.post("/api/v1/extract", json=dev_page).get_json()["text"]
    assert result["highlights"], "the dev page asserts several claims"
    assert result["stats"]["sentences"] > len({h["quote"]["exact"] for h in result["highlights"]})
    assert set(result["claims"]) == {h["claim_id"] for h in result["highlights"]}
    for highlight in result["highlights"]:
        quote, position = highlight["quote"], highlight["position"]
        # positions index exactly the text /extract returns; the quote carries its context
        assert text[position["start"] : position["end"]] == quote["exact"]
        assert text[: position["start"]].endswith(quote["prefix"])
        assert text[position["end"] :].startswith(quote["suffix"])
        assert quote["exact"].strip()


def test_extract_returns_blocks_that_index_the_text(client: FlaskClient, dev_page: dict[str, str]) -> None:
    result = assert_documented(client.post("/api/v1/extract", json=dev_page), "/api/v1/extract", "post")
    assert "kratom" in result["text"].lower()
    assert result["blocks"]
    for block in result["blocks"]:
        assert result["text"][block["start"] : block["start"] + len(block["text"])] == block["text"]


def test_analyze_and_extract_check_the_same_text(client: FlaskClient) -> None:
    text = "Kratom is a plant.\nIt grows in Southeast Asia."
    extracted = client.post("/api/v1/extract", json={"text": text}).get_json()
    assert extracted["text"] == text
    assert client.post("/api/v1/analyze", json={"text": text}).get_json()["stats"]["sentences"] == 2


@pytest.fixture(scope="module")
def locked() -> FlaskClient:
    """A client of an app that requires the token and allows one origin."""
    return create_app(Config(token=TOKEN, origins=("https://reader.example",))).test_client()


class TestToken:
    @pytest.mark.parametrize("header", [None, "Bearer wrong-token-of-enough-length", f"Basic {TOKEN}", TOKEN])
    def test_api_needs_the_token(self, locked: FlaskClient, header: str | None) -> None:
        headers = {"Authorization": header} if header else {}
        for response in (
            locked.get("/api/v1/claims", headers=headers),
            locked.post("/api/v1/analyze", json={"text": "Kratom."}, headers=headers),
        ):
            assert response.status_code == 401
            assert response.get_json()["error"]["code"] == "unauthorized"
            assert response.headers["WWW-Authenticate"].lower().startswith("bearer")

    def test_the_right_token_passes(self, locked: FlaskClient) -> None:
        headers = {"Authorization": f"Bearer {TOKEN}"}
        assert locked.get("/api/v1/topics", headers=headers).status_code == 200
        assert locked.post("/api/v1/analyze", json={"text": "Kratom."}, headers=headers).status_code == 200

    def test_health_and_openapi_stay_open(self, locked: FlaskClient) -> None:
        assert locked.get("/healthz").status_code == 200
        assert locked.get("/openapi.json").status_code == 200

    def test_cors_preflight_needs_no_token(self, locked: FlaskClient) -> None:
        response = locked.options(
            "/api/v1/analyze",
            headers={
                "Origin": "https://reader.example",
                "Access-Control-Request-Method": "POST",
                "Access-Control-Request-Headers": "authorization, content-type",
            },
        )
        assert response.status_code == 200
        assert response.headers["Access-Control-Allow-Origin"] == "https://reader.example"
        assert "authorization" in response.headers["Access-Control-Allow-Headers"].lower()


class _FailingMatcher:
    topics = ("kratom",)

    def match(self, page, sentences):
        raise RuntimeError("matcher bug")


def test_an_unexpected_error_is_500_json_and_logged(caplog: pytest.LogCaptureFixture) -> None:
    app = create_app(Config())
    app.extensions["caveat"] = replace(app.extensions["caveat"], matcher=_FailingMatcher())
    with caplog.at_level(logging.ERROR):
        response = app.test_client().post("/api/v1/analyze", json={"text": "Kratom is secret page text."})
    assert response.status_code == 500
    assert response.get_json() == {
        "error": {"code": "internal_error", "message": "The server failed to handle this request."}
    }
    assert "RuntimeError" in caplog.text
    assert "secret page text" not in caplog.text


def test_serialize_an_analysis_by_hand() -> None:
    claim = next(iter(DATABASE))
    text = "Intro here. Bad claim one. Bad claim two."
    page = Page("https://a.example/", "T", "en", text, (Block(text, "paragraph", 0),))
    first = Sentence("Bad claim one.", 12, 26, 0, "paragraph")
    second = Sentence("Bad claim two.", 27, 41, 0, "paragraph")
    highlights = tuple(
        Highlight(
            claim.id, TextQuoteSelector(s.text, text[: s.start], text[s.end :]), s.start, s.end, 0.91234, ()
        )
        for s in (first, second)
    )
    analysis = Analysis(page, (Sentence("Intro here.", 0, 11, 0, "paragraph"), first, second), highlights)
    result = answer(None, page.url, None, page.text, lambda: analysis_json(analysis, DATABASE))
    assert list(result) == ["page", "highlights", "claims", "stats"]
    assert result["page"] == {"url": "https://a.example/", "title": "T", "language": "en"}
    assert [h["position"] for h in result["highlights"]] == [
        {"start": 12, "end": 26},
        {"start": 27, "end": 41},
    ]
    assert result["highlights"][0]["score"] == 0.912
    assert result["highlights"][1]["quote"] == {"exact": "Bad claim two.", "prefix": text[:27], "suffix": ""}
    assert result["claims"] == {claim.id: claim.warning()}  # once, however many highlights
    assert result["stats"]["sentences"] == 3 and result["stats"]["cached"] is False
    assert result["stats"]["elapsed_ms"] >= 0
    schema = {"$ref": "#/components/schemas/Analysis", "components": DOC["components"]}
    Draft202012Validator(schema).validate(result)

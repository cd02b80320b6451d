"""Bad input gets a clear 4xx JSON error, never a 500 and never an HTML error page."""

from __future__ import annotations

import json
import re

import pytest
from flask.testing import FlaskClient
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from caveat.app import create_app
from caveat.config import Config

POSTS = ["/api/v1/analyze", "/api/v1/extract"]


def assert_error(response, status: int, code: str) -> dict:
    """The response is the documented JSON error with this status and code."""
    assert response.status_code == status, response.get_data(as_text=True)[:300]
    assert response.mimetype == "application/json"
    error = response.get_json()["error"]
    assert error["code"] == code
    assert re.fullmatch(r"[a-z]+(_[a-z]+)*", error["code"])
    assert isinstance(error["message"], str) and len(error["message"]) > 10
    return error


@pytest.mark.parametrize("path", POSTS)
@pytest.mark.parametrize(
    ("body", "code"),
    [
        ({"url": "https://a.example/"}, "missing_html"),
        ({"url": "https://a.example/", "html": None}, "missing_html"),
        ({"url": "https://a.example/", "html": 42}, "invalid_html"),
        ({"url": "https://a.example/", "html": ["<p>kratom</p>"]}, "invalid_html"),
        ({"url": "https://a.example/", "html": {"p": "kratom"}}, "invalid_html"),
        ({"url": "https://a.example/", "text": 3.5}, "invalid_text"),
        ({"url": 7, "html": "<p>kratom</p>"}, "invalid_url"),
        ({"url": None, "html": "<p>kratom</p>"}, "invalid_url"),
        ({"html": "<p>kratom</p>", "text": "kratom"}, "ambiguous_input"),
        (["<p>kratom</p>"], "invalid_body"),
        ("<p>kratom</p>", "invalid_body"),
        (0, "invalid_body"),
    ],
)
def test_wrong_fields_are_400(client: FlaskClient, path: str, body: object, code: str) -> None:
    assert_error(client.post(path, json=body), 400, code)


@pytest.mark.parametrize("path", POSTS)
def test_body_that_is_not_json(client: FlaskClient, path: str) -> None:
    assert_error(
        client.post(path, data="<p>kratom</p>", content_type="text/html"), 415, "unsupported_media_type"
    )
    assert_error(client.post(path, data="html=<p>kratom</p>"), 415, "unsupported_media_type")


@pytest.mark.parametrize("path", POSTS)
@pytest.mark.parametrize(
    "raw",
    [b'{"html": "<p>kratom</p>"', b"{html: 1}", b"", b"\xff\xfe\x00garbage\x80\x81", b'{"html": "\xff\xfe"}'],
)
def test_invalid_json_is_400(client: FlaskClient, path: str, raw: bytes) -> None:
    assert_error(client.post(path, data=raw, content_type="application/json"), 400, "invalid_json")


@pytest.mark.parametrize("path", POSTS)
def test_json_null_is_not_a_document(client: FlaskClient, path: str) -> None:
    assert_error(client.post(path, data=b"null", content_type="application/json"), 400, "invalid_body")


@pytest.mark.parametrize("html", ["", "   \n\t", "<html></html>", "<p></p>", "<!-- only a comment -->"])
def test_an_empty_page_is_200_with_no_highlights(client: FlaskClient, html: str) -> None:
    response = client.post("/api/v1/analyze", json={"url": "https://a.example/", "html": html})
    assert response.status_code == 200, response.get_data(as_text=True)[:300]
    result = response.get_json()
    assert result["highlights"] == [] and result["claims"] == {}
    assert result["stats"]["sentences"] == 0


def test_empty_text_is_200_with_no_highlights(client: FlaskClient) -> None:
    response = client.post("/api/v1/analyze", json={"text": ""})
    assert response.status_code == 200
    assert response.get_json()["highlights"] == []


GARBAGE = [
    bytes(range(256)).decode("latin-1") * 4,
    "\x00" * 1000 + "<p>kratom is not addictive</p>",
    "<p>kratom \udc80 lone surrogate escaped by JSON</p>",
    "\ufeff<\x00h\x00t\x00m\x00l\x00>" + "\x1b[31m" * 50,
    "<" * 5000 + ">" * 5000,
    "<div>" * 3000 + "kratom" + "</div>" * 3000,
    "<?xml version='1.0' encoding='utf-16'?><p>kratom</p>",
]


@pytest.mark.parametrize("path", POSTS)
@pytest.mark.parametrize("html", GARBAGE, ids=range(len(GARBAGE)))
def test_binary_garbage_in_html_is_not_a_server_error(client: FlaskClient, path: str, html: str) -> None:
    body = json.dumps({"url": "https://a.example/", "html": html})  # ensure_ascii carries lone surrogates
    response = client.post(path, data=body, content_type="application/json")
    assert response.status_code == 200 or 400 <= response.status_code < 500, response.status_code
    assert response.mimetype == "application/json"


@pytest.mark.parametrize("path", POSTS)
def test_a_10_mb_body_is_413(client: FlaskClient, path: str) -> None:
    body = json.dumps(
        {"url": "https://a.example/", "html": "<p>" + "kratom " * (10 * 1024 * 1024 // 7) + "</p>"}
    )
    assert len(body) > 10 * 1024 * 1024
    assert_error(client.post(path, data=body, content_type="application/json"), 413, "body_too_large")


def test_the_body_limit_is_configurable() -> None:
    client = create_app(Config(max_body_bytes=100)).test_client()
    assert_error(
        client.post("/api/v1/analyze", json={"html": "<p>" + "x" * 200 + "</p>"}), 413, "body_too_large"
    )
    assert client.post("/api/v1/analyze", json={"html": "<p>x</p>"}).status_code == 200


@pytest.mark.parametrize("path", ["/", "/api/v1", "/api/v1/analyse", "/api/v2/analyze", "/index.html"])
def test_unknown_route_is_404_json(client: FlaskClient, path: str) -> None:
    assert_error(client.get(path), 404, "not_found")


@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("get", "/api/v1/analyze"),
        ("put", "/api/v1/extract"),
        ("post", "/api/v1/claims"),
        ("delete", "/api/v1/topics"),
        ("post", "/healthz"),
    ],
)
def test_wrong_method_is_405_json(client: FlaskClient, method: str, path: str) -> None:
    response = getattr(client, method)(path)
    assert_error(response, 405, "method_not_allowed")
    assert response.headers["Allow"]


JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=40),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4),
    max_leaves=12,
)
BODIES = (
    st.dictionaries(st.sampled_from(["url", "html", "text", "extra"]), JSON_VALUES, max_size=4) | JSON_VALUES
)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(body=BODIES, path=st.sampled_from(POSTS))
def test_any_json_body_gets_200_or_a_4xx_json_error(client: FlaskClient, body: object, path: str) -> None:
    response = client.post(path, json=body)
    assert response.mimetype == "application/json"
    if response.status_code != 200:
        assert 400 <= response.status_code < 500
        assert set(response.get_json()["error"]) == {"code", "message"}

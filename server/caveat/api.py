"""HTTP routes, kept thin: validate the request, run the pipeline, serialize, jsonify.

``/api/v1/*`` is the API proper (behind the optional bearer token); ``/healthz`` and
``/openapi.json`` stay open so load balancers and clients can probe without a secret.
The server never fetches the ``url`` it is given: it only labels the page it was sent.
"""

from __future__ import annotations

import hmac
from functools import cache
from importlib import resources
from typing import TYPE_CHECKING, Any

import yaml
from flask import Blueprint, Response, current_app, jsonify, request
from flask.blueprints import BlueprintSetupState
from werkzeug.datastructures import WWWAuthenticate
from werkzeug.exceptions import BadRequest, Unauthorized, UnsupportedMediaType

from caveat import __version__
from caveat.analyze import analyze
from caveat.cache import ResponseCache, answer
from caveat.errors import ApiError
from caveat.extract import extract, page_from_text
from caveat.limits import check_document, time_budget
from caveat.records import Page
from caveat.serialize import JsonDict, analysis_json, claims_json, health_json, page_json, topics_json

if TYPE_CHECKING:
    from caveat.app import Runtime

api = Blueprint("api", __name__, url_prefix="/api/v1")
public = Blueprint("public", __name__)


def runtime() -> Runtime:
    return current_app.extensions["caveat"]


@cache
def openapi_document() -> dict[str, Any]:
    """The OpenAPI document, with this release's version filled in."""
    source = resources.files("caveat") / "data" / "openapi.yaml"
    document = yaml.safe_load(source.read_text(encoding="utf-8"))
    document["info"]["version"] = __version__
    return document


def read_page(url: str, html: str | bytes | None, text: str | None) -> Page:
    """The Page to check: extracted from ``html``, or built from plain ``text``."""
    if html is not None:
        return extract(html, url)
    return page_from_text(text or "", url)


def analyze_source(
    runtime: Runtime,
    url: str,
    html: str | bytes | None = None,
    text: str | None = None,
    cache: ResponseCache | None = None,
) -> JsonDict:
    """Extract, analyze and serialize one document: the /analyze body, shared with `caveat analyze`.

    With a ``cache``, a document seen before is answered from it without running the pipeline.
    """

    def run() -> JsonDict:
        return analysis_json(analyze(read_page(url, html, text), runtime.matcher), runtime.database)

    return answer(cache, url, html, text, run)


def json_object() -> dict[str, Any]:
    if not request.is_json:
        raise UnsupportedMediaType()
    try:
        body = request.get_json()
    except BadRequest:
        raise ApiError(400, "invalid_json", "The body is not valid JSON (UTF-8).") from None
    if not isinstance(body, dict):
        raise ApiError(400, "invalid_body", 'The body must be a JSON object: {"url": "...", "html": "..."}.')
    return body


def _document() -> tuple[str, str | None, str | None]:
    """(url, html, text) from the body; exactly one of html and text is a string."""
    body = json_object()
    url, html, text = body.get("url", ""), body.get("html"), body.get("text")
    if not isinstance(url, str):
        raise ApiError(400, "invalid_url", '"url" must be a string: the page\'s address, never fetched.')
    if html is None and text is None:
        raise ApiError(400, "missing_html", 'The body needs "html" (the page\'s HTML) or plain "text".')
    if html is not None and text is not None:
        raise ApiError(400, "ambiguous_input", 'Send either "html" or "text", not both.')
    for name, value in (("html", html), ("text", text)):
        if value is not None and not isinstance(value, str):
            raise ApiError(400, f"invalid_{name}", f'"{name}" must be a string, not {type(value).__name__}.')
    config = runtime().config
    check_document(html, text, config.max_elements, config.max_text_chars)
    return url, html, text


@api.before_request
def require_token() -> None:
    token = runtime().config.token
    # CORS preflights never carry credentials; flask-cors answers them
    if token is None or request.method == "OPTIONS":
        return
    scheme, _, given = request.headers.get("Authorization", "").partition(" ")
    if scheme.lower() != "bearer" or not hmac.compare_digest(given.strip().encode(), token.encode()):
        raise Unauthorized(www_authenticate=WWWAuthenticate("bearer"))


@api.post("/analyze")
@time_budget
def analyze_route() -> Response:
    url, html, text = _document()
    return jsonify(analyze_source(runtime(), url, html, text, current_app.extensions["caveat.cache"]))


@api.record_once
def _install_cache(state: BlueprintSetupState) -> None:
    config = state.app.extensions["caveat"].config
    state.app.extensions["caveat.cache"] = ResponseCache(config.cache_entries, config.cache_bytes)


@api.post("/extract")
@time_budget
def extract_route() -> Response:
    return jsonify(page_json(read_page(*_document())))


@api.get("/claims")
def claims_route() -> Response:
    return jsonify(claims_json(runtime().database))


@api.get("/claims/<claim_id>")
def claim_route(claim_id: str) -> Response:
    claim = runtime().database.get(claim_id)
    if claim is None:
        raise ApiError(404, "unknown_claim", f"There is no claim with id {claim_id!r}.")
    return jsonify(claim.warning())


@api.get("/topics")
def topics_route() -> Response:
    return jsonify(topics_json(runtime().matcher.topics))


@public.get("/healthz")
def health_route() -> Response:
    # "features" lists optional endpoints this server offers, e.g. "feedback" (docs/feedback.md)
    return jsonify(health_json(runtime().database, current_app.extensions.get("caveat.features", ())))


@public.get("/openapi.json")
def openapi_route() -> Response:
    return jsonify(openapi_document())

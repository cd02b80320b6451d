"""Property-based fuzzing: every pipeline step on generated HTML, and the API on generated requests.

The default run is small, to keep the suite fast. ``make fuzz`` sets CAVEAT_FUZZ_EXAMPLES=1500,
which makes more than 10,000 generated requests in all (the count is printed at the end).
"""

from __future__ import annotations

import json
import os
import tempfile
from collections import Counter
from collections.abc import Iterator
from unittest import mock

import pytest
import schemathesis
from flask.testing import FlaskClient
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from jsonschema import Draft202012Validator
from schemathesis.checks import positive_data_acceptance

from caveat.api import openapi_document
from caveat.app import create_app
from caveat.claims import load_database
from caveat.config import Config
from caveat.extract import extract, page_from_text
from caveat.match import Matcher
from caveat.records import BLOCK_SEPARATOR, Page, Sentence
from caveat.selectors import CONTEXT_CHARS, to_highlights
from caveat.sentences import split_sentences

EXAMPLES = int(os.environ.get("CAVEAT_FUZZ_EXAMPLES", "40"))
FUZZ = settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck))
MATCHER = Matcher(load_database())
DOC = openapi_document()
REQUESTS: Counter[str] = Counter()
# schemathesis needs the app when this module is imported, before conftest's fixtures run: its
# feedback database goes to a folder of its own, removed when the module is done.
DATA = tempfile.TemporaryDirectory(prefix="caveat-fuzz-")
with mock.patch.dict(os.environ, {"CAVEAT_FEEDBACK_DB": os.path.join(DATA.name, "feedback.sqlite3")}):
    APP = create_app(Config())

# Words the matcher reacts to, so generated pages reach its rules and not only the empty path.
WORDS = st.sampled_from(
    ["kratom", "Kratom", "is", "not", "addictive", "safe", "opioid", "withdrawal", "FDA", "it",
     "cures", "pain.", "?", "!", ";", "—", "“", "”", "Dr.", "e.g.", "7-OH", "mitragynine", "no",
     "evidence", "a", "the", "of", "\n", "\t", "\x00", "\u200b", "é", "中文"]
)  # fmt: skip
TAGS = st.sampled_from(
    ["p", "div", "span", "h1", "h2", "li", "ul", "ol", "table", "tr", "td", "blockquote", "article",
     "main", "nav", "footer", "script", "style", "br", "a", "b", "i", "em", "title", "head", "body",
     "html", "section", "aside", "pre", "code", "noscript", "template", "svg"]
)  # fmt: skip
ATTRS = st.sampled_from(
    ['', ' class="comment"', ' hidden', ' style="display:none"', ' id="content"', ' lang="en"',
     ' aria-hidden="true"', ' role="main"', ' href="https://a.example/"', ' class="x" "broken'],
)  # fmt: skip
TEXT = st.lists(WORDS, max_size=12).map(" ".join)


def _element(children: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
    return st.builds(
        lambda tag, attr, inner, close: f"<{tag}{attr}>{''.join(inner)}" + (f"</{tag}>" if close else ""),
        TAGS,
        ATTRS,
        st.lists(children, max_size=4),
        st.booleans(),  # unclosed tags are common in the wild
    )


# Mostly tag soup built from real tags; sometimes arbitrary text, markup characters included.
HTML = st.recursive(TEXT, _element, max_leaves=30) | st.text(max_size=200)


@pytest.fixture(scope="module", autouse=True)
def report_requests() -> Iterator[None]:
    yield
    DATA.cleanup()
    if "CAVEAT_FUZZ_EXAMPLES" in os.environ:
        # shown with pytest -s, as `make fuzz` runs it
        print(f"fuzz: {sum(REQUESTS.values())} generated requests {dict(REQUESTS)}")


def assert_page_offsets(page: Page) -> None:
    assert page.text == BLOCK_SEPARATOR.join(b.text for b in page.blocks)
    for block in page.blocks:
        assert block.text and page.text[block.start : block.end] == block.text


def assert_sentences(page: Page, sentences: list[Sentence]) -> None:
    previous_end = 0
    for sentence in sentences:
        assert sentence.text and page.text[sentence.start : sentence.end] == sentence.text
        assert sentence.start >= previous_end, "sentences overlap or are out of order"
        block = page.blocks[sentence.block]
        assert block.start <= sentence.start <= sentence.end <= block.end, "a sentence spans blocks"
        assert sentence.kind == block.kind
        previous_end = sentence.end


@FUZZ
@given(html=HTML, as_bytes=st.booleans())
def test_extract_gives_consistent_offsets(html: str, as_bytes: bool) -> None:
    page = extract(html.encode("utf-8", "surrogatepass") if as_bytes else html, "https://a.example/")
    assert page.url == "https://a.example/"
    assert_page_offsets(page)


@FUZZ
@given(data=st.binary(max_size=300))
def test_extract_reads_any_bytes(data: bytes) -> None:
    assert_page_offsets(extract(data))


@FUZZ
@given(html=HTML)
def test_pipeline_steps_keep_their_invariants(html: str) -> None:
    page = extract(html)
    sentences = split_sentences(page)
    assert_sentences(page, sentences)
    matches = MATCHER.match(page, sentences)
    for match in matches:
        assert match.sentence in sentences
        assert match.claim_id in MATCHER.database.claims
        assert 0 <= match.score <= 1
    for highlight in to_highlights(page, matches):
        assert page.text[highlight.start : highlight.end] == highlight.quote.exact
        assert page.text[: highlight.start].endswith(highlight.quote.prefix)
        assert page.text[highlight.end :].startswith(highlight.quote.suffix)
        assert len(highlight.quote.prefix) <= CONTEXT_CHARS >= len(highlight.quote.suffix)


@FUZZ
@given(text=st.text(max_size=300) | TEXT)
def test_plain_text_splits_with_consistent_offsets(text: str) -> None:
    page = page_from_text(text)
    assert_page_offsets(page)
    assert_sentences(page, split_sentences(page))


JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=40),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4),
    max_leaves=12,
)
FIELD_VALUES = HTML | JSON_VALUES
BODIES = st.dictionaries(st.sampled_from(["url", "html", "text", "extra"]), FIELD_VALUES, max_size=4)
RAW_BODIES = st.binary(max_size=200) | BODIES.map(lambda body: json.dumps(body).encode())


def response_schema(path: str, status: int) -> dict:
    response = DOC["paths"][path]["post"]["responses"][str(status)]
    if "$ref" in response:
        response = DOC["components"]["responses"][response["$ref"].rsplit("/", 1)[1]]
    return {**response["content"]["application/json"]["schema"], "components": DOC["components"]}


@FUZZ
@given(body=RAW_BODIES, path=st.sampled_from(["/api/v1/analyze", "/api/v1/extract"]))
def test_any_body_gets_a_documented_json_answer(client: FlaskClient, body: bytes, path: str) -> None:
    REQUESTS["api"] += 1
    response = client.post(path, data=body, content_type="application/json")
    assert response.status_code < 500, response.get_data(as_text=True)[:300]
    assert response.mimetype == "application/json"
    Draft202012Validator(response_schema(path, response.status_code)).validate(response.get_json())


@pytest.fixture(scope="module")
def client() -> FlaskClient:
    return APP.test_client()


SCHEMA = schemathesis.openapi.from_wsgi("/openapi.json", APP)
# Rules a JSON schema cannot state: a feedback report's claim_id must name a claim of this
# server's database, and its url must be an http(s) address. Schema-valid reports that break
# them are rightly refused, so only there is "schema-valid means accepted" not checked.
SEMANTIC_RULES = {"/api/v1/feedback"}


@SCHEMA.parametrize()
@FUZZ
def test_api_conforms_to_its_openapi_document(case: schemathesis.Case) -> None:
    """schemathesis' checks: no 5xx, documented status codes, headers and bodies, bad input refused."""
    REQUESTS["schemathesis"] += 1
    semantic = case.operation.path in SEMANTIC_RULES
    case.call_and_validate(excluded_checks=[positive_data_acceptance] if semantic else None)

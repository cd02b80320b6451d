"""Reader feedback: what a report may hold, POST /api/v1/feedback, and `caveat feedback`."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient

from caveat.app import create_app
from caveat.claims import load_database
from caveat.cli import main
from caveat.config import Config
from caveat.feedback import MAX_COMMENT, MAX_QUOTE, MAX_URL, FeedbackError, Report, parse_report
from caveat.feedback_store import StoreError, open_store

CLAIM = next(iter(load_database())).id
CLAIMS = {CLAIM}
URL = "https://a.example/kratom"
FALSE_POSITIVE = {"url": URL, "kind": "false_positive", "claim_id": CLAIM, "quote": "Kratom is a plant."}
MISSED = {"url": URL, "kind": "missed_claim", "quote": "Kratom cures cancer.", "comment": "obvious"}


class TestParse:
    def test_a_false_positive(self) -> None:
        assert parse_report(FALSE_POSITIVE, CLAIMS) == Report(
            url=URL, kind="false_positive", quote="Kratom is a plant.", claim_id=CLAIM
        )

    def test_a_missed_claim_has_no_claim(self) -> None:
        report = parse_report(MISSED, CLAIMS)
        assert (report.claim_id, report.quote, report.comment) == (None, "Kratom cures cancer.", "obvious")

    def test_other_needs_only_url_and_kind(self) -> None:
        assert parse_report({"url": URL, "kind": "other"}, CLAIMS) == Report(url=URL, kind="other")

    @pytest.mark.parametrize(
        ("change", "code"),
        [
            ({"kind": "spam"}, "invalid_kind"),
            ({"kind": None}, "invalid_kind"),
            ({"url": "javascript:alert(1)"}, "invalid_url"),
            ({"url": 5}, "invalid_url"),
            ({"url": "https://a.example/" + "x" * MAX_URL}, "url_too_long"),
            ({"quote": "x" * (MAX_QUOTE + 1)}, "quote_too_long"),
            ({"quote": ["x"]}, "invalid_quote"),
            ({"comment": "x" * (MAX_COMMENT + 1)}, "comment_too_long"),
            ({"claim_id": "kratom-cures-everything"}, "unknown_claim"),
            ({"claim_id": 3}, "unknown_claim"),
            ({"html": "<p>the whole page</p>"}, "unknown_field"),
        ],
    )
    def test_bad_fields_are_named(self, change: dict[str, Any], code: str) -> None:
        with pytest.raises(FeedbackError) as caught:
            parse_report({**FALSE_POSITIVE, **change}, CLAIMS)
        assert caught.value.code == code

    def test_kind_rules_for_claim_and_quote(self) -> None:
        for body, code in [
            ({**MISSED, "claim_id": CLAIM}, "invalid_claim_id"),
            ({**MISSED, "quote": "  "}, "missing_quote"),
            ({"url": URL, "kind": "false_positive"}, "missing_claim_id"),
        ]:
            with pytest.raises(FeedbackError) as caught:
                parse_report(body, CLAIMS)
            assert caught.value.code == code

    def test_the_limits_themselves_pass(self) -> None:
        body = {**MISSED, "quote": "q" * MAX_QUOTE, "comment": "c" * MAX_COMMENT}
        report = parse_report(
            {**body, "url": "https://a.example/" + "u" * (MAX_URL - len("https://a.example/"))}, CLAIMS
        )
        assert len(report.url) == MAX_URL


@pytest.fixture(scope="module")
def feedback_app(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Flask, Path]]:
    path = tmp_path_factory.mktemp("feedback") / "feedback.sqlite3"
    yield create_app(Config(feedback_db=str(path))), path


@pytest.fixture
def api(feedback_app: tuple[Flask, Path]) -> FlaskClient:
    return feedback_app[0].test_client()


def test_a_report_is_stored_and_acknowledged(api: FlaskClient, feedback_app: tuple[Flask, Path]) -> None:
    response = api.post("/api/v1/feedback", json=FALSE_POSITIVE)
    assert response.status_code == 201
    receipt = response.get_json()
    assert set(receipt) == {"id", "created_at"}
    stored = {r.id: r for r in open_store(str(feedback_app[1])).reports()}[receipt["id"]]
    assert stored.created_at == receipt["created_at"]
    assert stored.report == parse_report(FALSE_POSITIVE, CLAIMS)


@pytest.mark.parametrize(
    ("body", "code"),
    [
        ({**FALSE_POSITIVE, "text": "the page"}, "unknown_field"),
        ({**FALSE_POSITIVE, "claim_id": "no-such-claim"}, "unknown_claim"),
        ({**MISSED, "quote": "x" * (MAX_QUOTE + 1)}, "quote_too_long"),
        ([FALSE_POSITIVE], "invalid_body"),
    ],
)
def test_bad_reports_get_a_400_and_store_nothing(
    api: FlaskClient, feedback_app: tuple[Flask, Path], body: Any, code: str
) -> None:
    before = len(open_store(str(feedback_app[1])).reports())
    response = api.post("/api/v1/feedback", json=body)
    assert response.status_code == 400
    assert response.get_json()["error"]["code"] == code
    assert len(open_store(str(feedback_app[1])).reports()) == before


def test_health_advertises_feedback(api: FlaskClient) -> None:
    assert api.get("/healthz").get_json()["features"] == ["feedback"]


def test_a_failing_store_is_a_503_not_a_crash(
    api: FlaskClient, feedback_app: tuple[Flask, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    store = feedback_app[0].extensions["caveat.feedback"]

    def broken(report: Report) -> None:
        raise StoreError("disk full")

    monkeypatch.setattr(store, "add", broken)
    response = api.post("/api/v1/feedback", json=MISSED)
    assert response.status_code == 503
    assert response.get_json()["error"]["code"] == "feedback_unavailable"


def test_feedback_off() -> None:
    client = create_app(Config(feedback_db="off")).test_client()
    assert client.get("/healthz").get_json()["features"] == []
    response = client.post("/api/v1/feedback", json=MISSED)
    assert (response.status_code, response.get_json()["error"]["code"]) == (404, "feedback_off")


def test_feedback_needs_the_token(tmp_path: Path) -> None:
    token = "a-token-long-enough-for-the-rules"
    client = create_app(Config(token=token, feedback_db=str(tmp_path / "f.sqlite3"))).test_client()
    assert client.post("/api/v1/feedback", json=MISSED).status_code == 401
    headers = {"Authorization": f"Bearer {token}"}
    assert client.post("/api/v1/feedback", json=MISSED, headers=headers).status_code == 201
    assert len(open_store(str(tmp_path / "f.sqlite3")).reports()) == 1


def test_feedback_is_rate_limited_like_the_api(tmp_path: Path) -> None:
    client = create_app(Config(rate_limit="2/minute", feedback_db=str(tmp_path / "f.sqlite3"))).test_client()
    remote = {"REMOTE_ADDR": "203.0.113.9"}  # loopback clients are exempt
    statuses = [
        client.post("/api/v1/feedback", json=MISSED, environ_base=remote).status_code for _ in range(3)
    ]
    assert statuses == [201, 201, 429]


class TestCli:
    @pytest.fixture
    def db(self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
        path = tmp_path / "feedback.sqlite3"
        monkeypatch.setenv("CAVEAT_FEEDBACK_DB", str(path))
        store = open_store(str(path))
        store.add(parse_report(FALSE_POSITIVE, CLAIMS))
        store.add(parse_report(MISSED, CLAIMS))
        return path

    def test_list_filters(self, db: Path, capsys: pytest.CaptureFixture[str]) -> None:
        assert main(["feedback", "list", "--kind", "missed_claim", "--json"]) == 0
        assert [r["quote"] for r in json.loads(capsys.readouterr().out)] == ["Kratom cures cancer."]
        assert main(["feedback", "list", "--claim", CLAIM]) == 0
        out = capsys.readouterr().out
        assert "Kratom is a plant." in out and "Kratom cures cancer." not in out

    def test_export_csv_and_json(self, db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
        assert main(["feedback", "export", "--format", "csv"]) == 0
        rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
        assert [(r["kind"], r["claim_id"], r["quote"]) for r in rows] == [
            ("false_positive", CLAIM, "Kratom is a plant."),
            ("missed_claim", "", "Kratom cures cancer."),
        ]
        target = tmp_path / "out.json"
        assert main(["feedback", "export", "--format", "json", "-o", str(target)]) == 0
        assert [r["kind"] for r in json.loads(target.read_text())] == ["false_positive", "missed_claim"]

    def test_resolve(self, db: Path, capsys: pytest.CaptureFixture[str]) -> None:
        assert main(["feedback", "resolve", "2", "--note", "claim added"]) == 0
        assert capsys.readouterr().out == "report 2 resolved\n"
        main(["feedback", "list", "--json"])
        notes = [r["note"] for r in json.loads(capsys.readouterr().out)]
        assert notes == [None, "claim added"]

    def test_resolve_an_unknown_report_is_one_line(
        self, db: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        assert main(["feedback", "resolve", "99", "--note", "x"]) == 1
        assert capsys.readouterr().err.strip() == "caveat: no report with id 99 (see `caveat feedback list`)"

    def test_off_is_a_clear_error(
        self, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
    ) -> None:
        monkeypatch.setenv("CAVEAT_FEEDBACK_DB", "off")
        assert main(["feedback", "list"]) == 1
        assert "feedback is off" in capsys.readouterr().err

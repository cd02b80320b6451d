"""Limits, time budget, token, CORS, rate limits, security headers, and no fetching of given URLs."""

from __future__ import annotations

import json
import select
import signal
import socket
import threading
import time
from collections.abc import Iterator

import pytest
from flask.testing import FlaskClient

from caveat import cli
from caveat.app import create_app
from caveat.config import Config, ConfigError
from caveat.errors import ApiError
from caveat.limits import deadline
from caveat.security import SECURITY_HEADERS

TOKEN = "security-token-long-enough-42"
READER = {"REMOTE_ADDR": "203.0.113.7"}  # a client on another machine (TEST-NET-3)
ANALYZE = "/api/v1/analyze"


def assert_error(response, status: int, code: str) -> dict:
    assert response.status_code == status, response.get_data(as_text=True)[:300]
    assert response.mimetype == "application/json"
    error = response.get_json()["error"]
    assert error["code"] == code and len(error["message"]) > 10
    return error


# --- limits -------------------------------------------------------------------------------

PATHOLOGICAL = {
    "100k nested divs": "<div>" * 100_000 + "kratom is not addictive" + "</div>" * 100_000,
    "4 MB attribute": '<p title="' + "a" * 4_000_000 + '">Kratom is not addictive.</p>',
    "NUL bytes": "\x00" * 100_000 + "<p>Kratom is\x00 not addictive.</p>" + "\x00" * 1000,
    "lone surrogates": "<p>Kratom \udcff\udc80 is not addictive.</p>" * 1000,
    "200k tiny elements": "<b>k</b>" * 200_000,
}


@pytest.mark.parametrize("path", [ANALYZE, "/api/v1/extract"])
@pytest.mark.parametrize("name", PATHOLOGICAL)
def test_pathological_html_gets_an_answer_not_a_crash(client: FlaskClient, path: str, name: str) -> None:
    body = json.dumps({"url": "https://a.example/", "html": PATHOLOGICAL[name]})  # escapes surrogates
    response = client.post(path, data=body, content_type="application/json")
    assert response.mimetype == "application/json"
    assert response.status_code in {200, 413, 422}, response.get_data(as_text=True)[:300]
    if response.status_code != 200:
        assert set(response.get_json()["error"]) == {"code", "message"}


def test_invalid_utf8_html_is_read_not_refused() -> None:
    # only the CLI can send raw bytes; JSON bodies are UTF-8 by definition (invalid ones are 400)
    page = cli.read_page("", b"<p>Kratom \xff\xfe is \xc3\x28 not addictive.</p>", None)
    assert "Kratom" in page.text


def test_too_many_elements_is_413_before_parsing(client: FlaskClient) -> None:
    error = assert_error(client.post(ANALYZE, json={"html": "<b>k</b>" * 200_000}), 413, "too_many_elements")
    assert "200000" in error["message"] and "100000" in error["message"]


def test_element_and_text_limits_are_configurable() -> None:
    client = create_app(Config(max_elements=10, max_text_chars=50)).test_client()
    assert client.post(ANALYZE, json={"html": "<p>x</p>" * 10}).status_code == 200
    assert_error(client.post(ANALYZE, json={"html": "<p>x</p>" * 11}), 413, "too_many_elements")
    assert client.post(ANALYZE, json={"text": "k" * 50}).status_code == 200
    assert_error(client.post(ANALYZE, json={"text": "k" * 51}), 413, "text_too_long")


# The alarm may land in a garbage-collector callback (Hypothesis installs one), which reports what
# it raises as unraisable; deadline() answers 422 through its expired flag all the same, as asserted.
@pytest.mark.filterwarnings("ignore::pytest.PytestUnraisableExceptionWarning")
def test_an_analysis_over_budget_is_422(dev_page: dict[str, str]) -> None:
    client = create_app(Config(time_budget=0.001)).test_client()
    error = assert_error(client.post(ANALYZE, json=dev_page), 422, "analysis_timeout")
    assert "0.001 s" in error["message"]
    assert_error(client.post("/api/v1/extract", json=dev_page), 422, "analysis_timeout")
    assert signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0), "the timer is left armed"


@pytest.mark.parametrize("field", ["text", "html"])
def test_a_sentence_that_never_ends_is_analysed_within_the_budget(field: str) -> None:
    # ~40,000 characters with no sentence end: hundreds of hits of each concept in one sentence,
    # which the matcher must combine in bounded work rather than run past the time budget
    endless = "kratom is not addictive and it is safe, " * 1000
    client = create_app(Config(time_budget=5)).test_client()
    response = client.post(ANALYZE, json={field: endless if field == "text" else f"<p>{endless}</p>"})
    assert response.status_code == 200, response.get_json()
    assert {h["claim_id"] for h in response.get_json()["highlights"]} == {"kratom-not-addictive"}


def spin(seconds: float) -> bool:
    """Busy Python work for up to ``seconds``; True if it ran to the end."""
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        pass
    return True


def test_the_deadline_interrupts_work_in_the_main_thread() -> None:
    before = signal.getsignal(signal.SIGALRM)
    finished = False
    with pytest.raises(ApiError) as raised, deadline(0.05):
        finished = spin(30)
    assert not finished, "the work ran to its end instead of being interrupted"
    assert raised.value.status == 422 and raised.value.code == "analysis_timeout"
    assert signal.getsignal(signal.SIGALRM) is before


def test_the_deadline_checks_afterwards_in_other_threads() -> None:
    outcome: list[object] = []

    def work() -> None:
        try:
            with deadline(0.01):
                outcome.append(spin(0.05))
        except ApiError as err:
            outcome.append(err.code)

    thread = threading.Thread(target=work)
    thread.start()
    thread.join()
    assert outcome == [True, "analysis_timeout"], "no signal in a thread: the work ends, then the check"


def test_work_within_the_deadline_is_untouched() -> None:
    with deadline(30):
        result = sum(range(1000))
    assert result == 499500
    assert signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)


# --- token --------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def guarded() -> FlaskClient:
    return create_app(Config(token=TOKEN, origins=("chrome-extension://abcdefghijklmnop",))).test_client()


@pytest.mark.parametrize(
    "authorization", [None, "Bearer", "Bearer wrong-token-of-enough-length", f"Basic {TOKEN}", TOKEN]
)
def test_the_api_needs_the_token_when_one_is_set(guarded: FlaskClient, authorization: str | None) -> None:
    headers = {"Authorization": authorization} if authorization else {}
    response = guarded.post(ANALYZE, json={"text": "kratom"}, headers=headers)
    assert_error(response, 401, "unauthorized")
    assert response.headers["WWW-Authenticate"].lower().startswith("bearer")


def test_the_right_token_is_let_through(guarded: FlaskClient) -> None:
    headers = {"Authorization": f"Bearer {TOKEN}"}
    assert guarded.post(ANALYZE, json={"text": "kratom"}, headers=headers).status_code == 200
    assert guarded.get("/healthz").status_code == 200, "health checks need no secret"
    assert guarded.get("/openapi.json").status_code == 200


def test_the_token_is_optional_on_loopback(client: FlaskClient) -> None:
    assert client.post(ANALYZE, json={"text": "kratom"}).status_code == 200


@pytest.mark.parametrize("host", ["0.0.0.0", "::", "192.168.1.20", "caveat.example"])
def test_caveat_serve_refuses_an_open_address_without_a_token(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], host: str
) -> None:
    monkeypatch.delenv("CAVEAT_TOKEN", raising=False)
    monkeypatch.setattr(cli, "run_simple", lambda *a, **k: pytest.fail("the server started"))
    assert cli.main(["serve", "--host", host]) == 1
    err = capsys.readouterr().err
    assert f"refusing to serve on {host} without a token" in err and "CAVEAT_TOKEN" in err


def test_caveat_serve_binds_an_open_address_with_a_token(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CAVEAT_TOKEN", TOKEN)
    started: list[str] = []
    monkeypatch.setattr(cli, "run_simple", lambda host, *a, **k: started.append(host))
    assert cli.main(["serve", "--host", "0.0.0.0"]) == 0
    assert started == ["0.0.0.0"]


# --- CORS ---------------------------------------------------------------------------------


def test_a_preflight_from_a_configured_origin_needs_no_token(guarded: FlaskClient) -> None:
    origin = "chrome-extension://abcdefghijklmnop"
    response = guarded.options(
        ANALYZE,
        headers={
            "Origin": origin,
            "Access-Control-Request-Method": "POST",
            "Access-Control-Request-Headers": "authorization, content-type",
        },
    )
    assert response.status_code == 200
    assert response.headers["Access-Control-Allow-Origin"] == origin
    assert "authorization" in response.headers["Access-Control-Allow-Headers"].lower()


def test_other_origins_get_no_cors_grant(guarded: FlaskClient) -> None:
    response = guarded.options(
        ANALYZE, headers={"Origin": "https://evil.example", "Access-Control-Request-Method": "POST"}
    )
    assert "Access-Control-Allow-Origin" not in response.headers


# --- rate limits --------------------------------------------------------------------------


@pytest.fixture
def limited() -> FlaskClient:
    return create_app(Config(rate_limit="3/minute")).test_client()


def test_a_client_over_its_rate_gets_429_json(limited: FlaskClient) -> None:
    for _ in range(3):
        assert limited.get("/api/v1/topics", environ_base=READER).status_code == 200
    response = limited.post(ANALYZE, json={"text": "kratom"}, environ_base=READER)
    assert_error(response, 429, "rate_limited")
    assert int(response.headers["Retry-After"]) > 0
    other = {"REMOTE_ADDR": "198.51.100.9"}
    assert limited.get("/api/v1/topics", environ_base=other).status_code == 200, "limits are per client"
    assert limited.get("/healthz", environ_base=READER).status_code == 200, "health checks are not limited"


def test_clients_on_this_machine_are_not_limited(limited: FlaskClient) -> None:
    for _ in range(10):
        assert limited.get("/api/v1/topics").status_code == 200
        assert limited.get("/api/v1/topics", environ_base={"REMOTE_ADDR": "::1"}).status_code == 200


def test_behind_a_proxy_the_forwarded_address_is_the_client() -> None:
    client = create_app(Config(rate_limit="2/minute", proxy_hops=1)).test_client()
    via_proxy = {"REMOTE_ADDR": "127.0.0.1"}
    for _ in range(2):
        headers = {"X-Forwarded-For": "203.0.113.7"}
        assert client.get("/api/v1/topics", headers=headers, environ_base=via_proxy).status_code == 200
    refused = client.get("/api/v1/topics", headers=headers, environ_base=via_proxy)
    assert_error(refused, 429, "rate_limited")


def test_the_rate_limit_can_be_turned_off() -> None:
    client = create_app(Config.from_env({"CAVEAT_RATE_LIMIT": "off"})).test_client()
    for _ in range(150):
        assert client.get("/api/v1/topics", environ_base=READER).status_code == 200


def test_an_unknown_storage_scheme_stops_the_start() -> None:
    with pytest.raises(ConfigError, match="CAVEAT_RATE_LIMIT_STORAGE"):
        create_app(Config(rate_limit_storage="carrier-pigeon://loft"))


def test_config_check_shows_the_new_settings_and_hides_secrets(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("CAVEAT_TOKEN", TOKEN)
    monkeypatch.setenv("CAVEAT_RATE_LIMIT_STORAGE", "redis://:hunter2-password@cache.internal:6379/0")
    monkeypatch.setenv("CAVEAT_TIME_BUDGET", "4.5")
    assert cli.main(["config", "check"]) == 0
    out = capsys.readouterr().out
    assert TOKEN not in out and "hunter2-password" not in out
    assert "redis://:***@cache.internal:6379/0" in out
    for name in ("CAVEAT_TIME_BUDGET", "CAVEAT_RATE_LIMIT", "CAVEAT_MAX_ELEMENTS", "CAVEAT_PROXY_HOPS"):
        assert name in out
    assert "4.5" in out


# --- headers ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("method", "path", "kwargs"),
    [
        ("get", "/healthz", {}),
        ("get", "/openapi.json", {}),
        ("get", "/api/v1/claims", {}),
        ("post", ANALYZE, {"json": {"text": "Kratom is not addictive."}}),
        ("post", ANALYZE, {"json": {"url": "x"}}),
        ("get", "/nowhere", {}),
        ("put", ANALYZE, {}),
    ],
)
def test_every_response_carries_the_security_headers(
    client: FlaskClient, method: str, path: str, kwargs: dict
) -> None:
    response = getattr(client, method)(path, **kwargs)
    for name, value in SECURITY_HEADERS.items():
        assert response.headers.get(name) == value, name
    assert response.headers["Content-Security-Policy"] == "default-src 'none'; frame-ancestors 'none'"
    assert response.headers["Cache-Control"] == "no-store"


# --- never fetching -----------------------------------------------------------------------


@pytest.fixture
def listener() -> Iterator[socket.socket]:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        sock.listen()
        yield sock


def test_the_server_never_fetches_the_url_it_is_given(client: FlaskClient, listener: socket.socket) -> None:
    base = f"http://127.0.0.1:{listener.getsockname()[1]}"
    html = (
        f'<html><head><link rel="stylesheet" href="{base}/s.css"><base href="{base}/">'
        f'<script src="{base}/a.js"></script></head><body><img src="{base}/i.png">'
        f'<iframe src="{base}/f"></iframe><p>Kratom is not addictive.</p></body></html>'
    )
    for path in (ANALYZE, "/api/v1/extract"):
        assert client.post(path, json={"url": f"{base}/page", "html": html}).status_code == 200
    assert client.post(ANALYZE, json={"url": f"{base}/page", "text": "kratom"}).status_code == 200
    readable, _, _ = select.select([listener], [], [], 0.5)
    assert not readable, "the server connected to the URL it was given"

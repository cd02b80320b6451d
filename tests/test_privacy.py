"""Page text and URLs never reach the logs at the default level: in-process and from real servers."""

from __future__ import annotations

import logging
import sys
import uuid

import pytest
from flask.testing import FlaskClient
from test_server_process import free_port, request, server_env, start, stop

import caveat.api


def marked_page() -> tuple[str, dict[str, str]]:
    """A unique marker, and a page that carries it in its text, its title and its URL."""
    marker = f"zq{uuid.uuid4().hex}"
    html = (
        f"<html><head><title>Kratom {marker}</title></head><body><article>"
        f"<p>Kratom is not addictive, says {marker}.</p><p>Kratom cures {marker} pain.</p>"
        "</article></body></html>"
    )
    return marker, {"url": f"https://{marker}.example/{marker}?q={marker}", "html": html}


def test_analyze_logs_no_page_text_or_url(client: FlaskClient, caplog: pytest.LogCaptureFixture) -> None:
    marker, page = marked_page()
    caplog.set_level(logging.DEBUG)
    assert client.post("/api/v1/analyze", json=page).status_code == 200
    assert client.post("/api/v1/extract", json=page).status_code == 200
    assert client.post("/api/v1/analyze", json={"url": page["url"], "html": 42}).status_code == 400
    assert client.post("/api/v1/analyze", json={"text": page["html"]}).status_code == 200
    assert marker not in caplog.text


def test_a_server_error_logs_where_but_not_the_page(
    client: FlaskClient, caplog: pytest.LogCaptureFixture, monkeypatch: pytest.MonkeyPatch
) -> None:
    marker, page = marked_page()

    def fail(*args: object) -> None:
        raise ValueError(f"cannot read {marker}")  # an exception quoting the page, as parsers do

    monkeypatch.setattr(caveat.api, "analyze", fail)
    caplog.set_level(logging.INFO)
    response = client.post("/api/v1/analyze", json=page)
    assert response.status_code == 500 and response.get_json()["error"]["code"] == "internal_error"
    assert marker not in response.get_data(as_text=True)
    assert "unhandled error: ValueError in /api/v1/analyze" in caplog.text, "the fault is still logged"
    assert "fail" in caplog.text, "with the traceback's frames"
    assert marker not in caplog.text


@pytest.mark.slow
@pytest.mark.parametrize("server", ["caveat serve", "gunicorn"])
def test_a_real_server_logs_no_page_text_or_url(server: str) -> None:
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    if server == "gunicorn":
        argv = [sys.executable, "-m", "gunicorn", "--bind", f"127.0.0.1:{port}", "--workers", "2"]
        argv += ["--access-logfile", "-", "caveat.app:create_app()"]  # the access log on, too
    else:
        argv = [sys.executable, "-m", "caveat", "serve", "--port", str(port)]
    process = start(argv, server_env(), base)
    marker, page = marked_page()
    try:
        assert request(f"{base}/api/v1/analyze", page)[0] == 200
        assert request(f"{base}/api/v1/extract", page)[0] == 200
        assert request(f"{base}/api/v1/analyze", {"url": page["url"], "html": 42})[0] == 400
    finally:
        output = stop(process)
    assert "/api/v1/analyze" in output, "the request log was captured"
    assert marker not in output

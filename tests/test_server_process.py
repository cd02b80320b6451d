"""The API through real server processes on loopback: `caveat serve` and gunicorn."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow

TOKEN = "process-token-long-enough-0123"
STARTUP_SECONDS = 60  # a bound on waiting, not a speed goal: slow CI machines still pass


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def request(url: str, body: dict | None = None, token: str | None = None) -> tuple[int, dict]:
    headers = {"Content-Type": "application/json"} if body is not None else {}
    if token:
        headers["Authorization"] = f"Bearer {token}"
    data = json.dumps(body).encode() if body is not None else None
    try:
        with urllib.request.urlopen(
            urllib.request.Request(url, data=data, headers=headers), timeout=60
        ) as resp:
            return resp.status, json.load(resp)
    except urllib.error.HTTPError as err:
        return err.code, json.load(err)


def server_env(**settings: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("CAVEAT_")}
    return {**env, **settings}


def start(argv: list[str], env: dict[str, str], base: str) -> subprocess.Popen[str]:
    """Start a server and wait for /healthz; fail with its output if it exits first."""
    process = subprocess.Popen(argv, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    deadline = time.monotonic() + STARTUP_SECONDS
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"server exited with {process.returncode}: {process.stdout.read()}")
        try:
            if request(f"{base}/healthz")[0] == 200:
                return process
        except OSError:
            time.sleep(0.2)
    process.kill()
    pytest.fail(f"server did not answer within {STARTUP_SECONDS} s")


def stop(process: subprocess.Popen[str]) -> str:
    process.terminate()
    try:
        out, _ = process.communicate(timeout=30)
    except subprocess.TimeoutExpired:
        process.kill()
        out, _ = process.communicate()
    return out


@pytest.fixture
def caveat_serve() -> Iterator[tuple[str, subprocess.Popen[str]]]:
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    process = start([sys.executable, "-m", "caveat", "serve", "--port", str(port)], server_env(), base)
    yield base, process
    stop(process)


def test_caveat_serve(caveat_serve: tuple[str, subprocess.Popen[str]], dev_page: dict[str, str]) -> None:
    base, process = caveat_serve
    status, health = request(f"{base}/healthz")
    assert status == 200 and health["status"] == "ok" and health["claims"] > 0
    status, result = request(f"{base}/api/v1/analyze", dev_page)
    assert status == 200
    assert result["highlights"] and result["stats"]["sentences"] > 0
    assert {h["claim_id"] for h in result["highlights"]} == set(result["claims"])
    status, error = request(f"{base}/api/v1/analyze", {"url": dev_page["url"]})
    assert status == 400 and error["error"]["code"] == "missing_html"
    output = stop(process)
    assert f"serving on {base}/" in output
    assert dev_page["url"] not in output, "page URLs are not logged at the default level"


def test_gunicorn_with_a_token(dev_page: dict[str, str]) -> None:
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    argv = [sys.executable, "-m", "gunicorn", "--bind", f"127.0.0.1:{port}", "--workers", "2"]
    process = start([*argv, "caveat.app:create_app()"], server_env(CAVEAT_TOKEN=TOKEN), base)
    try:
        status, error = request(f"{base}/api/v1/analyze", dev_page)
        assert status == 401 and error["error"]["code"] == "unauthorized"
        status, result = request(f"{base}/api/v1/analyze", dev_page, token=TOKEN)
        assert status == 200 and result["highlights"]
    finally:
        stop(process)


def test_gunicorn_stops_on_an_invalid_claim_file(tmp_path: Path) -> None:
    (tmp_path / "kratom-broken.yaml").write_text("id: kratom-broken\nverdict: maybe\n", encoding="utf-8")
    port = free_port()
    done = subprocess.run(
        [sys.executable, "-m", "gunicorn", "--bind", f"127.0.0.1:{port}", "caveat.app:create_app()"],
        env=server_env(CAVEAT_CLAIMS_DIR=str(tmp_path)),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode != 0
    assert "kratom-broken.yaml" in done.stderr

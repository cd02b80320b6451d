"""Feedback durability through real server processes on loopback: concurrent writers lose no
report, and a server killed with SIGKILL mid-write keeps every report it acknowledged."""

from __future__ import annotations

import signal
import sqlite3
import sys
import threading
from pathlib import Path

import pytest
from test_server_process import free_port, request, server_env, start, stop

from caveat.feedback_store import open_store

pytestmark = pytest.mark.slow

WRITERS = 16


def report(writer: int, n: int) -> dict[str, str]:
    return {"url": "https://a.example/", "kind": "missed_claim", "quote": f"writer {writer} report {n}"}


def integrity(path: Path) -> str:
    with sqlite3.connect(path) as connection:
        return connection.execute("PRAGMA integrity_check").fetchone()[0]


def test_concurrent_writers_lose_no_report(tmp_path: Path) -> None:
    path, port = tmp_path / "feedback.sqlite3", free_port()
    base = f"http://127.0.0.1:{port}"
    # several worker processes with several threads each: writers contend across processes
    argv = [
        sys.executable,
        "-m",
        "gunicorn",
        "--bind",
        f"127.0.0.1:{port}",
        "--workers",
        "4",
        "--threads",
        "4",
    ]
    process = start([*argv, "caveat.app:create_app()"], server_env(CAVEAT_FEEDBACK_DB=str(path)), base)
    per_writer = 20
    ready = threading.Barrier(WRITERS)
    acknowledged: list[tuple[int, str]] = []
    failures: list[tuple[int, dict]] = []

    def write(writer: int) -> None:
        ready.wait()
        for n in range(per_writer):
            body = report(writer, n)
            status, answer = request(f"{base}/api/v1/feedback", body)
            if status == 201:
                acknowledged.append((answer["id"], body["quote"]))
            else:
                failures.append((status, answer))

    try:
        threads = [threading.Thread(target=write, args=(w,)) for w in range(WRITERS)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    finally:
        stop(process)
    assert failures == []
    stored = {r.id: r.report.quote for r in open_store(str(path)).reports()}
    assert len(acknowledged) == WRITERS * per_writer
    assert stored == dict(acknowledged)
    assert integrity(path) == "ok"


def test_a_killed_server_keeps_every_acknowledged_report(tmp_path: Path) -> None:
    path, port = tmp_path / "feedback.sqlite3", free_port()
    base = f"http://127.0.0.1:{port}"
    argv = [sys.executable, "-m", "caveat", "serve", "--port", str(port)]
    env = server_env(CAVEAT_FEEDBACK_DB=str(path))
    process = start(argv, env, base)
    acknowledged: list[tuple[int, str]] = []
    enough = threading.Event()  # set once writes are well under way

    def write(writer: int) -> None:
        n = 0
        while True:
            body = report(writer, n)
            try:
                status, answer = request(f"{base}/api/v1/feedback", body)
            except OSError:
                return  # the server is gone: whatever it acknowledged must be kept
            if status == 201:
                acknowledged.append((answer["id"], body["quote"]))
            if len(acknowledged) >= 150:
                enough.set()
            n += 1

    threads = [threading.Thread(target=write, args=(w,)) for w in range(8)]
    for thread in threads:
        thread.start()
    try:
        assert enough.wait(120), "the server never acknowledged enough reports"
        process.send_signal(signal.SIGKILL)  # while the writers are still sending
        process.wait()
    finally:
        if process.poll() is None:
            process.kill()
        for thread in threads:
            thread.join()

    restarted = start(argv, env, base)
    try:
        status, _ = request(f"{base}/api/v1/feedback", report(99, 0))
        assert status == 201, "the restarted server takes reports"
    finally:
        stop(restarted)
    assert integrity(path) == "ok"
    stored = {r.id: r.report.quote for r in open_store(str(path)).reports()}
    missing = [(i, q) for i, q in acknowledged if stored.get(i) != q]
    assert missing == []

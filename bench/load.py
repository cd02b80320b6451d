"""The load test: gunicorn with 2 workers, 32 loopback connections for 60 s on a 50 KB article.

`make load` runs it (not part of `make test`); it passes when no request fails and each worker's
resident memory after the run is within 10% of its value after warm-up, and it writes the
"Load" section of docs/benchmarks.md (between its own markers, so `make bench` keeps it).

The cache is off (CAVEAT_CACHE_ENTRIES=0) so every request runs the whole pipeline and the
cache's intended growth cannot hide or fake a leak. Requests come from loopback, which the
rate limit exempts; a closed connection, a timeout or any status but 200 counts as an error.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import re
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Any

from bench.common import BIN, ROOT, article_html, free_port, percentile, server_process
from bench.server import _children, _rss_kib

DOC = ROOT / "docs" / "benchmarks.md"
BEGIN, END = "<!-- load:begin: written by `make load` (bench/load.py) -->", "<!-- load:end -->"
ARTICLE_BYTES = 50_000
MEMORY_GROWTH_LIMIT = 0.10


@dataclass
class Tally:
    latencies_ms: list[float] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)


def _one_request(port: int, body: bytes) -> str | None:
    """POST the page once; None when the answer is a 200 with highlights, else what went wrong."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    try:
        connection.request("POST", "/api/v1/analyze", body, {"Content-Type": "application/json"})
        response = connection.getresponse()
        answer = response.read()
    except OSError as err:
        return type(err).__name__
    finally:
        connection.close()
    if response.status != 200:
        return f"HTTP {response.status}"
    return None if json.loads(answer)["highlights"] else "no highlights"


def hammer(port: int, body: bytes, seconds: float, connections: int) -> dict[str, Any]:
    """``connections`` clients, each sending one request after another until ``seconds`` pass."""
    tally = Tally()
    deadline = time.monotonic() + seconds

    def client() -> None:
        while time.monotonic() < deadline:
            started = time.perf_counter()
            error = _one_request(port, body)
            with tally.lock:
                if error:
                    tally.errors.append(error)
                else:
                    tally.latencies_ms.append((time.perf_counter() - started) * 1000)

    started = time.monotonic()
    with ThreadPoolExecutor(connections) as pool:
        for future in [pool.submit(client) for _ in range(connections)]:
            future.result()  # a bug in the client fails the run instead of vanishing with its thread
    wall = time.monotonic() - started
    done = tally.latencies_ms or [0.0]
    return {
        "requests": len(tally.latencies_ms),
        "errors": len(tally.errors),
        "error_kinds": sorted(set(tally.errors)),
        "rps": len(tally.latencies_ms) / wall,
        "p50_ms": percentile(done, 50),
        "p99_ms": percentile(done, 99),
    }


def run(seconds: float, connections: int, warmup: float) -> dict[str, Any]:
    html = article_html(ARTICLE_BYTES)
    body = json.dumps({"url": "https://load.example/article", "html": html}).encode()
    port = free_port()
    argv = [str(BIN / "gunicorn"), "--bind", f"127.0.0.1:{port}", "--workers", "2", "caveat.app:create_app()"]
    with server_process(argv, port, {"CAVEAT_CACHE_ENTRIES": "0"}) as master:
        warm = hammer(port, body, warmup, connections)
        before = {pid: _rss_kib(pid) for pid in _children(master)}
        result = hammer(port, body, seconds, connections)
        after = {pid: _rss_kib(pid) for pid in _children(master)}
    if before.keys() != after.keys():
        raise RuntimeError("a worker was replaced during the run (crashed or timed out)")
    workers = [
        {"pid": pid, "warm_mib": before[pid] / 1024, "after_mib": after[pid] / 1024} for pid in sorted(before)
    ]
    growth = max(after[pid] / before[pid] - 1 for pid in before)
    return {
        **result,
        "seconds": seconds,
        "connections": connections,
        "article_bytes": len(html.encode()),
        "warmup_requests": warm["requests"],
        "warmup_errors": warm["errors"],
        "workers": workers,
        "memory_growth": growth,
        "load_average": " / ".join(f"{x:.1f}" for x in os.getloadavg()),
        "passed": result["errors"] == 0 and warm["errors"] == 0 and growth <= MEMORY_GROWTH_LIMIT,
    }


def section(result: dict[str, Any]) -> str:
    memory = "; ".join(
        f"worker {i + 1}: {w['warm_mib']:.1f} MiB after warm-up, {w['after_mib']:.1f} MiB after the run"
        for i, w in enumerate(result["workers"])
    )
    return "\n".join(
        [
            BEGIN,
            "",
            "## Load",
            "",
            f"`make load`: gunicorn with 2 sync workers, {result['connections']} loopback connections for "
            f"{result['seconds']:.0f} s, each posting a {result['article_bytes'] / 1000:.0f} KB article "
            "(every paragraph about kratom) to `/api/v1/analyze` with the response cache off; measured "
            f"{time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())} on the machine above.",
            "",
            "| requests | errors | requests/s | p50 latency | p99 latency | memory growth per worker |",
            "| --- | --- | --- | --- | --- | --- |",
            f"| {result['requests']} | {result['errors']} | {result['rps']:.1f} | {result['p50_ms']:.0f} ms "
            f"| {result['p99_ms']:.0f} ms | {result['memory_growth']:+.1%} (limit +10%) |",
            "",
            f"Resident memory (VmRSS from /proc): {memory}. Latency includes the wait in gunicorn's "
            f"queue: with {result['connections']} connections and 2 workers, a request waits for the "
            f"others. Load average at the end: {result['load_average']} (client, server and any other "
            "work share the machine's cores).",
            "",
            END,
        ]
    )


def write_section(text: str) -> None:
    """Replace the load section of docs/benchmarks.md, or add it at the end."""
    doc = DOC.read_text(encoding="utf-8") if DOC.exists() else "# Benchmarks\n"
    pattern = re.compile(re.escape(BEGIN) + ".*?" + re.escape(END), re.S)
    doc = pattern.sub(lambda _: text, doc) if pattern.search(doc) else doc.rstrip("\n") + "\n\n" + text
    DOC.write_text(doc.rstrip("\n") + "\n", encoding="utf-8")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=60.0)
    parser.add_argument("--connections", type=int, default=32)
    parser.add_argument("--warmup", type=float, default=10.0, help="seconds of load before memory is read")
    parser.add_argument("--write", action="store_true", help="write the result into docs/benchmarks.md")
    args = parser.parse_args()
    result = run(args.seconds, args.connections, args.warmup)
    print(json.dumps(result, indent=2))
    if args.write:
        write_section(section(result))
    if not result["passed"]:
        print("load: FAILED (errors, or a worker's memory grew more than 10%)", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""What every benchmark shares: paths, the test article, timing, and processes started and stopped."""

from __future__ import annotations

import gzip
import math
import os
import signal
import socket
import subprocess
import time
import urllib.request
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"  # read-only material beside the checkout
BIN = ROOT / ".venv" / "bin"
ZYTE = SHARED / "extraction-bench" / "zyte"
SEEDS = SHARED / "seeds"


def zyte_pages() -> Iterator[tuple[str, str]]:
    """(name, html) of every page of the extraction benchmark, decoded as its scorer decodes them."""
    for path in sorted((ZYTE / "html").glob("*.html.gz")):
        html = gzip.decompress(path.read_bytes()).decode("utf-8", "replace")
        yield path.name.removesuffix(".html.gz"), html


def seed_paragraphs() -> list[str]:
    """The seed articles' paragraphs, in order: real kratom prose with real claims in it."""
    paragraphs = []
    for path in sorted(SEEDS.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        paragraphs += [" ".join(p.split()) for p in text.split("\n\n") if p.strip()]
    return paragraphs


def article_paragraphs(words: int) -> list[str]:
    """Seed paragraphs, repeated as needed, cut to exactly ``words`` words."""
    seeds, chosen, left = seed_paragraphs(), [], words
    while left > 0:
        paragraph = seeds[len(chosen) % len(seeds)].split()[:left]
        chosen.append(" ".join(paragraph))
        left -= len(paragraph)
    return chosen


def article_html(min_bytes: int) -> str:
    """An article page of at least ``min_bytes`` bytes of HTML, built from the seeds."""
    head = "<!doctype html><html lang='en'><head><title>Kratom: what the evidence says</title></head>"
    body, size, seeds = [], len(head), seed_paragraphs()
    while size < min_bytes:
        paragraph = f"<p>{seeds[len(body) % len(seeds)]}</p>\n"
        body.append(paragraph)
        size += len(paragraph.encode())
    title = "<h1>Kratom: what the evidence says</h1>"
    return f"{head}<body><article>{title}\n{''.join(body)}</article></body></html>"


def best_of(fn: Callable[[], object], repeat: int) -> float:
    """The fastest of ``repeat`` runs, in milliseconds: the run least disturbed by the machine."""
    best = math.inf
    for _ in range(repeat):
        started = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - started)
    return best * 1000


def percentile(values: Sequence[float], p: float) -> float:
    """Nearest-rank percentile (p in 0..100) of a non-empty sequence."""
    ordered = sorted(values)
    return ordered[max(0, math.ceil(p / 100 * len(ordered)) - 1)]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_until_up(url: str, timeout_s: float = 30.0) -> None:
    deadline = time.monotonic() + timeout_s
    while True:
        try:
            with urllib.request.urlopen(url, timeout=2):
                return
        except OSError:
            if time.monotonic() > deadline:
                raise RuntimeError(f"{url} did not answer within {timeout_s:.0f} s") from None
            time.sleep(0.2)


@contextmanager
def server_process(argv: list[str], port: int, env: dict[str, str] | None = None) -> Iterator[int]:
    """Run a server on 127.0.0.1:``port`` until the block ends; yields its pid and stops it by that pid."""
    process = subprocess.Popen(
        argv, cwd=ROOT, env={**os.environ, **(env or {})}, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
    )
    try:
        wait_until_up(f"http://127.0.0.1:{port}/healthz")
        yield process.pid
    finally:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        if process.stderr:
            process.stderr.close()

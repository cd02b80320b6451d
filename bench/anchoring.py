"""The extension's side: anchor and paint 100 highlights on a 1 MB page in Chromium.

The page and the extension's own modules are served from loopback; bench/extension/
anchor-bench.js imports the anchoring, spot-building and painting modules the content script
uses and times them with performance.now() in the page. Quotes are built here as the server
builds them (32 characters of context either side of the sentence), spread over the page.
"""

from __future__ import annotations

import html
import json
import statistics
import threading
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

from bench.common import ROOT, seed_paragraphs
from caveat.selectors import quote_selector

HERE = Path(__file__).parent
CHROMIUM = Path("/usr/lib/chromium/chromium")  # Debian's binary; /usr/bin/chromium is a wrapper script
PAGE_BYTES = 1_000_000
QUOTES = 100
TARGET_MS = 50.0
SEVERITIES = ("high", "medium", "low")
TIMES = ("ms", "indexMs", "anchorMs", "paintMs", "frameMs")  # medians of each, per painter


def page_and_analysis() -> tuple[str, dict[str, dict[str, Any]]]:
    """A 1 MB article, and two answers of ``QUOTES`` highlights spread over it.

    The page repeats the seed paragraphs, each after a numbered label. "unique" quotes start at
    the label, so each is on the page once, as a sentence usually is; "repeated" quotes leave it
    out, so each is on the page hundreds of times and only its context tells them apart.
    """
    seeds = seed_paragraphs()
    paragraphs, size = [], 0
    while size < PAGE_BYTES:
        text = f"Note {len(paragraphs)}: {seeds[len(paragraphs) % len(seeds)]}"
        paragraphs.append(text)
        size += len(text.encode()) + 8
    text = "\n".join(paragraphs)
    answers: dict[str, dict[str, Any]] = {"unique": {}, "repeated": {}}
    for kind in answers:
        highlights, start = [], 0
        for i, paragraph in enumerate(paragraphs):
            if i % (len(paragraphs) // QUOTES) == 0 and len(highlights) < QUOTES:
                label_end = paragraph.index(": ") + 2
                end = paragraph.find(". ", label_end) + 1 or len(paragraph)
                quote = quote_selector(text, start + (0 if kind == "unique" else label_end), start + end)
                highlights.append(
                    {
                        "claim_id": f"claim-{i}",
                        "severity": SEVERITIES[i % 3],
                        "quote": {"exact": quote.exact, "prefix": quote.prefix, "suffix": quote.suffix},
                    }
                )
            start += len(paragraph) + 1
        answers[kind] = {"highlights": highlights, "claims": {}}
    body = "".join(f"<p>{html.escape(p)}</p>\n" for p in paragraphs)
    page = (
        "<!doctype html><html lang='en'><head><meta charset='utf-8'><title>Kratom</title>"
        "<script type='module' src='/bench/anchor-bench.js'></script></head>"
        f"<body><article>{body}</article></body></html>"
    )
    return page, answers


class _Handler(SimpleHTTPRequestHandler):
    """/ext/ is the extension folder, /bench/ this benchmark's script, /page.html the page."""

    page = b""

    def translate_path(self, path: str) -> str:
        for prefix, folder in (("/ext/", ROOT / "extension"), ("/bench/", HERE / "extension")):
            if path.startswith(prefix):
                return str(folder / path.removeprefix(prefix).split("?")[0])
        return str(ROOT / "nonexistent")

    def do_GET(self) -> None:
        if self.path != "/page.html":
            return super().do_GET()
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(self.page)))
        self.end_headers()
        self.wfile.write(self.page)

    def log_message(self, format: str, *args: Any) -> None:
        pass  # a line per module request would bury the results


def run(rounds: int = 7) -> dict[str, Any]:
    from playwright.sync_api import sync_playwright

    if not CHROMIUM.exists():
        return {"skipped": f"Chromium not found at {CHROMIUM} (apt-get install chromium)"}
    page_html, answers = page_and_analysis()
    handler = type("Handler", (_Handler,), {"page": page_html.encode()})
    server = ThreadingHTTPServer(("127.0.0.1", 0), partial(handler))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    repeats = page_html.count(html.escape(answers["repeated"]["highlights"][0]["quote"]["exact"]))
    results: dict[str, Any] = {"page_bytes": len(page_html.encode()), "quotes": QUOTES, "repeats": repeats}
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(
                executable_path=str(CHROMIUM),
                headless=True,
                args=["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"],
            )
            try:
                page = browser.new_page()
                page.goto(f"http://127.0.0.1:{server.server_port}/page.html")
                page.wait_for_function("typeof window.caveatBench === 'function'")
                results["chromium"] = browser.version
                page.wait_for_load_state("load")
                # Warm the JIT: the first rounds run the anchoring code before V8 has optimised it.
                warm_up = page.evaluate(f"caveatBench({json.dumps(answers['unique'])}, 3, false)")
                results["cold_ms"] = warm_up[0]["ms"]  # what a reader's first page pays
                results["rows"] = []
                for painter, kind in (
                    ("highlight-api", "unique"),
                    ("wrap", "unique"),
                    ("highlight-api", "repeated"),
                ):
                    runs = page.evaluate(
                        f"caveatBench({json.dumps(answers[kind])}, {rounds}, {json.dumps(painter == 'wrap')})"
                    )
                    results["rows"].append(
                        {
                            "painter": painter,
                            "quotes": kind,
                            **{key: statistics.median(r[key] for r in runs) for key in TIMES},
                            "spots": runs[0]["spots"],
                        }
                    )
            finally:
                browser.close()
    finally:
        server.shutdown()
        server.server_close()
    results["target_ms"] = TARGET_MS
    results["rounds"] = rounds
    return results

"""Extraction quality beside speed: the extraction benchmark's own scorer against `caveat serve`."""

from __future__ import annotations

import re
import subprocess
import sys
from typing import Any

from bench.common import BIN, SHARED, free_port, server_process

SCORER = SHARED / "extraction-bench" / "score_extraction.py"
# The scorer's reference figures on the same pages and metric.
REFERENCES = {"readability-lxml 0.9": 0.955, "trafilatura 2.3": 0.960}


def run() -> dict[str, Any]:
    port = free_port()
    argv = [str(BIN / "caveat"), "serve", "--port", str(port)]
    with server_process(argv, port, {"CAVEAT_CACHE_ENTRIES": "0"}):
        scored = subprocess.run(
            [sys.executable, str(SCORER), "--server", f"http://127.0.0.1:{port}"],
            capture_output=True,
            text=True,
            check=True,
            timeout=600,
        ).stdout
    fields = dict(re.findall(r"(\w+)=([\d.]+)", scored))
    return {
        "pages": int(fields["pages"]),
        "precision": float(fields["precision"]),
        "recall": float(fields["recall"]),
        "f1": float(fields["f1"]),
        "ms_median": float(fields["ms_median"]),
        "references": REFERENCES,
    }

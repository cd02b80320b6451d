"""Run every benchmark and write docs/benchmarks.md: `python -m bench` (what `make bench` does).

`python -m bench pipeline scaling` runs only those; the others' sections then say "not measured".
A benchmark that fails is reported as failed in the document; the rest still run.
"""

from __future__ import annotations

import sys
import time
import traceback
from collections.abc import Callable
from typing import Any

from bench import anchoring, matching, pipeline, profile, quality, report, scaling, server


def _profile() -> dict[str, Any]:
    return {**profile.hotspots(), "builds": profile.matcher_builds()}


BENCHMARKS: dict[str, Callable[[], dict[str, Any]]] = {
    "pipeline": pipeline.run,
    "matching": matching.run,
    "scaling": scaling.run,
    "server": server.throughput,
    "cache": server.cache_hits,
    "anchoring": anchoring.run,
    "profile": _profile,
    "quality": quality.run,
}


def main(names: list[str]) -> int:
    unknown = [n for n in names if n not in BENCHMARKS]
    if unknown:
        print(f"unknown benchmark {unknown[0]!r}; choose from {', '.join(BENCHMARKS)}", file=sys.stderr)
        return 2
    results: dict[str, dict[str, Any]] = {}
    for name in names or BENCHMARKS:
        started = time.monotonic()
        print(f"bench: {name} ...", flush=True)
        try:
            results[name] = BENCHMARKS[name]()
        except Exception as err:  # one broken benchmark must not hide the others' numbers
            traceback.print_exc()
            results[name] = {"error": f"{type(err).__name__}: {err}"}
        print(f"bench: {name} done in {time.monotonic() - started:.0f} s", flush=True)
    print(f"bench: wrote {report.write(results)}")
    return 1 if any("error" in r for r in results.values()) else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

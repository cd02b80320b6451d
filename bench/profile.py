"""Where analyze spends its time on a long article, and proof that no index is built per request.

pyinstrument samples the pipeline on a long page; its call tree is folded into self time per
function, the table that says which code to look at. (For a live server, ``py-spy top --pid
<worker>`` from the same extra shows the same without stopping it.)
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from pyinstrument import Profiler
from pyinstrument.frame import Frame

from bench.common import article_html
from caveat import match
from caveat.api import analyze_source
from caveat.app import create_app, load_runtime
from caveat.config import Config

ARTICLE_BYTES = 100_000


def _self_times(frame: Frame, totals: Counter[str], caller: str = "") -> None:
    name = _name(frame, caller)
    for child in frame.children:
        if child.is_synthetic:  # pyinstrument's "[self]" leaf: time in the parent's own code
            totals[name] += child.time
        else:
            _self_times(child, totals, name)
    if not frame.children:
        totals[name] += frame.time


def _name(frame: Frame, caller: str) -> str:
    where = frame.file_path_short or ""
    if where.startswith("<"):  # a built-in: say whose call it was
        return f"{frame.function} in {caller.split(' ')[0]}"
    return f"{frame.function} ({where.rsplit('site-packages/', 1)[-1]}:{frame.line_no})"


def hotspots(rounds: int = 5, top: int = 12) -> dict[str, Any]:
    runtime = load_runtime(Config())
    html = article_html(ARTICLE_BYTES)
    analyze_source(runtime, "", html)  # warm: first-call imports are not the pipeline
    profiler = Profiler(interval=0.001)
    profiler.start()
    for _ in range(rounds):
        analyze_source(runtime, "", html)
    profiler.stop()
    session = profiler.last_session
    root = session.root_frame()
    totals: Counter[str] = Counter()
    if root is not None:
        _self_times(root, totals)
    duration = sum(totals.values()) or 1.0
    return {
        "bytes": len(html.encode()),
        "rounds": rounds,
        "ms_per_round": session.duration * 1000 / rounds,
        "rows": [(name, seconds / duration) for name, seconds in totals.most_common(top)],
    }


def matcher_builds(requests: int = 20) -> dict[str, int]:
    """How many Matchers one app builds: at start, and over ``requests`` analyze requests."""
    built = 0
    original = match.Matcher.__init__

    def counting(self: match.Matcher, *args: Any, **kwargs: Any) -> None:
        nonlocal built
        built += 1
        original(self, *args, **kwargs)

    match.Matcher.__init__ = counting  # type: ignore[method-assign]
    try:
        client = create_app(Config()).test_client()
        at_start = built
        for n in range(requests):
            client.post("/api/v1/analyze", json={"url": f"https://b.example/{n}", "text": f"Kratom {n}."})
    finally:
        match.Matcher.__init__ = original  # type: ignore[method-assign]
    return {"at_start": at_start, "after_requests": built, "requests": requests}

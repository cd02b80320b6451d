"""docs/benchmarks.md from the results: the machine, the numbers against their targets, a plot.

Only the part between the markers below is written, so sections others keep in the same file
(the load test's, for one) survive every run.
"""

from __future__ import annotations

import datetime
import os
import platform
import subprocess
from collections.abc import Callable, Iterable, Sequence
from importlib import metadata
from pathlib import Path
from typing import Any

from bench.common import ROOT
from caveat import compiled

DOC = ROOT / "docs" / "benchmarks.md"
PLOT = ROOT / "docs" / "benchmarks-scaling.png"
BEGIN = "<!-- bench:begin: written by `make bench` (bench/report.py); edit outside the markers -->"
END = "<!-- bench:end -->"
PACKAGES = (
    "flask",
    "gunicorn",
    "readability-lxml",
    "lxml",
    "beautifulsoup4",
    "pyyaml",
    "jsonschema",
    "playwright",
)


def machine() -> dict[str, str]:
    cpu = next(
        (
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if line.startswith("model name")
        ),
        platform.processor() or "unknown",
    )
    mem_kib = next(
        int(line.split()[1])
        for line in Path("/proc/meminfo").read_text().splitlines()
        if line.startswith("MemTotal:")
    )
    commit = subprocess.run(
        ["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True, check=False
    ).stdout.strip()
    return {
        "date": datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
        "commit": commit or "unknown",
        "cpu": cpu,
        "cores": str(os.cpu_count()),
        "memory": f"{mem_kib / 1024 / 1024:.1f} GiB",
        "load": " / ".join(f"{x:.1f}" for x in os.getloadavg()),
        "os": platform.platform(),
        "python": platform.python_version(),
        "packages": ", ".join(f"{name} {metadata.version(name)}" for name in PACKAGES),
        "matcher": (
            "compiled by mypyc (setup.py)" if compiled.running_compiled() else "plain Python, not compiled"
        ),
    }


def _verdict(ok: bool) -> str:
    return "met" if ok else "**not met**"


def _table(header: Sequence[str], rows: Iterable[Sequence[object]]) -> list[str]:
    return [
        "| " + " | ".join(header) + " |",
        "|" + " --- |" * len(header),
        *("| " + " | ".join(map(str, row)) + " |" for row in rows),
        "",
    ]


def plot_scaling(scaling: dict[str, Any]) -> None:
    import matplotlib

    matplotlib.use("Agg")  # no display on a server
    from matplotlib import pyplot

    claims = [row["claims"] for row in scaling["rows"]]
    ms = [row["ms"] for row in scaling["rows"]]
    figure, axes = pyplot.subplots(figsize=(6, 3.6), dpi=100)
    axes.plot(claims, ms, marker="o", label="analyze (text in, JSON out)")
    target = ms[0] * scaling["target"]
    axes.axhline(target, color="grey", linestyle="--", label="target: 2x the 12-claim time")
    axes.set_xscale("log")
    axes.set_ylim(0, max(target, *ms) * 1.25)  # room above the target line for the legend
    axes.set_xlabel("claims in the database")
    axes.set_ylabel("ms per article (best of runs)")
    axes.set_title(f"A {scaling['words']:,}-word article against growing databases")
    axes.legend(loc="upper left", fontsize="small")
    figure.tight_layout()
    figure.savefig(PLOT)
    pyplot.close(figure)


def render(results: dict[str, dict[str, Any]], host: dict[str, str]) -> str:
    lines = [
        BEGIN,
        "",
        "Run `make bench` to measure again (about 5 to 10 minutes on 2 cores); it rewrites this part.",
        "Speed goals are ratios and rates measured within one run, so they travel between machines",
        "better than milliseconds do; the milliseconds are given for scale.",
        "",
        "## Machine",
        "",
        f"- Measured {host['date']} at commit `{host['commit']}`",
        f"- CPU: {host['cpu']}, {host['cores']} cores; memory {host['memory']}; {host['os']}",
        f"- Load average at the end of the run: {host['load']} (other work on the machine slows every",
        "  figure below, the ratios least)",
        f"- Python {host['python']}; {host['packages']}",
        f"- Sentence splitting and matching: {host['matcher']}",
        "",
        "## Summary",
        "",
        "| benchmark | measured | target | |",
        "| --- | --- | --- | --- |",
        *_summary_rows(results),
        "",
    ]
    for key, title, body in SECTIONS:
        lines += [f"## {title}", ""]
        result = results.get(key)
        if result is None:
            lines += ["Not measured in this run.", ""]
        elif "error" in result:
            lines += [f"Not measured: the benchmark failed with `{result['error']}`.", ""]
        elif "skipped" in result:
            lines += [f"Not measured: {result['skipped']}.", ""]
        else:
            lines += body(result)
    lines += [END]
    return "\n".join(lines) + "\n"


def _summary_row(benchmark: str, measured: str, target: str, ok: bool | None = None) -> str:
    """One row of the summary; ``ok`` None for a figure reported without a goal."""
    verdict = " |" if ok is None else f" {_verdict(ok)} |"
    return f"| {benchmark} | {measured} | {target} |{verdict}"


def _summary_rows(results: dict[str, dict[str, Any]]) -> list[str]:
    rows = []
    p = results.get("pipeline", {})
    if "median_ratio" in p:
        rows.append(
            _summary_row(
                "analyze / readability-lxml alone, median over pages",
                f"{p['median_ratio']:.2f}x (p95 {p['p95_ratio']:.2f}x)",
                f"<= {p['target']}x",
                p["median_ratio"] <= p["target"],
            )
        )
    if "same_clean_median_ratio" in p:
        rows.append(
            _summary_row(
                "analyze / readability-lxml with Caveat's clean(), median",
                f"{p['same_clean_median_ratio']:.2f}x (p95 {p['same_clean_p95_ratio']:.2f}x)",
                "(reported)",
                None,
            )
        )
    m = results.get("matching", {})
    if "rows" in m:
        worst, target = m["real_max_ratio"], m["target"]
        rows += [
            _summary_row(
                "match / extract, long kratom articles (5 real pages, worst)",
                f"{worst:.2f} (median {m['real_median_ratio']:.2f})",
                f"<= {target}",
                worst <= target,
            ),
            _summary_row(
                "match / extract, 7,000-word stress article",
                f"{m['stress_ratio']:.2f}",
                f"<= {target}",
                m["stress_ratio"] <= target,
            ),
        ]
    s = results.get("scaling", {})
    if "ratio" in s:
        rows.append(
            _summary_row(
                "10,000 claims / 12 claims",
                f"{s['ratio']:.2f}x",
                f"<= {s['target']}x",
                s["ratio"] <= s["target"],
            )
        )
    t = results.get("server", {})
    if "uncached" in t:
        rps = t["uncached"]["rps"]
        rows += [
            _summary_row(
                f"gunicorn, 2 workers, 50 KB article, cache off (best of {len(t['rounds_rps'])} runs)",
                f"{rps:.0f} req/s",
                f">= {t['target_rps']} req/s",
                rps >= t["target_rps"],
            ),
            _summary_row("resident memory per worker", f"{max(t['worker_rss_mib']):.0f} MiB", "(reported)"),
        ]
    c = results.get("cache", {})
    if "rows" in c:
        worst = max(row["hit_median_ms"] for row in c["rows"])
        rows.append(
            _summary_row(
                "server time of a cache hit (median, pages up to 1 MB)",
                f"{worst:.2f} ms",
                f"<= {c['target_ms']} ms",
                worst <= c["target_ms"],
            )
        )
    a = results.get("anchoring", {})
    if "rows" in a:
        ms = max(r["ms"] for r in a["rows"])  # the slowest painter and kind of quote
        rows.append(
            _summary_row(
                "anchor + paint 100 highlights, 1 MB page, Chromium (slowest row)",
                f"{ms:.0f} ms",
                f"<= {a['target_ms']:.0f} ms",
                ms <= a["target_ms"],
            )
        )
    q = results.get("quality", {})
    if "f1" in q:
        rows.append(
            _summary_row("extraction F1 (Zyte benchmark)", f"{q['f1']:.3f}", "readability-lxml 0.955")
        )
    return rows


def _pipeline(p: dict[str, Any]) -> list[str]:
    total = sum(p["steps"].values()) or 1.0
    return [
        f"Each of the {p['pages']} pages of the Zyte article-extraction benchmark, timed each way in turn,",
        f'best of {p["repeat"]}: "analyze" is the whole server pipeline (extract, sentences, match,',
        "selectors, serialize) on the page's HTML; readability-lxml is `Document(html).summary()` alone,",
        "as released. Caveat runs readability-lxml with a faster clean() of its own that gives the same",
        "text (server/caveat/readability_clean.py); against readability-lxml with that same clean(), the",
        "ratio shows what Caveat's own steps add.",
        "",
        *_table(
            ("", "value"),
            [
                ("median ratio", f"{p['median_ratio']:.2f}x"),
                ("p95 ratio", f"{p['p95_ratio']:.2f}x"),
                ("worst page", f"{p['max_ratio']:.2f}x"),
                *(
                    [("median ratio, both with Caveat's clean()", f"{p['same_clean_median_ratio']:.2f}x")]
                    if "same_clean_median_ratio" in p
                    else []
                ),
                ("median page, analyze", f"{p['median_analyze_ms']:.1f} ms"),
                ("median page, readability-lxml", f"{p['median_readability_ms']:.1f} ms"),
            ],
        ),
        "Where analyze spends its time, summed over the same pages:",
        "",
        *_table(("step", "share"), [(step, f"{ms / total:.0%}") for step, ms in p["steps"].items()]),
    ]


def _matching(m: dict[str, Any]) -> list[str]:
    return [
        "What matching adds to reading a page, on pages where nearly every sentence reaches the rules:",
        "the dev set's five seed articles (real pages) and a stress case of 7,000 words of seed",
        "paragraphs with no markup, where extraction is as cheap as it gets. Each step is timed in turn,",
        f"best of {m['repeat']}; the target is matching at most {m['target']:.0%} of extraction's time.",
        "",
        *_table(
            ("page", "KB", "words", "sentences", "extract ms", "sentences ms", "match ms", "match / extract"),
            [
                (
                    r["page"],
                    f"{r['kb']:.0f}",
                    f"{r['words']:,}",
                    r["sentences_n"],
                    f"{r['extract_ms']:.2f}",
                    f"{r['sentences_ms']:.2f}",
                    f"{r['match_ms']:.2f}",
                    f"{r['ratio']:.2f}",
                )
                for r in m["rows"]
            ],
        ),
    ]


def _scaling(s: dict[str, Any]) -> list[str]:
    first = s["rows"][0]["ms"]
    return [
        f"A {s['words']:,}-word article built from the seed articles, sent as text (extraction does not",
        "depend on the database), against the bundled claims plus synthetic ones: copies of the real",
        "claim files with new ids and every concept word suffixed so they never collide, loaded by the",
        f"real loader. The sizes are timed in turn, {s['repeat']} rounds, best of each kept; the first",
        "run on each database is given apart, as the term index remembers the words it has looked up.",
        "",
        "![time against claims](benchmarks-scaling.png)",
        "",
        *_table(
            ("claims", "ms", "x 12 claims", "first run, ms", "highlights"),
            [
                (
                    f"{r['claims']:,}",
                    f"{r['ms']:.1f}",
                    f"{r['ms'] / first:.2f}",
                    f"{r['first_ms']:.1f}",
                    r["highlights"],
                )
                for r in s["rows"]
            ],
        ),
    ]


def _server(t: dict[str, Any]) -> list[str]:
    u, c = t["uncached"], t["cached"]
    return [
        "`gunicorn --workers 2 'caveat.app:create_app()'` on 127.0.0.1, a "
        f"{t['article_bytes'] / 1000:.0f} KB article built from the seeds, {u['concurrency']} client threads",
        "on the same machine (their CPU is taken from the workers, so these rates are floors).",
        "",
        *_table(
            ("run", "requests", "req/s", "p50", "p99", "server p50", "failures"),
            [
                (
                    f"{name} ({r['seconds']:.0f} s)",
                    r["requests"],
                    f"{r['rps']:.1f}",
                    f"{r['p50_ms']:.1f} ms",
                    f"{r['p99_ms']:.1f} ms",
                    f"{r['server_p50_ms']:.2f} ms",
                    r["failures"],
                )
                for name, r in (
                    (f"article, cache off, best of {len(t['rounds_rps'])}", u),
                    (f"{t['dev_page']}, cache off", t["dev"]),
                    ("article, cache on, same page", c),
                )
            ],
        ),
        "The article's rounds, cache off: "
        + ", ".join(f"{rps:.0f}" for rps in t["rounds_rps"])
        + " req/s; the best is the one above and in the summary.",
        "",
        "Resident memory (VmRSS from /proc) after the cache-off runs, with the bundled database: "
        + ", ".join(f"{mib:.0f} MiB" for mib in t["worker_rss_mib"])
        + f" per worker; the master {t['master_rss_mib']:.0f} MiB.",
        "",
    ]


def _cache(c: dict[str, Any]) -> list[str]:
    return [
        "A page sent again (same url and HTML: same SHA-256) is answered from a bounded LRU in each",
        "worker (`CAVEAT_CACHE_ENTRIES`, default 256; `CAVEAT_CACHE_BYTES`, default 64 MiB; 0 entries",
        "turns it off). `stats.elapsed_ms` is the server time of that request and `stats.cached` says",
        "which it was. The hit still hashes the whole page, so it grows with the page's size.",
        "",
        *_table(
            ("page", "first request", "hit, median", "hit, worst"),
            [
                (
                    f"{r['bytes'] / 1000:,.0f} KB",
                    f"{r['miss_ms']:.1f} ms",
                    f"{r['hit_median_ms']:.2f} ms",
                    f"{r['hit_max_ms']:.2f} ms",
                )
                for r in c["rows"]
            ],
        ),
    ]


def _anchoring(a: dict[str, Any]) -> list[str]:
    return [
        f"Chromium {a['chromium']}, headless. A {a['page_bytes'] / 1e6:.1f} MB article from loopback;",
        "bench/extension/anchor-bench.js imports the content script's own modules and times, with",
        f"performance.now(), {a['quotes']} quotes anchored and painted (median of {a['rounds']} rounds):",
        "index the visible text, locate each quote and build its range, paint. Unique quotes are on the",
        f"page once; repeated ones {a['repeats']} times each, told apart only by their context. The rounds",
        "start on a loaded, laid-out page after three warm-up rounds; the very first round, before V8",
        f"has compiled the anchoring code, took {a['cold_ms']:.0f} ms (unique quotes, highlight-api).",
        "",
        *_table(
            ("painter", "quotes", "total", "index text", "locate quotes", "paint", "to 2nd frame", "spots"),
            [
                (
                    r["painter"],
                    r["quotes"],
                    f"{r['ms']:.0f} ms",
                    f"{r['indexMs']:.0f} ms",
                    f"{r['anchorMs']:.0f} ms",
                    f"{r['paintMs']:.1f} ms",
                    f"{r['frameMs']:.0f} ms",
                    r["spots"],
                )
                for r in a["rows"]
            ],
        ),
    ]


def _profile(p: dict[str, Any]) -> list[str]:
    b = p["builds"]
    return [
        f"pyinstrument over {p['rounds']} analyses of a {p['bytes'] / 1000:.0f} KB article "
        f"({p['ms_per_round']:.0f} ms each under the profiler); self time per function:",
        "",
        *_table(("function", "share of time"), [(f"`{name}`", f"{share:.1%}") for name, share in p["rows"]]),
        f"Indexes are built once: an app built {b['at_start']} Matcher at start and "
        f"{b['after_requests'] - b['at_start']} more over {b['requests']} analyze requests.",
        "",
    ]


def _quality(q: dict[str, Any]) -> list[str]:
    return [
        "The extraction benchmark's own scorer (word 4-gram F1, averaged per page) against",
        "`caveat serve` on loopback:",
        "",
        *_table(
            ("extractor", "F1", "precision", "recall"),
            [
                ("Caveat", f"{q['f1']:.3f}", f"{q['precision']:.3f}", f"{q['recall']:.3f}"),
                *((name, f"{f1:.3f}", "", "") for name, f1 in q["references"].items()),
            ],
        ),
        f"Median time per page through HTTP: {q['ms_median']:.1f} ms over {q['pages']} pages.",
        "",
    ]


SECTIONS: tuple[tuple[str, str, Callable[[dict[str, Any]], list[str]]], ...] = (
    ("pipeline", "Analyze against readability-lxml alone", _pipeline),
    ("matching", "Matching against extraction", _matching),
    ("scaling", "Scaling with the database", _scaling),
    ("server", "Throughput and memory", _server),
    ("cache", "Response cache", _cache),
    ("anchoring", "Extension: anchoring and painting", _anchoring),
    ("profile", "Hotspots", _profile),
    ("quality", "Extraction quality beside speed", _quality),
)


def write(results: dict[str, dict[str, Any]]) -> Path:
    """Rewrite the marked part of docs/benchmarks.md (creating the file if need be) and the plot."""
    if "rows" in results.get("scaling", {}):
        plot_scaling(results["scaling"])
    generated = render(results, machine())
    current = DOC.read_text(encoding="utf-8") if DOC.exists() else "# Benchmarks\n\n"
    if BEGIN in current and END in current:
        before, rest = current.split(BEGIN, 1)
        after = rest.split(END, 1)[1].lstrip("\n")
        text = before + generated + ("\n" + after if after else "")
    else:
        text = current.rstrip("\n") + "\n\n" + generated
    DOC.write_text(text, encoding="utf-8")
    return DOC

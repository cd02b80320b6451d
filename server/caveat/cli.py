"""The ``caveat`` command: serve the API, check a page, and curate the claim database.

Every failure a user can cause (a missing file, an unknown claim id, a broken claim file, a
bad setting) ends with one line on stderr and a non-zero exit, never a traceback.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import os
import shutil
import sys
import textwrap
from collections.abc import Callable, Sequence
from datetime import date
from pathlib import Path
from typing import Any

from werkzeug.serving import run_simple

from caveat import __version__, compiled, readability_clean
from caveat.api import analyze_source, read_page
from caveat.app import create_app, load_runtime
from caveat.claims import BUNDLED_CLAIMS, Claim, ClaimDatabase, ClaimFileError, load_database
from caveat.config import SETTINGS, Config, ConfigError
from caveat.match import Matcher, claim_test_failures
from caveat.serialize import JsonDict, claims_json, page_json

Handler = Callable[[argparse.Namespace], int]


class CliError(Exception):
    """A problem the user can fix; main() prints it without a traceback."""


def _print_json(data: Any) -> None:
    print(json.dumps(data, indent=2, ensure_ascii=False))


def _read(source: str) -> bytes:
    """The bytes of FILE, or of standard input for "-"."""
    if source == "-":
        return sys.stdin.buffer.read()
    try:
        return Path(source).read_bytes()
    except OSError as err:
        raise CliError(f"cannot read {source}: {err.strerror or err}") from None


def _read_text(source: str) -> str:
    try:
        return _read(source).decode("utf-8")
    except UnicodeDecodeError:
        raise CliError(f"{source} is not UTF-8 text") from None


def table(headers: Sequence[str], rows: Sequence[Sequence[str]], spaced: bool = False) -> str:
    """Columns padded to fit; the last column wraps to the terminal, one paragraph per line in it.

    ``spaced`` puts a blank line between rows, for rows many lines tall.
    """
    widths = [max(len(row[i]) for row in [headers, *rows]) for i in range(len(headers) - 1)]
    indent = sum(widths) + 2 * len(widths)
    last = max(30, shutil.get_terminal_size((100, 24)).columns - indent)
    printed = []
    for row in [headers, *rows]:
        wrapped = [w for paragraph in row[-1].splitlines() for w in textwrap.wrap(paragraph, last) or [""]]
        lead = "".join(cell.ljust(width + 2) for cell, width in zip(row, widths, strict=False))
        lines = [(lead + (wrapped[0] if wrapped else "")).rstrip(), *(" " * indent + w for w in wrapped[1:])]
        printed.append("\n".join(lines))
    return ("\n\n" if spaced else "\n").join(printed)


def _database(directory: str | None = None) -> ClaimDatabase:
    return load_database(Path(directory) if directory else Config.from_env().claims_dir)


def _claim(database: ClaimDatabase, claim_id: str) -> Claim:
    claim = database.get(claim_id)
    if claim is None:
        raise CliError(f"no claim with id {claim_id!r} (see `caveat claims list`)")
    return claim


def serve(args: argparse.Namespace) -> int:
    env = Config.from_env()
    config = dataclasses.replace(env, host=args.host or env.host, port=args.port or env.port)
    if not config.is_loopback and not config.token:
        raise CliError(
            f"refusing to serve on {config.host} without a token: set CAVEAT_TOKEN "
            "(see `caveat config check`) or bind to 127.0.0.1"
        )
    app = create_app(config)
    host = f"[{config.host}]" if ":" in config.host else config.host
    claims = len(app.extensions["caveat"].database)
    print(f"Caveat {__version__}: {claims} claims, serving on http://{host}:{config.port}/", flush=True)
    run_simple(config.host, config.port, app, threaded=True)
    return 0


def _why(highlight: JsonDict) -> str:
    return "why: " + "; ".join(highlight["reasons"])


def _analysis_table(result: JsonDict) -> str:
    page, stats, highlights = result["page"], result["stats"], result["highlights"]
    head = [
        f"{page['title'] or '(untitled)'}  {page['url']}".rstrip(),
        f"{stats['sentences']} sentences, {len(highlights)} highlights, {stats['elapsed_ms']:.0f} ms",
        "",
    ]
    if not highlights:
        return "\n".join([*head, "No catalogued claims found."])
    rows = [
        (h["claim_id"], h["label"], f"{h['score']:.2f}", "\n".join([h["quote"]["exact"], _why(h)]))
        for h in highlights
    ]
    return "\n".join([*head, table(("CLAIM", "VERDICT", "SCORE", "SENTENCE"), rows, spaced=True)])


def analyze(args: argparse.Namespace) -> int:
    runtime = load_runtime(Config.from_env())
    if args.text:
        result = analyze_source(runtime, args.url, text=_read_text(args.file))
    else:
        result = analyze_source(runtime, args.url, html=_read(args.file))
    if args.json:
        _print_json(result)
    else:
        print(_analysis_table(result))
    return 0


def extract(args: argparse.Namespace) -> int:
    page = read_page(args.url, _read(args.file), None)
    if args.json:
        _print_json(page_json(page))
    else:
        print("\n\n".join([f"# {page.title or '(untitled)'}", *(b.text for b in page.blocks)]))
    return 0


def claims_validate(args: argparse.Namespace) -> int:
    database = _database(args.directory)
    failures = claim_test_failures(Matcher(database))
    for failure in failures:
        print(failure)
    if failures:
        print(f"caveat: {len(failures)} claim self-test(s) failed in {database.directory}", file=sys.stderr)
        return 1
    print(f"{len(database)} claims in {database.directory}: valid, all self-tests pass")
    return 0


def claims_list(args: argparse.Namespace) -> int:
    database = _database()
    if args.json:
        _print_json(claims_json(database))
    else:
        rows = [(c.id, c.label, c.severity, c.claim) for c in database]
        print(table(("ID", "VERDICT", "SEVERITY", "CLAIM"), rows))
    return 0


def _claim_text(claim: Claim) -> str:
    wrap = textwrap.TextWrapper(width=min(100, shutil.get_terminal_size((100, 24)).columns))
    sources = [f"  - {s.title}. {s.publisher}, {s.year}. {s.url}" for s in claim.sources]
    return "\n".join(
        [
            f"{claim.id}: {claim.label} (severity {claim.severity})",
            "",
            wrap.fill(f"Claim: {claim.claim}"),
            wrap.fill(f"Summary: {claim.summary}"),
            "",
            wrap.fill(claim.explanation),
            "",
            wrap.fill(f"Disclaimer: {claim.disclaimer}"),
            "Sources:",
            *sources,
        ]
    )


def claims_show(args: argparse.Namespace) -> int:
    claim = _claim(_database(), args.id)
    if args.json:
        _print_json(claim.warning())
    else:
        print(_claim_text(claim))
    return 0


def claims_export(args: argparse.Namespace) -> int:
    try:
        from caveat.claimreview import export_claimreview
    except ImportError:
        raise CliError("ClaimReview export is not available in this version") from None
    publisher = args.publisher or Config.from_env().publisher
    try:
        data = export_claimreview(_database(), publisher, args.base_url, args.date)
    except ValueError as err:
        raise CliError(f"cannot export: {err}") from None
    text = json.dumps(data, indent=2, ensure_ascii=False) + "\n"
    if args.output:
        Path(args.output).write_text(text, encoding="utf-8")
    else:
        sys.stdout.write(text)
    return 0


def claims_import(args: argparse.Namespace) -> int:
    try:
        from caveat.claimreview import import_claimreview
    except ImportError:
        raise CliError("ClaimReview import is not available in this version") from None
    try:
        data = json.loads(_read_text(args.file))
    except json.JSONDecodeError as err:
        raise CliError(f"{args.file} is not JSON: {err}") from None
    directory = Path(args.into) if args.into else (Config.from_env().claims_dir or BUNDLED_CLAIMS)
    try:
        written = import_claimreview(data, directory)
    except ValueError as err:
        raise CliError(f"cannot import {args.file}: {err}") from None
    for path in written:
        print(path)
    print(f"{len(written)} claim file(s) written; check them with `caveat claims validate`", file=sys.stderr)
    return 0


def config_check(args: argparse.Namespace) -> int:
    config = Config.from_env()
    rows = [(name, value, SETTINGS[name]) for name, value in config.describe().items()]
    print(table(("VARIABLE", "VALUE", "MEANING"), rows))
    if not config.is_loopback and not config.token:
        print(f"\nwarning: `caveat serve` refuses to bind to {config.host} without CAVEAT_TOKEN")
    database = load_database(config.claims_dir)
    print(f"\nclaim database: {len(database)} claims in {database.directory}")
    running = "compiled (mypyc)" if compiled.running_compiled() else "plain Python (slower; self-hosting.md)"
    print(f"sentence splitting and matching: {running}")
    cleaning = "Caveat's faster copy" if readability_clean.installed() else "the library's own (slower)"
    print(f"readability-lxml's white-space cleaning: {cleaning}")
    return 0


def _source_args(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("file", metavar="FILE", help="HTML file, or - for standard input")
    parser.add_argument("--url", default="", help="the page's address, for the record (never fetched)")
    parser.add_argument("--json", action="store_true", help="print the API's JSON")


def _add(subparsers: Any, name: str, handler: Handler, help: str) -> argparse.ArgumentParser:
    parser = subparsers.add_parser(name, help=help, description=help)
    parser.set_defaults(handler=handler)
    return parser


def _group(subparsers: Any, name: str, help: str) -> Any:
    parser = subparsers.add_parser(name, help=help, description=help)
    return parser.add_subparsers(dest=f"{name}_action", required=True, metavar="ACTION")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="caveat",
        description="Warns readers about false or misleading health claims. Settings: CAVEAT_* variables.",
    )
    parser.add_argument("--version", action="version", version=f"caveat {__version__}")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    serve_parser = _add(commands, "serve", serve, "run the API server (werkzeug, threaded)")
    serve_parser.add_argument("--host", help="address to bind (default CAVEAT_HOST or 127.0.0.1)")
    serve_parser.add_argument("--port", type=int, help="port (default CAVEAT_PORT or 8765)")

    analyze_parser = _add(commands, "analyze", analyze, "list the claims a page makes")
    _source_args(analyze_parser)
    analyze_parser.add_argument("--text", action="store_true", help="FILE is plain text, not HTML")
    _source_args(_add(commands, "extract", extract, "print the text the server would check"))

    claims = _group(commands, "claims", "the claim database")
    validate = _add(claims, "validate", claims_validate, "check claim files: schema and self-tests")
    validate.add_argument("directory", nargs="?", metavar="DIR", help="default: CAVEAT_CLAIMS_DIR or bundled")
    _add(claims, "list", claims_list, "list the claims").add_argument("--json", action="store_true")
    show = _add(claims, "show", claims_show, "show one claim's warning")
    show.add_argument("id", metavar="ID")
    show.add_argument("--json", action="store_true")
    export = _add(claims, "export", claims_export, "export the database as ClaimReview JSON-LD")
    export.add_argument("--format", choices=["claimreview"], default="claimreview")
    export.add_argument("--publisher", help="default: CAVEAT_PUBLISHER")
    export.add_argument(
        "--base-url", required=True, help="where readers read the reviews, e.g. https://host/api/v1/claims/"
    )
    export.add_argument("--date", default=date.today().isoformat(), help="datePublished (default: today)")
    export.add_argument("--output", "-o", metavar="FILE", help="default: standard output")
    import_ = _add(claims, "import", claims_import, "write claim files from ClaimReview JSON-LD")
    import_.add_argument("file", metavar="FILE", help="ClaimReview JSON-LD, or - for standard input")
    import_.add_argument("--into", metavar="DIR", help="default: CAVEAT_CLAIMS_DIR or bundled")

    config = _group(commands, "config", "the server's settings")
    _add(config, "check", config_check, "show the effective settings (token masked)")

    # imported here: feedback_cli builds on this module's helpers
    from caveat.feedback_cli import add_commands

    add_commands(commands, _add, _group)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return args.handler(args)
    except (CliError, ClaimFileError, ConfigError) as err:
        print(f"caveat: {err}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # the reader (e.g. `| head`) stopped early; say nothing more to the closed pipe
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 141

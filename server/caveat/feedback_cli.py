"""``caveat feedback``: curators read, export and resolve reader reports.

The commands open the store CAVEAT_FEEDBACK_DB names, as the server does, so they work on the
server's own database (SQLite's WAL mode lets them read while the server writes).
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from caveat.cli import CliError, table
from caveat.config import Config
from caveat.feedback import KINDS, StoredReport
from caveat.feedback_store import FeedbackStore, StoreError, store_for

Handler = Callable[[argparse.Namespace], int]
# the order of the export's columns and of each JSON report's fields
_EXPORT_FIELDS = ("id", "created_at", "kind", "claim_id", "url", "quote", "comment", "resolved_at", "note")


@contextmanager
def _store() -> Iterator[FeedbackStore]:
    store = store_for(Config.from_env().feedback_db)
    if store is None:
        raise CliError("feedback is off (CAVEAT_FEEDBACK_DB=off): there are no reports to read")
    try:
        yield store
    except StoreError as err:
        raise CliError(str(err)) from None


def _state(report: StoredReport) -> str:
    return f"resolved: {report.note}" if report.resolved_at else "open"


def feedback_list(args: argparse.Namespace) -> int:
    with _store() as store:
        reports = store.reports(kind=args.kind, claim_id=args.claim)
    if args.json:
        print(json.dumps([r.as_json() for r in reports], indent=2, ensure_ascii=False))
        return 0
    if not reports:
        print("No reports.")
        return 0
    rows = [
        (
            str(r.id),
            r.created_at[:16].replace("T", " "),
            r.report.kind,
            r.report.claim_id or "-",
            "\n".join(filter(None, [r.report.url, r.report.quote, r.report.comment, _state(r)])),
        )
        for r in reports
    ]
    print(table(("ID", "WHEN (UTC)", "KIND", "CLAIM", "REPORT"), rows, spaced=True))
    return 0


def _write_export(reports: list[StoredReport], form: str, out: Any) -> None:
    if form == "json":
        json.dump([r.as_json() for r in reports], out, indent=2, ensure_ascii=False)
        out.write("\n")
        return
    writer = csv.DictWriter(out, fieldnames=_EXPORT_FIELDS)
    writer.writeheader()
    writer.writerows(r.as_json() for r in reports)


def feedback_export(args: argparse.Namespace) -> int:
    with _store() as store:
        reports = store.reports(kind=args.kind, claim_id=args.claim)
    if not args.output:
        _write_export(reports, args.format, sys.stdout)
        return 0
    try:
        with open(args.output, "w", encoding="utf-8", newline="") as out:
            _write_export(reports, args.format, out)
    except OSError as err:
        raise CliError(f"cannot write {args.output}: {err.strerror or err}") from None
    print(f"{len(reports)} report(s) written to {args.output}", file=sys.stderr)
    return 0


def feedback_resolve(args: argparse.Namespace) -> int:
    if not args.note.strip():
        raise CliError("--note must say how the report was dealt with")
    with _store() as store:
        if not store.resolve(args.id, args.note.strip()):
            raise CliError(f"no report with id {args.id} (see `caveat feedback list`)")
    print(f"report {args.id} resolved")
    return 0


def add_commands(
    commands: Any,
    add: Callable[[Any, str, Handler, str], argparse.ArgumentParser],
    group: Callable[[Any, str, str], Any],
) -> None:
    """The ``feedback`` command group, built with cli.py's own helpers."""
    feedback = group(commands, "feedback", "reader reports (CAVEAT_FEEDBACK_DB)")
    listing = add(feedback, "list", feedback_list, "list reports, oldest first")
    export = add(feedback, "export", feedback_export, "export reports as CSV or JSON")
    for parser in (listing, export):
        parser.add_argument("--kind", choices=KINDS, help="only reports of this kind")
        parser.add_argument("--claim", metavar="ID", help="only reports about this claim")
    listing.add_argument("--json", action="store_true", help="print JSON")
    export.add_argument("--format", choices=["csv", "json"], default="csv")
    export.add_argument("--output", "-o", metavar="FILE", help="default: standard output")
    resolve = add(feedback, "resolve", feedback_resolve, "mark a report dealt with")
    resolve.add_argument("id", type=int, metavar="ID")
    resolve.add_argument("--note", required=True, help="what was done, e.g. 'claim file tightened'")

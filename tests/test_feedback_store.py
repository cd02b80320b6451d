"""The feedback store on SQLite and on a real PostgreSQL server that the tests start themselves.

PostgreSQL comes from Debian (`apt-get install postgresql`): initdb into a temporary folder, then
pg_ctl on a free loopback port, as an unprivileged user when the tests run as root (initdb
refuses root). In CI (CI=true) a server that cannot start fails the run; elsewhere those tests skip.
"""

from __future__ import annotations

import glob
import os
import shutil
import sqlite3
import subprocess
import tempfile
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

from caveat.config import ConfigError
from caveat.feedback import Report
from caveat.feedback_store import (
    FeedbackStore,
    SqliteStore,
    StoreError,
    migrations,
    open_store,
    statements,
    store_for,
)

FALSE_POSITIVE = Report(
    url="https://a.example/", kind="false_positive", quote="Kratom is a plant.", claim_id="c1", comment="fine"
)
MISSED = Report(url="https://b.example/", kind="missed_claim", quote="Kratom cures cancer.")


def _unavailable(reason: str) -> None:
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(f"PostgreSQL tests cannot run in CI: {reason}", pytrace=False)
    pytest.skip(reason)


def _free_port() -> int:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[str]:
    """A PostgreSQL server on loopback for this session; yields the URL of its admin database."""
    try:
        import psycopg  # noqa: F401
    except ImportError:
        _unavailable("psycopg is not installed (pip install -e '.[postgres]')")
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"))
    if not found:
        _unavailable("PostgreSQL server binaries not found (apt-get install postgresql)")
    bin_dir = Path(found[-1]).parent
    # under /tmp, not pytest's private tmp folder: an unprivileged server must reach it
    root = Path(tempfile.mkdtemp(prefix="caveat-pg-"))
    as_user: list[str] = []
    if os.geteuid() == 0:
        shutil.chown(root, user="nobody")
        as_user = ["runuser", "-u", "nobody", "--"]
    data, port = root / "data", _free_port()

    def run(*argv: str) -> None:
        done = subprocess.run([*as_user, *argv], capture_output=True, text=True, check=False)
        if done.returncode:
            log = (root / "log").read_text() if (root / "log").exists() else ""
            _unavailable(f"{argv[0]} failed: {done.stderr.strip() or done.stdout.strip()} {log}")

    try:
        run(
            str(bin_dir / "initdb"),
            "-D",
            str(data),
            "-U",
            "caveat",
            "--auth=trust",
            "--no-sync",
            "-E",
            "UTF8",
        )
        # -F: no fsync; these tests check the SQL, not PostgreSQL's own durability
        options = f"-k {root} -p {port} -c listen_addresses=127.0.0.1 -F"
        run(str(bin_dir / "pg_ctl"), "-D", str(data), "-l", str(root / "log"), "-o", options, "-w", "start")
        yield f"postgresql://caveat@127.0.0.1:{port}/postgres"
        run(str(bin_dir / "pg_ctl"), "-D", str(data), "-m", "immediate", "-w", "stop")
    finally:
        shutil.rmtree(root, ignore_errors=True)


@pytest.fixture
def postgres_url(postgres_server: str) -> str:
    """A fresh, empty database on the session's server."""
    import psycopg

    name = f"t_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(postgres_server, autocommit=True) as connection:
        connection.execute(f"CREATE DATABASE {name}")
    return postgres_server.rsplit("/", 1)[0] + f"/{name}"


@pytest.fixture(params=["sqlite", "postgresql"])
def location(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    if request.param == "sqlite":
        return str(tmp_path / "feedback.sqlite3")
    return request.getfixturevalue("postgres_url")


@pytest.fixture
def store(location: str) -> FeedbackStore:
    return open_store(location)


def test_a_report_is_stored_with_an_id_and_a_utc_time(store: FeedbackStore) -> None:
    first, second = store.add(FALSE_POSITIVE), store.add(MISSED)
    assert second.id > first.id
    assert first.created_at.endswith("Z")
    listed = store.reports()
    assert [(r.id, r.report) for r in listed] == [(first.id, FALSE_POSITIVE), (second.id, MISSED)]
    assert listed[0].created_at == first.created_at
    assert listed[0].resolved_at is None


def test_reports_filter_by_kind_and_claim(store: FeedbackStore) -> None:
    store.add(FALSE_POSITIVE)
    store.add(MISSED)
    assert [r.report for r in store.reports(kind="missed_claim")] == [MISSED]
    assert [r.report for r in store.reports(claim_id="c1")] == [FALSE_POSITIVE]
    assert store.reports(kind="missed_claim", claim_id="c1") == []


def test_resolve_records_a_note(store: FeedbackStore) -> None:
    stored = store.add(FALSE_POSITIVE)
    assert store.resolve(stored.id, "claim tightened")
    (report,) = store.reports()
    assert report.note == "claim tightened"
    assert report.resolved_at is not None
    assert not store.resolve(stored.id + 100, "no such report")


def test_opening_again_keeps_reports_and_applies_nothing_twice(location: str) -> None:
    open_store(location).add(MISSED)
    again = open_store(location)
    assert again.version() == migrations(again.dialect)[-1][0]
    assert [r.report for r in again.reports()] == [MISSED]


def test_an_old_database_is_migrated_with_its_reports(tmp_path: Path) -> None:
    path = tmp_path / "old.sqlite3"
    # a database as version 1 left it: reports without resolution columns
    with sqlite3.connect(path) as connection:
        connection.execute("CREATE TABLE schema_version (version INTEGER NOT NULL)")
        for statement in statements(migrations("sqlite")[0][1]):
            connection.execute(statement)
        connection.execute("INSERT INTO schema_version VALUES (1)")
        connection.execute(
            "INSERT INTO reports (created_at, kind, url, quote) VALUES "
            "('2026-01-01T00:00:00.000Z', 'missed_claim', 'https://b.example/', 'Kratom cures cancer.')"
        )
    store = open_store(str(path))
    assert store.version() == 2
    (old,) = store.reports()
    assert (old.id, old.created_at, old.report) == (1, "2026-01-01T00:00:00.000Z", MISSED)
    assert store.resolve(1, "added a claim")
    assert store.add(FALSE_POSITIVE).id == 2


def test_migrations_are_numbered_alike_for_both_databases() -> None:
    sqlite_versions = [v for v, _ in migrations("sqlite")]
    assert sqlite_versions == list(range(1, len(sqlite_versions) + 1))
    assert [v for v, _ in migrations("postgresql")] == sqlite_versions


def test_a_database_from_a_newer_caveat_is_refused(location: str) -> None:
    store = open_store(location)
    with store._transaction() as connection:
        connection.execute("INSERT INTO schema_version (version) VALUES (99)")
    with pytest.raises(StoreError, match="schema version 99"):
        open_store(location)


def test_sqlite_runs_in_wal_mode(tmp_path: Path) -> None:
    SqliteStore(tmp_path / "f.sqlite3")
    with sqlite3.connect(tmp_path / "f.sqlite3") as connection:
        assert connection.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_a_store_that_cannot_open_names_the_variable(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("")
    with pytest.raises(ConfigError, match="CAVEAT_FEEDBACK_DB"):
        store_for(str(blocker / "feedback.sqlite3"))
    with pytest.raises(ConfigError, match=r"CAVEAT_FEEDBACK_DB.*PostgreSQL"):
        store_for(f"postgresql://nobody@127.0.0.1:{_free_port()}/none")


def test_off_means_no_store() -> None:
    assert store_for("off") is None


def test_the_default_is_in_the_user_data_directory(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path))
    store = store_for("")
    assert isinstance(store, SqliteStore)
    assert store.path == tmp_path / "caveat" / "feedback.sqlite3"

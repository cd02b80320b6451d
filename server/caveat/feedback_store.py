"""Where reader reports are kept: a SQLite file on one machine, PostgreSQL for several.

CAVEAT_FEEDBACK_DB picks the store: a file path (default ``feedback.sqlite3`` in the user's
data directory), a ``postgresql://`` URL, or ``off``. Both stores run the same statements; only
the connection, the placeholder and the migration lock differ.

Durability: a 201 tells the reader their report is kept, so each report is committed before
the answer. SQLite runs in WAL mode (readers never block the writer, and workers of several
processes share the file) with ``synchronous=FULL``: every commit is fsynced to the WAL, so an
acknowledged report survives a power cut too, not only a crashed process. Reports are few, so the
extra fsync costs nothing that matters.

Schema changes are versioned SQL files in ``caveat/migrations/<dialect>/NNNN_name.sql``. At
open, the store applies the ones above the version recorded in ``schema_version``, in order, in
one transaction that holds the write lock, so workers starting together migrate once.
"""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Iterator
from contextlib import AbstractContextManager, contextmanager
from datetime import datetime, timezone
from importlib import resources
from pathlib import Path
from typing import Any

import platformdirs

from caveat.config import ConfigError
from caveat.feedback import Report, StoredReport

ENV = "CAVEAT_FEEDBACK_DB"
BUSY_SECONDS = 30.0  # how long a writer waits for another's lock before giving up
CONNECT_SECONDS = 10
_MIGRATION = re.compile(r"^(\d{4})_\w+\.sql$")
# Any constant: PostgreSQL's advisory lock key that serializes migrations across machines.
_PG_MIGRATION_LOCK = 0x63617665


class StoreError(RuntimeError):
    """The store cannot be reached or is not a Caveat feedback database; the message says which."""


def default_path() -> Path:
    return Path(platformdirs.user_data_dir("caveat", appauthor=False)) / "feedback.sqlite3"


def migrations(dialect: str) -> list[tuple[int, str]]:
    """(version, SQL) of every migration for ``dialect``, in version order."""
    folder = resources.files("caveat") / "migrations" / dialect
    found = []
    for entry in folder.iterdir():
        match = _MIGRATION.match(entry.name)
        if match:
            found.append((int(match.group(1)), entry.read_text(encoding="utf-8")))
    return sorted(found)


def statements(sql: str) -> list[str]:
    """The statements of a migration file: ours end each one with ';' at a line's end."""
    without_comments = "\n".join(line for line in sql.splitlines() if not line.lstrip().startswith("--"))
    return [s.strip() for s in re.split(r";\s*$", without_comments, flags=re.M) if s.strip()]


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="milliseconds").replace("+00:00", "Z")


_COLUMNS = "id, created_at, kind, claim_id, url, quote, comment, resolved_at, note"


def _stored(row: tuple[Any, ...]) -> StoredReport:
    id_, created_at, kind, claim_id, url, quote, comment, resolved_at, note = row
    report = Report(url=url, kind=kind, quote=quote, claim_id=claim_id, comment=comment)
    return StoredReport(int(id_), created_at, report, resolved_at, note)


class FeedbackStore:
    """Reports in a SQL database; subclasses say how to connect and lock."""

    dialect = ""
    placeholder = "?"

    def _transaction(self) -> AbstractContextManager[Any]:
        """A connection in a transaction that holds the write lock, committed on a clean exit."""
        raise NotImplementedError

    def _lock_for_migration(self, connection: Any) -> None:
        """Serialize migrations; SQLite's BEGIN IMMEDIATE already does."""

    def describe(self) -> str:
        raise NotImplementedError

    def _sql(self, statement: str) -> str:
        return statement.replace("?", self.placeholder)

    def migrate(self) -> int:
        """Bring the schema to the newest version; returns it. Refuses a database from a newer Caveat."""
        known = migrations(self.dialect)
        newest = known[-1][0]
        with self._transaction() as connection:
            self._lock_for_migration(connection)
            connection.execute("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)")
            current = connection.execute("SELECT MAX(version) FROM schema_version").fetchone()[0] or 0
            if current > newest:
                raise StoreError(
                    f"{self.describe()} is at schema version {current}; this Caveat knows up to {newest}"
                )
            for version, sql in known:
                if version > current:
                    for statement in statements(sql):
                        connection.execute(statement)
                    connection.execute(
                        self._sql("INSERT INTO schema_version (version) VALUES (?)"), (version,)
                    )
        return newest

    def version(self) -> int:
        with self._transaction() as connection:
            return connection.execute("SELECT MAX(version) FROM schema_version").fetchone()[0] or 0

    def add(self, report: Report) -> StoredReport:
        """Store one report; it is committed when this returns."""
        created_at = _now()
        with self._transaction() as connection:
            row = connection.execute(
                self._sql(
                    "INSERT INTO reports (created_at, kind, claim_id, url, quote, comment) "
                    "VALUES (?, ?, ?, ?, ?, ?) RETURNING id"
                ),
                (created_at, report.kind, report.claim_id, report.url, report.quote, report.comment),
            ).fetchone()
        return StoredReport(int(row[0]), created_at, report)

    def reports(self, kind: str | None = None, claim_id: str | None = None) -> list[StoredReport]:
        """Reports oldest first, optionally only of one kind or about one claim."""
        where, params = [], []
        for column, value in (("kind", kind), ("claim_id", claim_id)):
            if value is not None:
                where.append(f"{column} = ?")
                params.append(value)
        clause = f" WHERE {' AND '.join(where)}" if where else ""
        with self._transaction() as connection:
            rows = connection.execute(
                self._sql(f"SELECT {_COLUMNS} FROM reports{clause} ORDER BY id"), params
            ).fetchall()
        return [_stored(row) for row in rows]

    def resolve(self, report_id: int, note: str) -> bool:
        """Mark a report dealt with; False when there is no such report."""
        with self._transaction() as connection:
            cursor = connection.execute(
                self._sql("UPDATE reports SET resolved_at = ?, note = ? WHERE id = ?"),
                (_now(), note, report_id),
            )
            return cursor.rowcount == 1


class SqliteStore(FeedbackStore):
    dialect = "sqlite"

    def __init__(self, path: Path) -> None:
        self.path = path
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            with self._connection() as connection:
                # persistent in the file; must be set outside a transaction
                mode = connection.execute("PRAGMA journal_mode=WAL").fetchone()[0]
        except (OSError, sqlite3.Error) as err:
            raise StoreError(f"cannot open the feedback database {path}: {err}") from None
        if mode != "wal":
            raise StoreError(f"the feedback database {path} cannot use WAL mode (journal mode {mode!r})")

    def describe(self) -> str:
        return f"the feedback database {self.path}"

    @contextmanager
    def _connection(self) -> Iterator[sqlite3.Connection]:
        # isolation_level=None: the transactions below are ours, not the sqlite3 module's guesses
        connection = sqlite3.connect(self.path, timeout=BUSY_SECONDS, isolation_level=None)
        try:
            connection.execute("PRAGMA synchronous=FULL")
            yield connection
        finally:
            connection.close()

    @contextmanager
    def _transaction(self) -> Iterator[sqlite3.Connection]:
        try:
            with self._connection() as connection:
                connection.execute("BEGIN IMMEDIATE")
                try:
                    yield connection
                except BaseException:
                    connection.execute("ROLLBACK")
                    raise
                connection.execute("COMMIT")
        except sqlite3.Error as err:
            raise StoreError(f"{self.describe()} failed: {err}") from err


class PostgresStore(FeedbackStore):
    dialect = "postgresql"
    placeholder = "%s"

    def __init__(self, url: str) -> None:
        try:
            import psycopg
        except ImportError:
            raise StoreError(
                f"{ENV} is a PostgreSQL URL but psycopg is not installed: pip install 'caveat[postgres]'"
            ) from None
        self.url = url
        self._psycopg = psycopg

    def describe(self) -> str:
        return "the PostgreSQL feedback database"  # the URL may hold a password

    @contextmanager
    def _transaction(self) -> Iterator[Any]:
        try:
            # psycopg's connection block commits on a clean exit, rolls back on an error, and closes
            with self._psycopg.connect(self.url, connect_timeout=CONNECT_SECONDS) as connection:
                yield connection
        except self._psycopg.Error as err:
            raise StoreError(f"{self.describe()} failed: {err}") from err

    def _lock_for_migration(self, connection: Any) -> None:
        connection.execute("SELECT pg_advisory_xact_lock(%s)", (_PG_MIGRATION_LOCK,))


def open_store(location: str) -> FeedbackStore:
    """The store at a path or ``postgresql://`` URL, migrated to the newest schema."""
    if location.startswith(("postgresql://", "postgres://")):
        store: FeedbackStore = PostgresStore(location)
    else:
        store = SqliteStore(Path(location).expanduser())
    store.migrate()
    return store


def store_for(location: str) -> FeedbackStore | None:
    """The store CAVEAT_FEEDBACK_DB names ("" the default file, None for ``off``).

    A store that cannot open is a configuration error, so it stops the start.
    """
    location = location.strip() or str(default_path())
    if location.lower() == "off":
        return None
    try:
        return open_store(location)
    except StoreError as err:
        raise ConfigError(f"{ENV}: {err}") from None

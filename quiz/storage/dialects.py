"""Where SQLite and PostgreSQL differ, in one place, so the rest of storage is written once.

Queries are written once, with ``?`` placeholders and the SQL both engines share (``ON
CONFLICT``, ``RETURNING``); a ``Database`` runs them on its engine. What differs: how to
connect, placeholders, the id column's type, how the schema version is kept (SQLite's
``user_version``; a one-row table in PostgreSQL), how a migration locks out other first
runs, and how the engine's errors read. SQLite needs nothing but the standard library;
psycopg is imported only for a ``postgresql://`` URL.
"""

from __future__ import annotations

import os
import re
import sqlite3
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, unquote, urlsplit

from quiz.errors import RuntimeFailure
from quiz.safetext import hide_passwords

Row = tuple[Any, ...]

POSTGRES_SCHEMES = ("postgresql", "postgres")
INSTALL_HINT = "pip install -e '.[postgres]'"
# A name no other program is likely to hold: the version table marks a database as ours.
VERSION_TABLE = "skillquiz_schema"
# pg_advisory_xact_lock key for migrations: parallel first runs wait for the first one.
_MIGRATION_LOCK = 0x5C11_0_A11
# How long a statement waits for a lock another session holds, as SQLite's busy timeout
# (set in quiz/storage/opening.py); then the failure says so.
LOCK_TIMEOUT = "10s"
LOCK_NOT_AVAILABLE = "55P03"  # PostgreSQL's SQLSTATE for lock_timeout running out


class Database:
    """One connection to the attempts database. Subclasses hold the engine's differences."""

    engine = ""
    # Tokens in DDL: the id column and a floating point column.
    id_column = ""
    real = ""

    def __init__(self, where: str) -> None:
        self.where = where

    # After CREATE TABLE ( ... ): SQLite keeps a table keyed by its primary key alone.
    without_rowid = ""
    # After a SELECT of rows about to be written: locks them to the end of the transaction
    # (SQLite's write transactions already run one at a time).
    lock_rows = ""

    def claim(self, attempt_id: int) -> bool:
        """Hold an attempt for this connection until it closes (or ``release``): False when
        another session holds it. A process that dies lets go of it at once."""
        return True

    def release(self, attempt_id: int) -> None:
        """Let go of an attempt held by ``claim`` (it is finished: no one needs it again)."""

    def ddl(self, sql: str) -> str:
        return sql.format(id=self.id_column, real=self.real, without_rowid=self.without_rowid)

    def execute(self, sql: str, parameters: Sequence[Any] = ()) -> Any:
        raise NotImplementedError

    def executemany(self, sql: str, rows: Iterable[Sequence[Any]]) -> None:
        raise NotImplementedError

    def rows(self, sql: str, parameters: Sequence[Any] = ()) -> list[Row]:
        return list(self.execute(sql, parameters).fetchall())

    def stream(self, sql: str, parameters: Sequence[Any] = ()) -> Iterator[Row]:
        """Rows as the engine hands them over, never all held at once."""
        raise NotImplementedError

    def begin(self, *, migration: bool = False) -> None:
        raise NotImplementedError

    def commit(self) -> None:
        self.execute("COMMIT")

    def rollback(self) -> None:
        raise NotImplementedError

    def version(self) -> int:
        raise NotImplementedError

    def set_version(self, version: int) -> None:
        raise NotImplementedError

    def tables(self) -> set[str]:
        """The names of the tables in the database (in PostgreSQL: in the search path)."""
        raise NotImplementedError

    def failure(self, error: Exception) -> RuntimeFailure:
        """The one-line failure for one of this engine's errors."""
        raise NotImplementedError

    def errors(self) -> tuple[type[Exception], ...]:
        raise NotImplementedError

    def close(self) -> None:
        raise NotImplementedError


class Unreadable(str):
    """A stored text value that is not valid UTF-8, kept so the row still lists."""


def _text(raw: bytes) -> str:
    """SQLite TEXT as str; bytes that are not UTF-8 (written by hand or another program) mark
    the value unreadable instead of failing the whole query, so one bad row spoils itself only."""
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        return Unreadable(raw.decode("utf-8", "replace"))


def _sqlite_code(error: sqlite3.Error) -> int:
    """SQLite's primary result code for an error (SQLITE_CORRUPT, SQLITE_NOTADB, ...)."""
    return int(getattr(error, "sqlite_errorcode", -1)) & 0xFF


def sqlite_broken(error: sqlite3.Error) -> bool:
    """The file itself is unusable (not a database, or malformed), not merely unreachable."""
    if _sqlite_code(error) in (sqlite3.SQLITE_CORRUPT, sqlite3.SQLITE_NOTADB):
        return True
    text = str(error)
    return "not a database" in text or "malformed" in text


def sqlite_failure(path: Path, error: Exception) -> RuntimeFailure:
    """Advise moving the file away only when it is broken: a read-only folder or a full
    disk passes, and the attempts in the file are worth keeping."""
    broken = isinstance(error, sqlite3.Error) and sqlite_broken(error)
    advice = " (move the file away to start afresh)" if broken else ""
    return RuntimeFailure(f"cannot use the attempts database {path}: {error}{advice}")


def sqlite_unreachable(error: sqlite3.Error) -> bool:
    return _sqlite_code(error) in (sqlite3.SQLITE_CANTOPEN, sqlite3.SQLITE_READONLY)


class SQLite(Database):
    engine = "sqlite"
    id_column = "INTEGER PRIMARY KEY AUTOINCREMENT"
    real = "REAL"
    without_rowid = " WITHOUT ROWID"

    def __init__(self, conn: sqlite3.Connection, path: Path) -> None:
        super().__init__(str(path))
        self.conn = conn
        self.path = path
        self._claims: dict[int, int] = {}  # attempt id -> descriptor of its lock file

    def _claim_file(self, attempt_id: int) -> Path:
        return self.path.with_name(f"{self.path.name}-taking") / f"{attempt_id}.lock"

    def claim(self, attempt_id: int) -> bool:
        """An attempt's lock file beside the database, locked with flock: a lock belongs to
        the open file, so even two stores in one process exclude each other, and the
        system lets go of it when the process ends, however it ends. OSError when no file
        can be made there (a folder that takes no files takes no answers either)."""
        if attempt_id in self._claims:
            return True
        try:
            import fcntl
        except ImportError:  # pragma: no cover (Windows): one taker at a time is trusted
            return True
        path = self._claim_file(attempt_id)
        path.parent.mkdir(exist_ok=True)
        descriptor = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
        try:
            fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            os.close(descriptor)
            return False
        except OSError:
            os.close(descriptor)
            raise
        self._claims[attempt_id] = descriptor
        return True

    def release(self, attempt_id: int) -> None:
        descriptor = self._claims.pop(attempt_id, None)
        if descriptor is None:
            return
        # Removed while still locked: a session that opened it meanwhile finds it locked
        # (and is refused), and one that comes later makes a new file and finds the
        # attempt finished.
        self._claim_file(attempt_id).unlink(missing_ok=True)
        os.close(descriptor)

    @classmethod
    def connect(cls, path: Path, *, uri: str | None = None) -> SQLite:
        conn = sqlite3.connect(uri or path, uri=uri is not None, timeout=10, isolation_level=None)
        conn.text_factory = _text
        return cls(conn, path)

    def execute(self, sql: str, parameters: Sequence[Any] = ()) -> sqlite3.Cursor:
        return self.conn.execute(sql, tuple(parameters))

    def executemany(self, sql: str, rows: Iterable[Sequence[Any]]) -> None:
        self.conn.executemany(sql, rows)

    def stream(self, sql: str, parameters: Sequence[Any] = ()) -> Iterator[Row]:
        yield from self.conn.execute(sql, tuple(parameters))

    def begin(self, *, migration: bool = False) -> None:
        # IMMEDIATE takes the write lock at once, so a version read inside the transaction
        # is still true when the migration writes: a second first run waits, then sees it.
        self.conn.execute("BEGIN IMMEDIATE")

    def rollback(self) -> None:
        if self.conn.in_transaction:
            self.conn.execute("ROLLBACK")

    def version(self) -> int:
        return int(self.conn.execute("PRAGMA user_version").fetchone()[0])

    def set_version(self, version: int) -> None:
        self.conn.execute(f"PRAGMA user_version = {int(version)}")

    def tables(self) -> set[str]:
        rows = self.conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
        return {str(row[0]) for row in rows}

    def errors(self) -> tuple[type[Exception], ...]:
        return (sqlite3.Error,)

    def failure(self, error: Exception) -> RuntimeFailure:
        return sqlite_failure(self.path, error)

    def close(self) -> None:
        self.conn.close()
        for descriptor in self._claims.values():
            os.close(descriptor)
        self._claims.clear()


def url_scheme(url: str) -> str:
    """The scheme of a database URL, lower case ("" when there is none)."""
    scheme, sep, _ = url.partition("://")
    return scheme.lower() if sep else ""


def is_postgres(url: str) -> bool:
    return url_scheme(url) in POSTGRES_SCHEMES


def shown_url(url: str) -> str:
    """A URL as printed in messages: any password (``user:pw@``, ``?password=``) as ***."""
    return hide_passwords(url)


def _secrets(url: str) -> list[str]:
    """The passwords a URL carries, as typed and decoded, longest first: libpq quotes parts
    of a URL it cannot read in its messages, so they are hidden wherever they appear."""
    found: set[str] = set()
    try:
        parts = urlsplit(url)
        if parts.password:
            found.add(parts.password)
        for key, value in parse_qsl(parts.query, keep_blank_values=False):
            if key.lower().endswith("password"):
                found.add(value)
        found |= {unquote(secret) for secret in found}
    except ValueError:  # not a URL urllib can read: hide_passwords still hides its parts
        pass
    return sorted((secret for secret in found if len(secret) >= 3), key=len, reverse=True)


def _first_line(error: Exception, url: str = "") -> str:
    """psycopg's messages run over several lines (the server's DETAIL and HINT); the first,
    with no password in it."""
    lines = [line.strip() for line in str(error).splitlines() if line.strip()]
    line = lines[0] if lines else type(error).__name__
    for secret in _secrets(url):
        line = line.replace(secret, "***")
    return hide_passwords(line)


def _lock_keys(attempt_id: int) -> tuple[int, int]:
    """An attempt id as the two 32-bit keys of a PostgreSQL advisory lock: every id its own
    pair, in the two-key space (the migration lock is in the one-key space)."""
    high, low = attempt_id >> 32, attempt_id & 0xFFFFFFFF
    return high, low - (1 << 32) if low >= 1 << 31 else low


class PostgreSQL(Database):
    engine = "postgresql"
    id_column = "BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY"
    real = "DOUBLE PRECISION"
    lock_rows = " FOR UPDATE"

    def claim(self, attempt_id: int) -> bool:
        """A session-level advisory lock: the server lets go of it when the connection
        ends, however the process that held it ended."""
        if attempt_id in self._claims:
            return True
        row = self.conn.execute(
            "SELECT pg_try_advisory_lock(%s, %s)", _lock_keys(attempt_id)
        ).fetchone()
        if row[0]:
            self._claims.add(attempt_id)
        return bool(row[0])

    def release(self, attempt_id: int) -> None:
        if attempt_id in self._claims:
            self._claims.discard(attempt_id)
            self.conn.execute("SELECT pg_advisory_unlock(%s, %s)", _lock_keys(attempt_id))

    def __init__(self, conn: Any, url: str) -> None:
        super().__init__(shown_url(url))
        self.conn = conn
        self._claims: set[int] = set()

    @classmethod
    def connect(cls, url: str) -> PostgreSQL:
        try:
            import psycopg
        except ImportError:
            raise RuntimeFailure(
                f"{shown_url(url)} is a PostgreSQL database, which needs the postgres extra: "
                f"{INSTALL_HINT}"
            ) from None
        options: dict[str, Any] = {"autocommit": True}
        if "connect_timeout" not in url:
            options["connect_timeout"] = 10
        try:
            conn = psycopg.connect(url, **options)
            if "lock_timeout" not in url:
                # A lock held by another session (a trainer's LOCK TABLE, a long migration)
                # is waited for as SQLite waits for one: LOCK_TIMEOUT, then one line.
                conn.execute(f"SET lock_timeout = '{LOCK_TIMEOUT}'")
        except psycopg.Error as error:
            raise RuntimeFailure(
                f"cannot connect to the attempts database {shown_url(url)}: "
                f"{_first_line(error, url)}"
            ) from None
        return cls(conn, url)

    @staticmethod
    def _sql(sql: str) -> str:
        # Queries are written with SQLite's ? placeholders; psycopg takes %s.
        return re.sub(r"\?", "%s", sql)

    def execute(self, sql: str, parameters: Sequence[Any] = ()) -> Any:
        return self.conn.execute(self._sql(sql), tuple(parameters), prepare=False)

    def executemany(self, sql: str, rows: Iterable[Sequence[Any]]) -> None:
        with self.conn.cursor() as cursor:
            cursor.executemany(self._sql(sql), [tuple(row) for row in rows])

    def stream(self, sql: str, parameters: Sequence[Any] = ()) -> Iterator[Row]:
        with self.conn.cursor() as cursor:
            yield from cursor.stream(self._sql(sql), tuple(parameters))

    def begin(self, *, migration: bool = False) -> None:
        self.conn.execute("BEGIN")
        if migration:
            # Held to the end of the transaction: parallel first runs on a new database
            # wait here, then find the schema made and migrate nothing.
            self.conn.execute("SELECT pg_advisory_xact_lock(%s)", (_MIGRATION_LOCK,))

    def rollback(self) -> None:
        self.conn.execute("ROLLBACK")

    def version(self) -> int:
        if VERSION_TABLE not in self.tables():
            return 0
        row = self.conn.execute(f"SELECT MAX(version) FROM {VERSION_TABLE}").fetchone()
        return int(row[0] or 0)

    def set_version(self, version: int) -> None:
        self.conn.execute(f"CREATE TABLE IF NOT EXISTS {VERSION_TABLE} (version INTEGER NOT NULL)")
        self.conn.execute(f"DELETE FROM {VERSION_TABLE}")
        self.conn.execute(f"INSERT INTO {VERSION_TABLE} (version) VALUES (%s)", (version,))

    def tables(self) -> set[str]:
        rows = self.conn.execute(
            "SELECT table_name FROM information_schema.tables"
            " WHERE table_schema = ANY (current_schemas(false))"
        ).fetchall()
        return {str(row[0]) for row in rows}

    def errors(self) -> tuple[type[Exception], ...]:
        import psycopg

        return (psycopg.Error,)

    def failure(self, error: Exception) -> RuntimeFailure:
        if getattr(error, "sqlstate", None) == LOCK_NOT_AVAILABLE:
            return RuntimeFailure(
                f"cannot use the attempts database {self.where}: another session has held "
                f"a lock on it for {LOCK_TIMEOUT}; try again once it is done"
            )
        return RuntimeFailure(
            f"cannot use the attempts database {self.where}: {_first_line(error)}"
        )

    def close(self) -> None:
        self.conn.close()

"""Opening the attempts database: a SQLite file (made and migrated as needed, or only read,
even where nothing can be written) or a shared PostgreSQL database at a URL."""

from __future__ import annotations

import errno
import os
import shutil
import stat
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Self

from quiz.errors import RuntimeFailure
from quiz.safetext import shortened
from quiz.storage.connection import Connection, remove_scratch
from quiz.storage.dialects import (
    SQLite,
    is_postgres,
    shown_url,
    sqlite_failure,
    sqlite_unreachable,
    url_scheme,
)

if TYPE_CHECKING:
    from quiz.storage.dialects import Database

DB_NAME = "skillquiz.sqlite3"
ENV_URL = "SKILLQUIZ_DATABASE_URL"


def default_home() -> Path:
    """$SKILLQUIZ_HOME, else the platform's user data folder."""
    env = os.environ.get("SKILLQUIZ_HOME")
    if env:
        return Path(env).expanduser()
    import platformdirs

    return Path(platformdirs.user_data_path("skillquiz"))


def _cannot_open(path: Path, error: OSError | Exception) -> RuntimeFailure:
    return RuntimeFailure(f"cannot open the attempts database {path}: {error}")


def _check_regular(path: Path) -> None:
    """Only a regular file is opened as the database: SQLite waits forever on a FIFO."""
    try:
        mode = path.stat().st_mode
    except (FileNotFoundError, NotADirectoryError):
        return  # nothing there yet, or a file in the way: opening says which
    if not stat.S_ISREG(mode):
        raise RuntimeFailure(f"cannot open the attempts database {path}: it is not a regular file")


def _bad_home(folder: Path, error: OSError) -> RuntimeFailure:
    """A home the system cannot use (a name too long, a loop of links), in one short line."""
    advice = "; set SKILLQUIZ_HOME to a shorter path" if error.errno == errno.ENAMETOOLONG else ""
    reason = error.strerror or str(error)
    return RuntimeFailure(
        f"cannot use the skillquiz home {shortened(str(folder))}: {reason}{advice}"
    )


def _copy_with_wal(path: Path) -> Path | None:
    """A private copy of the database and its WAL, or None when there is no WAL to read."""
    wal = path.with_name(f"{path.name}-wal")
    try:
        if wal.stat().st_size == 0:
            return None
    except FileNotFoundError:
        return None
    scratch = Path(tempfile.mkdtemp(prefix="skillquiz-"))
    try:
        shutil.copyfile(path, scratch / DB_NAME)
        shutil.copyfile(wal, scratch / f"{DB_NAME}-wal")
    except OSError:
        remove_scratch(scratch)
        raise
    return scratch


@contextmanager
def _closed_if_it_fails(db: Database) -> Iterator[None]:
    """Setting up a database just connected: when it fails, the connection is closed and an
    engine error is the one-line failure."""
    try:
        yield
    except db.errors() as error:
        db.close()
        raise db.failure(error) from None
    except RuntimeFailure:
        db.close()
        raise


class Opening(Connection):
    """How a store is opened; each way returns the store ready to use."""

    @classmethod
    def open(
        cls, home: Path | None = None, *, url: str | None = None, readonly: bool = False
    ) -> Self:
        """Open the attempts database, creating and migrating it as needed; with
        ``readonly``, only read it.

        ``url`` (else $SKILLQUIZ_DATABASE_URL) names the database: a SQLite file path or a
        ``postgresql://`` URL; without one, the SQLite file in ``home`` (else the default
        home). A read-only store writes nothing at all where the database is already at
        the current layout (no folder, no WAL switch), so commands that only look work on
        a read-only home or a full disk; where there is no database yet it reads as empty.
        """
        target = url if url is not None else os.environ.get(ENV_URL) or None
        if target is not None and "://" in target:
            scheme = url_scheme(target)
            if not is_postgres(target):
                raise RuntimeFailure(
                    f"unknown database URL scheme {scheme + '://'!r}: give a SQLite file path "
                    "or a postgresql:// URL"
                )
            return cls._open_postgres(target, readonly=readonly)
        if target is not None:
            path = Path(target).expanduser()
            folder = path.parent
        else:
            folder = home if home is not None else default_home()
            path = folder / DB_NAME
        try:
            if target is not None and path.is_dir():
                path = path / DB_NAME
            elif target is None and folder.exists() and not folder.is_dir():
                raise RuntimeFailure(
                    f"{folder} is a file; the attempts are kept in a folder (set "
                    "SKILLQUIZ_HOME to a folder)"
                )
            _check_regular(path)
            if readonly:
                return cls._open_sqlite_readonly(path)
        except OSError as error:
            raise _bad_home(folder, error) from None
        return cls._open_sqlite(path)

    @classmethod
    def _open_sqlite(cls, path: Path) -> Self:
        import sqlite3

        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            db = SQLite.connect(path)
        except (OSError, sqlite3.Error) as error:
            raise _cannot_open(path, error) from None
        store = cls(db, path)
        with _closed_if_it_fails(db):
            conn = db.conn
            conn.execute("PRAGMA foreign_keys = ON")
            conn.execute("PRAGMA busy_timeout = 10000")
            conn.execute("PRAGMA journal_mode = WAL")
            # FULL: an fsync per answer, so even a power cut keeps what was answered. It
            # costs well under a millisecond an answer (bench/session.py).
            conn.execute("PRAGMA synchronous = FULL")
            store._migrate()
        return store

    @classmethod
    def _open_sqlite_readonly(cls, path: Path) -> Self:
        import sqlite3

        if not path.exists():
            return cls._empty(path)
        db: SQLite | None = None
        scratch: Path | None = None
        try:
            # Reading a WAL database needs its -shm file beside it; where the folder takes no
            # new files SQLite refuses (SQLITE_CANTOPEN or SQLITE_READONLY_DIRECTORY). Answers
            # still in the WAL are read from a private copy of the two files; without a WAL
            # the file is read as immutable: nothing else can write a database there either.
            for way in ("mode=ro", "copy", "mode=ro&immutable=1"):
                target = path
                if way == "copy":
                    scratch = _copy_with_wal(path)
                    if scratch is None:
                        continue
                    target = scratch / DB_NAME
                try:
                    options = "mode=ro" if way == "copy" else way
                    db = SQLite.connect(path, uri=f"{target.absolute().as_uri()}?{options}")
                    db.conn.execute("PRAGMA busy_timeout = 10000")
                    store = cls(db, path, scratch)
                    if store._check_readonly():
                        return store
                    store.close()
                    db = None
                    cls._bring_forward(path)
                    return cls._open_sqlite_readonly(path)
                except sqlite3.OperationalError as error:
                    if db is not None:
                        db.close()
                        db = None
                    if not sqlite_unreachable(error) or "immutable" in way:
                        raise
        except sqlite3.Error as error:
            remove_scratch(scratch)
            raise sqlite_failure(path, error) from None
        except OSError as error:
            remove_scratch(scratch)
            raise _cannot_open(path, error) from None
        except RuntimeFailure:
            if db is not None:
                db.close()
            remove_scratch(scratch)
            raise
        raise AssertionError("unreachable")  # pragma: no cover

    @classmethod
    def _bring_forward(cls, path: Path, url: str | None = None) -> None:
        """Migrate an older layout found by a reading command, where it can be written."""
        try:
            cls.open(url=url if url is not None else str(path)).close()
        except RuntimeFailure as error:
            where = shown_url(url) if url is not None else path
            raise RuntimeFailure(
                f"the attempts database {where} has an older layout and cannot be updated "
                f"here ({error.message}); run skillquiz take once where it can be written"
            ) from None

    @classmethod
    def _empty(cls, path: Path) -> Self:
        """Nothing saved yet: an empty in-memory database of the current layout answers
        every query with nothing, and nothing is created on disk."""
        db = SQLite.connect(Path(":memory:"))
        db.where = str(path)
        store = cls(db, path)
        store._migrate()
        return store

    @classmethod
    def _open_postgres(cls, url: str, *, readonly: bool) -> Self:
        from quiz.storage.dialects import PostgreSQL

        db = PostgreSQL.connect(url)
        store = cls(db)
        with _closed_if_it_fails(db):
            if readonly:
                db.execute("SET default_transaction_read_only = on")
                if store._check_readonly():
                    return store
                db.close()
                cls._bring_forward(Path(), url)
                return cls._open_postgres(url, readonly=True)
            store._migrate()
        return store

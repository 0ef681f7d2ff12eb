"""Attempts and answers kept in SQLite, one commit per answer.

A quiz can be cut short at any moment (Ctrl-C, a closed terminal, a killed process), so
each answer is written and committed before the next question is shown. An attempt keeps
a JSON snapshot of the questions it asked, so editing or deleting a bank later never
changes a past result.
"""

from __future__ import annotations

import errno
import json
import math
import os
import shutil
import sqlite3
import stat
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from quiz.errors import RuntimeFailure
from quiz.safetext import shortened

if TYPE_CHECKING:
    # Only for annotations: importing scoring loads the catalog, YAML and pydantic.
    from scoring.models import Answer

DB_NAME = "skillquiz.sqlite3"


def _migrate_to_1(conn: sqlite3.Connection) -> None:
    conn.execute(
        """
        CREATE TABLE attempts (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            name TEXT,
            started_at TEXT NOT NULL,
            finished_at TEXT,
            length TEXT NOT NULL,
            seed INTEGER NOT NULL,
            skills TEXT NOT NULL,
            snapshot TEXT NOT NULL
        )
        """
    )
    conn.execute(
        """
        CREATE TABLE answers (
            attempt_id INTEGER NOT NULL REFERENCES attempts(id) ON DELETE CASCADE,
            question_id TEXT NOT NULL,
            answer TEXT NOT NULL,
            answered_at TEXT NOT NULL,
            PRIMARY KEY (attempt_id, question_id)
        )
        """
    )


def _migrate_to_2(conn: sqlite3.Connection) -> None:
    """Years of hands-on experience the person gave when starting (NULL: not said).

    Role advice depends on it (a role that needs years of work is not open to a
    beginner); attempts stored before it was asked read as not said."""
    conn.execute("ALTER TABLE attempts ADD COLUMN experience_years REAL")


# The steps run inside the transaction that reads the version (so no executescript, which
# commits on its own). Index i holds the step from schema version i to i + 1; append, never
# edit, so every older database can be brought forward one step at a time.
MIGRATIONS: tuple[Callable[[sqlite3.Connection], None], ...] = (_migrate_to_1, _migrate_to_2)
SCHEMA_VERSION = len(MIGRATIONS)


def now() -> datetime:
    """The current time in UTC, to the second (stored as ISO 8601)."""
    return datetime.now(UTC).replace(microsecond=0)


def _code(error: sqlite3.Error) -> int:
    """SQLite's primary result code for an error (SQLITE_CORRUPT, SQLITE_NOTADB, ...)."""
    return int(getattr(error, "sqlite_errorcode", -1)) & 0xFF


def _broken(error: sqlite3.Error) -> bool:
    """The file itself is unusable (not a database, or malformed), not merely unreachable."""
    if _code(error) in (sqlite3.SQLITE_CORRUPT, sqlite3.SQLITE_NOTADB):
        return True
    text = str(error)
    return "not a database" in text or "malformed" in text


def _cannot_open(path: Path, error: OSError | sqlite3.Error) -> RuntimeFailure:
    return RuntimeFailure(f"cannot open the attempts database {path}: {error}")


def _cannot_use(path: Path, error: sqlite3.Error) -> RuntimeFailure:
    """Advise moving the file away only when it is broken: a read-only folder or a full
    disk passes, and the attempts in the file are worth keeping."""
    advice = " (move the file away to start afresh)" if _broken(error) else ""
    return RuntimeFailure(f"cannot use the attempts database {path}: {error}{advice}")


class _Unreadable(str):
    """A stored text value that is not valid UTF-8, kept so the row still lists."""


def _text(raw: bytes) -> str:
    """SQLite TEXT as str; bytes that are not UTF-8 (written by hand or another program) mark
    the value unreadable instead of failing the whole query, so one bad row spoils itself only."""
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        return _Unreadable(raw.decode("utf-8", "replace"))


def _connect(target: str | Path, **options: Any) -> sqlite3.Connection:
    conn: sqlite3.Connection = sqlite3.connect(target, timeout=10, isolation_level=None, **options)
    conn.text_factory = _text
    return conn


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


def default_home() -> Path:
    """$SKILLQUIZ_HOME, else the platform's user data folder."""
    env = os.environ.get("SKILLQUIZ_HOME")
    if env:
        return Path(env).expanduser()
    import platformdirs

    return Path(platformdirs.user_data_path("skillquiz"))


@dataclass(frozen=True)
class AttemptRow:
    """One attempt as stored; ``snapshot`` is the JSON text of the questions asked."""

    id: int
    name: str | None
    started_at: datetime
    finished_at: datetime | None
    length: str
    seed: int
    skills: tuple[str, ...]
    snapshot: str
    answered: int
    # Years of hands-on experience in production, manufacturing or quality work, as given
    # when the attempt started; None when the person skipped the question.
    experience_years: float | None = None
    # True when a stored field could not be read (edited or corrupted by hand): the attempt
    # still lists, with what could be read, but cannot be scored.
    damaged: bool = False

    @property
    def finished(self) -> bool:
        return self.finished_at is not None


# SQLite's INTEGER range: an id outside it cannot name any row.
_MIN_ID = -(2**63)
_MAX_ID = 2**63 - 1
_DAMAGED_TIME = datetime.fromtimestamp(0, UTC)


class _Damaged(ValueError):
    """A stored value that does not read back as what was written."""


def _time(text: object) -> datetime | None:
    if text is None or text == "":
        return None
    try:
        return datetime.fromisoformat(str(text))
    except ValueError:
        raise _Damaged(text) from None


def _skills(text: object) -> tuple[str, ...]:
    try:
        value = json.loads(str(text))
    except ValueError:
        raise _Damaged(text) from None
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        raise _Damaged(text)
    return tuple(value)


def _years(value: object) -> float | None:
    """Experience as stored: NULL, or a finite number of years from 0."""
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise _Damaged(value)
    if not math.isfinite(value) or value < 0:
        raise _Damaged(value)
    return float(value)


def _read(read: Callable[[object], Any], text: object, fallback: Any) -> tuple[Any, bool]:
    """The value ``read`` makes of ``text``, or ``fallback`` and True when it is damaged."""
    try:
        return read(text), False
    except _Damaged:
        return fallback, True


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
        _remove(scratch)
        raise
    return scratch


def _remove(scratch: Path | None) -> None:
    if scratch is not None:
        shutil.rmtree(scratch, ignore_errors=True)


class Store:
    """The attempts database. Open with ``Store.open()``; close (or use ``with``) when done."""

    def __init__(self, conn: sqlite3.Connection, path: Path, scratch: Path | None = None) -> None:
        self._conn = conn
        self.path = path
        self._scratch = scratch  # a private copy being read; removed on close

    @classmethod
    def open(cls, home: Path | None = None, *, readonly: bool = False) -> Store:
        """Open the database in ``home``: creating and migrating it as needed, or, with
        ``readonly``, only reading it.

        A read-only store writes nothing at all (no folder, no WAL switch, no migration),
        so commands that only look (history, show, report) work on a read-only home or a
        full disk. Where there is no database yet it reads as empty.
        """
        folder = home if home is not None else default_home()
        try:
            if folder.exists() and not folder.is_dir():
                raise RuntimeFailure(
                    f"{folder} is a file; the attempts are kept in a folder (set SKILLQUIZ_HOME "
                    "to a folder)"
                )
            path = folder / DB_NAME
            _check_regular(path)
            if readonly:
                return cls._open_readonly(path)
        except OSError as error:
            raise _bad_home(folder, error) from None
        try:
            folder.mkdir(parents=True, exist_ok=True)
            conn = _connect(path)
        except (OSError, sqlite3.Error) as error:
            raise _cannot_open(path, error) from None
        store = cls(conn, path)
        try:
            store._prepare()
        except sqlite3.Error as error:
            conn.close()
            raise _cannot_use(path, error) from None
        except RuntimeFailure:
            conn.close()
            raise
        return store

    @classmethod
    def _open_readonly(cls, path: Path) -> Store:
        if not path.exists():
            # Nothing saved yet: an empty in-memory database of the current layout answers
            # every query with nothing, and nothing is created on disk.
            store = cls(_connect(":memory:"), path)
            store._prepare()
            return store
        conn: sqlite3.Connection | None = None
        scratch: Path | None = None
        try:
            # Reading a WAL database needs its -shm file beside it; where the folder takes no
            # new files SQLite refuses (SQLITE_CANTOPEN or SQLITE_READONLY_DIRECTORY). Answers
            # still in the WAL are read from a private copy of the two files; without a WAL
            # the file is read as immutable: nothing else can write a database there either.
            for attempt in ("mode=ro", "copy", "mode=ro&immutable=1"):
                target = path
                if attempt == "copy":
                    scratch = _copy_with_wal(path)
                    if scratch is None:
                        continue
                    target = scratch / DB_NAME
                try:
                    options = "mode=ro" if attempt == "copy" else attempt
                    conn = _connect(f"{target.absolute().as_uri()}?{options}", uri=True)
                    store = cls(conn, path, scratch)
                    store._check_readonly()
                    return store
                except sqlite3.OperationalError as error:
                    if conn is not None:
                        conn.close()
                        conn = None
                    unreachable = _code(error) in (sqlite3.SQLITE_CANTOPEN, sqlite3.SQLITE_READONLY)
                    if not unreachable or "immutable" in attempt:
                        raise
        except sqlite3.Error as error:
            _remove(scratch)
            raise _cannot_use(path, error) from None
        except OSError as error:
            _remove(scratch)
            raise _cannot_open(path, error) from None
        except RuntimeFailure:
            if conn is not None:
                conn.close()
            _remove(scratch)
            raise
        raise AssertionError("unreachable")  # pragma: no cover

    def _check_readonly(self) -> None:
        """The database must be at the current layout: reading cannot bring it forward."""
        self._conn.execute("PRAGMA busy_timeout = 10000")
        version = self._version()
        if version < SCHEMA_VERSION:
            raise RuntimeFailure(
                f"the attempts database {self.path} has an older layout (schema {version}; "
                f"this version uses {SCHEMA_VERSION}); run skillquiz take once to update it"
            )

    def _version(self) -> int:
        version = int(self._conn.execute("PRAGMA user_version").fetchone()[0])
        if version > SCHEMA_VERSION:
            raise RuntimeFailure(
                f"the attempts database {self.path} was written by a newer skillquiz "
                f"(schema {version}; this version reads up to {SCHEMA_VERSION}); upgrade skillquiz"
            )
        return version

    def _prepare(self) -> None:
        conn = self._conn
        conn.execute("PRAGMA foreign_keys = ON")
        conn.execute("PRAGMA busy_timeout = 10000")
        conn.execute("PRAGMA journal_mode = WAL")
        # FULL: an fsync per answer, so even a power cut keeps what was answered. It costs
        # well under a millisecond an answer (bench/session.py).
        conn.execute("PRAGMA synchronous = FULL")
        if self._version() == SCHEMA_VERSION:
            return
        # Read the version again inside the write transaction: two processes opening an old
        # database at once must not both run the same step.
        with self._transaction():
            for step in range(self._version(), SCHEMA_VERSION):
                MIGRATIONS[step](conn)
            conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")

    @contextmanager
    def _transaction(self) -> Iterator[sqlite3.Connection]:
        try:
            self._conn.execute("BEGIN IMMEDIATE")
            try:
                yield self._conn
            except BaseException:
                if self._conn.in_transaction:
                    self._conn.execute("ROLLBACK")
                raise
            self._conn.execute("COMMIT")
        except sqlite3.Error as error:
            raise _cannot_use(self.path, error) from None

    def _rows(self, sql: str, parameters: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
        """Every row a read query gives; any SQLite error (a missing table, a malformed page)
        is the one-line failure, never a traceback."""
        try:
            return self._conn.execute(sql, parameters).fetchall()
        except sqlite3.Error as error:
            raise _cannot_use(self.path, error) from None

    def close(self) -> None:
        self._conn.close()
        _remove(self._scratch)

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @property
    def schema_version(self) -> int:
        return int(self._rows("PRAGMA user_version")[0][0])

    def create_attempt(
        self,
        *,
        name: str | None,
        length: str,
        seed: int,
        skills: list[str],
        snapshot: str,
        started_at: datetime | None = None,
        experience_years: float | None = None,
    ) -> int:
        """Record a new attempt and return its id."""
        with self._transaction() as conn:
            cursor = conn.execute(
                "INSERT INTO attempts"
                " (name, started_at, length, seed, skills, snapshot, experience_years)"
                " VALUES (?, ?, ?, ?, ?, ?, ?)",
                (
                    name,
                    (started_at or now()).isoformat(),
                    length,
                    seed,
                    json.dumps(skills),
                    snapshot,
                    experience_years,
                ),
            )
            assert cursor.lastrowid is not None
            return cursor.lastrowid

    def record_answer(self, attempt_id: int, question_id: str, answer: Answer) -> None:
        """Save one answer (None = skipped) and commit at once; a second answer replaces it."""
        self.record_answers(attempt_id, {question_id: answer})

    def record_answers(self, attempt_id: int, answers: dict[str, Answer]) -> None:
        """Save many answers in one transaction (an answers file is all or nothing); an
        answer already given to a question is replaced."""
        stamp = now().isoformat()
        with self._transaction() as conn:
            conn.executemany(
                "INSERT INTO answers (attempt_id, question_id, answer, answered_at)"
                " VALUES (?, ?, ?, ?)"
                " ON CONFLICT (attempt_id, question_id)"
                " DO UPDATE SET answer = excluded.answer, answered_at = excluded.answered_at",
                [(attempt_id, qid, json.dumps(value), stamp) for qid, value in answers.items()],
            )

    def answers(self, attempt_id: int) -> dict[str, Answer]:
        """The answers given so far, by question id (None = skipped)."""
        rows = self._rows(
            "SELECT question_id, answer FROM answers WHERE attempt_id = ? ORDER BY rowid",
            (attempt_id,),
        )
        result: dict[str, Answer] = {}
        for question_id, text in rows:
            try:
                if isinstance(text, _Unreadable):
                    raise ValueError(text)
                value: Any = json.loads(text)
            except (TypeError, ValueError):
                raise RuntimeFailure(
                    f"attempt {attempt_id} cannot be read (its stored answer to {question_id} "
                    f"is damaged); delete it with skillquiz history --delete {attempt_id}"
                ) from None
            result[str(question_id)] = value
        return result

    def finish(self, attempt_id: int, when: datetime | None = None) -> None:
        with self._transaction() as conn:
            conn.execute(
                "UPDATE attempts SET finished_at = ? WHERE id = ? AND finished_at IS NULL",
                ((when or now()).isoformat(), attempt_id),
            )

    _SELECT = (
        "SELECT a.id, a.name, a.started_at, a.finished_at, a.length, a.seed, a.skills,"
        " a.snapshot, (SELECT COUNT(*) FROM answers WHERE attempt_id = a.id),"
        " a.experience_years FROM attempts a"
    )

    @staticmethod
    def _row(row: tuple[Any, ...]) -> AttemptRow:
        """One attempt as read; a field that cannot be read marks it damaged, not fatal."""
        started, bad_start = _read(_time, row[2], _DAMAGED_TIME)
        finished, bad_finish = _read(_time, row[3], _DAMAGED_TIME)
        skills, bad_skills = _read(_skills, row[6], ())
        try:
            seed, bad_seed = int(row[5]), False
        except (TypeError, ValueError):
            seed, bad_seed = 0, True
        name = None if row[1] is None else str(row[1])
        experience, bad_experience = _read(_years, row[9], None)
        return AttemptRow(
            id=int(row[0]),
            name=name,
            started_at=started or _DAMAGED_TIME,
            finished_at=finished,
            length=str(row[4]),
            seed=seed,
            skills=skills,
            snapshot=str(row[7]),
            answered=int(row[8]),
            experience_years=experience,
            damaged=bad_start
            or bad_finish
            or bad_skills
            or bad_seed
            or bad_experience
            or started is None
            or any(isinstance(value, _Unreadable) for value in row),
        )

    def attempt(self, attempt_id: int) -> AttemptRow | None:
        if not _MIN_ID <= attempt_id <= _MAX_ID:
            return None
        rows = self._rows(f"{self._SELECT} WHERE a.id = ?", (attempt_id,))
        return self._row(rows[0]) if rows else None

    def attempts(self) -> list[AttemptRow]:
        """Every attempt, newest first."""
        rows = self._rows(f"{self._SELECT} ORDER BY a.id DESC")
        return [self._row(row) for row in rows]

    def latest(self, *, finished: bool) -> AttemptRow | None:
        """The newest finished (or newest unfinished) attempt."""
        condition = "IS NOT NULL" if finished else "IS NULL"
        rows = self._rows(
            f"{self._SELECT} WHERE a.finished_at {condition} ORDER BY a.id DESC LIMIT 1"
        )
        return self._row(rows[0]) if rows else None

    def delete(self, attempt_id: int) -> bool:
        """Delete an attempt and its answers; False when there was no such attempt.

        The answers go with it by ON DELETE CASCADE (foreign keys are switched on when the
        store is opened for writing)."""
        if not _MIN_ID <= attempt_id <= _MAX_ID:
            return False
        with self._transaction() as conn:
            cursor = conn.execute("DELETE FROM attempts WHERE id = ?", (attempt_id,))
            return cursor.rowcount > 0

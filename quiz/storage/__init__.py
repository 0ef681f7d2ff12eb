"""Attempts and answers, kept in SQLite (the default) or a shared PostgreSQL database.

A quiz can be cut short at any moment (Ctrl-C, a closed terminal, a killed process), so
each answer is written and committed before the next question is shown. The banks an
attempt was drawn from are stored once, by digest, and the attempt keeps only its draw, so
editing or deleting a bank later never changes a past result. Each finished attempt keeps
its answers' credits and a summary of its results, with the scoring rules' version, so
history and statistics never rescore; a summary made under other rules is recomputed on
demand (quiz.attempts.summaries), never shown.

May import ``scoring``, ``questions`` and the shared helpers (``quiz.errors``,
``quiz.safetext``); no other part of quiz, and never click.
"""

from __future__ import annotations

import errno
import json
import math
import os
import shutil
import stat
import tempfile
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from quiz.errors import RuntimeFailure
from quiz.safetext import shortened
from quiz.storage.dialects import (
    SQLite,
    Unreadable,
    is_postgres,
    shown_url,
    sqlite_failure,
    sqlite_unreachable,
)
from quiz.storage.records import (
    DAMAGED_TIME,
    AttemptRow,
    HistoryRow,
    NewAttempt,
    StoredCredit,
    StoredSkillScore,
    Summary,
    now,
)
from quiz.storage.schema import (
    INSERT_SKILLS,
    MIGRATIONS,
    SCHEMA_VERSION,
    TABLES,
    parse_marks,
    put_snapshot,
    skill_rows,
)

if TYPE_CHECKING:
    # Only for annotations: importing scoring loads the catalog, YAML and pydantic.
    from quiz.storage.dialects import Database
    from scoring.models import Answer

__all__ = [
    "DB_NAME",
    "ENV_URL",
    "SCHEMA_VERSION",
    "AttemptRow",
    "HistoryRow",
    "NewAttempt",
    "Store",
    "StoredCredit",
    "StoredSkillScore",
    "Summary",
    "default_home",
    "now",
]

DB_NAME = "skillquiz.sqlite3"
ENV_URL = "SKILLQUIZ_DATABASE_URL"

# The INTEGER range both engines share: an id outside it cannot name any row.
_MIN_ID = -(2**63)
_MAX_ID = 2**63 - 1


def default_home() -> Path:
    """$SKILLQUIZ_HOME, else the platform's user data folder."""
    env = os.environ.get("SKILLQUIZ_HOME")
    if env:
        return Path(env).expanduser()
    import platformdirs

    return Path(platformdirs.user_data_path("skillquiz"))


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


def _read(read: Callable[[object], Any], text: object, fallback: Any) -> tuple[Any, bool]:
    """The value ``read`` makes of ``text``, or ``fallback`` and True when it is damaged."""
    try:
        return read(text), False
    except _Damaged:
        return fallback, True


def _years(value: object) -> float | None:
    """Experience as stored: NULL, or a finite number of years from 0."""
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise _Damaged(value)
    if not math.isfinite(value) or value < 0:
        raise _Damaged(value)
    return float(value)


def _number(value: object) -> float | None:
    return None if value is None else float(str(value))


def _summary(row: tuple[Any, ...]) -> Summary | None:
    """The summary columns (rules_version, skills, top_role, top_role_name, top_fit)."""
    version, skills, top_role, top_name, top_fit = row
    if version is None:
        return None
    try:
        parsed = Summary.read_skills(skills)
    except (TypeError, ValueError):
        return None  # a damaged summary is one to recompute
    return Summary(
        rules_version=str(version),
        skills=parsed,
        top_role=top_role,
        top_role_name=top_name,
        top_fit=_number(top_fit),
    )


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
        _remove(scratch)
        raise
    return scratch


def _remove(scratch: Path | None) -> None:
    if scratch is not None:
        shutil.rmtree(scratch, ignore_errors=True)


def _stamp(when: datetime | None) -> str:
    return (when or now()).isoformat()


class Store:
    """The attempts database. Open with ``Store.open()``; close (or use ``with``) when done."""

    def __init__(self, db: Database, path: Path | None = None, scratch: Path | None = None) -> None:
        self._db = db
        self.path = path
        self._scratch = scratch  # a private copy being read; removed on close
        self._closed = False
        # Where errors say the database is: a file or a URL (without its password).
        self.where = db.where
        self._depth = 0

    @property
    def engine(self) -> str:
        return self._db.engine

    # -- opening ------------------------------------------------------------------------

    @classmethod
    def open(
        cls, home: Path | None = None, *, url: str | None = None, readonly: bool = False
    ) -> Store:
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
            scheme = urlsplit(target).scheme
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
    def _open_sqlite(cls, path: Path) -> Store:
        import sqlite3

        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            db = SQLite.connect(path)
        except (OSError, sqlite3.Error) as error:
            raise _cannot_open(path, error) from None
        store = cls(db, path)
        try:
            conn = db.conn
            conn.execute("PRAGMA foreign_keys = ON")
            conn.execute("PRAGMA busy_timeout = 10000")
            conn.execute("PRAGMA journal_mode = WAL")
            # FULL: an fsync per answer, so even a power cut keeps what was answered. It
            # costs well under a millisecond an answer (bench/session.py).
            conn.execute("PRAGMA synchronous = FULL")
            store._migrate()
        except sqlite3.Error as error:
            db.close()
            raise db.failure(error) from None
        except RuntimeFailure:
            db.close()
            raise
        return store

    @classmethod
    def _open_sqlite_readonly(cls, path: Path) -> Store:
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
            _remove(scratch)
            raise sqlite_failure(path, error) from None
        except OSError as error:
            _remove(scratch)
            raise _cannot_open(path, error) from None
        except RuntimeFailure:
            if db is not None:
                db.close()
            _remove(scratch)
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
    def _empty(cls, path: Path) -> Store:
        """Nothing saved yet: an empty in-memory database of the current layout answers
        every query with nothing, and nothing is created on disk."""
        db = SQLite.connect(Path(":memory:"))
        db.where = str(path)
        store = cls(db, path)
        store._migrate()
        return store

    @classmethod
    def _open_postgres(cls, url: str, *, readonly: bool) -> Store:
        from quiz.storage.dialects import PostgreSQL

        db = PostgreSQL.connect(url)
        store = cls(db)
        try:
            if readonly:
                db.execute("SET default_transaction_read_only = on")
                if store._check_readonly():
                    return store
                db.close()
                cls._bring_forward(Path(), url)
                return cls._open_postgres(url, readonly=True)
            store._migrate()
        except db.errors() as error:
            db.close()
            raise db.failure(error) from None
        except RuntimeFailure:
            db.close()
            raise
        return store

    def _version(self) -> int:
        version = self._db.version()
        if version == 0 and set(TABLES) & self._db.tables():
            # Our table names with no version: someone else's tables, unless a first run
            # elsewhere committed between the two reads (then the version is there now).
            version = self._db.version()
            if version == 0:
                theirs = sorted(set(TABLES) & self._db.tables())
                raise RuntimeFailure(
                    f"the database {self.where} already holds tables named "
                    f"{', '.join(theirs)} that skillquiz did not make; use another database"
                )
        if version > SCHEMA_VERSION:
            raise RuntimeFailure(
                f"the attempts database {self.where} was written by a newer skillquiz "
                f"(schema {version}; this version reads up to {SCHEMA_VERSION}); upgrade "
                "skillquiz"
            )
        return version

    def _check_readonly(self) -> bool:
        """True when the database is at the current layout; False when it is older (and
        must be migrated by a writing connection first). A database with none of our
        tables yet reads as empty."""
        return self._version() == SCHEMA_VERSION

    def _migrate(self) -> None:
        """Bring the database to the current layout. The version that decides the steps is
        read inside the transaction that runs them, so of several first runs at once one
        migrates and the others, waiting on its lock, find nothing left to do."""
        if self._version() == SCHEMA_VERSION:
            return
        db = self._db
        db.begin(migration=True)
        try:
            for step in range(self._version(), SCHEMA_VERSION):
                MIGRATIONS[step](db)
                db.set_version(step + 1)
        except BaseException:
            db.rollback()
            raise
        db.commit()

    # -- plumbing -----------------------------------------------------------------------

    @contextmanager
    def _transaction(self) -> Iterator[Database]:
        """One transaction; nested ones (inside ``batch``) join the outer one."""
        db = self._db
        try:
            if self._depth == 0:
                db.begin()
            self._depth += 1
            try:
                yield db
            except BaseException:
                self._depth -= 1
                if self._depth == 0:
                    db.rollback()
                raise
            self._depth -= 1
            if self._depth == 0:
                db.commit()
        except db.errors() as error:
            raise db.failure(error) from None

    @contextmanager
    def batch(self) -> Iterator[Store]:
        """Many writes in one transaction (an import of many attempts): all or nothing."""
        with self._transaction():
            yield self

    def _rows(self, sql: str, parameters: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
        """Every row a read query gives; any engine error (a missing table, a malformed
        page, a lost connection) is the one-line failure, never a traceback."""
        try:
            return self._db.rows(sql, parameters)
        except self._db.errors() as error:
            raise self._db.failure(error) from None

    def _stream(self, sql: str, parameters: tuple[Any, ...] = ()) -> Iterator[tuple[Any, ...]]:
        try:
            yield from self._db.stream(sql, parameters)
        except self._db.errors() as error:
            if self._closed:
                return  # a reader left unfinished (the output failed) after the store closed
            raise self._db.failure(error) from None

    def query(self, sql: str, parameters: tuple[Any, ...] = ()) -> Iterator[tuple[Any, ...]]:
        """The rows of a read-only query in the SQL both engines share (``?`` placeholders),
        streamed: for reports that add up a whole class in the database
        (quiz/classroom/class_aggregates.py) rather than reading it row by row."""
        return self._stream(sql, parameters)

    def close(self) -> None:
        self._closed = True
        self._db.close()
        _remove(self._scratch)

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @property
    def schema_version(self) -> int:
        try:
            return self._db.version()
        except self._db.errors() as error:
            raise self._db.failure(error) from None

    # -- writing ------------------------------------------------------------------------

    def _put_snapshot(self, db: Database, body: str) -> str:
        return put_snapshot(db, body)

    def create_attempt(
        self,
        *,
        name: str | None,
        length: str,
        seed: int,
        skills: list[str],
        snapshot: str,
        draw: str | None = None,
        questions: int = 0,
        experience_years: float | None = None,
        started_at: datetime | None = None,
    ) -> int:
        """Record a new attempt and return its id.

        ``snapshot`` is the banks it draws from (stored once, shared by every attempt drawn
        from the same banks) and ``draw`` which questions it asks, in which order.
        """
        with self._transaction() as db:
            key = self._put_snapshot(db, snapshot)
            row = db.execute(
                "INSERT INTO attempts (name, started_at, length, seed, skills, snapshot_digest,"
                " draw, questions, experience_years) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"
                " RETURNING id",
                (
                    name,
                    _stamp(started_at),
                    length,
                    seed,
                    json.dumps(skills),
                    key,
                    draw,
                    questions,
                    experience_years,
                ),
            ).fetchone()
            return int(row[0])

    def record_answer(self, attempt_id: int, question_id: str, answer: Answer) -> None:
        """Save one answer (None = skipped) and commit at once; a second answer replaces it."""
        self.record_answers(attempt_id, {question_id: answer})

    def record_answers(
        self, attempt_id: int, answers: Mapping[str, Answer], when: datetime | None = None
    ) -> None:
        """Save many answers in one transaction (an answers file is all or nothing); an
        answer already given to a question is replaced."""
        stamp = int((when or now()).timestamp())
        with self._transaction() as db:
            db.executemany(
                "INSERT INTO answers (attempt_id, question_id, answer, answered_at)"
                " VALUES (?, ?, ?, ?)"
                " ON CONFLICT (attempt_id, question_id)"
                " DO UPDATE SET answer = excluded.answer, answered_at = excluded.answered_at",
                [(attempt_id, qid, json.dumps(value), stamp) for qid, value in answers.items()],
            )

    def finish(
        self,
        attempt_id: int,
        when: datetime | None = None,
        *,
        graded: Mapping[str, StoredCredit] | None = None,
        summary: Summary | None = None,
    ) -> None:
        """Mark the attempt finished and, in the same transaction, keep its grading."""
        with self._transaction() as db:
            db.execute(
                "UPDATE attempts SET finished_at = ? WHERE id = ? AND finished_at IS NULL",
                (_stamp(when), attempt_id),
            )
            if graded is not None and summary is not None:
                self.save_grading(attempt_id, graded, summary)

    def save_grading(
        self, attempt_id: int, graded: Mapping[str, StoredCredit], summary: Summary
    ) -> None:
        """Keep the attempt's credits, one row per skill, and its summary (replacing older
        ones)."""
        with self._transaction() as db:
            # The summary first: its row lock makes a second grading of the same attempt
            # (two trainers' commands regrading at once on PostgreSQL) wait for this one,
            # then replace its rows, rather than insert beside them and fail.
            db.execute(
                "INSERT INTO summaries (attempt_id, rules_version, skills, top_role,"
                " top_role_name, top_fit) VALUES (?, ?, ?, ?, ?, ?)"
                " ON CONFLICT (attempt_id) DO UPDATE SET rules_version = excluded.rules_version,"
                " skills = excluded.skills, top_role = excluded.top_role,"
                " top_role_name = excluded.top_role_name, top_fit = excluded.top_fit",
                (
                    attempt_id,
                    summary.rules_version,
                    summary.skills_json(),
                    summary.top_role,
                    summary.top_role_name,
                    summary.top_fit,
                ),
            )
            db.execute("DELETE FROM graded_skills WHERE attempt_id = ?", (attempt_id,))
            db.executemany(
                INSERT_SKILLS,
                skill_rows(
                    attempt_id,
                    ((qid, grade.skill, grade.type, grade.credit) for qid, grade in graded.items()),
                ),
            )

    def import_attempt(self, attempt: NewAttempt) -> int:
        """Store a whole attempt made elsewhere (or already complete) in one transaction:
        its snapshot, answers, grading and summary. Returns its new id."""
        with self._transaction():
            attempt_id = self.create_attempt(
                name=attempt.name,
                length=attempt.length,
                seed=attempt.seed,
                skills=list(attempt.skills),
                snapshot=attempt.snapshot,
                draw=attempt.draw,
                questions=attempt.questions,
                experience_years=attempt.experience_years,
                started_at=attempt.started_at,
            )
            self.record_answers(
                attempt_id, attempt.answers, attempt.answered_at or attempt.started_at
            )
            if attempt.finished_at is not None:
                self.finish(
                    attempt_id,
                    attempt.finished_at,
                    graded=attempt.graded,
                    summary=attempt.summary,
                )
            return attempt_id

    def delete(self, attempt_id: int) -> bool:
        """Delete an attempt, its answers, credits and summary; False when there was no such
        attempt.

        The answers, credits and summary go with it by ON DELETE CASCADE (SQLite's foreign
        keys are switched on when the store is opened for writing). Its snapshot stays:
        others may share it, and it is small beside them."""
        if not _MIN_ID <= attempt_id <= _MAX_ID:
            return False
        with self._transaction() as db:
            row = db.execute("DELETE FROM attempts WHERE id = ? RETURNING id", (attempt_id,))
            return row.fetchone() is not None

    # -- reading ------------------------------------------------------------------------

    def answers(self, attempt_id: int) -> dict[str, Answer]:
        """The answers given so far, by question id (None = skipped)."""
        rows = self._rows(
            "SELECT question_id, answer FROM answers WHERE attempt_id = ? ORDER BY question_id",
            (attempt_id,),
        )
        result: dict[str, Answer] = {}
        for question_id, text in rows:
            try:
                if isinstance(text, Unreadable):
                    raise ValueError(text)
                value: Any = json.loads(text)
            except (TypeError, ValueError):
                raise RuntimeFailure(
                    f"attempt {attempt_id} cannot be read (its stored answer to {question_id} "
                    f"is damaged); delete it with skillquiz history --delete {attempt_id}"
                ) from None
            result[str(question_id)] = value
        return result

    def answered_at(self, attempt_id: int) -> dict[str, datetime]:
        """When each answer was given (the last time, if it was changed)."""
        rows = self._rows(
            "SELECT question_id, answered_at FROM answers WHERE attempt_id = ?", (attempt_id,)
        )
        return {str(qid): datetime.fromtimestamp(int(stamp), UTC) for qid, stamp in rows}

    def graded(self, attempt_id: int) -> dict[str, float | None]:
        """The credit kept for each of an attempt's answers, by question id (None: a skipped
        self-rating); empty until it is graded."""
        rows = self._rows(
            "SELECT marks, ratings FROM graded_skills WHERE attempt_id = ?", (attempt_id,)
        )
        result: dict[str, float | None] = {}
        for marks, ratings in rows:
            result.update(parse_marks(str(marks)))
            result.update(parse_marks(str(ratings)))
        return dict(sorted(result.items()))

    def snapshot(self, key: str) -> str | None:
        """The text of the snapshot stored under ``key``, or None."""
        rows = self._rows("SELECT body FROM snapshots WHERE digest = ?", (key,))
        return str(rows[0][0]) if rows else None

    _SELECT = (
        "SELECT a.id, a.name, a.started_at, a.finished_at, a.length, a.seed, a.skills,"
        " a.snapshot_digest, a.draw, a.questions, a.experience_years,"
        " (SELECT COUNT(*) FROM answers WHERE attempt_id = a.id) FROM attempts a"
    )
    _NEWEST = " ORDER BY a.started_at DESC, a.id DESC"

    @staticmethod
    def _row(row: tuple[Any, ...]) -> AttemptRow:
        """One attempt as read; a field that cannot be read marks it damaged, not fatal."""
        started, bad_start = _read(_time, row[2], DAMAGED_TIME)
        finished, bad_finish = _read(_time, row[3], DAMAGED_TIME)
        skills, bad_skills = _read(_skills, row[6], ())
        experience, bad_experience = _read(_years, row[10], None)
        try:
            seed, bad_seed = int(row[5]), False
        except (TypeError, ValueError):
            seed, bad_seed = 0, True
        return AttemptRow(
            id=int(row[0]),
            name=None if row[1] is None else str(row[1]),
            started_at=started or DAMAGED_TIME,
            finished_at=finished,
            length=str(row[4]),
            seed=seed,
            skills=skills,
            snapshot=str(row[7]),
            draw=None if row[8] is None else str(row[8]),
            questions=int(row[9]),
            experience_years=experience,
            answered=int(row[11]),
            damaged=bad_start
            or bad_finish
            or bad_skills
            or bad_seed
            or bad_experience
            or started is None
            or any(isinstance(value, Unreadable) for value in row),
        )

    def attempt(self, attempt_id: int) -> AttemptRow | None:
        if not _MIN_ID <= attempt_id <= _MAX_ID:
            return None
        rows = self._rows(f"{self._SELECT} WHERE a.id = ?", (attempt_id,))
        return self._row(rows[0]) if rows else None

    def attempts(self) -> list[AttemptRow]:
        """Every attempt, newest first."""
        return [self._row(row) for row in self._rows(f"{self._SELECT}{self._NEWEST}")]

    def latest(self, *, finished: bool, name: str | None = None) -> AttemptRow | None:
        """The newest finished (or newest unfinished) attempt, of this name if given."""
        condition = "IS NOT NULL" if finished else "IS NULL"
        where = f" WHERE a.finished_at {condition}"
        parameters: tuple[Any, ...] = ()
        if name is not None:
            where += " AND a.name = ?"
            parameters = (name,)
        rows = self._rows(f"{self._SELECT}{where}{self._NEWEST} LIMIT 1", parameters)
        return self._row(rows[0]) if rows else None

    def unfinished_of(self, name: str | None) -> AttemptRow | None:
        """The newest unfinished attempt of exactly this name (None: of no name)."""
        same_name = "a.name IS NULL" if name is None else "a.name = ?"
        parameters: tuple[Any, ...] = () if name is None else (name,)
        rows = self._rows(
            f"{self._SELECT} WHERE {same_name} AND a.finished_at IS NULL{self._NEWEST} LIMIT 1",
            parameters,
        )
        return self._row(rows[0]) if rows else None

    def previous_finished(self, attempt: AttemptRow) -> AttemptRow | None:
        """The newest finished attempt of the same name started before this one."""
        same_name = "a.name IS NULL" if attempt.name is None else "a.name = ?"
        parameters: tuple[Any, ...] = () if attempt.name is None else (attempt.name,)
        rows = self._rows(
            f"{self._SELECT} WHERE {same_name} AND a.finished_at IS NOT NULL AND a.id <> ?"
            " AND (a.started_at < ? OR (a.started_at = ? AND a.id < ?))"
            f"{self._NEWEST} LIMIT 1",
            (*parameters, attempt.id, *(attempt.started_at.isoformat(),) * 2, attempt.id),
        )
        return self._row(rows[0]) if rows else None

    def largest_id(self) -> int:
        """The largest attempt id (0 when there is none): how wide an id column must be."""
        return int(self._rows("SELECT COALESCE(MAX(id), 0) FROM attempts")[0][0])

    def summary(self, attempt_id: int) -> Summary | None:
        """The summary kept for an attempt (None when there is none yet)."""
        rows = self._rows(
            "SELECT rules_version, skills, top_role, top_role_name, top_fit FROM summaries"
            " WHERE attempt_id = ?",
            (attempt_id,),
        )
        return _summary(rows[0]) if rows else None

    def history(self, limit: int | None = None) -> Iterator[HistoryRow]:
        """Attempts newest first, with their summaries, streamed as the database reads
        them: memory stays flat however many there are."""
        sql = (
            "SELECT a.id, a.name, a.started_at, a.finished_at, a.length, a.skills,"
            " a.questions, a.experience_years,"
            " CASE WHEN a.finished_at IS NULL"
            " THEN (SELECT COUNT(*) FROM answers WHERE attempt_id = a.id) END,"
            " s.rules_version, s.skills, s.top_role, s.top_role_name, s.top_fit"
            f" FROM attempts a LEFT JOIN summaries s ON s.attempt_id = a.id{self._NEWEST}"
        )
        parameters: tuple[Any, ...] = ()
        if limit is not None:
            sql += " LIMIT ?"
            parameters = (limit,)
        # A class's attempts name the same few skill lists: each is read once.
        skill_lists: dict[object, tuple[tuple[str, ...], bool]] = {}
        for row in self._stream(sql, parameters):
            started, bad_start = _read(_time, row[2], DAMAGED_TIME)
            finished, bad_finish = _read(_time, row[3], DAMAGED_TIME)
            listed = skill_lists.get(row[5])
            if listed is None:
                listed = _read(_skills, row[5], ())
                if len(skill_lists) < 256 and type(row[5]) is str:
                    skill_lists[row[5]] = listed
            experience, bad_experience = (
                (None, False) if row[7] is None else _read(_years, row[7], None)
            )
            questions = int(row[6])
            name = row[1]
            yield HistoryRow(
                id=int(row[0]),
                name=None if name is None else str(name),
                started_at=started or DAMAGED_TIME,
                finished_at=finished,
                length=str(row[4]),
                skills=listed[0],
                questions=questions,
                answered=questions if row[8] is None else int(row[8]),
                experience_years=experience,
                summary=_summary(row[9:14]),
                damaged=bad_start
                or bad_finish
                or listed[1]
                or bad_experience
                or started is None
                or type(name) is Unreadable
                or type(row[4]) is Unreadable,
            )

    def ungraded(self, rules_version: str) -> list[int]:
        """Finished attempts whose summary is missing or was made under other rules."""
        rows = self._rows(
            "SELECT a.id FROM attempts a LEFT JOIN summaries s ON s.attempt_id = a.id"
            " WHERE a.finished_at IS NOT NULL"
            " AND (s.attempt_id IS NULL OR s.rules_version <> ?) ORDER BY a.id",
            (rules_version,),
        )
        return [int(row[0]) for row in rows]

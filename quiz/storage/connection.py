"""The connection under a store: transactions, reads that fail in one line, the layout's
version and the migrations that bring an older layout forward.

``Store`` (``quiz.storage``) is made of this and one part per job: opening a database
(``opening``), writing attempts (``writing``) and reading them (``reading``).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any, Self

from quiz.errors import RuntimeFailure
from quiz.storage.schema import MIGRATIONS, SCHEMA_VERSION, TABLES

if TYPE_CHECKING:
    from quiz.storage.dialects import Database

# The INTEGER range both engines share: an id outside it cannot name any row.
MIN_ID = -(2**63)
MAX_ID = 2**63 - 1


def remove_scratch(scratch: Path | None) -> None:
    """Remove a private copy made to read a database (see ``opening``)."""
    if scratch is not None:
        import shutil  # on use: history and show start without it

        shutil.rmtree(scratch, ignore_errors=True)


class Connection:
    """One open database: its engine, the transaction in progress and the layout version."""

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
    def batch(self) -> Iterator[Self]:
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
        remove_scratch(self._scratch)

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @property
    def schema_version(self) -> int:
        try:
            return self._db.version()
        except self._db.errors() as error:
            raise self._db.failure(error) from None

"""Calibrated parameter sets in the database, and what calibration reads: each finished
attempt's credits with its skips told apart.

A set is stored once per run of ``skillquiz calibrate`` and never changed; sets are
numbered in the order made, so the newest is the one with the largest id. An attempt
records the set it is scored with (NULL: the labels), so its results stay what they were
when a later set is stored, until ``--rescore`` asks for the newest.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime
from typing import TYPE_CHECKING

from quiz.storage.connection import MAX_ID, MIN_ID, Connection

if TYPE_CHECKING:
    from quiz.storage.parameter_records import FinishedCredits, StoredSet


_SET_COLUMNS = "SELECT id, created_at, attempts, answers, model, body FROM parameter_sets"


def _stored_set(row: tuple[object, ...]) -> StoredSet:
    from quiz.storage.parameter_records import StoredSet

    set_id, created_at, attempts, answers, model, body = row
    return StoredSet(
        int(str(set_id)),
        str(created_at),
        int(str(attempts)),
        int(str(answers)),
        str(model),
        str(body),
    )


class Calibrations(Connection):
    """A store's parameter sets and the credits calibration reads."""

    def save_parameter_set(
        self, body: str, *, created_at: datetime, attempts: int, answers: int, model: str
    ) -> int:
        """Store a set (its JSON ``body``) and return its number."""
        with self._transaction() as db:
            row = db.execute(
                "INSERT INTO parameter_sets (created_at, attempts, answers, model, body)"
                " VALUES (?, ?, ?, ?, ?) RETURNING id",
                (created_at.isoformat(), attempts, answers, model, body),
            ).fetchone()
            return int(row[0])

    def parameter_set(self, set_id: int) -> StoredSet | None:
        if not MIN_ID <= set_id <= MAX_ID:
            return None
        rows = self._rows(f"{_SET_COLUMNS} WHERE id = ?", (set_id,))
        return _stored_set(rows[0]) if rows else None

    def newest_parameter_set(self) -> StoredSet | None:
        rows = self._rows(f"{_SET_COLUMNS} ORDER BY id DESC LIMIT 1")
        return _stored_set(rows[0]) if rows else None

    def use_parameter_set(self, attempt_id: int, set_id: int | None) -> None:
        """Record the set an attempt is scored with (None: the labels)."""
        with self._transaction() as db:
            db.execute("UPDATE attempts SET parameter_set = ? WHERE id = ?", (set_id, attempt_id))

    def attempt_parameter_set(self, attempt_id: int) -> int | None:
        """The set an attempt records (None: the labels, or an attempt made before sets)."""
        rows = self._rows("SELECT parameter_set FROM attempts WHERE id = ?", (attempt_id,))
        return None if not rows or rows[0][0] is None else int(rows[0][0])

    def finished_credits(self, since: datetime | None = None) -> Iterator[FinishedCredits]:
        """Every finished attempt's demonstrated credits (stored at grading), oldest first,
        finished at or after ``since`` when given. A skipped demonstrated item is kept as
        credit 0 in the stored marks (statistics count it so); it is read back here as
        None from the answer itself (stored as null), since a skip shows nothing."""
        from quiz.storage.parameter_records import FinishedCredits

        skipped: dict[int, set[str]] = {}
        for attempt_id, question_id in self._stream(
            "SELECT n.attempt_id, n.question_id FROM answers n JOIN attempts a"
            " ON a.id = n.attempt_id WHERE a.finished_at IS NOT NULL AND n.answer = 'null'"
        ):
            skipped.setdefault(int(attempt_id), set()).add(str(question_id))
        current: FinishedCredits | None = None
        for attempt_id, snapshot, finished_at, marks in self._stream(
            "SELECT a.id, a.snapshot_digest, a.finished_at, g.marks FROM attempts a"
            " JOIN graded_skills g ON g.attempt_id = a.id WHERE a.finished_at IS NOT NULL"
            " ORDER BY a.id"
        ):
            if since is not None and not _finished_since(finished_at, since):
                continue
            key = int(attempt_id)
            if current is None or current.attempt_id != key:
                if current is not None:
                    yield current
                current = FinishedCredits(key, str(snapshot), str(finished_at), {})
            gone = skipped.get(key, ())
            for question_id, credit in _read_marks(str(marks)):
                current.credits[question_id] = None if question_id in gone else credit
        if current is not None:
            yield current


def _finished_since(text: object, since: datetime) -> bool:
    """A stored finish time at or after ``since`` (a time without a zone is UTC); one that
    does not read as a time is left out."""
    from datetime import UTC

    try:
        when = datetime.fromisoformat(str(text))
    except ValueError:
        return False
    return (when if when.tzinfo is not None else when.replace(tzinfo=UTC)) >= since


def _read_marks(marks: str) -> list[tuple[str, float | None]]:
    """A marks list read leniently: a damaged mark (edited by hand) is left out, not
    fatal, and a credit outside 0-1 with it. Parsed here mark by mark, not through
    schema.parse_marks per mark: a class's calibration reads some millions of them."""
    pairs: list[tuple[str, float | None]] = []
    for mark in marks.split(",") if marks else ():
        question_id, _, text = mark.partition(":")
        try:
            credit = float(text) if text else None
        except ValueError:
            continue
        if credit is None or 0 <= credit <= 1:
            pairs.append((question_id, credit))
    return pairs

"""Reading attempts: answers, credits, one attempt or all of them, the latest, and history
streamed as the database reads it."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from quiz.errors import RuntimeFailure
from quiz.storage.connection import MAX_ID, MIN_ID, Connection
from quiz.storage.dialects import Unreadable
from quiz.storage.rows import attempt_row, history_row, summary_of
from quiz.storage.schema import parse_marks

if TYPE_CHECKING:
    from quiz.storage.attempt_row import AttemptRow
    from quiz.storage.records import HistoryRow, Summary
    from scoring.models import Answer


class Reading(Connection):
    """A store's reads; any engine error is the one-line failure, never a traceback."""

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
        " (SELECT COUNT(*) FROM answers WHERE attempt_id = a.id), a.source FROM attempts a"
    )

    _NEWEST = " ORDER BY a.started_at DESC, a.id DESC"

    def attempt(self, attempt_id: int) -> AttemptRow | None:
        if not MIN_ID <= attempt_id <= MAX_ID:
            return None
        rows = self._rows(f"{self._SELECT} WHERE a.id = ?", (attempt_id,))
        return attempt_row(rows[0]) if rows else None

    def attempts(self) -> list[AttemptRow]:
        """Every attempt, newest first."""
        return [attempt_row(row) for row in self._rows(f"{self._SELECT}{self._NEWEST}")]

    def latest(self, *, finished: bool, name: str | None = None) -> AttemptRow | None:
        """The newest finished (or newest unfinished) attempt, of this name if given."""
        condition = "IS NOT NULL" if finished else "IS NULL"
        where = f" WHERE a.finished_at {condition}"
        parameters: tuple[Any, ...] = ()
        if name is not None:
            where += " AND a.name = ?"
            parameters = (name,)
        rows = self._rows(f"{self._SELECT}{where}{self._NEWEST} LIMIT 1", parameters)
        return attempt_row(rows[0]) if rows else None

    def unfinished_of(self, name: str | None) -> AttemptRow | None:
        """The newest unfinished attempt of exactly this name (None: of no name)."""
        same_name = "a.name IS NULL" if name is None else "a.name = ?"
        parameters: tuple[Any, ...] = () if name is None else (name,)
        rows = self._rows(
            f"{self._SELECT} WHERE {same_name} AND a.finished_at IS NULL{self._NEWEST} LIMIT 1",
            parameters,
        )
        return attempt_row(rows[0]) if rows else None

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
        return attempt_row(rows[0]) if rows else None

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
        return summary_of(rows[0]) if rows else None

    def history(self, limit: int | None = None) -> Iterator[HistoryRow]:
        """Attempts newest first, with their summaries, streamed as the database reads
        them: memory stays flat however many there are."""
        sql = (
            "SELECT a.id, a.name, a.started_at, a.finished_at, a.length, a.skills,"
            " a.questions, a.experience_years,"
            " CASE WHEN a.finished_at IS NULL"
            " THEN (SELECT COUNT(*) FROM answers WHERE attempt_id = a.id) END,"
            " s.rules_version, s.skills, s.top_role, s.top_role_name, s.top_fit, a.source"
            f" FROM attempts a LEFT JOIN summaries s ON s.attempt_id = a.id{self._NEWEST}"
        )
        parameters: tuple[Any, ...] = ()
        if limit is not None:
            sql += " LIMIT ?"
            parameters = (limit,)
        # A class's attempts name the same few skill lists: each is read once.
        skill_lists: dict[object, tuple[tuple[str, ...], bool]] = {}
        for row in self._stream(sql, parameters):
            yield history_row(row, skill_lists)

    def ungraded(self, rules_version: str) -> list[int]:
        """Finished attempts whose summary is missing or was made under other rules."""
        rows = self._rows(
            "SELECT a.id FROM attempts a LEFT JOIN summaries s ON s.attempt_id = a.id"
            " WHERE a.finished_at IS NOT NULL"
            " AND (s.attempt_id IS NULL OR s.rules_version <> ?) ORDER BY a.id",
            (rules_version,),
        )
        return [int(row[0]) for row in rows]

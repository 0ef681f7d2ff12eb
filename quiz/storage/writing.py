"""Writing attempts: a new attempt, each answer committed the moment it is given, finishing
with its grading, an attempt imported whole, and deleting one."""

from __future__ import annotations

import json
from collections.abc import Mapping
from datetime import datetime
from typing import TYPE_CHECKING

from quiz.errors import RuntimeFailure
from quiz.storage.connection import MAX_ID, MIN_ID, Connection
from quiz.storage.records import now
from quiz.storage.schema import INSERT_SKILLS, put_snapshot, skill_rows

if TYPE_CHECKING:
    from quiz.storage.dialects import Database
    from quiz.storage.new_attempt import NewAttempt, StoredCredit
    from quiz.storage.records import Summary
    from scoring.models import Answer


def _stamp(when: datetime | None) -> str:
    return (when or now()).isoformat()


class Writing(Connection):
    """A store's writes, each in a transaction of its own unless inside ``batch``."""

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
        source: str = "taken",
    ) -> int:
        """Record a new attempt and return its id.

        ``snapshot`` is the banks it draws from (stored once, shared by every attempt drawn
        from the same banks) and ``draw`` which questions it asks, in which order.
        """
        with self._transaction() as db:
            key = self._put_snapshot(db, snapshot)
            row = db.execute(
                "INSERT INTO attempts (name, started_at, length, seed, skills, snapshot_digest,"
                " draw, questions, experience_years, source)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
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
                    source,
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
            # The attempt's row locked first: its answers change only while it is unfinished,
            # and a session finishing it meanwhile waits, or has already finished it.
            unfinished = db.execute(
                f"SELECT id FROM attempts WHERE id = ? AND finished_at IS NULL{db.lock_rows}",
                (attempt_id,),
            ).fetchone()
            if unfinished is None:
                raise RuntimeFailure(
                    f"attempt {attempt_id} is finished (or gone); its answers can no longer change"
                )
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
        """Mark the attempt finished and, in the same transaction, keep its grading. An
        attempt is finished once: a second finish (another session taking it too) is a
        failure and changes nothing, so its results stay as graded the first time."""
        with self._transaction() as db:
            finished = db.execute(
                "UPDATE attempts SET finished_at = ? WHERE id = ? AND finished_at IS NULL"
                " RETURNING id",
                (_stamp(when), attempt_id),
            ).fetchone()
            if finished is None:
                raise RuntimeFailure(
                    f"attempt {attempt_id} was already finished (or is gone); its results "
                    f"stay as they were: skillquiz show {attempt_id}"
                )
            if graded is not None and summary is not None:
                self.save_grading(attempt_id, graded, summary)
        self._db.release(attempt_id)

    def claim(self, attempt_id: int) -> None:
        """Take an unfinished attempt for this store alone, until it is closed: answers
        from two sessions at once would mix, and the second to finish would grade the
        attempt again. Checked before the first question: held elsewhere, finished, or in
        a database that cannot be written, it fails here, in one line."""
        try:
            held = self._db.claim(attempt_id)
        except OSError as error:
            raise RuntimeFailure(
                f"cannot use the attempts database {self.where}: cannot lock attempt "
                f"{attempt_id} beside it ({error.strerror or error})"
            ) from None
        except self._db.errors() as error:
            raise self._db.failure(error) from None
        if not held:
            raise RuntimeFailure(
                f"attempt {attempt_id} is being taken in another session; resume it once "
                "that one has ended"
            )
        with self._transaction() as db:
            # Changes nothing, but only where the database can be written (a read-only
            # file, a read-only PostgreSQL transaction or role fails here).
            row = db.execute(
                "UPDATE attempts SET finished_at = NULL WHERE id = ? AND finished_at IS NULL"
                " RETURNING id",
                (attempt_id,),
            ).fetchone()
        if row is None:
            raise RuntimeFailure(
                f"attempt {attempt_id} is already finished; see it with skillquiz show {attempt_id}"
            )

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
                    summary.top_p_meets_all,
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
                source=attempt.source,
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

    def extend_draw(self, attempt_id: int, draw: str, questions: int) -> None:
        """An adaptive attempt's draw as it grows (each question chosen from the answers
        before it); only while the attempt is unfinished."""
        with self._transaction() as db:
            db.execute(
                "UPDATE attempts SET draw = ?, questions = ? WHERE id = ? AND finished_at IS NULL",
                (draw, questions, attempt_id),
            )

    def delete(self, attempt_id: int) -> bool:
        """Delete an attempt, its answers, credits and summary; False when there was no such
        attempt.

        The answers, credits and summary go with it by ON DELETE CASCADE (SQLite's foreign
        keys are switched on when the store is opened for writing). Its snapshot stays:
        others may share it, and it is small beside them."""
        if not MIN_ID <= attempt_id <= MAX_ID:
            return False
        with self._transaction() as db:
            row = db.execute("DELETE FROM attempts WHERE id = ? RETURNING id", (attempt_id,))
            return row.fetchone() is not None

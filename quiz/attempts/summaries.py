"""From an attempt's answers to what storage keeps of its results: each answer's credit and
a summary (per-skill score, standard error and self-rating; the top open role and its fit).

Kept at finish with the scoring rules' version, so history, compare and item statistics
read them instead of rescoring. A summary made under other rules (or none, for an attempt
stored before summaries were kept) is recomputed here when it is next needed.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import TYPE_CHECKING

from quiz.storage import Store, StoredSkillScore, Summary

if TYPE_CHECKING:
    from quiz.attempts.parameters import ScoringSet
    from quiz.attempts.snapshot import Snapshot, SnapshotCache
    from quiz.storage import AttemptRow, HistoryRow, StoredCredit
    from scoring.models import Answer, Assessment


def rules_version() -> str:
    """scoring.RULES_VERSION, read without importing scoring when it is not loaded yet:
    the package's import builds its pydantic models and catalog (about 0.2 s), which
    history, reading stored summaries only, does without."""
    import sys

    loaded = sys.modules.get("scoring.rules_version")
    if loaded is None:
        import importlib.util
        from pathlib import Path

        package = importlib.util.find_spec("scoring")  # finds, does not import
        assert package is not None and package.origin is not None
        path = Path(package.origin).with_name("rules_version.py")
        spec = importlib.util.spec_from_file_location("_skillquiz_rules_version", path)
        assert spec is not None and spec.loader is not None
        loaded = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(loaded)
    return str(loaded.RULES_VERSION)


def summarize(assessment: Assessment) -> Summary:
    """The summary of an assessment: the first role open now in the adviser's order, with
    its chance of meeting all its requirements."""
    top = next((role for role in assessment.roles if getattr(role, "open_now", True)), None)
    return Summary(
        rules_version=rules_version(),
        skills=tuple(
            StoredSkillScore(
                skill=skill.skill,
                name=skill.name,
                level=skill.level,
                level_sd=skill.level_sd,
                self_rated=skill.self_rated,
            )
            for skill in assessment.skills
        ),
        top_role=None if top is None else top.role,
        top_role_name=None if top is None else top.name,
        top_p_meets_all=None if top is None else top.p_meets_all,
    )


def graded_answers(assessment: Assessment) -> dict[str, StoredCredit]:
    from quiz.storage import StoredCredit

    return {
        response.question_id: StoredCredit(
            skill=response.skill, type=response.type, credit=response.credit
        )
        for response in assessment.responses
    }


def grade_attempt(
    snapshot: Snapshot,
    answers: Mapping[str, Answer],
    *,
    finished: bool,
    experience_years: float | None = None,
    attempt_id: int = 0,
    scoring: ScoringSet | None = None,
) -> tuple[dict[str, StoredCredit], Summary]:
    """Credits and summary; the top open role depends on the years of experience given.
    ``attempt_id`` names the attempt in the one-line failure when it cannot be scored;
    ``scoring``: the attempt's parameter set (None: the labels)."""
    from quiz.attempts.results import assess_snapshot

    assessment = assess_snapshot(
        snapshot,
        answers,
        finished=finished,
        experience_years=experience_years,
        attempt_id=attempt_id,
        scoring=scoring,
    )
    return graded_answers(assessment), summarize(assessment)


def grade_stored(
    store: Store, attempt: AttemptRow, cache: SnapshotCache | None = None
) -> tuple[dict[str, StoredCredit], Summary]:
    """A finished attempt graded under the current rules from its stored snapshot and
    answers; RuntimeFailure naming it when it cannot be read or scored."""
    from quiz.attempts.results import attempt_scoring, snapshot_of

    snapshot = snapshot_of(store, attempt, cache)
    return grade_attempt(
        snapshot,
        store.answers(attempt.id),
        finished=True,
        experience_years=attempt.experience_years,
        attempt_id=attempt.id,
        scoring=attempt_scoring(store, attempt, snapshot),
    )


def regrade(
    store: Store,
    attempt: AttemptRow,
    writer: Store | None = None,
    cache: SnapshotCache | None = None,
) -> Summary:
    """Grade a finished attempt under the current rules and keep the result in ``writer``
    (the store itself when None); raises RuntimeFailure when it cannot be scored.
    Regrading many attempts, pass one ``cache`` of their snapshots for them all."""
    graded, summary = grade_stored(store, attempt, cache)
    (writer or store).save_grading(attempt.id, graded, summary)
    return summary


def regrade_stale(store: Store) -> int:
    """Grade every finished attempt whose summary is missing or was made under other
    rules; returns how many were graded. One that cannot be scored (damaged by hand) is
    left as it is: the listing names it, and show says why."""
    from quiz.attempts.snapshot import SnapshotCache
    from quiz.errors import RuntimeFailure

    count = 0
    snapshots = SnapshotCache()
    for attempt_id in store.ungraded(rules_version()):
        attempt = store.attempt(attempt_id)
        if attempt is None or attempt.damaged:
            continue
        try:
            regrade(store, attempt, cache=snapshots)
        except RuntimeFailure:
            continue
        count += 1
    return count


class _Regrader:
    """Recomputes summaries made under other scoring rules (or never made), on a second
    connection (the first is busy streaming), saving them where the database can be
    written and only showing them where it cannot."""

    def __init__(self, database: str | None) -> None:
        self._database = database
        self._store: Store | None = None
        self._writable = True
        self._snapshots: SnapshotCache | None = None

    def summary(self, attempt_id: int) -> Summary | None:
        from quiz.attempts.snapshot import SnapshotCache
        from quiz.errors import RuntimeFailure

        store = self._open()
        attempt = store.attempt(attempt_id)
        if attempt is None or attempt.damaged:
            return None
        if self._snapshots is None:
            self._snapshots = SnapshotCache()
        try:
            if self._writable:
                return regrade(store, attempt, cache=self._snapshots)
            return grade_stored(store, attempt, self._snapshots)[1]
        except RuntimeFailure:
            return None

    def _open(self) -> Store:
        from quiz.errors import RuntimeFailure

        if self._store is None:
            try:
                self._store = Store.open(url=self._database)
            except RuntimeFailure:
                self._writable = False
                self._store = Store.open(url=self._database, readonly=True)
        return self._store

    def close(self) -> None:
        if self._store is not None:
            self._store.close()


def current_history(rows: Iterator[HistoryRow], database: str | None) -> Iterator[HistoryRow]:
    """History rows with every finished attempt's summary under the current rules (for
    ``skillquiz history``, which streams ``rows`` from one connection while this regrades on
    another)."""
    version: str | None = None
    regrader = _Regrader(database)
    try:
        for row in rows:
            if row.finished and not row.damaged:
                if version is None:
                    version = rules_version()
                if row.summary is None or row.summary.rules_version != version:
                    row = row._replace(summary=regrader.summary(row.id))
            yield row
    finally:
        regrader.close()

"""From a stored attempt to its results: the snapshot it asked, its answers, scored afresh.

Scoring runs on the snapshot saved with the attempt, never on the current banks, so a
past result stays what it was however the banks change.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, NamedTuple

from questions.record import replace
from quiz.attempts.parameters import LABELS, ScoringSet, newest_set_id, scoring_set
from quiz.errors import BadInput, RuntimeFailure, plural
from quiz.storage import AttemptRow, Store

if TYPE_CHECKING:
    from collections.abc import Mapping

    # Imported where a snapshot is read: finding an attempt (compare, with stored
    # summaries) loads neither pydantic nor the question models.
    from quiz.attempts.snapshot import Snapshot, SnapshotCache
    from scoring.models import Answer, Assessment


def resolve_attempt(store: Store, ref: str | None) -> int:
    """The attempt an argument names: an id, or the latest finished one when None/"latest"."""
    if ref is None or ref.strip().casefold() == "latest":
        latest = store.latest(finished=True)
        if latest is None:
            raise RuntimeFailure("no finished attempt yet; run skillquiz take")
        return latest.id
    text = ref.strip().removeprefix("#")
    # ASCII digits only: "²" passes isdigit() but not int().
    if re.fullmatch(r"[0-9]+", text) is None:
        raise BadInput(
            f"{_short(ref)!r} is not an attempt id; ids are numbers (see skillquiz history)"
        )
    # A number past SQLite's integers names no attempt; past 4,300 digits int() refuses it.
    if len(text.lstrip("0")) > 19:
        raise RuntimeFailure(f"no attempt {_short(text)}; see skillquiz history")
    attempt_id = int(text)
    if store.attempt(attempt_id) is None:
        raise RuntimeFailure(f"no attempt {attempt_id}; see skillquiz history")
    return attempt_id


def _short(text: str) -> str:
    """An argument as echoed in a one-line error: a huge one is cut, not printed whole."""
    return text if len(text) <= 40 else f"{text[:30]}..."


def load_attempt(store: Store, attempt_id: int) -> AttemptRow:
    attempt = store.attempt(attempt_id)
    if attempt is None:
        raise RuntimeFailure(f"no attempt {attempt_id}; see skillquiz history")
    if attempt.damaged:
        raise RuntimeFailure(
            f"attempt {attempt_id} cannot be read (its stored record is damaged); "
            f"delete it with skillquiz history --delete {attempt_id}"
        )
    return attempt


def snapshot_of(store: Store, attempt: AttemptRow, cache: SnapshotCache | None = None) -> Snapshot:
    """The questions an attempt asked; a damaged snapshot is a one-line failure. Reading
    many attempts, pass one ``cache`` for them all."""
    from quiz.attempts.snapshot import load_snapshot

    try:
        return load_snapshot(store, attempt, cache)
    except ValueError as error:
        # A body that does not validate counts its problems (pydantic's ValidationError);
        # one that does not fit together is one problem. pydantic is not imported to tell.
        count = getattr(error, "error_count", None)
        problems = plural(count(), "problem") if callable(count) else "a problem"
        raise RuntimeFailure(
            f"attempt {attempt.id} cannot be read ({problems} "
            "in its stored questions); delete it with skillquiz history --delete "
            f"{attempt.id}"
        ) from None


def assess_snapshot(
    snapshot: Snapshot,
    answers: Mapping[str, Answer],
    *,
    finished: bool,
    attempt_id: int = 0,
    experience_years: float | None = None,
    scoring: ScoringSet | None = None,
) -> Assessment:
    """An attempt scored from its snapshot and answers, with the calibrated parameters of
    ``scoring`` (None: the items' labels), whose notes join the warnings.

    An attempt in progress is scored on what it has reached so far: a question still to
    come is neither wrong nor skipped, so it is left out rather than counted as a skip.
    """
    from questions import InputError
    from scoring import AskedItem, assess

    questions = [
        question for question in snapshot.questions if finished or question.item.id in answers
    ]
    asked = [
        AskedItem(skill=snapshot.skill(question.skill), item=question.item)
        for question in questions
    ]
    used = scoring or LABELS
    try:
        assessment = assess(
            asked,
            answers,
            experience_years=experience_years,
            params=used.params or None,
            parameter_set=used.name,
        )
    except InputError as error:
        raise RuntimeFailure(f"cannot score attempt {attempt_id}: {error.problems[0]}") from None
    if not used.notes:
        return assessment
    return replace(assessment, warnings=[*assessment.warnings, *used.notes])


def attempt_scoring(
    store: Store, attempt: AttemptRow, snapshot: Snapshot, rescore: bool = False
) -> ScoringSet:
    """The parameters an attempt is scored with: the set it recorded, or with ``rescore``
    the newest stored set."""
    set_id = newest_set_id(store) if rescore else store.attempt_parameter_set(attempt.id)
    return scoring_set(store, set_id, snapshot.items.values())


def assess_attempt(
    store: Store, attempt: AttemptRow, snapshot: Snapshot, rescore: bool = False
) -> Assessment:
    """An attempt scored from its snapshot (already read) and its stored answers, with
    its own parameter set (the newest with ``rescore``)."""
    return assess_snapshot(
        snapshot,
        store.answers(attempt.id),
        finished=attempt.finished,
        attempt_id=attempt.id,
        experience_years=attempt.experience_years,
        scoring=attempt_scoring(store, attempt, snapshot, rescore),
    )


class ScoredAttempt(NamedTuple):
    """An attempt scored: the attempt as stored, the questions it asked and what scoring
    concluded; all a report is made from."""

    attempt: AttemptRow
    snapshot: Snapshot
    assessment: Assessment


def score_stored(store: Store, attempt_id: int, rescore: bool = False) -> ScoredAttempt:
    """One attempt (finished or not) scored from its snapshot and stored answers, with its
    own parameter set (the newest with ``rescore``)."""
    attempt = load_attempt(store, attempt_id)
    snapshot = snapshot_of(store, attempt)
    return ScoredAttempt(attempt, snapshot, assess_attempt(store, attempt, snapshot, rescore))

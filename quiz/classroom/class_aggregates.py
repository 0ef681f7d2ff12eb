"""A class's stored credits added up, for statistics over many attempts.

``skillquiz stats`` over 100,000 attempts covers seven million graded answers. Storage
keeps a finished attempt's credits one row per skill (``graded_skills``: each demonstrated
item as ``id:credit``, their exact total, the self-ratings), so this reads 500,000 short
rows in one query on either engine and adds them up: per skill the attempts' scores and
self-ratings and which items each was asked, and per item the joint counts of (credit,
credit on the rest of the skill), from which scoring.statistics works out Moodle's figures
exactly.

The counting is most of the time, so it is done in C: the attempts are grouped by their
total on the skill, and each group's ``id:credit`` strings are counted with
``collections.Counter``; only the distinct (item, credit, total) are parsed afterwards.
"""

from __future__ import annotations

import fnmatch
import math
import re
from collections import Counter
from collections.abc import Callable, Collection, Iterable, Mapping
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from quiz.storage.schema import parse_marks

if TYPE_CHECKING:
    from quiz.storage import Store

Reader = Callable[[str, tuple[Any, ...]], Iterable[tuple[Any, ...]]]

_CREDITS = re.compile(r":[^,]*")  # the credits of a marks list, leaving the ids


class SkillRows:
    """A skill's finished attempts, added up. (Plain classes here, not dataclasses: each
    dataclass costs a millisecond of the start to define.)"""

    __slots__ = ("groups", "pairs", "scores")

    def __init__(self) -> None:
        # Demonstrated score (0..100) of each attempt asked any of the skill's items.
        self.scores: list[float] = []
        # (self-rated, demonstrated) of each attempt, 0..100, None when not answered or asked.
        self.pairs: list[tuple[float | None, float | None]] = []
        # The ids of the items asked (sorted, comma-separated) -> the marks of each attempt
        # asked exactly those: the consistency figure is computed over the largest group.
        self.groups: dict[str, list[str]] = {}


class ClassAggregates:
    """A class's finished attempts, added up per skill and per item."""

    __slots__ = ("attempts", "damaged", "imported", "joint", "skills", "snapshots")

    def __init__(self) -> None:
        self.skills: dict[str, SkillRows] = {}
        # (question id, skill) -> {(credit, rest): attempts}
        self.joint: dict[tuple[str, str], dict[tuple[float, float], int]] = {}
        self.snapshots: list[str] = []  # keys of the snapshots they asked
        self.damaged = 0  # attempts left out of a skill: their stored credits cannot be read
        self.attempts = 0  # the finished attempts covered
        self.imported = 0  # of which brought in from learners' reports (self-reported)


def name_matches(pattern: str | None, name: str | None) -> bool:
    """A learner's name against a shell-style pattern (``Ada*``), case-insensitively; an
    unnamed attempt matches no pattern."""
    if pattern is None:
        return True
    return name is not None and fnmatch.fnmatchcase(name.casefold(), pattern.casefold())


def finished_when(text: object) -> datetime | None:
    """A stored finish time as a moment (a time without a zone is UTC); None when it does
    not read as one."""
    try:
        when = datetime.fromisoformat(str(text))
    except ValueError:
        return None
    return when if when.tzinfo is not None else when.replace(tzinfo=UTC)


def _chosen(
    read: Reader,
    since: datetime | None,
    name: str | None,
    attempts: Collection[int] | None,
) -> tuple[dict[int, str | None], int]:
    """The finished attempts a report covers, with their snapshots' keys, and how many of
    them were imported. Filtered here, not in SQL, so that a time with any offset and a
    name in any script compare as ``cohort`` compares them (SQLite's LOWER knows only
    ASCII)."""
    chosen: dict[int, str | None] = {}
    imported = 0
    for attempt_id, learner, finished_at, snapshot, source in read(
        "SELECT id, name, finished_at, snapshot_digest, source FROM attempts"
        " WHERE finished_at IS NOT NULL",
        (),
    ):
        if attempts is not None and attempt_id not in attempts:
            continue
        if since is not None:
            when = finished_when(finished_at)
            if when is None or when < since:
                continue
        if name is not None and not name_matches(name, learner):
            continue
        chosen[int(attempt_id)] = None if snapshot is None else str(snapshot)
        imported += source != "taken"
    return chosen, imported


_ITEM_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.-]*")  # questions.models.ItemId


def _rating(ratings: str) -> float | None:
    """The self-rated score (0..100) of a ratings list; None when none was answered.
    ValueError when a credit is not a number."""
    answered = [credit for _, credit in parse_marks(ratings) if credit is not None]
    return 100 * math.fsum(answered) / len(answered) if answered else None


def _mark(text: str) -> tuple[str, float] | None:
    """An ``id:credit`` mark read back; None when it is damaged."""
    question_id, colon, credit = text.partition(":")
    try:
        x = float(credit)
    except ValueError:
        return None
    if not colon or not _ITEM_ID.fullmatch(question_id) or not 0 <= x <= 1:
        return None
    return question_id, x


Row = tuple[int, str]  # (attempt id, skill): one row of graded_skills


def _add_up(
    rows: Iterable[tuple[Any, ...]], chosen: Mapping[int, object], skip: Collection[Row]
) -> tuple[ClassAggregates, set[Row], set[str]]:
    """The chosen attempts' rows added up, and what could not be read: rows left out
    (a total or self-rating that is not a number) and damaged marks."""
    result = ClassAggregates()
    damaged: set[Row] = set()
    # The marks of the attempts with the same total on a skill: within one such group an
    # item's rest is its total less its credit, so counting each group's ``id:credit``
    # strings (a few hundred kinds, counted in C) gives every item's joint counts.
    by_total: dict[tuple[str, float], list[str]] = {}
    for attempt_id, skill, marks, total, ratings in rows:
        if attempt_id not in chosen or (attempt_id, skill) in skip:
            continue
        try:
            rated = _rating(ratings) if ratings else None
        except ValueError:
            damaged.add((attempt_id, skill))
            continue
        if marks and (not isinstance(total, float) or not math.isfinite(total)):
            damaged.add((attempt_id, skill))
            continue
        kept = result.skills.get(skill)
        if kept is None:
            kept = result.skills[skill] = SkillRows()
        score = None
        if marks:
            score = 100 * total / (marks.count(",") + 1)
            kept.scores.append(score)
            kept.groups.setdefault(_CREDITS.sub("", marks), []).append(marks)
            same = by_total.get((skill, total))
            if same is None:
                by_total[(skill, total)] = [marks]
            else:
                same.append(marks)
        kept.pairs.append((rated, score))
    read_back: dict[str, tuple[str, float] | None] = {}
    bad: set[str] = set()
    for (skill, total), marks_lists in by_total.items():
        for text, count in Counter(",".join(marks_lists).split(",")).items():
            if text not in read_back:
                read_back[text] = _mark(text)
            mark = read_back[text]
            if mark is None:
                bad.add(text)
                continue
            question_id, x = mark
            joint = result.joint.setdefault((question_id, skill), {})
            joint[(x, total - x)] = joint.get((x, total - x), 0) + count
    return result, damaged, bad


_ROWS = "SELECT attempt_id, skill, marks, total, ratings FROM graded_skills"


def class_aggregates(
    store: Store,
    *,
    since: datetime | None = None,
    name: str | None = None,
    attempts: Collection[int] | None = None,
) -> ClassAggregates:
    """The class's credits added up, on either engine.

    ``name`` is a shell-style pattern on the learner's name, as ``--name`` takes it, matched
    without regard to case; ``attempts``, when given, keeps only those attempts (a cohort's
    latest attempt per learner). An attempt whose stored credits cannot be read on a skill
    is left out of that skill and counted in ``damaged``.
    """
    read = store.query
    chosen, imported = _chosen(read, since, name, attempts)
    result, damaged, bad = _add_up(read(_ROWS, ()), chosen, ())
    if bad:
        # Rare (a damaged file): find the rows holding the damaged marks, add up again
        # without them.
        damaged |= {
            (attempt_id, skill)
            for attempt_id, skill, marks, _, _ in read(_ROWS, ())
            if attempt_id in chosen and bad.intersection(str(marks).split(","))
        }
        result, more, _ = _add_up(read(_ROWS, ()), chosen, damaged)
        damaged |= more
    result.damaged = len({attempt_id for attempt_id, _ in damaged})
    result.attempts, result.imported = len(chosen), imported
    result.snapshots = sorted({key for key in chosen.values() if key is not None})
    return result


def ensure_graded(database: str | None) -> None:
    """Give every finished attempt its credits under the current scoring rules (attempts
    kept by an older version have none yet). Where the database cannot be written (a
    read-only home), the figures come from the credits already stored."""
    from quiz.attempts.summaries import regrade_stale, rules_version
    from quiz.errors import RuntimeFailure
    from quiz.storage import Store

    with Store.open(url=database, readonly=True) as store:
        if not store.ungraded(rules_version()):
            return
    try:
        with Store.open(url=database) as store:
            regrade_stale(store)
    except RuntimeFailure:
        pass

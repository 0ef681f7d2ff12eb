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
from collections.abc import Callable, Collection, Iterable
from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from questions.models import Item
    from quiz.storage import Store

Reader = Callable[[str, tuple[Any, ...]], Iterable[tuple[Any, ...]]]

_CREDITS = re.compile(r":[^,]*")  # the credits of a marks list, leaving the ids


@dataclass
class SkillRows:
    """A skill's finished attempts, added up."""

    # Demonstrated score (0..100) of each attempt asked any of the skill's items.
    scores: list[float] = field(default_factory=list)
    # (self-rated, demonstrated) of each attempt, 0..100, None when not answered or asked.
    pairs: list[tuple[float | None, float | None]] = field(default_factory=list)
    # The ids of the items asked (sorted, comma-separated) -> the marks of each attempt
    # asked exactly those: the consistency figure is computed over the largest group.
    groups: dict[str, list[str]] = field(default_factory=dict)


@dataclass
class ClassAggregates:
    skills: dict[str, SkillRows] = field(default_factory=dict)
    # (question id, skill) -> {(credit, rest): attempts}
    joint: dict[tuple[str, str], dict[tuple[float, float], int]] = field(default_factory=dict)
    snapshots: list[str] = field(default_factory=list)  # keys of the snapshots they asked


def like_pattern(glob: str) -> str:
    """A shell-style name pattern (``Ada*``, ``?l*``) as SQL LIKE with ``\\`` escaping."""
    escaped = glob.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return escaped.replace("*", "%").replace("?", "_")


def name_matches(pattern: str | None, name: str | None) -> bool:
    """A learner's name against a shell-style pattern (``Ada*``), case-insensitively; an
    unnamed attempt matches no pattern."""
    if pattern is None:
        return True
    return name is not None and fnmatch.fnmatchcase(name.casefold(), pattern.casefold())


def _chosen(since: datetime | None, name_like: str | None) -> tuple[str, list[Any]]:
    sql = "SELECT id FROM attempts WHERE finished_at IS NOT NULL"
    parameters: list[Any] = []
    if since is not None:
        sql += " AND finished_at >= ?"
        parameters.append(since.isoformat())
    if name_like is not None:
        sql += " AND LOWER(name) LIKE LOWER(?) ESCAPE '\\'"
        parameters.append(like_pattern(name_like))
    return sql, parameters


_ANSWERED = re.compile(r":([^,]+)")  # the credits of a ratings list's answered self-ratings


def _rating(ratings: str) -> float | None:
    """The self-rated score (0..100) of a ratings list; None when none was answered."""
    answered = _ANSWERED.findall(ratings)
    return 100 * math.fsum(map(float, answered)) / len(answered) if answered else None


def read_aggregates(
    read: Reader,
    *,
    since: datetime | None = None,
    name: str | None = None,
    attempts: Collection[int] | None = None,
) -> ClassAggregates:
    """The class's credits added up; ``read(sql, parameters)`` runs one query on the store.

    ``name`` is a shell-style pattern on the learner's name, as ``--name`` takes it, matched
    without regard to case; ``attempts``, when given, keeps only those attempts (a cohort's
    latest attempt per learner).
    """
    chosen, parameters = _chosen(since, name)
    result = ClassAggregates()
    rows = read(
        "SELECT attempt_id, skill, marks, total, ratings FROM graded_skills"
        f" WHERE attempt_id IN ({chosen})",
        tuple(parameters),
    )

    # The marks of the attempts with the same total on a skill: within one such group an
    # item's rest is its total less its credit, so counting each group's ``id:credit``
    # strings (a few hundred kinds, counted in C) gives every item's joint counts.
    by_total: dict[float, list[str]] = {}
    for attempt_id, skill, marks, total, ratings in rows:
        if attempts is not None and attempt_id not in attempts:
            continue
        kept = result.skills.get(skill)
        if kept is None:
            kept = result.skills[skill] = SkillRows()
        score = None
        if marks:
            score = 100 * total / (marks.count(",") + 1)
            kept.scores.append(score)
            kept.groups.setdefault(_CREDITS.sub("", marks), []).append(marks)
            same = by_total.get(total)
            if same is None:
                by_total[total] = [marks]
            else:
                same.append(marks)
        kept.pairs.append((_rating(ratings) if ratings else None, score))
    skill_of = {
        question_id: skill
        for skill, kept in result.skills.items()
        for ids in kept.groups
        for question_id in ids.split(",")
    }
    for total, marks_lists in by_total.items():
        for mark, count in Counter(",".join(marks_lists).split(",")).items():
            question_id, _, credit = mark.partition(":")
            x = float(credit)
            joint = result.joint.setdefault((question_id, skill_of[question_id]), {})
            joint[(x, total - x)] = joint.get((x, total - x), 0) + count
    result.snapshots = [
        str(key)
        for (key,) in read(
            "SELECT DISTINCT snapshot_digest FROM attempts"
            f" WHERE snapshot_digest IS NOT NULL AND id IN ({chosen})",
            tuple(parameters),
        )
    ]
    return result


def class_aggregates(
    store: Store,
    *,
    since: datetime | None = None,
    name: str | None = None,
    attempts: Collection[int] | None = None,
) -> ClassAggregates:
    """read_aggregates on a store (either engine)."""
    return read_aggregates(store.query, since=since, name=name, attempts=attempts)


def snapshot_items(store: Store, keys: Iterable[str]) -> tuple[dict[str, Item], dict[str, str]]:
    """The items (by question id) and skill names (by skill id) of stored bank snapshots;
    a snapshot that cannot be read adds nothing (its items are listed without a
    random-guess score)."""
    import json

    from pydantic import TypeAdapter, ValidationError

    from questions.models import Item, Skill

    item_type: TypeAdapter[Item] = TypeAdapter(Item)
    items: dict[str, Item] = {}
    names: dict[str, str] = {}
    for key in keys:
        try:
            body = json.loads(store.snapshot(key) or "null")
            for ref in body["banks"]:
                skill = Skill.model_validate(ref["skill"])
                names.setdefault(skill.id, skill.name)
            for question in body["questions"]:
                raw = question["item"]
                if raw.get("id") not in items:
                    item = item_type.validate_python(raw)
                    items[item.id] = item
        except (ValueError, KeyError, TypeError, AttributeError, ValidationError):
            continue
    return items, names


def ensure_graded(database: str | None) -> None:
    """Give every finished attempt its credits under the current scoring rules (attempts
    kept by an older version have none yet). Where the database cannot be written (a
    read-only home), the figures come from the credits already stored."""
    from quiz.errors import RuntimeFailure
    from quiz.grading import regrade_stale, rules_version
    from quiz.storage import Store

    with Store.open(url=database, readonly=True) as store:
        if not store.ungraded(rules_version()):
            return
    try:
        with Store.open(url=database) as store:
            regrade_stale(store)
    except RuntimeFailure:
        pass

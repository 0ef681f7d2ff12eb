"""A class's stored credits added up, for statistics over many attempts.

``skillquiz stats`` over 100,000 attempts covers seven million graded answers. Storage
keeps a finished attempt's credits one row per skill (``graded_skills``: the demonstrated
items' ids and credits, the self-ratings' ids and credits), so this reads 500,000 short
rows in one query and adds them up: per attempt and skill (score, self-rating, which
items), and per item the joint counts of (credit, credit on the rest of the skill), from
which scoring.statistics works out Moodle's figures exactly. The query runs on SQLite and
PostgreSQL alike.
"""

from __future__ import annotations

import fnmatch
import math
from collections import Counter
from collections.abc import Callable, Collection, Iterable
from dataclasses import dataclass, field
from datetime import datetime
from itertools import repeat
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from questions.models import Item
    from quiz.storage import Store

Reader = Callable[[str, tuple[Any, ...]], Iterable[tuple[Any, ...]]]


@dataclass(slots=True)
class AttemptSkill:
    """One finished attempt's graded answers on one skill, added up."""

    attempt_id: int
    skill: str
    asked: int  # demonstrated items asked
    total: float  # their credits added (a skip earns 0)
    rated: int  # self-ratings answered
    rating_sum: float | None  # their credits added
    items: str  # the demonstrated items' ids, sorted, comma-separated
    # Their credits in the same order, comma-separated: parsed again only for the attempts
    # the consistency figure is computed over (a class of 100,000 keeps 500,000 of these).
    sorted_credits: str = ""

    def credits(self) -> list[float]:
        """The credits in the order of ``items``."""
        return [float(x) for x in self.sorted_credits.split(",")] if self.sorted_credits else []


@dataclass
class ClassAggregates:
    attempt_skills: list[AttemptSkill] = field(default_factory=list)
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
        "SELECT attempt_id, skill, items, credits, rating_credits FROM graded_skills"
        f" WHERE attempt_id IN ({chosen})",
        tuple(parameters),
    )
    # (question id, credit, the attempt's total on the skill): the rest is total - credit.
    # Counted in C (Counter.update over an iterable): a class holds millions of answers.
    triples: Counter[tuple[str, float, float]] = Counter()
    skill_of: dict[str, str] = {}
    seen_items: dict[str, str] = {}  # one copy of each list of ids: classes share draws
    for attempt_id, skill, ids, credits, rating_credits in rows:
        if attempts is not None and attempt_id not in attempts:
            continue
        ratings = [float(text) for text in str(rating_credits).split(",") if text]
        listed = str(ids).split(",") if ids else []
        values = list(map(float, str(credits).split(","))) if ids else []
        total = math.fsum(values)
        triples.update(zip(listed, values, repeat(total)))
        items = seen_items.get(ids)
        if items is None:  # a list of ids not seen before: its items' skill
            items = seen_items[ids] = str(ids)
            skill_of.update(dict.fromkeys(listed, str(skill)))
        result.attempt_skills.append(
            AttemptSkill(
                int(attempt_id),
                str(skill),
                len(values),
                total,
                len(ratings),
                math.fsum(ratings) if ratings else None,
                items,
                str(credits) if ids else "",
            )
        )
    for (question_id, x, total), count in triples.items():
        joint = result.joint.setdefault((question_id, skill_of[question_id]), {})
        rest = total - x
        joint[(x, rest)] = joint.get((x, rest), 0) + count
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

"""A class's stored credits added up in the database, for statistics over many attempts.

``skillquiz stats`` over 100,000 attempts covers five million graded answers; reading them
one by one into Python takes longer than the whole report may. So the database adds them
up: per attempt and skill (score, self-rating, which items), and per item the joint counts
of (credit, credit on the rest of the skill), from which scoring.statistics works out
Moodle's figures exactly. The queries read the graded answers storage keeps (``answers``
with ``skill``, ``type`` and ``credit``, written when an attempt is graded) of finished
attempts, and run on SQLite and PostgreSQL alike.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import datetime
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


def _concat(column: str, engine: str) -> str:
    """The values of a group joined with commas, in question-id order."""
    if engine == "postgresql":
        return f"string_agg({column}, ',' ORDER BY question_id)"
    return f"group_concat({column}, ',')"  # SQLite: in the order the rows are read


def read_aggregates(
    read: Reader,
    *,
    engine: str = "sqlite",
    since: datetime | None = None,
    name: str | None = None,
) -> ClassAggregates:
    """The class's credits added up; ``read(sql, parameters)`` runs one query on the store.

    ``name`` is a shell-style pattern on the learner's name, as ``--name`` takes it, matched
    without regard to case.
    """
    chosen, parameters = _chosen(since, name)
    result = ClassAggregates()
    # One pass over the graded answers, one row per attempt and skill: the database groups
    # them in the order it keeps them (no sort), and Python adds up the rest from the ids
    # and credits listed (two lists in the same order).
    shown = "CASE WHEN w.type <> 'likert' THEN"
    rows = read(
        "SELECT w.attempt_id, w.skill,"
        " SUM(CASE WHEN w.type = 'likert' AND w.credit IS NOT NULL THEN 1 ELSE 0 END),"
        " SUM(CASE WHEN w.type = 'likert' THEN w.credit END),"
        f" {_concat(f'{shown} w.question_id END', engine)},"
        f" {_concat(f'{shown} CAST(COALESCE(w.credit, 0) AS TEXT) END', engine)}"
        f" FROM answers w WHERE w.type IS NOT NULL AND w.attempt_id IN ({chosen})"
        " GROUP BY w.attempt_id, w.skill",
        tuple(parameters),
    )
    triples: Counter[tuple[str, float, float]] = Counter()  # (question id, credit, rest)
    skill_of: dict[str, str] = {}
    for attempt_id, skill, rated, rating_sum, ids, credits in rows:
        listed = str(ids).split(",") if ids else []
        texts = str(credits).split(",") if credits else []
        values = list(map(float, texts))
        total = math.fsum(values)
        # Counted in C (Counter.update over an iterable): a class holds millions of answers.
        triples.update(zip(listed, values, map(total.__sub__, values), strict=True))
        skill_of.update(dict.fromkeys(listed, str(skill)))
        ordered = sorted(zip(listed, texts, strict=True))
        result.attempt_skills.append(
            AttemptSkill(
                int(attempt_id),
                str(skill),
                len(values),
                total,
                int(rated or 0),
                None if rating_sum is None else float(rating_sum),
                ",".join(question_id for question_id, _ in ordered),
                ",".join(text for _, text in ordered),
            )
        )
    for (question_id, x, rest), count in triples.items():
        result.joint.setdefault((question_id, skill_of[question_id]), {})[(x, rest)] = count
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
    store: Store, *, since: datetime | None = None, name: str | None = None
) -> ClassAggregates:
    """read_aggregates on a store (either engine)."""
    return read_aggregates(store.query, engine=store.engine, since=since, name=name)


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

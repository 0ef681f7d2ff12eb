"""Each finished attempt's credits, per asked item, read from the attempts database.

Statistics over a class (``stats``, ``cohort``) need the credit each answer earned, not
whole reports. This is the one place that reads them, so the commands never touch rows
themselves. Credits are worked out from each attempt's stored answers against its own
snapshot of the questions, so a bank edited since grades nothing differently.
"""

from __future__ import annotations

import fnmatch
import json
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from pydantic import TypeAdapter, ValidationError

from questions.answers import AnswerError, check_answer
from questions.models import Item, Skill
from quiz.errors import RuntimeFailure
from quiz.storage import AttemptRow, Store
from scoring.grading import credit

_ITEM: TypeAdapter[Item] = TypeAdapter(Item)
_SKILL: TypeAdapter[Skill] = TypeAdapter(Skill)


@dataclass(frozen=True, slots=True)
class Credit:
    """One asked item's credit (0..1) in one attempt; None for a skipped self-rating."""

    skill: str
    question_id: str
    type: str
    credit: float | None


@dataclass(frozen=True)
class AttemptCredits:
    id: int
    name: str | None
    finished_at: datetime
    credits: tuple[Credit, ...]


@dataclass
class Credits:
    """The attempts read, with the items and skills they asked (first version seen)."""

    attempts: list[AttemptCredits] = field(default_factory=list)
    items: dict[str, Item] = field(default_factory=dict)
    skills: dict[str, Skill] = field(default_factory=dict)
    # Finished attempts left out because their stored record cannot be read.
    unreadable: int = 0


def name_matches(pattern: str | None, name: str | None) -> bool:
    """A learner's name against a shell-style pattern (``Ada*``), case-insensitively; an
    unnamed attempt matches no pattern."""
    if pattern is None:
        return True
    return name is not None and fnmatch.fnmatchcase(name.casefold(), pattern.casefold())


def read_credits(
    store: Store, *, since: datetime | None = None, name: str | None = None
) -> Credits:
    """Every finished attempt (oldest first) finished at or after ``since`` whose learner's
    name matches ``name``, with the credit of each question it asked."""
    result = Credits()
    parsed: dict[tuple[str, str], Item] = {}
    bodies: dict[str, Any] = {}
    for attempt in sorted(store.attempts(), key=lambda row: row.id):
        if attempt.finished_at is None:
            continue
        if since is not None and attempt.finished_at < since:
            continue
        if not name_matches(name, attempt.name):
            continue
        credits = _attempt_credits(store, attempt, result, parsed, bodies)
        if credits is None:
            result.unreadable += 1
            continue
        result.attempts.append(
            AttemptCredits(attempt.id, attempt.name, attempt.finished_at, credits)
        )
    return result


def _attempt_credits(
    store: Store,
    attempt: AttemptRow,
    result: Credits,
    parsed: dict[tuple[str, str], Item],
    bodies: dict[str, Any],
) -> tuple[Credit, ...] | None:
    """The attempt's credits, or None when its snapshot or answers cannot be read.

    Items are parsed once per bank version (its digest): a class's attempts ask the same
    few hundred items thousands of times.
    """
    if attempt.damaged:
        return None
    try:
        snapshot: Any = bodies.get(attempt.snapshot)
        if snapshot is None:
            snapshot = bodies[attempt.snapshot] = json.loads(store.snapshot(attempt.snapshot) or "")
        asked = snapshot["questions"]
        if attempt.draw is not None:  # the banks' items, and which of them this attempt drew
            by_id = {question["item"]["id"]: question for question in asked}
            asked = [by_id[question_id] for question_id, _ in json.loads(attempt.draw)]
        digests: dict[str, str] = {}
        for ref in snapshot["banks"]:
            skill = _SKILL.validate_python(ref["skill"])
            result.skills.setdefault(skill.id, skill)
            digests[skill.id] = str(ref["digest"])
        answers = store.answers(attempt.id)
        credits: list[Credit] = []
        for question in asked:
            skill_id = str(question["skill"])
            raw = question["item"]
            key = (digests[skill_id], str(raw["id"]))
            item = parsed.get(key)
            if item is None:
                item = parsed[key] = _ITEM.validate_python(raw)
                result.items.setdefault(item.id, item)
            try:
                value = check_answer(item, answers.get(item.id))
            except AnswerError:
                value = None  # as scoring does: an answer the item no longer fits is a skip
            credits.append(Credit(skill_id, item.id, item.type, credit(item, value)))
    except (ValueError, KeyError, TypeError, ValidationError, RuntimeFailure):
        # RuntimeFailure: a damaged answer row (store.answers says which).
        return None
    return tuple(credits)

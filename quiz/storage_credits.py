"""Each finished attempt's credits, per asked item, read from the attempts database.

Statistics over a class (``stats``, ``cohort``) need the credit each answer earned, not
whole reports. This is the one place that reads them, so the commands never touch rows
themselves. Credits are worked out from each attempt's stored answers against its own
snapshot of the questions, so a bank edited since grades nothing differently.
"""

from __future__ import annotations

import fnmatch
from dataclasses import dataclass, field
from datetime import datetime

from pydantic import TypeAdapter

from questions.models import Item, Skill
from quiz.storage import Store

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
    name matches ``name``, with the stored credit of each question it asked (see
    quiz.class_aggregates.ensure_graded)."""
    from quiz.class_aggregates import snapshot_items

    result = Credits()
    current: list[Credit] = []
    last: tuple[int, str | None, datetime] | None = None
    for row in store.credits(since=since):
        if not name_matches(name, row.name):
            continue
        if last is not None and row.attempt_id != last[0]:
            result.attempts.append(AttemptCredits(*last, tuple(current)))
            current = []
        last = (row.attempt_id, row.name, row.finished_at)
        current.append(Credit(row.skill, row.question_id, row.type, row.credit))
    if last is not None:
        result.attempts.append(AttemptCredits(*last, tuple(current)))
    chosen = {attempt.id for attempt in result.attempts}
    keys = {row.snapshot for row in store.attempts() if row.id in chosen}
    items, names = snapshot_items(store, keys)
    result.items.update(items)
    result.skills.update({s: Skill(id=s, name=n) for s, n in names.items()})
    return result

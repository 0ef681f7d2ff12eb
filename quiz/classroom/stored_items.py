"""The items and skill names of stored bank snapshots, for the statistics that name items
(``stats``, ``cohort``).

Validating every item of a stored body built pydantic's validators for the item types on
first use, most of the time ``stats`` took to start. What a body that reads whole gives
(its items and skill names, in its order) holds for as long as its text and the code that
read it stay what they were, so it may be kept under the two: the command line gives a
keeper (``keep_items_with``) that keeps it in its file cache, as it keeps what validating
an attempt's questions concluded (``quiz.attempts.snapshot``). A body with anything it
cannot read is read as ever, every time, so its damage counts exactly as it did.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any, NamedTuple, Protocol

if TYPE_CHECKING:
    from questions.models import Item
    from quiz.storage import Store

Pair = tuple[str, str]  # a question id and its skill: banks from different folders may reuse an id


class BodyItems(NamedTuple):
    """What a stored body gives when every part of it reads: each skill's id and name, and
    each item by question id and skill, in the body's order (the first of a repeat)."""

    names: list[tuple[str, str]]
    items: list[tuple[Pair, Item]]


class KeptItems(Protocol):
    """Keeps what stored bodies that read whole give, found again by the body's text."""

    def read(self, body: str) -> BodyItems | None:
        """What is kept for exactly this body (None: nothing)."""

    def keep(self, body: str, found: BodyItems) -> None:
        """Keep what this very body gave; failing to is no error."""


_keeper: KeptItems | None = None


def keep_items_with(keeper: KeptItems | None) -> None:
    """Have stored bodies' items read through ``keeper`` from now on (None: keep nothing)."""
    global _keeper
    _keeper = keeper


def snapshot_items(store: Store, keys: Iterable[str]) -> tuple[dict[Pair, Item], dict[str, str]]:
    """The items (by question id and skill: banks from different folders may reuse an id)
    and skill names (by skill id) of stored bank snapshots; a snapshot that cannot be read
    adds nothing (its items are listed without a random-guess score)."""
    items: dict[Pair, Item] = {}
    names: dict[str, str] = {}
    for key in keys:
        body = store.snapshot(key)
        whole = None if body is None else _whole(body)
        if whole is None:
            _read_into(body, items, names)
            continue
        for skill_id, name in whole.names:
            names.setdefault(skill_id, name)
        for pair, item in whole.items:
            if pair not in items:
                items[pair] = item
    return items, names


def _whole(body: str) -> BodyItems | None:
    """What the body gives when every part of it reads, from the keeper when it has it;
    None when some part does not read."""
    kept = None if _keeper is None else _keeper.read(body)
    if kept is not None:
        return kept
    items: dict[Pair, Item] = {}
    names: dict[str, str] = {}
    if not _read_into(body, items, names):
        return None
    found = BodyItems(list(names.items()), list(items.items()))
    if _keeper is not None:
        _keeper.keep(body, found)
    return found


def _read_into(body: str | None, items: dict[Pair, Item], names: dict[str, str]) -> bool:
    """The body's skill names and items read into ``names`` and ``items`` (the first of a
    repeat kept, each question read once) as far as it reads, up to its first problem;
    whether it read whole, every question's skill a text."""
    import json

    from pydantic import ValidationError

    from questions.models import Item, Skill
    from questions.record_schema import validate

    whole = True
    try:
        parsed: Any = json.loads(body or "null")
        for ref in parsed["banks"]:
            skill = validate(Skill, ref["skill"])
            names.setdefault(skill.id, skill.name)
        for question in parsed["questions"]:
            raw, skill_id = question["item"], question["skill"]
            whole = whole and type(skill_id) is str
            if (raw.get("id"), skill_id) not in items:
                item = validate(Item, raw)
                items[(item.id, str(skill_id))] = item
    except (ValueError, KeyError, TypeError, AttributeError, ValidationError):
        return False
    return whole

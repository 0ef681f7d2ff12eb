"""Stored bank snapshots as commands read them: through the cache of what files gave
(``file_cache``), so reading an attempt validates none of its questions again.

An attempt's questions come from a bank snapshot stored in the database; validating the ones
it drew built pydantic's validators on first use, some 40 ms of every ``show``, ``report``
or ``cohort``. What validating concluded (``quiz.attempts.snapshot.KeptParts``) is kept
here under the body's bytes and the code's source, each question and bank pickled on its own
so a run unpickles only those its attempts drew. The entry's key is made from the body as
read from the database, never from the digest it is stored under, so a body edited by hand
is another key. Only parts that validated are kept; anything else is validated as before,
so every failure reads as it did.

The items and skill names ``stats`` and ``cohort`` read of a whole stored body
(``quiz.classroom.stored_items``) are kept the same way, under another kind.

Entries sit in a few slots chosen by the body's digest, each replaced by the body last
kept there, so the cache folder does not grow with every bank edited. Each installed copy
of skillquiz has slots of its own: two copies in use would otherwise replace each other's
entries on every run.
"""

from __future__ import annotations

import pickle
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any, Generic, TypeVar

from quiz.cli.file_cache import Entry, unpickle

if TYPE_CHECKING:
    from questions.record import Record
    from quiz.attempts.snapshot import KeptParts
    from quiz.classroom.stored_items import BodyItems

_KIND = "snapshot"
_CODE = ("quiz.cli.snapshot_cache", "quiz.attempts.snapshot")
# The modules whose models a kept question or bank is made of: the only classes it may make.
_MODELS = ("questions.models", "quiz.attempts.snapshot")
_SLOTS = 8
# Where this copy of skillquiz is installed: its slots are its own.
_INSTALLED = Path(__file__).resolve().parent.parent.parent
_ITEMS_KIND = "snapshot-items"
_ITEMS_CODE = ("quiz.cli.snapshot_cache", "quiz.classroom.stored_items")

Model = TypeVar("Model", bound="Record")


class _Unpickled(Mapping[Any, Model], Generic[Model]):
    """Kept parts by key, each unpickled when first looked up; one that cannot be, or is
    not of the kind expected, is missing (and is then validated afresh)."""

    def __init__(self, blobs: Mapping[Any, bytes], kind: type[Model]) -> None:
        self._blobs = blobs
        self._kind = kind
        self._made: dict[Any, Model] = {}

    def __getitem__(self, key: Any) -> Model:
        if key not in self._made:
            blob = self._blobs[key]
            try:
                made = unpickle(blob, _MODELS)
            except Exception:  # a damaged part is a miss, whatever its damage
                raise KeyError(key) from None
            if not isinstance(made, self._kind):
                raise KeyError(key)
            self._made[key] = made
        return self._made[key]

    def __iter__(self) -> Iterator[Any]:
        return iter(self._blobs)

    def __len__(self) -> int:
        return len(self._blobs)


class _Held:
    """One body's entry and what it holds: skill ids, and pickled questions and banks."""

    def __init__(self, entry: Entry, skills: tuple[Any, ...]) -> None:
        self.entry = entry
        self.skills = skills
        self.questions: dict[Any, bytes] = {}
        self.refs: dict[int, bytes] = {}


def _entry(body: str, kind: str = _KIND, code: tuple[str, ...] = _CODE) -> Entry:
    import hashlib

    data = body.encode("utf-8", "surrogatepass")
    slot = int.from_bytes(hashlib.sha256(data).digest()[:4], "big") % _SLOTS
    return Entry(kind, [(f"{_INSTALLED} slot {slot}", data)], code)


def _held(entry: Entry) -> _Held | None:
    """What the entry holds, when it holds parts of this very body in the shape kept."""
    payload = entry.read()
    if payload is None:
        return None
    try:
        kept = unpickle(payload)
    except Exception:  # a damaged entry is a miss, whatever its damage
        return None
    if not isinstance(kept, dict):
        return None
    skills, questions, refs = kept.get("skills"), kept.get("questions"), kept.get("refs")
    if not (isinstance(skills, tuple) and isinstance(questions, dict) and isinstance(refs, dict)):
        return None
    held = _Held(entry, skills)
    held.questions = {key: blob for key, blob in questions.items() if isinstance(blob, bytes)}
    held.refs = {key: blob for key, blob in refs.items() if isinstance(blob, bytes)}
    return held


class _Keeper:
    """Keeps validated parts of stored bank snapshots in the file cache (see the module)."""

    def __init__(self) -> None:
        self._held: dict[str, _Held] = {}

    def read(self, body: str) -> KeptParts | None:
        from quiz.attempts.snapshot import AskedQuestion, BankRef, KeptParts

        entry = _entry(body)
        held = _held(entry)
        if held is None:
            self._held.pop(body, None)
            return None
        self._held[body] = held
        return KeptParts(
            held.skills,
            _Unpickled(held.questions, AskedQuestion),
            _Unpickled(held.refs, BankRef),
        )

    def keep(self, body: str, parts: KeptParts) -> None:
        held = self._held.get(body)
        if held is None or held.skills != parts.skills:
            held = self._held[body] = _Held(_entry(body), parts.skills)
        added = False
        for key, question in parts.questions.items():
            if key not in held.questions:
                held.questions[key] = pickle.dumps(question, protocol=pickle.HIGHEST_PROTOCOL)
                added = True
        for index, ref in parts.refs.items():
            if index not in held.refs:
                held.refs[index] = pickle.dumps(ref, protocol=pickle.HIGHEST_PROTOCOL)
                added = True
        if added:
            kept = {"skills": held.skills, "questions": held.questions, "refs": held.refs}
            held.entry.write(pickle.dumps(kept, protocol=pickle.HIGHEST_PROTOCOL))


class _ItemsKeeper:
    """Keeps the items and skill names of whole stored bodies (see the module)."""

    def read(self, body: str) -> BodyItems | None:
        from quiz.classroom.stored_items import BodyItems

        payload = _entry(body, _ITEMS_KIND, _ITEMS_CODE).read()
        if payload is None:
            return None
        try:
            kept = unpickle(payload, _MODELS[:1])
        except Exception:  # a damaged entry is a miss, whatever its damage
            return None
        if not isinstance(kept, tuple) or len(kept) != 2:
            return None
        names, items = kept
        if not (_all_pairs(names) and isinstance(items, list)):
            return None
        if not all(len(entry) == 2 and _all_pairs([entry[0]]) for entry in items):
            return None
        if not all(isinstance(item, _item_classes()) for _, item in items):
            return None
        return BodyItems(names, items)

    def keep(self, body: str, found: BodyItems) -> None:
        kept = (found.names, found.items)
        entry = _entry(body, _ITEMS_KIND, _ITEMS_CODE)
        entry.write(pickle.dumps(kept, protocol=pickle.HIGHEST_PROTOCOL))


def _all_pairs(values: object) -> bool:
    """Whether ``values`` is a list of pairs of strings."""
    return isinstance(values, list) and all(
        isinstance(value, tuple)
        and len(value) == 2
        and all(isinstance(part, str) for part in value)
        for value in values
    )


def _item_classes() -> tuple[type, ...]:
    from questions.models import (
        ChoiceItem,
        LikertItem,
        MatchItem,
        MultiItem,
        NumericItem,
        OrderItem,
        TextItem,
    )

    return (ChoiceItem, LikertItem, MatchItem, MultiItem, NumericItem, OrderItem, TextItem)


def use() -> None:
    """Have stored snapshots, and the items read of them, read through this cache from now
    on."""
    from quiz.attempts.snapshot import keep_banks_with
    from quiz.classroom.stored_items import keep_items_with

    keep_banks_with(_Keeper())
    keep_items_with(_ItemsKeeper())

"""Banks as commands load them: through the cache of validated banks (``file_cache``).

Validating the five built-in banks (YAML, then pydantic) took most of the start of
``validate``, ``banks``, ``take`` and ``practice``. Once a set of bank files has validated,
the cache keeps, under the files' bytes, the banks themselves (pickled) and what listing
them shows (plain data). ``summary`` answers ``validate`` and ``banks`` from the plain data
alone, without loading YAML, pydantic or the models; ``load`` gives the banks, unpickled
rather than parsed and validated again. Banks with a problem are never cached: they are
read afresh each time, so every problem is reported as before.
"""

from __future__ import annotations

import pickle
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from questions.record import Record
from quiz.cli.file_cache import Entry, read_files, unpickle

if TYPE_CHECKING:
    from questions import BankSet, Item

_KIND = "banks"
_CODE = ("quiz.cli.bank_cache",)
# The classes a cached bank set is made of besides the bank models themselves.
_BANK_SETS = (("questions.loader", "BankSet"), ("questions.loader", "LoadedBank"))


class Summary(Record):
    """What listing a valid set of banks shows: per bank, its skill, how many items of
    each type and how its demonstrated items spread across difficulties."""

    rows: list[dict[str, Any]]

    @property
    def items(self) -> int:
        return sum(int(row["items"]) for row in self.rows)


def difficulty_spread(items: Sequence[Item]) -> dict[str, int]:
    """How many demonstrated items are rated hard, medium and easy, and how many are not."""
    spread = {"hard": 0, "medium": 0, "easy": 0, "unrated": 0}
    for item in items:
        if item.type != "likert":
            spread[item.difficulty or "unrated"] += 1
    return spread


def summarize(bank_set: BankSet) -> Summary:
    """The listing of a set of banks, as ``skillquiz banks --format json`` prints it."""
    from questions.kinds import ITEM_TYPES

    rows = []
    for loaded in bank_set.banks:
        by_type = dict.fromkeys(ITEM_TYPES, 0)
        for item in loaded.bank.questions:
            by_type[item.type] += 1
        rows.append(
            {
                "skill": loaded.skill.id,
                "name": loaded.skill.name,
                "items": len(loaded.bank.questions),
                "by_type": by_type,
                "by_difficulty": difficulty_spread(loaded.bank.questions),
            }
        )
    return Summary(rows=rows)


def _entry(paths: Sequence[Path]) -> tuple[Entry, list[tuple[str, bytes]]] | None:
    """The cache entry for the banks ``paths`` name (the built-in ones when empty), and the
    files read for its key; None when a path names something the loader would report."""
    from questions.bank_files import bank_files, builtin_bank_dir
    from questions.problems import Problem

    found = list(bank_files(list(paths) or [builtin_bank_dir()]))
    if not found or any(isinstance(entry, Problem) for entry in found):
        return None
    files = read_files(entry for entry in found if isinstance(entry, Path))
    if files is None:
        return None
    return Entry(_KIND, files, _CODE), files


def _cached(
    paths: Sequence[Path],
) -> tuple[Entry, list[tuple[str, bytes]], dict[str, Any] | None]:
    """The entry, its files and what it holds (None: nothing usable)."""
    found = _entry(paths)
    if found is None:
        raise LookupError
    entry, files = found
    payload = entry.read()
    if payload is None:
        return entry, files, None
    try:
        held = unpickle(payload)
    except Exception:  # a damaged entry is a miss, whatever its damage
        return entry, files, None
    return entry, files, held if isinstance(held, dict) else None


def summary(paths: Sequence[Path]) -> Summary | None:
    """The listing of the banks ``paths`` name, from the cache alone; None when it does not
    hold them (then ``load`` and ``summarize``)."""
    try:
        _, _, held = _cached(paths)
    except LookupError:
        return None
    rows = None if held is None else held.get("rows")
    return Summary(rows=rows) if isinstance(rows, list) else None


def load(paths: Sequence[Path]) -> BankSet:
    """The banks ``paths`` name (the built-in ones when empty), as ``questions.load_banks``
    gives them, raising BankLoadError with every problem as it does."""
    from questions import load_banks
    from questions.loader import BankSet

    try:
        entry, files, held = _cached(paths)
    except LookupError:
        return load_banks(list(paths) or None)
    if held is not None and isinstance(held.get("banks"), bytes):
        try:
            banks = unpickle(held["banks"], ("questions.models",), _BANK_SETS)
            if isinstance(banks, BankSet):
                return banks
        except Exception:  # a damaged or foreign entry is a miss
            pass
    bank_set = load_banks(list(paths) or None)
    if _read_as_hashed(bank_set, files):
        rows = summarize(bank_set).rows
        banks_blob = pickle.dumps(bank_set, protocol=pickle.HIGHEST_PROTOCOL)
        entry.write(pickle.dumps({"rows": rows, "banks": banks_blob}))
    return bank_set


def _read_as_hashed(bank_set: BankSet, files: list[tuple[str, bytes]]) -> bool:
    """Whether the banks loaded are those of the bytes the key was made from (a file
    changed in between would otherwise be cached under its old bytes)."""
    import hashlib

    if [loaded.source for loaded in bank_set.banks] != [path for path, _ in files]:
        return False
    for loaded, (_, data) in zip(bank_set.banks, files, strict=True):
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            return False
        digest = hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()[:12]
        if digest != loaded.digest:
            return False
    return True

"""Loading and validating question banks from files and folders.

Every problem in every file is collected before anything is raised, so ``validate`` can
show an author the whole list at once.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from questions.bank_files import BANK_SUFFIXES as BANK_SUFFIXES
from questions.bank_files import bank_files as bank_files
from questions.bank_files import builtin_bank_dir as builtin_bank_dir
from questions.models import Bank, Item, Skill
from questions.problems import BankLoadError, InputError, Problem
from questions.record import Record

if TYPE_CHECKING:
    # The YAML reader is imported when a bank is read: banks unpickled from the cache of
    # validated banks never load it.
    from questions.yamlsource import Document


class LoadedBank(Record):
    """A bank with where it came from and a hash of its content, to tell versions apart."""

    bank: Bank
    source: str
    digest: str

    @property
    def skill(self) -> Skill:
        return self.bank.skill


class BankSet(Record):
    """All banks a quiz draws from; ids are unique across the set."""

    banks: tuple[LoadedBank, ...]

    @cached_property
    def items(self) -> dict[str, Item]:
        return {item.id: item for loaded in self.banks for item in loaded.bank.questions}

    @cached_property
    def skill_of(self) -> dict[str, str]:
        """Question id to skill id."""
        return {item.id: loaded.skill.id for loaded in self.banks for item in loaded.bank.questions}

    @property
    def skills(self) -> tuple[Skill, ...]:
        return tuple(loaded.skill for loaded in self.banks)

    def bank(self, skill_id: str) -> LoadedBank:
        for loaded in self.banks:
            if loaded.skill.id == skill_id:
                return loaded
        raise KeyError(skill_id)

    def __len__(self) -> int:
        return len(self.items)


def _validate(document: Document) -> Bank:
    if not isinstance(document.data, dict):
        kind = type(document.data).__name__
        raise InputError(
            [
                document.problem(
                    (), f"a bank must be a mapping with schema, skill, questions; got a {kind}"
                )
            ]
        )
    if document.data and not _BANK_KEYS & document.data.keys():
        # Not a bank at all: say so without quoting it, since it may be anything (a
        # configuration file, a password file) and its keys are not ours to print.
        raise InputError(
            [
                document.problem(
                    (), "not a question bank: it has none of the keys schema, skill and questions"
                )
            ]
        )
    from pydantic import ValidationError

    from questions.record_schema import validate

    try:
        bank: Bank = validate(Bank, document.data)
        return bank
    except ValidationError as error:
        from questions.locate import validation_problems

        raise InputError(validation_problems(error, document)) from None


_BANK_KEYS = frozenset({"schema", "skill", "questions"})


class _DeclaredIds(Record):
    """The ids one file declares, read from its raw data so they are checked even when
    the file has other problems."""

    file: str
    skill: tuple[str, Problem] | None
    items: tuple[tuple[str, Problem], ...]


def _declared_ids(document: Document) -> _DeclaredIds:
    data = document.data if isinstance(document.data, dict) else {}
    skill = data.get("skill")
    skill_id = None
    if isinstance(skill, dict) and isinstance(skill.get("id"), str):
        skill_id = (skill["id"], document.problem(("skill", "id"), ""))
    questions = data.get("questions")
    items = tuple(
        (question["id"], document.problem(("questions", index, "id"), ""))
        for index, question in enumerate(questions if isinstance(questions, list) else [])
        if isinstance(question, dict) and isinstance(question.get("id"), str)
    )
    return _DeclaredIds(file=document.file, skill=skill_id, items=items)


def _id_problems(declared: Iterable[_DeclaredIds]) -> list[Problem]:
    """Skill ids and question ids must be unique across every bank loaded together."""
    problems: list[Problem] = []
    skills: dict[str, Problem] = {}
    items: dict[str, Problem] = {}
    for ids in declared:
        if ids.skill is not None:
            skill_id, place = ids.skill
            first = skills.setdefault(skill_id, place)
            if first is not place:
                problems.append(
                    place._replace(message=f"skill id {skill_id!r} is already used by {first.file}")
                )
        for item_id, place in ids.items:
            first = items.setdefault(item_id, place)
            if first is not place:
                where = f"{first.file}:{first.line}"
                problems.append(
                    place._replace(
                        message=f"duplicate question id {item_id!r}; first used at {where}"
                    )
                )
    return problems


def _bank(document: Document) -> tuple[LoadedBank | None, _DeclaredIds, list[Problem]]:
    """Validate one parsed file: the bank if it is valid, its ids, and its problems."""
    declared = _declared_ids(document)
    try:
        bank = _validate(document)
    except InputError as error:
        return None, declared, error.problems
    return LoadedBank(bank=bank, source=document.file, digest=document.digest), declared, []


def parse_bank(text: str, file: str = "<bank>") -> LoadedBank:
    """Parse one bank from text; raise BankLoadError with every problem found."""
    from questions.yamlsource import parse_yaml

    try:
        document = parse_yaml(text, file)
    except InputError as error:
        raise BankLoadError(error.problems) from None
    loaded, declared, problems = _bank(document)
    problems.extend(_id_problems([declared]))
    if loaded is None or problems:
        raise BankLoadError(problems)
    return loaded


def load_banks(paths: Sequence[Path] | None = None) -> BankSet:
    """Load the built-in banks, or the given files and folders, checking ids across them."""
    from questions.yamlsource import read_yaml

    targets = list(paths) if paths else [builtin_bank_dir()]
    problems: list[Problem] = []
    banks: list[LoadedBank] = []
    declared: list[_DeclaredIds] = []
    for entry in bank_files(targets):
        if isinstance(entry, Problem):
            problems.append(entry)
            continue
        try:
            document = read_yaml(entry)
        except InputError as error:
            problems.extend(error.problems)
            continue
        loaded, ids, found = _bank(document)
        declared.append(ids)
        problems.extend(found)
        if loaded is not None:
            banks.append(loaded)
    problems.extend(_id_problems(declared))
    if problems:
        raise BankLoadError(problems)
    return BankSet(banks=tuple(banks))

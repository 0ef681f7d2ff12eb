"""Moodle GIFT: reading it into banks and writing banks as GIFT (no click here).

quiz.gift.reader takes GIFT text apart as Moodle's importer does (text formats and escapes
in quiz.gift.text, numerical answers in quiz.gift.numbers); quiz.gift.importer maps the
questions to bank items; quiz.gift.yamlout writes the bank; quiz.gift.exporter writes
banks back out as GIFT.

May import ``questions`` alone: GIFT knows nothing of attempts, storage or scoring.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from questions.problems import Problem
from quiz.gift.exporter import Exported, export_banks

__all__ = [
    "Exported",
    "ImportFailure",
    "ImportResult",
    "export_banks",
    "import_files",
    "import_texts",
]


class ImportFailure(Exception):
    """The converter wrote a bank that does not load: a bug, reported in one line."""


@dataclass
class ImportResult:
    """The bank's YAML (None when nothing could be imported) and what happened on the way."""

    bank_text: str | None
    imported: int
    skipped: int
    problems: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)


def import_files(paths: Sequence[Path], skill_id: str, name: str | None = None) -> ImportResult:
    """Convert GIFT files into one bank for ``skill_id``."""
    from quiz.gift.reader import read_gift_file

    return _import([read_gift_file(path) for path in paths], skill_id, name)


def import_texts(
    texts: Sequence[tuple[str, bytes]], skill_id: str, name: str | None = None
) -> ImportResult:
    """Convert GIFT given as (file name, bytes) pairs: the same as import_files."""
    from quiz.gift.reader import read_gift_bytes

    return _import([read_gift_bytes(raw, file) for file, raw in texts], skill_id, name)


def _import(files: Sequence[object], skill_id: str, name: str | None) -> ImportResult:
    from questions import BankLoadError, parse_bank
    from quiz.gift.importer import import_questions
    from quiz.gift.reader import GiftFile
    from quiz.gift.yamlout import bank_yaml

    gift_files = [file for file in files if isinstance(file, GiftFile)]
    imported = import_questions(gift_files, skill_id)
    result = ImportResult(
        None, len(imported.items), imported.skipped, imported.problems, imported.warnings
    )
    if not imported.items:
        return result
    skill = {"id": skill_id, "name": name or skill_id.replace("_", " ").capitalize()}
    sources = ", ".join(dict.fromkeys(Path(file.file).name for file in gift_files))
    items = [(data, f"from {where.file}:{where.line}") for data, where in imported.items]
    text = bank_yaml(
        skill, items, header=[f"Imported from GIFT ({sources}) by skillquiz gift import."]
    )
    try:
        parse_bank(text, "<imported bank>")
    except BankLoadError as error:  # a fault of this converter, not of the input
        raise ImportFailure(f"the bank written does not validate: {error.problems[0]}") from None
    result.bank_text = text
    return result

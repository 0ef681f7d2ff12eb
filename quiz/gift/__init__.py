"""Moodle GIFT: reading it into banks and writing banks as GIFT (no click here).

quiz.gift.reader takes GIFT text apart as Moodle's importer does (bytes to text in
quiz.gift.decoding, text formats and escapes in quiz.gift.text over quiz.gift.htmltext and
quiz.gift.markdown, numerical answers in quiz.gift.numbers); quiz.gift.importer maps the
questions to bank items; quiz.gift.yamlout writes the bank; quiz.gift.exporter writes
banks back out as GIFT.

May import ``questions`` and quiz.safetext alone: GIFT knows nothing of attempts, storage
or scoring.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from questions.problems import Problem
from questions.record import Record
from quiz.gift.exporter import Exported, export_banks

if TYPE_CHECKING:
    # The reader is imported when GIFT is read: exporting never loads it.
    from quiz.gift.reader import GiftFile, Question

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


class ImportResult(Record):
    """The bank's YAML (None when nothing could be imported) and what happened on the way;
    ``refused`` says why nothing was written when questions were read but do not fit."""

    bank_text: str | None
    imported: int
    skipped: int
    problems: list[Problem] = []  # noqa: RUF012 (copied for each record)
    warnings: list[Problem] = []  # noqa: RUF012
    refused: str | None = None


def import_files(paths: Sequence[Path], skill_id: str, name: str | None = None) -> ImportResult:
    """Convert GIFT files into one bank for ``skill_id``."""
    from quiz.gift.reader import GiftFile, gift_file_questions

    files = [GiftFile(str(path)) for path in paths]
    pairs = zip(files, paths, strict=True)
    sources = ((file, gift_file_questions(path, file)) for file, path in pairs)
    return _import(files, sources, skill_id, name)


def import_texts(
    texts: Sequence[tuple[str, bytes]], skill_id: str, name: str | None = None
) -> ImportResult:
    """Convert GIFT given as (file name, bytes) pairs: the same as import_files."""
    from quiz.gift.reader import GiftFile, gift_questions

    files = [GiftFile(file) for file, _ in texts]
    pairs = zip(files, texts, strict=True)
    sources = ((file, gift_questions(raw, file)) for file, (_, raw) in pairs)
    return _import(files, sources, skill_id, name)


def _import(
    files: Sequence[GiftFile],
    sources: Iterable[tuple[GiftFile, Iterable[Question]]],
    skill_id: str,
    name: str | None,
) -> ImportResult:
    from questions import BankLoadError, parse_bank
    from questions.yamlsource import MAX_FILE_BYTES
    from quiz.gift.importer import import_questions
    from quiz.gift.yamlout import BankWriter

    skill = {"id": skill_id, "name": name or skill_id.replace("_", " ").capitalize()}
    shown = ", ".join(dict.fromkeys(Path(file.file).name for file in files))
    header = [f"Imported from GIFT ({shown}) by skillquiz gift import."]
    writer = BankWriter(skill, header, limit=MAX_FILE_BYTES)
    imported = import_questions(
        sources, skill_id, lambda data, where: writer.add(data, f"from {where.file}:{where.line}")
    )

    def result(bank_text: str | None, refused: str | None = None) -> ImportResult:
        return ImportResult(
            bank_text=bank_text,
            imported=writer.count,
            skipped=imported.skipped,
            problems=imported.problems,
            warnings=imported.warnings,
            refused=refused,
        )

    if imported.full_at is not None:
        imported.problems.append(_too_large(imported.full_at, writer.count, MAX_FILE_BYTES))
        return result(None, "Nothing was written: the bank would be too large to load.")
    if not writer.count:
        return result(None)
    text = writer.text()
    try:
        parse_bank(text, "<imported bank>")
    except BankLoadError as error:  # a fault of this converter, not of the input
        raise ImportFailure(f"the bank written does not validate: {error.problems[0]}") from None
    return result(text)


def _too_large(where: Problem, count: int, limit: int) -> Problem:
    return Problem(
        where.file,
        where.line,
        where.column,
        f"the bank reaches {limit // (1024 * 1024)} MB, the most a bank file may hold, at "
        f"this question (the {count:,} before it fit); import the questions from here on "
        "into another bank",
    )

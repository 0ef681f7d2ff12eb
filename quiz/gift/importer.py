"""GIFT questions as bank items: the mapping from Moodle's question types to skillquiz's.

multiple choice with ``=``      -> choice (``%50%`` is credit 0.5, negative weights 0)
multiple choice without ``=``   -> multi (a positive weight marks a right option)
true/false                      -> choice with the options True and False
numerical                       -> numeric (the full-credit answer; partial ones noted)
short answer                    -> text
matching                        -> match (a pair without a prompt is a distractor)
essay, description              -> skipped with a warning: they cannot be scored

Every item is checked against the bank schema on its own, so a question that maps to an
invalid item (a multiple-answer question where every option is right) is one problem at
its line and the others are still imported.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from decimal import Decimal
from typing import Any

from pydantic import TypeAdapter, ValidationError

from questions.models import DIFFICULTIES, Item
from questions.problems import Problem
from quiz.gift.reader import GiftFile, Question

_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]*$")
_ID_STYLE = {
    "choice": "scn",
    "multi": "multi",
    "numeric": "num",
    "order": "ord",
    "text": "txt",
    "match": "match",
}
_ITEM: TypeAdapter[Item] = TypeAdapter(Item)


@dataclass
class Imported:
    """What was not imported, and why; the items went to the caller's ``keep`` one by one."""

    problems: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)
    skipped: int = 0  # questions left out, for a problem or because they cannot be scored
    full_at: Problem | None = None  # the first question ``keep`` had no room for


class _Unusable(Exception):
    """The question cannot become an item; the message says why."""


# Receives each item (as plain data) with the place it came from; False when it has no
# room for it, which stops the import there.
Keep = Callable[[dict[str, Any], Problem], bool]


def import_questions(
    sources: Iterable[tuple[GiftFile, Iterable[Question]]], skill_id: str, keep: Keep
) -> Imported:
    """Map every question read to a bank item and hand it to ``keep``, one at a time, so
    a large import never holds every question or item at once."""
    result = Imported()
    ids = _Ids(skill_id)
    for gift, questions in sources:
        category: str | None = None
        for question in questions:
            where = Problem(gift.file, question.place.line, question.place.column, "")
            if question.kind == "category":
                category = _category_tag(question.category or "")
                continue
            data = _mapped(question, category, ids, where, result)
            if data is not None and not keep(data, where):
                result.full_at = where
                ids.release(str(data["id"]))
                break
        result.problems.extend(gift.problems)
        result.warnings.extend(gift.warnings)
        result.skipped += gift.skipped
        if result.full_at is not None:
            break
    return result


def _mapped(
    question: Question, category: str | None, ids: _Ids, where: Problem, result: Imported
) -> dict[str, Any] | None:
    """One question as an item checked against the bank schema, or None (and why)."""
    if question.kind in ("essay", "description"):
        result.warnings.append(_at(where, f"{question.kind} question skipped: it cannot be scored"))
        result.skipped += 1
        return None
    question = _answers_on_one_line(question, where, result.warnings)
    try:
        data = _item(question, category)
    except _Unusable as error:
        result.problems.append(_at(where, f"{error}; question skipped"))
        result.skipped += 1
        return None
    data = {"id": ids.take(question.title, str(data["type"])), **data}
    try:
        _ITEM.validate_python(data)
    except ValidationError as error:
        result.problems.append(_at(where, f"{_message(error)}; question skipped"))
        result.skipped += 1
        ids.release(str(data["id"]))
        return None
    return data


_BREAKS = re.compile(r"\s*[\n\u2028\u2029]\s*")


def _answers_on_one_line(question: Question, where: Problem, warnings: list[Problem]) -> Question:
    """Answers, options and matching pairs are one line each in a bank: a line break in
    one (``\\n``, or a <br> or paragraphs in HTML) is joined with a space, with a warning."""
    if question.kind not in ("multichoice", "shortanswer", "match"):
        return question
    answers = []
    for answer in question.answers:
        text = _BREAKS.sub(" ", answer.text)
        feedback = answer.feedback
        if question.kind == "match" and feedback is not None:
            feedback = _BREAKS.sub(" ", feedback)  # a pair's answer
        if (text, feedback) != (answer.text, answer.feedback):
            at = answer.place
            message = "a line break in an answer, joined with a space: answers are one line"
            warnings.append(Problem(where.file, at.line, at.column, message))
            answer = replace(answer, text=text, feedback=feedback)
        answers.append(answer)
    if all(new is old for new, old in zip(answers, question.answers, strict=True)):
        return question
    return replace(question, answers=tuple(answers))


def _at(where: Problem, message: str) -> Problem:
    return Problem(where.file, where.line, where.column, message)


def _message(error: ValidationError) -> str:
    first = error.errors(include_url=False)[0]
    message = first["msg"].removeprefix("Value error, ")
    path = [str(part) for part in first["loc"][1:] if not isinstance(part, int)]
    return f"{'.'.join(path)}: {message}" if path else message


def _category_tag(category: str) -> str | None:
    """``$course$/top/Safety/Lockout`` as the tag ``Safety/Lockout``."""
    parts = [part.strip() for part in category.split("/") if part.strip()]
    while parts and (re.fullmatch(r"\$\w*\$", parts[0]) or parts[0] == "top"):
        parts.pop(0)
    return "/".join(parts) or None


class _Ids:
    """Titles made into unique ids; a generated id where there is no title."""

    def __init__(self, skill_id: str) -> None:
        self.prefix = "".join(part[0] for part in skill_id.split("_") if part)[:4] or "q"
        self.used: set[str] = set()
        self.counters: dict[str, int] = {}
        self.next_number: dict[str, int] = {}

    def take(self, title: str | None, kind: str) -> str:
        base = _slug(title) if title else ""
        if not base:
            style = _ID_STYLE.get(kind, kind)
            while True:
                self.counters[style] = self.counters.get(style, 0) + 1
                candidate = f"{self.prefix}-{style}-{self.counters[style]:02d}"
                if candidate not in self.used:
                    break
        else:
            # The next number to try is kept per title, so a thousand questions titled
            # alike take a thousand steps, not half a million.
            candidate, number = base, self.next_number.get(base, 1)
            while candidate in self.used:
                number += 1
                suffix = f"-{number}"
                candidate = base[: 64 - len(suffix)] + suffix
            self.next_number[base] = number
        self.used.add(candidate)
        return candidate

    def release(self, item_id: str) -> None:
        self.used.discard(item_id)


def _slug(title: str) -> str:
    """A title as an id: lower case, kept as written when it is an id already (ct-scn-01),
    else its words joined by '-' (accents dropped)."""
    title = title.strip().lower()
    if _ID.fullmatch(title) and len(title) <= 64:
        return title
    ascii_text = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
    return slug[:64].rstrip("-")


# --- one question ---------------------------------------------------------------------


def _item(question: Question, category: str | None) -> dict[str, Any]:
    meta = question.meta or {}
    data: dict[str, Any]
    notes: list[str] = []
    if question.kind == "multichoice":
        data, notes = _multichoice(question)
    elif question.kind == "truefalse":
        data, notes = _truefalse(question)
    elif question.kind == "numerical":
        data, notes = _numerical(question, meta)
    elif question.kind == "shortanswer":
        data, notes = _short(question)
    else:
        data = _match(question, meta)
    item: dict[str, Any] = {"type": data.pop("type"), "text": question.text}
    if question.exhibit:
        item["exhibit"] = question.exhibit
    difficulty = meta.get("difficulty")
    if difficulty in DIFFICULTIES:
        item["difficulty"] = difficulty
    level = meta.get("level")
    if isinstance(level, int | float) and not isinstance(level, bool):
        item["level"] = level  # the bank's own check refuses one off the scale, at its line
    item.update(data)
    explanation = "\n".join(part for part in (question.feedback, *notes) if part)
    if explanation:
        item["explanation"] = explanation
    tags = meta.get("tags") if question.meta is not None else None
    if isinstance(tags, list) and all(isinstance(tag, str) for tag in tags):
        if tags:
            item["tags"] = list(tags)
    elif category:
        item["tags"] = [category]
    return item


def _credit(weight: Decimal | None) -> int | float:
    """A Moodle weight (0..1) as a credit; negative weights earn nothing here."""
    if weight is None or weight <= 0:
        return 0
    if weight > 1:
        raise _Unusable(f"a weight of {weight * 100:g}% is over 100%")
    return _number(weight)


def _number(value: Decimal) -> int | float:
    """Whole numbers as int (the bank then reads 4, not 4.0), the rest as float."""
    return int(value) if value == value.to_integral_value() else float(value)


def _feedback_notes(question: Question) -> list[str]:
    return [f'"{a.text}": {a.feedback}' for a in question.answers if a.feedback]


def _multichoice(question: Question) -> tuple[dict[str, Any], list[str]]:
    notes = _feedback_notes(question)
    if any(answer.right for answer in question.answers):
        options = [
            {"text": answer.text, "credit": _credit(answer.weight)} for answer in question.answers
        ]
        return {"type": "choice", "options": options}, notes
    options = [
        {"text": answer.text, "correct": answer.weight is not None and answer.weight > 0}
        for answer in question.answers
    ]
    return {"type": "multi", "options": options}, notes


def _truefalse(question: Question) -> tuple[dict[str, Any], list[str]]:
    truth = bool(question.truth)
    wrong, right = question.truth_feedback
    options = [
        {"text": "True", "credit": 1 if truth else 0},
        {"text": "False", "credit": 0 if truth else 1},
    ]
    feedback = {"True": right if truth else wrong, "False": wrong if truth else right}
    notes = [f'"{text}": {note}' for text, note in feedback.items() if note]
    return {"type": "choice", "options": options}, notes


def _numerical(question: Question, meta: dict[str, object]) -> tuple[dict[str, Any], list[str]]:
    full = [answer for answer in question.answers if answer.weight == 1]
    if not full:
        raise _Unusable("a numerical question needs an answer with full credit (100%)")
    value, tolerance = (Decimal(part) for part in full[0].text.split(":"))
    data: dict[str, Any] = {
        "type": "numeric",
        "answer": _number(value),
        "tolerance": _number(tolerance),
    }
    unit = meta.get("unit")
    if isinstance(unit, str) and unit.strip():
        data["unit"] = unit
    notes = [f"{_shown(full[0].text)}: {full[0].feedback}"] if full[0].feedback else []
    for answer in question.answers:
        if answer is full[0]:
            continue
        share = f"{_number((answer.weight or Decimal(0)) * 100)}%"
        note = f"Also accepted for {share} credit in the source: {_shown(answer.text)}"
        notes.append(f"{note} ({answer.feedback})" if answer.feedback else note)
    if question.wrong_feedback:
        notes.append(f"Any other answer: {question.wrong_feedback}")
    return data, notes


def _shown(range_text: str) -> str:
    value, tolerance = range_text.split(":")
    return value if Decimal(tolerance) == 0 else f"{value} ± {tolerance}"


def _short(question: Question) -> tuple[dict[str, Any], list[str]]:
    answers = [
        {"text": answer.text, "credit": _credit(answer.weight)} for answer in question.answers
    ]
    return {"type": "text", "answers": answers}, _feedback_notes(question)


def _match(question: Question, meta: dict[str, object]) -> dict[str, Any]:
    pairs = [
        {"prompt": answer.text, "answer": answer.feedback or ""}
        for answer in question.answers
        if answer.text
    ]
    distractors = [answer.feedback for answer in question.answers if not answer.text]
    if meta.get("type") == "order":
        positions = [pair["answer"] for pair in pairs]
        if sorted(positions, key=lambda p: int(p) if p.isdigit() else 0) == [
            str(n) for n in range(1, len(pairs) + 1)
        ]:
            steps = sorted(pairs, key=lambda pair: int(pair["answer"]))
            return {"type": "order", "items": [pair["prompt"] for pair in steps]}
    data: dict[str, Any] = {"type": "match", "pairs": pairs}
    if distractors:
        data["distractors"] = distractors
    return data

"""Banks written as GIFT that Moodle's importer (and quiz.gift.reader) reads back.

What GIFT cannot say goes into a ``// skillquiz: {...}`` comment before each question
(Moodle ignores comments; the reader here restores it): the difficulty, the tags, a
numeric item's unit, and that a matching question was an order item.
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Sequence
from decimal import Decimal
from typing import assert_never

from questions.models import (
    Bank,
    ChoiceItem,
    Item,
    LikertItem,
    MatchItem,
    MultiItem,
    NumericItem,
    OrderItem,
    TextItem,
)
from questions.record import Record

# The comment line that carries what GIFT cannot say (quiz.gift.reader reads it back).
META_PREFIX = "// skillquiz:"

_SPECIAL = str.maketrans(
    {
        "\\": "\\\\",
        "~": "\\~",
        "=": "\\=",
        "#": "\\#",
        "{": "\\{",
        "}": "\\}",
        ":": "\\:",
        "\n": "\\n",
        "\r": "",
    }
)


# The answer grades Moodle's question import accepts as they are (with the default "Match
# grades: error if grade not listed"); multiple-answer weights may also be their negatives.
MOODLE_GRADES = (
    1.0,
    0.9,
    0.8333333,
    0.8,
    0.75,
    0.7,
    0.6666667,
    0.6,
    0.5,
    0.4,
    0.3333333,
    0.3,
    0.25,
    0.2,
    0.1666667,
    0.1428571,
    0.125,
    0.1111111,
    0.1,
    0.05,
    0.0,
)


def _unlisted(fractions: Sequence[float]) -> list[float]:
    return [f for f in fractions if not any(abs(abs(f) - g) < 1e-4 for g in MOODLE_GRADES)]


def _fractions(item: Item) -> list[float]:
    match item:
        case ChoiceItem():
            return [float(option.credit) for option in item.options]
        case TextItem():
            return [float(answer.credit) for answer in item.answers]
        case MultiItem():
            right = sum(1 for option in item.options if option.correct)
            return [1 / right, -1 / (len(item.options) - right)]
        case LikertItem() | NumericItem() | OrderItem() | MatchItem():
            return []
        case _:
            assert_never(item)


class Exported(Record):
    text: str = ""
    count: int = 0
    notes: list[str] = []  # noqa: RUF012 (copied for each record)


def escape(text: str) -> str:
    """Text with GIFT's special characters escaped and line breaks as ``\\n``."""
    return text.translate(_SPECIAL)


class _Writer:
    """The text of one question: HTML when it has an exhibit (Moodle shows it in <pre>),
    else marked [plain], so Moodle shows it exactly as written, spaces and <, & included."""

    def __init__(self, item: Item) -> None:
        self.html = item.exhibit is not None

    def rich(self, text: str) -> str:
        """Text Moodle formats (question, options, prompts, feedback)."""
        written = escape(_html(text)) if self.html else escape(text)
        return _guarded(written, "html" if self.html else "plain")

    def stem(self, item: Item) -> str:
        if not self.html:
            return "[plain]" + escape(item.text)
        body = f"<p>{_html(item.text)}</p>"
        if item.exhibit is not None:
            body += f"<pre>{html.escape(item.exhibit, quote=False)}</pre>"
        return "[html]" + escape(body)


def _guarded(written: str, fmt: str) -> str:
    """A text that starts with '[' gets its format named first, so Moodle does not take
    its start ("[html]...") for one."""
    return f"[{fmt}]{written}" if written.startswith("[") else written


def _html(text: str) -> str:
    """Plain text as HTML that shows the same: line breaks as <br>, and runs of spaces
    kept with no-break spaces (HTML would show one)."""
    escaped = html.escape(text, quote=False).replace("\n", "<br>")
    return re.sub("  +", lambda run: " " + "&nbsp;" * (len(run.group()) - 1), escaped)


def _percent(value: float) -> str:
    """A fraction as Moodle's ``%n%`` weight, exact for the credits a bank holds."""
    number = Decimal(repr(float(value))) * 100
    text = format(number.normalize(), "f")
    return text.rstrip("0").rstrip(".") if "." in text else text


def _number(value: float) -> str:
    text = repr(value) if isinstance(value, float) else str(value)
    return text


def _meta(item: Item, extra: dict[str, object]) -> str:
    meta: dict[str, object] = {}
    difficulty = getattr(item, "difficulty", None)
    if difficulty is not None:
        meta["difficulty"] = difficulty
    level = getattr(item, "level", None)
    if level is not None:
        meta["level"] = level
    meta["tags"] = list(item.tags)
    meta.update(extra)
    return f"{META_PREFIX} {json.dumps(meta, ensure_ascii=False)}"


def _answers(item: Item, writer: _Writer) -> tuple[list[str], dict[str, object]]:
    """The lines inside the braces, and what the comment must add."""
    match item:
        case ChoiceItem():
            return _choice_lines(item, writer), {}
        case MultiItem():
            right = sum(1 for option in item.options if option.correct)
            wrong = len(item.options) - right
            lines = [
                (f"~%{_percent(1 / right)}%" if option.correct else f"~%-{_percent(1 / wrong)}%")
                + writer.rich(option.text)
                for option in item.options
            ]
            return lines, {}
        case NumericItem():
            extra: dict[str, object] = {"unit": item.unit} if item.unit else {}
            return [f"#{_number(item.answer)}:{_number(item.tolerance)}"], extra
        case TextItem():
            lines = [
                ("=" if answer.credit == 1 else f"=%{_percent(answer.credit)}%")
                + _guarded(escape(answer.text), "plain")
                for answer in item.answers
            ]
            return lines, {}
        case MatchItem():
            lines = [f"={writer.rich(pair.prompt)} -> {escape(pair.answer)}" for pair in item.pairs]
            lines.extend(f"= -> {escape(text)}" for text in item.distractors)
            return lines, {}
        case OrderItem():
            lines = [
                f"={writer.rich(step)} -> {position}" for position, step in enumerate(item.items, 1)
            ]
            return lines, {"type": "order"}
        case LikertItem():
            raise AssertionError(f"{item.id}: a self-rating is never exported (export_banks)")
        case _:
            assert_never(item)


def _choice_lines(item: ChoiceItem, writer: _Writer) -> list[str]:
    lines, first = [], True
    for option in item.options:
        if option.credit == 1 and first:
            marker, first = "=", False
        elif option.credit == 0:
            marker = "~"
        else:
            marker = f"~%{_percent(option.credit)}%"
        lines.append(marker + writer.rich(option.text))
    return lines


def _unexportable(item: Item) -> str | None:
    """Why GIFT cannot carry this item unchanged, if it cannot."""
    if isinstance(item, (MatchItem, OrderItem)):
        sides = (
            [text for pair in item.pairs for text in (pair.prompt, pair.answer)]
            if isinstance(item, MatchItem)
            else list(item.items)
        )
        if any("->" in text for text in [*sides, *getattr(item, "distractors", ())]):
            return "a prompt or answer holds '->', which GIFT reads as the pair's arrow"
    if isinstance(item, TextItem) and any("->" in answer.text for answer in item.answers):
        return "an answer holds '->', which makes GIFT read a matching question"
    return None


def question_gift(item: Item) -> str:
    """One item as a GIFT question (a comment line, then the question), no blank lines."""
    writer = _Writer(item)
    lines, extra = _answers(item, writer)
    out = [_meta(item, extra), f"::{escape(item.id)}::{writer.stem(item)}{{"]
    out.extend(f"\t{line}" for line in lines)
    if item.explanation:
        out.append(f"\t####{writer.rich(item.explanation)}")
    out.append("}")
    return "\n".join(out)


def _category(name: str) -> str:
    return f"$CATEGORY: $course$/top/skillquiz/{name.replace('/', '//')}"


def export_banks(banks: Sequence[Bank]) -> Exported:
    """Every bank as GIFT, a category per skill; likert items are left out with a note."""
    count = 0
    notes: list[str] = []
    blocks: list[str] = []
    for bank in banks:
        blocks.append(f"// {bank.skill.name} ({bank.skill.id})\n{_category(bank.skill.name)}")
        likert = []
        for item in bank.questions:
            if isinstance(item, LikertItem):
                likert.append(item.id)
                continue
            reason = _unexportable(item)
            if reason is not None:
                notes.append(f"{item.id}: left out: {reason}")
                continue
            blocks.append(question_gift(item))
            count += 1
            unlisted = _unlisted(_fractions(item))
            if unlisted:
                shown = ", ".join(f"{_percent(abs(f))}%" for f in unlisted)
                notes.append(
                    f"{item.id}: exported, but {shown} is not one of Moodle's answer grades; "
                    "import the file in Moodle with 'Match grades' set to the nearest grade"
                )
            if isinstance(item, MatchItem) and len(item.choices) < 3:
                notes.append(
                    f"{item.id}: exported, but Moodle's editing form asks a matching question "
                    "for at least 3 answers; add a distractor to edit it there"
                )
        if likert:
            notes.append(
                f"{bank.skill.id}: {len(likert)} self-rating item"
                f"{'' if len(likert) == 1 else 's'} left out (GIFT has no scale question): "
                + ", ".join(likert)
            )
    return Exported(text="\n\n".join(blocks) + "\n", count=count, notes=notes)

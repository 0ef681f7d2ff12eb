"""Reading GIFT, Moodle's plain-text question format, into questions with their places.

The rules follow Moodle's own importer (question/format/gift/format.php): questions are
separated by blank lines, lines starting with ``//`` are comments, ``::title::`` names a
question, the first ``{...}`` holds the answers, and ``\\~ \\= \\# \\{ \\} \\: \\\\ \\n`` are
escapes. Where Moodle would import something garbled (an unclosed brace, a second answer
block), this reader reports a problem at its line and column instead, and carries on with
the next question, so one bad question never costs the rest of the file.
"""

from __future__ import annotations

import json
import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from decimal import Decimal, InvalidOperation
from pathlib import Path

from questions.problems import Problem
from quiz.gift.decoding import decode
from quiz.gift.exporter import META_PREFIX
from quiz.gift.numbers import number_range, too_large
from quiz.gift.text import ESCAPES, NEWLINE, answer_text, html_parts, plain_text, tidy, with_format
from quiz.safetext import quoted

MAX_GIFT_BYTES = 10 * 1024 * 1024  # far beyond any course's question export

_PRIVATE = re.compile("[\ue000-\ue0ff]")
_WEIGHT = re.compile(r"^%(-*[0-9]{1,2}\.?[0-9]*)%")
_TRUE_FALSE = {"T": True, "TRUE": True, "F": False, "FALSE": False}


@dataclass(frozen=True)
class Place:
    line: int
    column: int


@dataclass(frozen=True)
class Answer:
    """One answer of a question: its text, Moodle weight (0..1, or None when unmarked),
    whether it was marked ``=`` (right) or ``~`` (other), and its feedback."""

    text: str
    weight: Decimal | None
    right: bool
    feedback: str | None
    place: Place


@dataclass(frozen=True)
class Question:
    """One GIFT question as written, already turned into plain text."""

    kind: str  # multichoice, truefalse, shortanswer, numerical, match, essay, description
    title: str | None
    text: str
    exhibit: str | None
    feedback: str | None
    answers: tuple[Answer, ...]
    category: str | None
    meta: dict[str, object] | None
    place: Place
    last_line: int
    truth: bool | None = None
    truth_feedback: tuple[str | None, str | None] = (None, None)  # (wrong, right)
    wrong_feedback: str | None = None  # numerical: the ``~#...`` part


@dataclass
class GiftFile:
    """Every question read from one file, and every problem met on the way."""

    file: str
    questions: list[Question] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    skipped: int = 0  # questions left out for a problem
    warnings: list[Problem] = field(default_factory=list)  # what was cleaned on the way


class _Bad(Exception):
    """A problem with one question: it is skipped, the reader goes on. ``at`` is an index
    into the question's text, or a place already worked out."""

    def __init__(self, at: int | Place, message: str) -> None:
        super().__init__(message)
        self.at = at
        self.message = message


# --- reading the file -----------------------------------------------------------------


def read_gift_file(path: Path) -> GiftFile:
    """Read one GIFT file; a file that cannot be read is one problem at its line 1."""
    result = GiftFile(str(path))
    result.questions.extend(gift_file_questions(path, result))
    return result


def read_gift_bytes(raw: bytes, file: str = "<gift>") -> GiftFile:
    """Read GIFT from bytes: UTF-8 (a BOM is dropped), any line endings.

    Bytes that are not UTF-8 are each a problem at their line; the questions holding them
    are skipped and the rest read.
    """
    result = GiftFile(file)
    result.questions.extend(gift_questions(raw, result))
    return result


def gift_file_questions(path: Path, into: GiftFile) -> Iterator[Question]:
    """The questions of one GIFT file, one at a time (so a large file is never held as
    questions all at once); problems go to ``into`` as they are met."""
    raw = _file_bytes(path, into)
    if raw is not None:
        yield from gift_questions(raw, into)


def _file_bytes(path: Path, into: GiftFile) -> bytes | None:
    file = into.file
    try:
        if not path.is_file():
            if path.is_dir():
                kind = "a folder"
            elif path.exists():
                kind = "not a regular file"
            else:
                kind = "no such file"
            into.problems.append(Problem(file, 1, 1, f"cannot read: {kind}"))
            return None
        with path.open("rb") as stream:
            raw = stream.read(MAX_GIFT_BYTES + 1)
    except OSError as error:
        into.problems.append(Problem(file, 1, 1, f"cannot read: {error.strerror or error}"))
        return None
    if len(raw) > MAX_GIFT_BYTES:
        into.problems.append(
            Problem(file, 1, 1, f"the file is over {MAX_GIFT_BYTES // (1024 * 1024)} MB, the limit")
        )
        return None
    return raw


def gift_questions(raw: bytes, into: GiftFile) -> Iterator[Question]:
    """The questions of GIFT bytes, one at a time, as read_gift_bytes reads them."""
    decoded = decode(raw, into.file)
    into.problems.extend(decoded.problems)
    into.warnings.extend(decoded.warnings)
    for block in _blocks(decoded.text):
        if decoded.bad_lines and decoded.bad_lines & {number for number, _, _ in block}:
            into.skipped += 1
            continue
        yield from _read_block(block, into)


def _blocks(text: str) -> Iterator[list[tuple[int, int, str]]]:
    """Groups of lines separated by blank lines: (line number, column, stripped text)."""
    block: list[tuple[int, int, str]] = []
    for number, line in enumerate(text.split("\n"), start=1):
        stripped = line.strip()
        if not stripped:
            if block:
                yield block
            block = []
            continue
        column = len(line) - len(line.lstrip()) + 1
        block.append((number, column, stripped))
    if block:
        yield block


_ESCAPE = re.compile(r"\\([\\:#={}~n])")


class _Source:
    """A question's text with escapes replaced, and the file place of every character."""

    def __init__(self, lines: list[tuple[int, int, str]]) -> None:
        joined = _PRIVATE.sub("\ufffd", "\n".join(text for _, _, text in lines))
        self.starts: list[int] = []
        self.lines = lines
        offset = 0
        for _, _, text in lines:
            self.starts.append(offset)
            offset += len(text) + 1
        # Each escape is two characters in the file and one here: where they stand in
        # ``text`` is enough to map any character back to its place.
        self.escapes: list[int] = []
        pieces: list[str] = []
        kept = 0
        for match in _ESCAPE.finditer(joined):
            pieces.append(joined[kept : match.start()])
            self.escapes.append(match.start() - len(self.escapes))
            char = match.group(1)
            pieces.append("\\" if char == "\\" else NEWLINE if char == "n" else ESCAPES[char])
            kept = match.end()
        pieces.append(joined[kept:])
        self.text = "".join(pieces)

    def place(self, index: int) -> Place:
        """The 1-based line and column of the character at ``index`` of ``text``."""
        if not self.text:
            return Place(self.lines[0][0], self.lines[0][1])
        index = min(max(index, 0), len(self.text) - 1)
        offset = index + bisect_left(self.escapes, index)
        row = bisect_right(self.starts, offset) - 1
        number, column, _ = self.lines[row]
        return Place(number, column + offset - self.starts[row])


def _read_block(block: list[tuple[int, int, str]], result: GiftFile) -> Iterator[Question]:
    meta: dict[str, object] | None = None
    lines: list[tuple[int, int, str]] = []
    for number, column, text in block:
        if text.startswith(META_PREFIX):
            meta = _meta(text[len(META_PREFIX) :])
        elif not text.startswith("//"):
            lines.append((number, column, text))
    if not lines:
        return
    category = None
    if lines[0][2].startswith("$CATEGORY:"):
        category = tidy(lines[0][2][len("$CATEGORY:") :])
        yield _category(category, lines[0])
        lines = lines[1:]
        if not lines:
            return
    source = _Source(lines)
    try:
        question = _question(source, meta)
    except _Bad as bad:
        place = bad.at if isinstance(bad.at, Place) else source.place(bad.at)
        result.skipped += 1
        result.problems.append(
            Problem(result.file, place.line, place.column, f"{bad.message}; question skipped")
        )
        return
    yield question


def _category(category: str, line: tuple[int, int, str]) -> Question:
    return Question(
        kind="category",
        title=None,
        text="",
        exhibit=None,
        feedback=None,
        answers=(),
        category=category,
        meta=None,
        place=Place(line[0], line[1]),
        last_line=line[0],
    )


def _meta(text: str) -> dict[str, object] | None:
    try:
        value = json.loads(text)
    except ValueError:
        return None
    return value if isinstance(value, dict) else None


# --- one question ---------------------------------------------------------------------


def _question(source: _Source, meta: dict[str, object] | None) -> Question:
    s = source.text
    start = 0
    title = None
    if s.startswith("::"):
        end = s.find("::", 2)
        if end != -1:
            title = plain_text(s[2:end], "moodle") or None
            start = end + 2
        else:
            start = 2  # as Moodle does: no closing '::', so no title
    opening = s.find("{", start)
    closing = s.find("}", start)
    last_line = source.lines[-1][0]
    place = source.place(0)
    if opening == -1 and closing == -1:
        text, fmt = with_format(s[start:])
        body, exhibit = html_parts(text, fmt)
        return Question("description", title, body, exhibit, None, (), None, meta, place, last_line)
    _check_braces(s, opening, closing)
    after = s[closing + 1 :]
    before = s[start:opening]
    stem = before + ("_____" + after if after.strip() else "")
    stem_text, fmt = with_format(stem)
    body, exhibit = html_parts(stem_text, fmt)
    inner_start = opening + 1
    inner = s[inner_start:closing]
    feedback = None
    split = inner.rfind("####")
    if split != -1:
        feedback = answer_text(inner[split + 4 :], fmt) or None
        inner = inner[:split]
    answers_at = inner_start + len(inner) - len(inner.lstrip())
    inner = inner.strip()
    if not body:
        raise _Bad(0, "the question has no text")
    base = Question("essay", title, body, exhibit, feedback, (), None, meta, place, last_line)
    return _with_answers(source, base, inner, answers_at, fmt)


def _check_braces(s: str, opening: int, closing: int) -> None:
    """One answer block, opened and closed, with no brace inside it or after it."""
    if closing != -1 and (opening == -1 or closing < opening):
        raise _Bad(closing, "a '}' without its '{' (write a literal brace as \\})")
    if closing == -1:
        raise _Bad(
            opening,
            "this '{' is never closed before the blank line that ends the question "
            "(write a literal brace as \\{)",
        )
    nested = s.find("{", opening + 1, closing)
    if nested != -1:
        raise _Bad(nested, "a '{' inside the answers (write a literal brace as \\{)")
    after = s[closing + 1 :]
    if "{" in after or "}" in after:
        index = closing + 1 + min(i for i in (after.find("{"), after.find("}")) if i != -1)
        raise _Bad(
            index,
            "a second answer block; a question has one, and a blank line ends it "
            "(escape braces as \\{ \\})",
        )


def _with_answers(source: _Source, base: Question, inner: str, at: int, fmt: str) -> Question:
    """The question of the kind its answer block writes (an essay when it is empty)."""
    if not inner:
        return base
    if inner.startswith("#"):
        return _numerical(source, inner, at, fmt, base)
    if "~" in inner:
        return replace(base, kind="multichoice", answers=_choices(source, inner, at, fmt))
    if "=" in inner and "->" in inner:
        return replace(base, kind="match", answers=_pairs(source, inner, at, fmt))
    check = inner.split("#", 1)[0].strip()
    if check in _TRUE_FALSE:
        parts = inner.split("#", 2)
        wrong = (answer_text(parts[1], fmt) or None) if len(parts) > 1 else None
        right = (answer_text(parts[2], fmt) or None) if len(parts) > 2 else None
        return replace(
            base, kind="truefalse", truth=_TRUE_FALSE[check], truth_feedback=(wrong, right)
        )
    return replace(base, kind="shortanswer", answers=_short(source, inner, at, fmt))


def _pieces(inner: str, at: int, separators: str) -> Iterator[tuple[str, str, int]]:
    """Split the answers before each separator character: (marker, text, offset)."""
    pattern = re.compile(f"[{re.escape(separators)}]")
    marks = [m.start() for m in pattern.finditer(inner)]
    lead = inner[: marks[0]] if marks else inner
    if lead.strip():
        yield "", lead, at
    for number, index in enumerate(marks):
        end = marks[number + 1] if number + 1 < len(marks) else len(inner)
        yield inner[index], inner[index + 1 : end], at + index


def _weight(text: str, source: _Source, offset: int) -> tuple[Decimal | None, str]:
    stripped = text.strip()
    match = _WEIGHT.match(stripped)
    if not match:
        return None, stripped
    try:
        weight = Decimal(match.group(1).replace("--", "-")) / 100
    except InvalidOperation:
        raise _Bad(offset, f"{quoted(match.group(0))} is not a weight in percent") from None
    return weight, stripped[match.end() :]


def _feedback(text: str, fmt: str) -> tuple[str, str | None]:
    answer, _, feedback = text.partition("#")
    return answer, (answer_text(feedback, fmt) or None)


def _choices(source: _Source, inner: str, at: int, fmt: str) -> tuple[Answer, ...]:
    answers = []
    for marker, text, offset in _pieces(inner, at, "~="):
        right = marker == "="
        weight, rest = (Decimal(1), text.strip()) if right else _weight(text, source, offset)
        value, feedback = _feedback(rest, fmt)
        answers.append(
            Answer(answer_text(value, fmt), weight, right, feedback, source.place(offset))
        )
    if len(answers) < 2:
        raise _Bad(at, "a multiple-choice question needs at least 2 answers")
    _no_empty(answers)
    return tuple(answers)


def _pairs(source: _Source, inner: str, at: int, fmt: str) -> tuple[Answer, ...]:
    """Matching pairs as answers whose text is the prompt and feedback the answer."""
    pairs = []
    for marker, text, offset in _pieces(inner, at, "="):
        if marker != "=":
            raise _Bad(offset, "matching pairs each start with '='")
        prompt, arrow, answer = text.partition("->")
        if not arrow:
            raise _Bad(offset, "a matching pair is written '=prompt -> answer'")
        matched = plain_text(answer, "plain")  # Moodle keeps a pair's answer as written
        if not matched:
            raise _Bad(offset, "a matching pair has no answer after '->'")
        prompt_text = answer_text(prompt, fmt)
        pairs.append(Answer(prompt_text, None, True, matched, source.place(offset)))
    prompts = [pair for pair in pairs if pair.text]
    if len(prompts) < 2:
        raise _Bad(at, f"a matching question needs at least 2 pairs, this has {len(prompts)}")
    return tuple(pairs)


def _short(source: _Source, inner: str, at: int, fmt: str) -> tuple[Answer, ...]:
    answers = []
    for marker, text, offset in _pieces(inner, at, "="):
        if marker != "=":
            raise _Bad(offset, "short answers each start with '='")
        weight, rest = _weight(text, source, offset)
        value, feedback = _feedback(rest, fmt)
        answers.append(
            Answer(
                answer_text(value, "plain"),  # compared as typed, never formatted
                Decimal(1) if weight is None else weight,
                True,
                feedback,
                source.place(offset),
            )
        )
    if not answers:
        raise _Bad(at, "the answer set is empty")
    _no_empty(answers)
    return tuple(answers)


def _no_empty(answers: list[Answer]) -> None:
    for answer in answers:
        if not answer.text:
            raise _Bad(answer.place, "an answer with no text")


def _numerical(source: _Source, inner: str, at: int, fmt: str, base: Question) -> Question:
    body = inner[1:]
    wrong = None
    tilde = body.find("~")
    if tilde != -1:
        wrong = plain_text(body[tilde + 1 :].lstrip("#"), fmt) or None
        body = body[:tilde]
    answers = []
    for marker, text, offset in _pieces(body, at + 1, "="):
        weight, rest = _weight(text, source, offset)
        value, feedback = _feedback(rest, fmt)
        value = answer_text(value, "plain")
        number = number_range(value)
        if number is None:
            raise _Bad(
                offset + (1 if marker else 0),
                f"{quoted(value)} is too large for a quiz answer (the limit is 10^15)"
                if too_large(value)
                else f"{quoted(value or 'nothing')} is not a number, a number:tolerance "
                "or a min..max range",
            )
        answers.append(
            Answer(
                number,
                Decimal(1) if weight is None else weight,
                True,
                feedback,
                source.place(offset),
            )
        )
    if not answers:
        raise _Bad(at, "the answer set is empty")
    return replace(base, kind="numerical", answers=tuple(answers), wrong_feedback=wrong)

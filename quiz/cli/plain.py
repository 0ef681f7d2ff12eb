"""Plain line mode: numbered options, one typed line per question, no colour or cursor codes.

For screen readers, dumb terminals and logs, and whenever input or output is not a
terminal. The parsers here also validate what people type into the interactive prompts,
so both modes accept exactly the same replies.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from typing import TextIO, assert_never

from questions import LIKERT_LABELS
from questions.answers import MAX_TEXT_REPLY
from questions.models import (
    ChoiceItem,
    LikertItem,
    MatchItem,
    MultiItem,
    NumericItem,
    OrderItem,
    TextItem,
)
from questions.numbers import NumberError, quoted
from questions.numbers import parse_number as read_number
from quiz.attempts.session import QuizQuestion
from scoring.models import Answer
from scoring.wording import join_names

SKIP_WORDS = ("s", "skip")
_SEPARATORS = re.compile(r"[\s,]+")
_DIGITS = re.compile(r"[0-9]+")


class ReplyError(ValueError):
    """A typed reply that cannot be used; the message says why, for the person to retry."""


def is_skip(text: str) -> bool:
    return text.strip().casefold() in SKIP_WORDS


def parse_number(text: str, unit: str | None = None) -> int | float:
    """A number as typed ("4", "4.5", "4 %", "$378", "1,152"): questions.numbers decides."""
    try:
        return read_number(text, unit)
    except NumberError as error:
        raise ReplyError(str(error)) from None


def _numbers(text: str, count: int) -> list[int]:
    """Option or step numbers: ASCII digits only, each at most as long as ``count`` allows.

    str.isdigit() also accepts "²", and int() refuses thousands of digits, so neither
    decides alone what counts as a number here.
    """
    parts = [part for part in _SEPARATORS.split(text.strip()) if part]
    if not parts:
        raise ReplyError("type at least one number")
    numbers = []
    for part in parts:
        if not _DIGITS.fullmatch(part):
            raise ReplyError(f"{quoted(part)} is not a whole number")
        significant = part.lstrip("0") or "0"
        if len(significant) > len(str(count)):
            raise ReplyError(f"{quoted(part)} is not an option; use numbers from 1 to {count}")
        numbers.append(int(significant))
    return numbers


def parse_pick(text: str, count: int) -> int:
    """One option number, 1..count."""
    numbers = _numbers(text, count)
    if len(numbers) != 1:
        raise ReplyError(f"pick one option: a single number from 1 to {count}")
    if not 1 <= numbers[0] <= count:
        raise ReplyError(f"{numbers[0]} is not an option; pick a number from 1 to {count}")
    return numbers[0]


def parse_picks(text: str, count: int) -> list[int]:
    """Several distinct option numbers, at least one."""
    numbers = _numbers(text, count)
    for number in numbers:
        if not 1 <= number <= count:
            raise ReplyError(f"{number} is not an option; use numbers from 1 to {count}")
    repeated = sorted({n for n in numbers if numbers.count(n) > 1})
    if repeated:
        raise ReplyError(f"{repeated[0]} is picked twice")
    return numbers


def parse_positions(text: str, count: int) -> list[int]:
    """Every step number from 1 to count exactly once, in the order given."""
    numbers = _numbers(text, count)
    expected = set(range(1, count + 1))
    if len(numbers) != count or set(numbers) != expected:
        missing = sorted(expected - set(numbers))
        verb = "is" if len(missing) == 1 else "are"
        hint = f"; {join_names([str(n) for n in missing])} {verb} missing" if missing else ""
        raise ReplyError(f"give each step number from 1 to {count} exactly once{hint}")
    return numbers


def options_of(question: QuizQuestion) -> tuple[str, ...]:
    """The numbered lines a question shows: Likert labels or its options as shuffled."""
    return LIKERT_LABELS if question.item.type == "likert" else question.shown


def parse_text(text: str) -> str:
    """A short answer as typed, without surrounding spaces."""
    reply = text.strip()
    if not reply:
        raise ReplyError("type an answer, or s to skip")
    if len(reply) > MAX_TEXT_REPLY:
        raise ReplyError(f"an answer is at most {MAX_TEXT_REPLY:,} characters")
    return reply


def prompts_of(question: QuizQuestion) -> tuple[str, ...]:
    """The prompts a match question asks an answer for, in the bank's order."""
    item = question.item
    return tuple(pair.prompt for pair in item.pairs) if isinstance(item, MatchItem) else ()


def parse_reply(question: QuizQuestion, text: str) -> Answer:
    """Turn one typed line into an answer as data; None means skipped.

    A match question reads one line per prompt: this returns that prompt's answer text
    (see PlainAsker.ask), and the mapping is built from the lines.
    """
    if is_skip(text):
        return None
    shown = options_of(question)
    match question.item:
        case TextItem():
            return parse_text(text)
        case LikertItem():
            return parse_pick(text, len(shown))
        case ChoiceItem() | MatchItem():
            return shown[parse_pick(text, len(shown)) - 1]
        case MultiItem():
            return [shown[n - 1] for n in parse_picks(text, len(shown))]
        case OrderItem():
            return [shown[n - 1] for n in parse_positions(text, len(shown))]
        case NumericItem(unit=unit):
            return parse_number(text, unit)
        case _:
            assert_never(question.item)


def instruction(question: QuizQuestion) -> str:
    """What to type, for this type of question."""
    count = len(options_of(question))
    match question.item:
        case LikertItem() | ChoiceItem():
            what = f"a number from 1 to {count}"
        case MultiItem():
            what = "the numbers of every option that applies, separated by spaces"
        case OrderItem():
            what = "the numbers in the right order, e.g. " + " ".join(
                str(n) for n in [*range(2, count + 1), 1]
            )
        case TextItem():
            what = "your answer"
        case MatchItem():
            what = f"for each prompt the number of its answer (1 to {count})"
        case NumericItem(unit=unit):
            what = f"a number (in {unit})" if unit else "a number"
        case _:
            assert_never(question.item)
    return f"Type {what}, or s to skip."


def exhibit_lines(exhibit: str | None, indent: int = 2) -> list[str]:
    """An exhibit's lines as shown: exactly as written, set off by a blank line either side
    and indented, never re-wrapped (the bank keeps every line within 76 columns)."""
    if exhibit is None:
        return []
    return ["", *(f"{' ' * indent}{line}".rstrip() for line in exhibit.split("\n")), ""]


def render(question: QuizQuestion) -> str:
    """The question as plain numbered lines."""
    lines = [question.heading, question.item.text, *exhibit_lines(question.item.exhibit)]
    if question.item.type == "match":
        lines.append("Answers:")
    lines.extend(f"  {n}. {text}" for n, text in enumerate(options_of(question), start=1))
    lines.append(instruction(question))
    return "\n".join(lines)


class PlainAsker:
    """Asks questions over plain text streams; raises EOFError when input ends.

    When input is not a terminal nothing echoes what was read, so ``echo_input`` writes
    each reply after its prompt and a log reads as a conversation.
    """

    def __init__(
        self, stdin: TextIO, echo: Callable[[str], None], *, echo_input: bool = False
    ) -> None:
        self._stdin = stdin
        self._echo = echo
        self._echo_input = echo_input

    def read(self, prompt: str = "> ") -> str:
        self._echo(prompt)
        line = self._stdin.readline()
        if not line:
            self._echo("\n")
            raise EOFError
        reply = line.rstrip("\r\n")
        if self._echo_input:
            self._echo(reply + "\n")
        return reply

    def choose(self, text: str, labels: Sequence[str]) -> int | None:
        """A profile question: its numbered choices, read until one is picked or skipped.

        Returns the index of the choice picked (from 0), or None when skipped.
        """
        lines = [text, *(f"  {n}. {label}" for n, label in enumerate(labels, start=1))]
        lines.append(f"Type a number from 1 to {len(labels)}, or s to skip.")
        self._echo("\n" + "\n".join(lines) + "\n")
        while True:
            reply = self.read()
            if is_skip(reply):
                return None
            try:
                return parse_pick(reply, len(labels)) - 1
            except ReplyError as error:
                self._echo(f"Not accepted: {error}. Try again.\n")

    def ask(self, question: QuizQuestion) -> Answer:
        """Show the question and read lines until one is a usable answer."""
        self._echo("\n" + render(question) + "\n")
        prompts = prompts_of(question)
        if not prompts:
            return self._read_reply(question)
        picked: dict[str, str] = {}
        for prompt in prompts:
            self._echo(f"{prompt}\n")
            reply = self._read_reply(question)
            if reply is None:  # s at any prompt skips the whole question
                return None
            assert isinstance(reply, str)
            picked[prompt] = reply
        return picked

    def _read_reply(self, question: QuizQuestion) -> Answer:
        while True:
            text = self.read()
            try:
                return parse_reply(question, text)
            except ReplyError as error:
                self._echo(f"Not accepted: {error}. Try again.\n")

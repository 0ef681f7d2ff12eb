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
from quiz.attempts.session import BACK, Back, QuizQuestion, Turn
from scoring.models import Answer
from scoring.wording import join_names

SKIP_WORDS = ("s", "skip")
BACK_WORDS = ("b", "back")
_SEPARATORS = re.compile(r"[\s,]+")
_DIGITS = re.compile(r"[0-9]+")


class ReplyError(ValueError):
    """A typed reply that cannot be used; the message says why, for the person to retry."""


class RejectedLine(Exception):
    """A line that cannot be used, read where nobody can type it again (input is not a
    terminal): retrying with the next line would shift every later answer by one, so the
    quiz stops instead, saying where."""

    def __init__(self, line: int, where: str, reason: str) -> None:
        super().__init__(f"input line {line}: {where}: {reason}")
        self.line = line
        self.where = where
        self.reason = reason


def is_skip(text: str) -> bool:
    return text.strip().casefold() in SKIP_WORDS


def is_back(text: str) -> bool:
    return text.strip().casefold() in BACK_WORDS


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


def instruction(question: QuizQuestion, back: bool = False) -> str:
    """What to type, for this type of question (and b, where going back is on offer)."""
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
    if back:
        return f"Type {what}, s to skip, or b to go back to the previous question."
    return f"Type {what}, or s to skip."


def exhibit_lines(exhibit: str | None, indent: int = 2) -> list[str]:
    """An exhibit's lines as shown: exactly as written, set off by a blank line either side
    and indented, never re-wrapped (the bank keeps every line within 76 columns)."""
    if exhibit is None:
        return []
    return ["", *(f"{' ' * indent}{line}".rstrip() for line in exhibit.split("\n")), ""]


def render(question: QuizQuestion, turn: Turn | None = None) -> str:
    """The question as plain numbered lines, and its answer so far when asked again."""
    turn = turn or Turn()
    lines = [question.heading, question.item.text, *exhibit_lines(question.item.exhibit)]
    if question.item.type == "match":
        lines.append("Answers:")
    lines.extend(f"  {n}. {text}" for n, text in enumerate(options_of(question), start=1))
    lines.append(instruction(question, turn.back))
    if turn.given is not None and (question.item.type != "match" or turn.given.answer is None):
        typed = typed_reply(question, turn.given.answer)
        lines.append(f"Your answer so far: {typed}. Press Enter to keep it.")
    return "\n".join(lines)


def typed_reply(question: QuizQuestion, answer: Answer) -> str:
    """The line that gives ``answer`` to this question in plain mode ("s" for skipped), to
    show an answer so far in the form the person would type it."""
    if answer is None:
        return "s"
    kind = question.item.type
    shown = options_of(question)
    if isinstance(answer, bool | int | float) and kind != "choice":
        return f"{answer:g}" if isinstance(answer, float) else str(answer)
    if isinstance(answer, list):
        return " ".join(str(shown.index(text) + 1) for text in answer if text in shown)
    if isinstance(answer, str) and kind == "choice" and answer in shown:
        return str(shown.index(answer) + 1)
    return str(answer)


class PlainAsker:
    """Asks questions over plain text streams; raises EOFError when input ends.

    When input is not a terminal nothing echoes what was read, so ``echo_input`` writes
    each reply after its prompt and a log reads as a conversation. With ``strict`` (input
    a file or a pipe, where nobody can retype), a line that cannot be used raises
    RejectedLine instead of asking again.
    """

    def __init__(
        self,
        stdin: TextIO,
        echo: Callable[[str], None],
        *,
        echo_input: bool = False,
        strict: bool = False,
    ) -> None:
        self._stdin = stdin
        self._echo = echo
        self._echo_input = echo_input
        self._strict = strict
        self.line = 0  # lines read so far: the number of the last one

    def read(self, prompt: str = "> ") -> str:
        self._echo(prompt)
        line = self._stdin.readline()
        if not line:
            self._echo("\n")
            raise EOFError
        self.line += 1
        reply = line.rstrip("\r\n")
        if self._echo_input:
            self._echo(reply + "\n")
        return reply

    def _refuse(self, where: str, error: ReplyError) -> None:
        """Say why a line was not accepted and ask again; in strict mode, stop."""
        if self._strict:
            raise RejectedLine(self.line, where, str(error))
        self._echo(f"Not accepted: {error}. Try again.\n")

    def ask_years(self, text: str) -> int | None:
        """The experience question: whole years, read until given; Enter (or s) skips."""
        from quiz.cli.profile import ExperienceError, parse_whole_years

        hint = "Type a whole number of years (0 for none), or press Enter to skip."
        self._echo(f"\n{text}\n{hint}\n")
        while True:
            reply = self.read()
            if not reply.strip() or is_skip(reply):
                return None
            try:
                return parse_whole_years(reply)
            except ExperienceError as error:
                self._refuse("the experience question", ReplyError(str(error)))

    def ask(self, question: QuizQuestion) -> Answer:
        """Show the question and read lines until one is a usable answer."""
        answer = self.ask_turn(question, Turn())
        assert not isinstance(answer, Back)  # offered only where a turn allows it
        return answer

    def ask_turn(self, question: QuizQuestion, turn: Turn) -> Answer | Back:
        """Show the question and read lines until one is a usable answer, b (BACK, where
        on offer) or, when the question has an answer so far, an empty line keeping it."""
        self._echo("\n" + render(question, turn) + "\n")
        prompts = prompts_of(question)
        if not prompts:
            return self._read_reply(question, turn)
        return self._ask_match(question, turn, prompts)

    def _ask_match(
        self, question: QuizQuestion, turn: Turn, prompts: Sequence[str]
    ) -> Answer | Back:
        """One line per prompt; s at any prompt skips the whole question, b goes back a
        prompt (from the first, to the previous question)."""
        given = turn.given.answer if turn.given is not None else None
        kept = given if isinstance(given, dict) else {}
        picked: dict[str, str] = {}
        index = 0
        while index < len(prompts):
            prompt = prompts[index]
            was = kept.get(prompt)
            so_far = f" (so far: {typed_reply(question, [was])}; Enter keeps it)" if was else ""
            self._echo(f"{prompt}{so_far}\n")
            back = turn.back or index > 0
            # Skipped before: Enter at the first prompt keeps it skipped.
            keep_skip = index == 0 and turn.given is not None and given is None
            line_turn = Turn(back=back, given=turn.given if keep_skip else None)
            reply = self._read_reply(question, line_turn, keep=was)
            if reply is BACK:
                if index == 0:
                    return BACK
                index -= 1
                continue
            if reply is None:
                return None
            assert isinstance(reply, str)
            picked[prompt] = reply
            index += 1
        return picked

    def _read_reply(self, question: QuizQuestion, turn: Turn, keep: Answer = None) -> Answer | Back:
        where = f"question {question.number} of {question.total} ({question.item.id})"
        while True:
            text = self.read()
            if not text.strip() and turn.given is not None:
                return turn.given.answer
            if not text.strip() and keep is not None:
                return keep
            if is_back(text):
                if turn.back:
                    return BACK
                self._refuse(where, ReplyError("there is no earlier question to go back to"))
                continue
            try:
                return parse_reply(question, text)
            except ReplyError as error:
                self._refuse(where, error)

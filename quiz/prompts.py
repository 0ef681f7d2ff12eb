"""The interactive prompts (questionary), one function per item type plus the welcome.

Every prompt uses ``unsafe_ask`` so Ctrl-C raises KeyboardInterrupt into the session,
which saves progress and tells the person how to resume. Typed replies are checked by the
same parsers as plain mode, so both accept the same things.
"""

from __future__ import annotations

import shutil
import textwrap
from collections.abc import Callable, Sequence
from typing import Any

import questionary
from questionary import Choice, Separator

from questions import LIKERT_LABELS, Skill
from quiz.plain import ReplyError, is_skip, parse_number, parse_positions
from quiz.session import Question, clean_name
from scoring.models import Answer

SKIP_LABEL = "Skip this question"


class _Skip:
    """The value of the Skip choice (questionary uses the title when a value is None)."""

    def __repr__(self) -> str:
        return "SKIP"


SKIP = _Skip()


def _message(question: Question) -> str:
    """The heading, then the question wrapped and indented to fit the terminal."""
    width = max(40, shutil.get_terminal_size().columns - 2)
    text = textwrap.fill(
        question.item.text, width=width, initial_indent="  ", subsequent_indent="  "
    )
    return f"{question.heading}\n{text}"


def _skip_choice() -> list[Any]:
    return [Separator(), Choice(SKIP_LABEL, value=SKIP)]


def _select(question: Question, choices: list[Choice]) -> Any:
    return questionary.select(
        _message(question), choices=[*choices, *_skip_choice()], qmark=">"
    ).unsafe_ask()


def ask_likert(question: Question) -> Answer:
    choices = [Choice(label, value=n) for n, label in enumerate(LIKERT_LABELS, start=1)]
    value = _select(question, choices)
    return None if value is SKIP else int(value)


def ask_choice(question: Question) -> Answer:
    value = _select(question, [Choice(text, value=text) for text in question.shown])
    return None if value is SKIP else str(value)


def _check_picks(picked: Sequence[Any]) -> bool | str:
    if not picked:
        return f"Tick at least one option with Space, or tick '{SKIP_LABEL}'"
    if SKIP in picked and len(picked) > 1:
        return f"'{SKIP_LABEL}' cannot be ticked together with options"
    return True


def ask_multi(question: Question) -> Answer:
    choices = [Choice(text, value=text) for text in question.shown]
    picked = questionary.checkbox(
        _message(question),
        choices=[*choices, *_skip_choice()],
        validate=_check_picks,
        qmark=">",
        instruction="(Space to tick every option that applies, Enter to submit)",
    ).unsafe_ask()
    if SKIP in picked:
        return None
    return [str(value) for value in picked]


def _validator(parse: Callable[[str], object]) -> Callable[[str], bool | str]:
    """A prompt validator from a plain-mode parser.

    A validator that raises breaks prompt_toolkit's event loop ("Unhandled exception"),
    so any failure to parse becomes the message under the prompt, not only ReplyError.
    """

    def check(text: str) -> bool | str:
        if not text.strip() or is_skip(text):
            return True
        try:
            parse(text)
        except ReplyError as error:
            return str(error)
        except (ValueError, ArithmeticError):
            return "this cannot be read as an answer; type it again"
        return True

    return check


def ask_numeric(question: Question) -> Answer:
    item = question.item
    unit = item.unit if item.type == "numeric" else None
    hint = f"(a number in {unit}; empty or s skips)" if unit else "(a number; empty or s skips)"
    text = questionary.text(
        _message(question),
        validate=_validator(lambda value: parse_number(value, unit)),
        qmark=">",
        instruction=hint,
    ).unsafe_ask()
    if not text.strip() or is_skip(text):
        return None
    return parse_number(text, unit)


def ask_order(question: Question) -> Answer:
    shown = question.shown
    steps = "\n".join(f"    {n}. {text}" for n, text in enumerate(shown, start=1))
    example = " ".join(str(n) for n in [*range(2, len(shown) + 1), 1])
    text = questionary.text(
        f"{_message(question)}\n{steps}\n  The numbers in the right order",
        validate=_validator(lambda value: parse_positions(value, len(shown))),
        qmark=">",
        instruction=f"(e.g. {example}; empty or s skips)",
    ).unsafe_ask()
    if not text.strip() or is_skip(text):
        return None
    return [shown[n - 1] for n in parse_positions(text, len(shown))]


ASKERS: dict[str, Callable[[Question], Answer]] = {
    "likert": ask_likert,
    "choice": ask_choice,
    "multi": ask_multi,
    "numeric": ask_numeric,
    "order": ask_order,
}


def ask_question(question: Question) -> Answer:
    """Ask one question with the prompt for its type; None means skipped."""
    return ASKERS[question.item.type](question)


def ask_name() -> str | None:
    name = questionary.text(
        "Your name (optional, kept only on this computer)", qmark=">", instruction="(Enter to skip)"
    ).unsafe_ask()
    return clean_name(name)


def ask_skills(skills: Sequence[Skill]) -> list[str]:
    choices = [Choice(skill.name, value=skill.id, checked=True) for skill in skills]
    picked = questionary.checkbox(
        "Skills to assess",
        choices=choices,
        validate=lambda chosen: True if chosen else "Tick at least one skill",
        qmark=">",
        instruction="(Space to untick, Enter to go on)",
    ).unsafe_ask()
    return [str(skill_id) for skill_id in picked]


def ask_length(options: Sequence[tuple[str, str]]) -> str:
    """Pick a length from (value, label) pairs, the first being the default."""
    value = questionary.select(
        "Length",
        choices=[Choice(label, value=value) for value, label in options],
        qmark=">",
    ).unsafe_ask()
    return str(value)


def ask_review() -> bool:
    return bool(
        questionary.confirm(
            "Review the questions you missed, with explanations?", default=True, qmark=">"
        ).unsafe_ask()
    )

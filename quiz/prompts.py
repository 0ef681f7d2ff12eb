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
from quiz.plain import (
    ReplyError,
    is_skip,
    parse_number,
    parse_positions,
    parse_text,
    prompts_of,
)
from quiz.session import Question, clean_name
from scoring.models import Answer

SKIP_LABEL = "Skip this question"


class _Skip:
    """The value of the Skip choice (questionary uses the title when a value is None)."""

    def __repr__(self) -> str:
        return "SKIP"


SKIP = _Skip()


# Columns before an option's text: the pointer (" » "), then in a checkbox the tick ("○ ").
SELECT_INDENT = 3
CHECKBOX_INDENT = 5
ANSWER_LABEL = "  Answer:"
ANSWER_LABEL_WIDTH = len(ANSWER_LABEL) + 3  # the prompt's own spaces around it


def _columns() -> int:
    return shutil.get_terminal_size().columns


def _wrap(text: str, indent: int = 2) -> str:
    """Text wrapped to the terminal, every line indented; prompt_toolkit would cut words."""
    from quiz.console import wrap_text

    return wrap_text(text, max(40, _columns() - 4), indent=indent)


def _message(question: Question, hint: str | None = None) -> str:
    """The heading, then the question (and what to do) wrapped and indented to fit; an
    exhibit goes in as written, only indented, since re-wrapping would scramble a table."""
    from quiz.plain import exhibit_lines

    lines = [question.heading, _wrap(question.item.text), *exhibit_lines(question.item.exhibit)]
    if hint:
        lines.append(_wrap(hint))
    return "\n".join(lines)


def option_title(text: str, indent: int) -> str | list[tuple[str, str]]:
    """An option as a choice title that is readable in full on a narrow terminal.

    A title longer than the line would be cut at the right edge, so a long one is
    wrapped onto more lines, each starting under the option's first word.
    """
    width = max(20, _columns() - indent - 1)
    if len(text) <= width - ANSWER_LABEL_WIDTH:
        return text
    # The first line is shorter: once chosen, the title is echoed after "Answer:".
    lines = textwrap.wrap(
        text,
        width=width,
        initial_indent=" " * ANSWER_LABEL_WIDTH,
        break_on_hyphens=False,
    )
    lines[0] = lines[0].lstrip()
    return [("class:text", ("\n" + " " * indent).join(lines))]


def _skip_choice() -> list[Any]:
    return [Separator(), Choice(SKIP_LABEL, value=SKIP)]


def _select(question: Question, choices: list[Choice]) -> Any:
    return questionary.select(
        f"{_message(question, '(Up and Down to move, Enter to choose)')}\n{ANSWER_LABEL}",
        choices=[*choices, *_skip_choice()],
        qmark=">",
        instruction=" ",
    ).unsafe_ask()


def ask_likert(question: Question) -> Answer:
    choices = [Choice(label, value=n) for n, label in enumerate(LIKERT_LABELS, start=1)]
    value = _select(question, choices)
    return None if value is SKIP else int(value)


def ask_choice(question: Question) -> Answer:
    choices = [Choice(option_title(text, SELECT_INDENT), value=text) for text in question.shown]
    value = _select(question, choices)
    return None if value is SKIP else str(value)


def _check_picks(picked: Sequence[Any]) -> bool | str:
    # Short enough for one line of a 60-column terminal: the toolbar does not wrap.
    if not picked:
        return "Tick an option with Space, or tick Skip"
    if SKIP in picked and len(picked) > 1:
        return "Skip cannot be ticked with an option"
    return True


def ask_multi(question: Question) -> Answer:
    choices = [Choice(option_title(text, CHECKBOX_INDENT), value=text) for text in question.shown]
    picked = questionary.checkbox(
        f"{_message(question, '(Space to tick every option that applies, Enter to submit)')}"
        f"\n{ANSWER_LABEL}",
        choices=[*choices, *_skip_choice()],
        validate=_check_picks,
        qmark=">",
        instruction="",
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
        f"{_message(question, hint)}\n{ANSWER_LABEL}",
        validate=_validator(lambda value: parse_number(value, unit)),
        qmark=">",
    ).unsafe_ask()
    if not text.strip() or is_skip(text):
        return None
    return parse_number(text, unit)


def ask_order(question: Question) -> Answer:
    from quiz.console import keep_together, wrap_text

    shown = question.shown
    width = max(40, _columns() - 1)
    steps = "\n".join(
        wrap_text(text, width, indent=4, bullet=f"{n}. ") for n, text in enumerate(shown, start=1)
    )
    example = " ".join(str(n) for n in [*range(2, len(shown) + 1), 1])
    hint = (
        "Type the step numbers in the right order "
        f"{keep_together(f'(e.g. {example});')} empty or s skips."
    )
    text = questionary.text(
        f"{_message(question)}\n{steps}\n{_wrap(hint)}\n  Order:",
        validate=_validator(lambda value: parse_positions(value, len(shown))),
        qmark=">",
    ).unsafe_ask()
    if not text.strip() or is_skip(text):
        return None
    return [shown[n - 1] for n in parse_positions(text, len(shown))]


def ask_text(question: Question) -> Answer:
    text = questionary.text(
        f"{_message(question, '(type your answer; empty or s skips)')}\n{ANSWER_LABEL}",
        validate=_validator(parse_text),
        qmark=">",
    ).unsafe_ask()
    if not text.strip() or is_skip(text):
        return None
    return parse_text(text)


def ask_match(question: Question) -> Answer:
    """One select per prompt, each choosing among the same answers; Skip on any prompt
    skips the whole question."""
    prompts = prompts_of(question)
    picked: dict[str, str] = {}
    for number, prompt in enumerate(prompts, start=1):
        lead = (
            _message(question, "(pick the answer for each prompt; Up and Down, then Enter)") + "\n"
            if number == 1
            else ""
        )
        choices = [Choice(option_title(text, SELECT_INDENT), value=text) for text in question.shown]
        value = questionary.select(
            f"{lead}{_wrap(f'{number} of {len(prompts)}: {prompt}')}\n{ANSWER_LABEL}",
            choices=[*choices, *_skip_choice()],
            qmark=">",
            instruction=" ",
        ).unsafe_ask()
        if value is SKIP:
            return None
        picked[prompt] = str(value)
    return picked


ASKERS: dict[str, Callable[[Question], Answer]] = {
    "likert": ask_likert,
    "choice": ask_choice,
    "multi": ask_multi,
    "numeric": ask_numeric,
    "order": ask_order,
    "text": ask_text,
    "match": ask_match,
}


def ask_question(question: Question) -> Answer:
    """Ask one question with the prompt for its type; None means skipped."""
    return ASKERS[question.item.type](question)


def ask_name() -> str | None:
    message = _wrap("Your name (optional, kept only on this computer; Enter to skip):", 0)
    name = questionary.text(message.strip(), qmark=">").unsafe_ask()
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


def ask_experience() -> float | None:
    """The years-of-experience band, as years (None when skipped)."""
    from quiz.profile import EXPERIENCE_BANDS, EXPERIENCE_QUESTION

    choices = [Choice(label, value=years) for label, years in EXPERIENCE_BANDS]
    value = questionary.select(
        _wrap(EXPERIENCE_QUESTION, 0).strip(),
        choices=[*choices, Separator(), Choice("Skip this question", value=SKIP)],
        qmark=">",
        instruction=" ",
    ).unsafe_ask()
    return None if value is SKIP else float(value)


def ask_review() -> bool:
    return bool(
        questionary.confirm(
            "Review the questions you missed, with explanations?", default=True, qmark=">"
        ).unsafe_ask()
    )

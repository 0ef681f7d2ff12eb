"""The interactive prompts (questionary): a question asked by its item type
(prompt_choices, prompt_typed), and the quiz's own questions around them: name, skills,
length, experience, resuming and the review.

Every prompt uses ``unsafe_ask`` so Ctrl-C raises KeyboardInterrupt into the session,
which saves progress and tells the person how to resume. Typed replies are checked by the
same parsers as plain mode, so both accept the same things. What the prompts share (layout,
resizing, the echo once answered) is prompt_layout's; its public names, and every item
type's prompt, are importable from here.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import assert_never

import questionary
from questionary import Choice

from questions import Item, Skill
from questions.models import (
    ChoiceItem,
    LikertItem,
    MatchItem,
    MultiItem,
    NumericItem,
    OrderItem,
    TextItem,
)
from quiz.attempts.session import Back, QuizQuestion, Turn, checked_name, clean_name
from quiz.cli.plain import is_skip
from quiz.cli.prompt_choices import ask_choice, ask_likert, ask_match, ask_multi
from quiz.cli.prompt_layout import (
    ANSWER_LABEL,
    BACK_LABEL,
    BACK_PROMPT_LABEL,
    CHECKBOX_INDENT,
    SELECT_INDENT,
    SKIP,
    SKIP_LABEL,
    SKIPPED,
    WENT_BACK,
    Reflowing,
    answer_echo,
    echo,
    option_title,
    run_prompt,
    wrap_to_terminal,
)
from quiz.cli.prompt_typed import ask_numeric, ask_order, ask_text
from scoring.models import Answer

__all__ = [
    "ANSWER_LABEL",
    "BACK_LABEL",
    "BACK_PROMPT_LABEL",
    "CHECKBOX_INDENT",
    "SELECT_INDENT",
    "SKIP",
    "SKIPPED",
    "SKIP_LABEL",
    "WENT_BACK",
    "Reflowing",
    "answer_echo",
    "ask_choice",
    "ask_experience",
    "ask_length",
    "ask_likert",
    "ask_match",
    "ask_multi",
    "ask_name",
    "ask_numeric",
    "ask_order",
    "ask_question",
    "ask_resume",
    "ask_review",
    "ask_skills",
    "ask_text",
    "ask_turn",
    "asker_for",
    "option_title",
]


def asker_for(item: Item) -> Callable[[QuizQuestion, Turn | None], Answer | Back]:
    """The prompt for an item's type."""
    match item:
        case LikertItem():
            return ask_likert
        case ChoiceItem():
            return ask_choice
        case MultiItem():
            return ask_multi
        case NumericItem():
            return ask_numeric
        case OrderItem():
            return ask_order
        case TextItem():
            return ask_text
        case MatchItem():
            return ask_match
        case _:
            assert_never(item)


def ask_turn(question: QuizQuestion, turn: Turn) -> Answer | Back:
    """Ask one question with the prompt for its type; None means skipped, BACK that the
    person chose to return to the previous question (offered only when ``turn.back``),
    and an answer so far in ``turn`` is where the prompt starts."""
    return asker_for(question.item)(question, turn)


def ask_question(question: QuizQuestion) -> Answer:
    """Ask one question with the prompt for its type, with no way back; None: skipped."""
    answer = ask_turn(question, Turn())
    assert not isinstance(answer, Back)  # offered only where a turn allows it
    return answer


def _name_fits(typed: str) -> bool | str:
    """True, or why the name typed is refused (too long to keep)."""
    try:
        checked_name(typed)
    except ValueError as error:
        return str(error)[0].upper() + str(error)[1:]
    return True


def ask_name() -> str | None:
    message = "Your name (optional, kept only on this computer; Enter to skip):"
    typed = run_prompt(
        questionary.text(
            Reflowing(lambda: wrap_to_terminal(message, 0).strip()),
            qmark=">",
            erase_when_done=True,
            validate=_name_fits,
        )
    )
    name = clean_name(typed)
    echo("Your name:", answer_echo(name, len("> Your name: ")))
    return name


def ask_skills(skills: Sequence[Skill]) -> list[str]:
    from scoring.wording import join_names

    choices = [Choice(skill.name, value=skill.id, checked=True) for skill in skills]
    picked = run_prompt(
        questionary.checkbox(
            "Skills to assess",
            choices=choices,
            validate=lambda chosen: True if chosen else "Tick at least one skill",
            qmark=">",
            instruction="(Space to untick, Enter to go on)",
            erase_when_done=True,
        )
    )
    names = {skill.id: skill.name for skill in skills}
    chosen = join_names([names[str(skill_id)] for skill_id in picked])
    echo("Skills to assess:", answer_echo(chosen, len("> Skills to assess: ")))
    return [str(skill_id) for skill_id in picked]


def ask_length(options: Sequence[tuple[str, str]]) -> str:
    """Pick a length from (value, label) pairs, the first being the default."""
    value = questionary.select(
        "Length",
        choices=[Choice(label, value=value) for value, label in options],
        qmark=">",
    ).unsafe_ask()
    return str(value)


def ask_experience() -> int | None:
    """Whole years of experience as typed (None when skipped: Enter or s)."""
    from quiz.cli.profile import EXPERIENCE_QUESTION, ExperienceError, parse_whole_years

    def check(text: str) -> bool | str:
        if not text.strip() or is_skip(text):
            return True
        try:
            parse_whole_years(text)
        except ExperienceError as error:
            return str(error)
        return True

    hint = "(whole years, 0 for none; Enter skips)"
    typed = run_prompt(
        questionary.text(
            Reflowing(lambda: wrap_to_terminal(f"{EXPERIENCE_QUESTION} {hint}", 0).strip()),
            validate=check,
            qmark=">",
            erase_when_done=True,
        )
    )
    skipped = not typed.strip() or is_skip(typed)
    years = None if skipped else parse_whole_years(typed)
    said = None if years is None else f"{years} year{'s' if years != 1 else ''}"
    echo(wrap_to_terminal(EXPERIENCE_QUESTION, 0).strip(), answer_echo(said, 2))
    return years


def ask_resume(question: str) -> bool:
    """Whether to carry on with an unfinished attempt (Enter: yes)."""
    return bool(
        questionary.confirm(
            Reflowing(lambda: wrap_to_terminal(question, 0).strip()),
            default=True,
            qmark=">",
        ).unsafe_ask()
    )


def ask_review() -> bool:
    question = "Review the questions you missed, with explanations?"
    return bool(
        questionary.confirm(
            Reflowing(lambda: wrap_to_terminal(question, 0)),
            default=True,
            qmark=">",
        ).unsafe_ask()
    )

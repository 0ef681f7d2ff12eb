"""The prompts that pick from a list (questionary select and checkbox): likert, choice,
multi and match items, each with Skip and, when a turn allows it, Back among the choices.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import questionary
from questionary import Choice

from questions import LIKERT_LABELS
from quiz.attempts.session import BACK, Back, Given, QuizQuestion, Turn
from quiz.cli.plain import prompts_of
from quiz.cli.prompt_layout import (
    ANSWER_LABEL,
    BACK_LABEL,
    BACK_PROMPT_LABEL,
    CHECKBOX_INDENT,
    SELECT_INDENT,
    SKIP,
    WENT_BACK,
    Reflowing,
    after_options,
    answer_echo,
    answer_so_far,
    echo_answer,
    exhibit_pager,
    option_choices,
    option_rows,
    question_message,
    run_prompt,
    skip_and_back,
    wrap_to_terminal,
)
from scoring.models import Answer


def _select(
    question: QuizQuestion,
    texts: Sequence[str],
    turn: Turn,
    default: int | None = None,
) -> Any:
    """One option's text, SKIP or BACK; the cursor starting on the answer so far, else
    on option ``default`` (0-based)."""
    options = option_choices(texts, SELECT_INDENT)
    choices = [choice for choice, _, _ in options]
    skip, back = skip_and_back(turn)
    answered, given = answer_so_far(turn)
    start: Choice | None = None if default is None else choices[default]
    if answered:
        start = skip if given is None else choices[texts.index(str(given))]
    pager = exhibit_pager(question)
    extra = 2 + (back is not None)

    def message() -> str:
        below = option_rows(texts, SELECT_INDENT, extra)
        hint = "(Up and Down to move, Enter to choose)"
        return f"{question_message(question, hint, pager, below)}\n{ANSWER_LABEL}"

    prompt = questionary.select(
        Reflowing(message),
        choices=[*choices, *after_options(skip, back)],
        default=start,
        qmark=">",
        instruction=" ",
        erase_when_done=True,
    )
    value = run_prompt(prompt, options, pager)
    shown = WENT_BACK if value is BACK else answer_echo(None if value is SKIP else str(value))
    echo_answer(question_message(question), shown)
    return value


def ask_likert(question: QuizQuestion, turn: Turn | None = None) -> Answer | Back:
    # The cursor starts mid-scale, so the first arrow press is a step either way and
    # Enter at once is not a strong opinion nobody gave.
    turn = turn or Turn()
    answered, given = answer_so_far(turn)
    if answered and isinstance(given, int):
        turn = Turn(back=turn.back, given=Given(answer=LIKERT_LABELS[given - 1]))
    value = _select(question, LIKERT_LABELS, turn, default=len(LIKERT_LABELS) // 2)
    if value is SKIP or value is BACK:
        return None if value is SKIP else BACK
    return LIKERT_LABELS.index(value) + 1


def ask_choice(question: QuizQuestion, turn: Turn | None = None) -> Answer | Back:
    value = _select(question, question.shown, turn or Turn())
    if value is SKIP or value is BACK:
        return None if value is SKIP else BACK
    return str(value)


def _check_picks(picked: Sequence[Any]) -> bool | str:
    # Short enough for one line of a 60-column terminal: the toolbar does not wrap.
    if not picked:
        return "Tick an option with Space, or tick Skip"
    if SKIP in picked and len(picked) > 1:
        return "Skip cannot be ticked with an option"
    if BACK in picked and len(picked) > 1:
        return "Back cannot be ticked with anything else"
    return True


def ask_multi(question: QuizQuestion, turn: Turn | None = None) -> Answer | Back:
    turn = turn or Turn()
    options = option_choices(question.shown, CHECKBOX_INDENT)
    answered, given = answer_so_far(turn)
    ticked = set(given) if isinstance(given, list) else set()
    for choice, text, _ in options:
        choice.checked = text in ticked
    skip, back = skip_and_back(turn)
    skip.checked = answered and given is None
    pager = exhibit_pager(question)
    extra = 2 + (back is not None)

    def message() -> str:
        below = option_rows(question.shown, CHECKBOX_INDENT, extra)
        return f"{question_message(question, _MULTI_HINT, pager, below)}\n{ANSWER_LABEL}"

    prompt = questionary.checkbox(
        Reflowing(message),
        choices=[*(choice for choice, _, _ in options), *after_options(skip, back)],
        validate=_check_picks,
        qmark=">",
        instruction="",
        erase_when_done=True,
    )
    picked = run_prompt(prompt, options, pager)
    if BACK in picked:
        echo_answer(question_message(question), WENT_BACK)
        return BACK
    answer = None if SKIP in picked else [str(value) for value in picked]
    echo_answer(question_message(question), answer_echo(answer))
    return answer


_MULTI_HINT = "(Space to tick every option that applies, Enter to submit)"


def _match_pick(
    question: QuizQuestion, number: int, prompts: Sequence[str], turn: Turn, kept: str | None
) -> Any:
    """The answer picked for prompt ``number`` (from 1), SKIP or BACK."""
    prompt = prompts[number - 1]

    def message() -> str:
        hint = "(pick the answer for each prompt; Up and Down, then Enter)"
        lead = question_message(question, hint) + "\n" if number == 1 else ""
        line = wrap_to_terminal(f"{number} of {len(prompts)}: {prompt}")
        return f"{lead}{line}\n{ANSWER_LABEL}"

    options = option_choices(question.shown, SELECT_INDENT)
    choices = [choice for choice, _, _ in options]
    label = BACK_LABEL if number == 1 else BACK_PROMPT_LABEL
    skip, back = skip_and_back(Turn(back=turn.back or number > 1), label)
    start = choices[question.shown.index(kept)] if kept in question.shown else None
    if number == 1 and turn.given is not None and turn.given.answer is None:
        start = skip
    return run_prompt(
        questionary.select(
            Reflowing(message),
            choices=[*choices, *after_options(skip, back)],
            default=start,
            qmark=">",
            instruction=" ",
            erase_when_done=True,
        ),
        options,
    )


def ask_match(question: QuizQuestion, turn: Turn | None = None) -> Answer | Back:
    """One select per prompt, each choosing among the same answers; Skip on any prompt
    skips the whole question, Back returns to the prompt before (from the first, to the
    previous question). Once done, the question is echoed with each prompt's pick."""
    turn = turn or Turn()
    prompts = prompts_of(question)
    _, given = answer_so_far(turn)
    kept = given if isinstance(given, dict) else {}
    picked: dict[str, str] = {}
    number = 1
    while number <= len(prompts):
        prompt = prompts[number - 1]
        value = _match_pick(question, number, prompts, turn, picked.get(prompt, kept.get(prompt)))
        if isinstance(value, Back):
            if number > 1:
                number -= 1
                continue
            echo_answer(question_message(question), WENT_BACK)
            return value
        if value is SKIP:
            echo_answer(question_message(question), answer_echo(None))
            return None
        picked[prompt] = str(value)
        number += 1
    pairs = [f"{prompt}: {answer}" for prompt, answer in picked.items()]
    echo_answer(question_message(question), answer_echo(pairs))
    return picked

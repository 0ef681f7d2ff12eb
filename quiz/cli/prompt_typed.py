"""The prompts answered by typing: numeric, order and text items. A reply is checked as
it is submitted by the same parsers as plain mode, so both accept the same things.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

from quiz.attempts.session import BACK, Back, QuizQuestion, Turn
from quiz.cli.plain import ReplyError, is_back, is_skip, parse_number, parse_positions, parse_text
from quiz.cli.prompt_layout import (
    ANSWER_LABEL,
    WENT_BACK,
    Reflowing,
    answer_echo,
    answer_so_far,
    echo_answer,
    exhibit_pager,
    question_message,
    run_prompt,
    terminal_columns,
    wrap_to_terminal,
)
from scoring.models import Answer

if TYPE_CHECKING:
    from quiz.cli.exhibit_view import ExhibitPager


def _validator(parse: Callable[[str], object], back: bool) -> Callable[[str], bool | str]:
    """A prompt validator from a plain-mode parser.

    A validator that raises breaks prompt_toolkit's event loop ("Unhandled exception"),
    so any failure to parse becomes the message under the prompt, not only ReplyError.
    """

    def check(text: str) -> bool | str:
        if not text.strip() or is_skip(text):
            return True
        if is_back(text):
            return True if back else "there is no earlier question to go back to"
        try:
            parse(text)
        except ReplyError as error:
            return str(error)
        except (ValueError, ArithmeticError):
            return "this cannot be read as an answer; type it again"
        return True

    return check


def _typed_hint(what: str, back: bool) -> str:
    """The line under a typed question: what to type, how to skip, how to go back."""
    return f"({what}; empty or s skips, b goes back)" if back else f"({what}; empty or s skips)"


def _typed_default(question: QuizQuestion, turn: Turn) -> str:
    """What a typed prompt starts with: the answer so far as it would be typed."""
    from quiz.cli.plain import typed_reply

    answered, given = answer_so_far(turn)
    return typed_reply(question, given) if answered else ""


def _typed(
    question: QuizQuestion,
    turn: Turn,
    message: Callable[[], str],
    parse: Callable[[str], object],
    *,
    refused: list[str] | None = None,
    pager: ExhibitPager | None = None,
) -> str | Back:
    """A typed reply (the text as typed) or BACK, checked by ``parse`` as it is submitted.

    With ``refused`` (a list the message reads when drawn), a refused reply is taken out
    of the box and put, with its reason, in ``refused`` for the message to show: what is
    typed next is a new answer, not one appended to the refused one.
    """
    from quiz.cli.typed_session import typed_question

    check = _validator(parse, turn.back)
    keys = _clearing_enter(check, refused) if refused is not None else None
    text = run_prompt(
        typed_question(Reflowing(message), _typed_default(question, turn), check, keys),
        pager=pager,
    )
    return BACK if turn.back and is_back(text) else str(text)


def _clearing_enter(check: Callable[[str], bool | str], refused: list[str]) -> Any:
    """Enter that submits an accepted reply, and empties the box of a refused one, noting
    it and its reason in ``refused`` (the prompt's message shows it, wrapped to fit; the
    toolbar under a prompt is one line and would cut it)."""
    from prompt_toolkit.key_binding import KeyBindings

    from questions.numbers import quoted

    bindings = KeyBindings()

    @bindings.add("enter")
    def _(event: Any) -> None:
        buffer = event.current_buffer
        verdict = check(buffer.text)
        if verdict is True:
            buffer.validate_and_handle()
            return
        refused[:] = [f"Not accepted: {quoted(buffer.text.strip())}: {verdict}. Type it again."]
        buffer.reset()
        event.app.invalidate()

    return bindings


def _echo_typed(question: QuizQuestion, text: str | Back, heading: str | None = None) -> bool:
    """Echo a typed question as answered; True when it was skipped."""
    message = heading if heading is not None else question_message(question)
    if text is BACK:
        echo_answer(message, WENT_BACK)
        return False
    assert isinstance(text, str)
    skipped = not text.strip() or is_skip(text)
    echo_answer(message, answer_echo(None if skipped else text.strip()))
    return skipped


def ask_numeric(question: QuizQuestion, turn: Turn | None = None) -> Answer | Back:
    turn = turn or Turn()
    item = question.item
    unit = item.unit if item.type == "numeric" else None
    hint = _typed_hint(f"a number in {unit}" if unit else "a number", turn.back)
    pager = exhibit_pager(question)
    text = _typed(
        question,
        turn,
        lambda: f"{question_message(question, hint, pager, 1)}\n{ANSWER_LABEL}",
        lambda value: parse_number(value, unit),
        pager=pager,
    )
    skipped = _echo_typed(question, text)
    if text is BACK or skipped:
        return BACK if text is BACK else None
    assert isinstance(text, str)
    return parse_number(text, unit)


def _steps(shown: Sequence[str]) -> str:
    from quiz.cli.console import wrap_text

    width = max(40, terminal_columns() - 1)
    return "\n".join(
        wrap_text(text, width, indent=4, bullet=f"{n}. ") for n, text in enumerate(shown, start=1)
    )


def ask_order(question: QuizQuestion, turn: Turn | None = None) -> Answer | Back:
    from quiz.cli.console import keep_together

    turn = turn or Turn()
    shown = question.shown
    example = " ".join(str(n) for n in [*range(2, len(shown) + 1), 1])
    back = " b goes back." if turn.back else ""
    hint = (
        "Type the step numbers in the right order "
        f"{keep_together(f'(e.g. {example});')} empty or s skips.{back}"
    )
    refused: list[str] = []
    pager = exhibit_pager(question)

    def message() -> str:
        note = "".join(f"\n{wrap_to_terminal(line)}" for line in refused)
        tail = f"{_steps(shown)}\n{wrap_to_terminal(hint)}{note}\n  Order:"
        return f"{question_message(question, None, pager, tail.count(chr(10)) + 2)}\n{tail}"

    text = _typed(
        question,
        turn,
        message,
        lambda value: parse_positions(value, len(shown)),
        refused=refused,
        pager=pager,
    )
    skipped = _echo_typed(question, text, f"{question_message(question)}\n{_steps(shown)}")
    if text is BACK or skipped:
        return BACK if text is BACK else None
    assert isinstance(text, str)
    return [shown[n - 1] for n in parse_positions(text, len(shown))]


def ask_text(question: QuizQuestion, turn: Turn | None = None) -> Answer | Back:
    turn = turn or Turn()
    hint = _typed_hint("type your answer", turn.back)
    pager = exhibit_pager(question)
    text = _typed(
        question,
        turn,
        lambda: f"{question_message(question, hint, pager, 1)}\n{ANSWER_LABEL}",
        parse_text,
        pager=pager,
    )
    skipped = _echo_typed(question, text)
    if text is BACK or skipped:
        return BACK if text is BACK else None
    assert isinstance(text, str)
    return parse_text(text)

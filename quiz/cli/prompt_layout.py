"""What every interactive prompt (questionary) shares: its message laid out to the
terminal, options as titles that fit, running it so it follows a resize, the echo once it
is answered, and the Skip and Back choices.

Texts are laid out again at every redraw (a resized terminal gets the question and options
wrapped to its new width), and once answered a question is replaced by an echo written here:
the question without its key hints, then what was given in words ("skipped", the texts
picked), rather than questionary's "done (4 selections)" or "[Waiting]".
"""

from __future__ import annotations

import shutil
import textwrap
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

import questionary
from questionary import Choice, Separator

from quiz.attempts.session import BACK, QuizQuestion, Turn
from quiz.cli.key_bindings import share_default_bindings
from quiz.cli.prompt_caches import (
    reuse_layout_sessions,
    split_once_a_drawing,
    split_prompt_once_a_drawing,
)
from quiz.cli.screen_diff import write_runs_together
from scoring.models import Answer

if TYPE_CHECKING:
    from quiz.cli.exhibit_view import ExhibitPager

share_default_bindings()
split_once_a_drawing()
split_prompt_once_a_drawing()
reuse_layout_sessions()
write_runs_together()

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
SKIPPED = "skipped"


def terminal_columns() -> int:
    """The terminal's width now: a running prompt's own output knows it after a resize
    (shutil would keep reading a COLUMNS set when the program started)."""
    from prompt_toolkit.application import get_app_or_none

    app = get_app_or_none()
    if app is not None and app.is_running:
        return app.output.get_size().columns
    return shutil.get_terminal_size().columns


def wrap_to_terminal(text: str, indent: int = 2) -> str:
    """Text wrapped to the terminal, every line indented; prompt_toolkit would cut words."""
    from quiz.cli.console import wrap_text

    return wrap_text(text, max(40, terminal_columns() - 4), indent=indent)


class Reflowing(str):
    """A prompt message laid out anew each time it is drawn.

    questionary puts its message into the prompt with ``" {} ".format(message)`` on every
    redraw, so a message whose ``__format__`` wraps the text to the terminal's current width
    follows a resize; one wrapped once, when asked, would be cut or broken mid-word.

    prompt_toolkit formats the message a dozen times in one drawing (each part of the layout
    asks its height), so the layout is made once a drawing: what it depends on (the
    terminal's size, a pager's page, a refused reply) changes only between drawings.
    """

    _layout: Callable[[], str]
    _drawing: tuple[int, int, int, int] | None
    _laid_out: str

    def __new__(cls, layout: Callable[[], str]) -> Reflowing:
        message = super().__new__(cls, layout())
        message._layout = layout
        message._drawing = None
        return message

    def __format__(self, spec: str) -> str:
        from prompt_toolkit.application import get_app_or_none

        app = get_app_or_none()
        if app is None or not app.is_running:
            return format(self._layout(), spec)
        size = app.output.get_size()
        drawing = (id(app), app.render_counter, size.rows, size.columns)
        if drawing != self._drawing:
            self._laid_out = self._layout()
            self._drawing = drawing
        return format(self._laid_out, spec)


def question_message(
    question: QuizQuestion,
    hint: str | None = None,
    pager: ExhibitPager | None = None,
    below: int = 0,
) -> str:
    """The heading, then the question (and what to do) wrapped and indented to fit; an
    exhibit goes in as written, only indented, since re-wrapping would scramble a table.

    With a ``pager``, the exhibit gets the rows the terminal has left once the question,
    the hint and the ``below`` rows under the message (the options) have theirs: whole
    when it fits, else a page of it that PgDn and PgUp scroll.
    """
    from quiz.cli.exhibit_view import SPARE_ROWS, terminal_rows
    from quiz.cli.plain import exhibit_lines

    text = wrap_to_terminal(question.item.text)
    tip = wrap_to_terminal(hint) if hint else None
    if pager is None:
        exhibit = exhibit_lines(question.item.exhibit)
    else:
        used = 2 + text.count("\n") + 1 + (tip.count("\n") + 1 if tip else 0)
        exhibit = pager.block(terminal_rows() - used - below - SPARE_ROWS)
    lines = [question.heading, text, *exhibit]
    if tip:
        lines.append(tip)
    return "\n".join(lines)


def exhibit_pager(question: QuizQuestion) -> ExhibitPager | None:
    """A pager for the question's exhibit, so one taller than the terminal scrolls with
    PgDn and PgUp; None without an exhibit."""
    from quiz.cli.exhibit_view import ExhibitPager

    exhibit = question.item.exhibit
    return None if exhibit is None else ExhibitPager(exhibit)


def option_rows(texts: Sequence[str], indent: int, extra: int) -> int:
    """The rows a list of options takes at the terminal's width now, and ``extra`` rows."""
    return extra + sum(1 + _title_text(option_title(text, indent)).count("\n") for text in texts)


def _title_text(title: str | list[tuple[str, str]]) -> str:
    return title if isinstance(title, str) else "".join(part for _, part in title)


def option_title(text: str, indent: int) -> str | list[tuple[str, str]]:
    """An option as a choice title that is readable in full on a narrow terminal.

    A title longer than the line would be cut at the right edge, so a long one is
    wrapped onto more lines, each starting under the option's first word.
    """
    width = max(20, terminal_columns() - indent - 1)
    if len(text) <= width:
        return text
    lines = textwrap.wrap(text, width=width, break_on_hyphens=False)
    return [("class:text", ("\n" + " " * indent).join(lines))]


def run_prompt(
    prompt: questionary.Question,
    options: Sequence[tuple[Choice, str, int]] = (),
    pager: ExhibitPager | None = None,
) -> Any:
    """Run a prompt that follows a resize of the terminal.

    The options' titles are wrapped again before each redraw. On a resize the screen is
    cleared first: a terminal that re-wraps what is already on it (most do) leaves the old
    layout taller than prompt_toolkit knows, and erasing only what it drew would leave torn
    copies of the heading above the redrawn question.
    """
    from quiz.cli.collector import collect_once_drawn
    from quiz.cli.exhibit_view import attach
    from quiz.cli.mouse_guard import drop_malformed_mouse_reports
    from quiz.cli.prompt_caches import borrowing, share_style

    app = prompt.application
    # A kept session's application runs again for the next typed prompt: what is added
    # here for this prompt is taken off once it has finished.
    key_bindings, resize = app.key_bindings, app._on_resize
    share_style(app)
    attach(app, pager)
    drop_malformed_mouse_reports(app)
    collect_once_drawn(app)

    def rewrap(_: object) -> None:
        for choice, text, indent in options:
            choice.title = option_title(text, indent)

    app.before_render += rewrap

    def clear_and_resize() -> None:
        app.renderer.clear()
        resize()

    # Read when the prompt starts and attaches its SIGWINCH handler.
    app._on_resize = clear_and_resize  # type: ignore[method-assign]
    try:
        with borrowing(app):
            return prompt.unsafe_ask()
    finally:
        app.key_bindings, app._on_resize = key_bindings, resize  # type: ignore[method-assign]
        app.before_render -= rewrap


def answer_echo(answer: str | Sequence[str] | None, column: int = len(ANSWER_LABEL) + 1) -> str:
    """What follows "Answer:" once a question is answered, wrapped to the terminal with
    later lines under the first (which starts at ``column``): the text given, each pick of
    several on its own line, or "skipped"."""
    from quiz.cli.console import wrap_text

    width = max(40, terminal_columns() - 1)
    if answer is None:
        return SKIPPED
    if isinstance(answer, str):
        return wrap_text(answer, width, indent=column).lstrip()
    if len(answer) == 1:
        return answer_echo(answer[0], column)
    picks = [wrap_text(text, width, indent=column, bullet="- ") for text in answer]
    return "\n".join(picks).lstrip()


def echo(message: str, answer: str) -> None:
    """Print a question as answered, in the prompt's own colours (called between prompts,
    when no application is running)."""
    from prompt_toolkit.application.current import get_app_session
    from prompt_toolkit.renderer import print_formatted_text

    from quiz.cli.prompt_caches import prompt_style

    print_formatted_text(
        get_app_session().output,
        [
            ("class:qmark", ">"),
            ("class:question", f" {message} "),
            ("class:answer", answer),
            ("", "\n"),
        ],
        prompt_style(),
    )


def echo_answer(message: str, answer: str) -> None:
    """Echo a question as answered, the answer after its "Answer:" label."""
    echo(f"{message}\n{ANSWER_LABEL}", answer)


BACK_LABEL = "Back to the previous question"
BACK_PROMPT_LABEL = "Back to the previous prompt"
WENT_BACK = "went back to the previous question"


def skip_and_back(turn: Turn, back_label: str = BACK_LABEL) -> tuple[Choice, Choice | None]:
    """The Skip choice, and the Back choice when going back is on offer."""
    skip = Choice(SKIP_LABEL, value=SKIP)
    back = Choice(back_label, value=BACK) if turn.back else None
    return skip, back


def after_options(skip: Choice, back: Choice | None) -> list[Any]:
    """What follows the options: a separator, Skip, and Back when it is offered."""
    return [Separator(), skip, *([back] if back is not None else [])]


def option_choices(texts: Sequence[str], indent: int) -> list[tuple[Choice, str, int]]:
    """Each option as a choice with a title that fits, and the text and indent that
    run_prompt wraps it from again on a resize."""
    return [(Choice(option_title(text, indent), value=text), text, indent) for text in texts]


def answer_so_far(turn: Turn) -> tuple[bool, Answer]:
    """Whether the question has an answer so far, and that answer (None: skipped)."""
    return (turn.given is not None, turn.given.answer if turn.given is not None else None)

"""The interactive prompts (questionary), one function per item type plus the welcome.

Every prompt uses ``unsafe_ask`` so Ctrl-C raises KeyboardInterrupt into the session,
which saves progress and tells the person how to resume. Typed replies are checked by the
same parsers as plain mode, so both accept the same things.

Texts are laid out again at every redraw (a resized terminal gets the question and options
wrapped to its new width), and once answered a question is replaced by an echo written here:
the question without its key hints, then what was given in words ("skipped", the texts
picked), rather than questionary's "done (4 selections)" or "[Waiting]".
"""

from __future__ import annotations

import shutil
import textwrap
from collections.abc import Callable, Sequence
from typing import Any, assert_never

import questionary
from questionary import Choice, Separator

from questions import LIKERT_LABELS, Item, Skill
from questions.models import (
    ChoiceItem,
    LikertItem,
    MatchItem,
    MultiItem,
    NumericItem,
    OrderItem,
    TextItem,
)
from quiz.attempts.session import QuizQuestion, clean_name
from quiz.cli.plain import (
    ReplyError,
    is_skip,
    parse_number,
    parse_positions,
    parse_text,
    prompts_of,
)
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
SKIPPED = "skipped"


def _columns() -> int:
    """The terminal's width now: a running prompt's own output knows it after a resize
    (shutil would keep reading a COLUMNS set when the program started)."""
    from prompt_toolkit.application import get_app_or_none

    app = get_app_or_none()
    if app is not None and app.is_running:
        return app.output.get_size().columns
    return shutil.get_terminal_size().columns


def _wrap(text: str, indent: int = 2) -> str:
    """Text wrapped to the terminal, every line indented; prompt_toolkit would cut words."""
    from quiz.cli.console import wrap_text

    return wrap_text(text, max(40, _columns() - 4), indent=indent)


class Reflowing(str):
    """A prompt message laid out anew each time it is drawn.

    questionary puts its message into the prompt with ``" {} ".format(message)`` on every
    redraw, so a message whose ``__format__`` wraps the text to the terminal's current width
    follows a resize; one wrapped once, when asked, would be cut or broken mid-word.
    """

    _layout: Callable[[], str]

    def __new__(cls, layout: Callable[[], str]) -> Reflowing:
        message = super().__new__(cls, layout())
        message._layout = layout
        return message

    def __format__(self, spec: str) -> str:
        return format(self._layout(), spec)


def _message(question: QuizQuestion, hint: str | None = None) -> str:
    """The heading, then the question (and what to do) wrapped and indented to fit; an
    exhibit goes in as written, only indented, since re-wrapping would scramble a table."""
    from quiz.cli.plain import exhibit_lines

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
    if len(text) <= width:
        return text
    lines = textwrap.wrap(text, width=width, break_on_hyphens=False)
    return [("class:text", ("\n" + " " * indent).join(lines))]


def _ask(prompt: questionary.Question, options: Sequence[tuple[Choice, str, int]] = ()) -> Any:
    """Run a prompt that follows a resize of the terminal.

    The options' titles are wrapped again before each redraw. On a resize the screen is
    cleared first: a terminal that re-wraps what is already on it (most do) leaves the old
    layout taller than prompt_toolkit knows, and erasing only what it drew would leave torn
    copies of the heading above the redrawn question.
    """
    app = prompt.application

    def rewrap(_: object) -> None:
        for choice, text, indent in options:
            choice.title = option_title(text, indent)

    app.before_render += rewrap
    resize = app._on_resize

    def clear_and_resize() -> None:
        app.renderer.clear()
        resize()

    # Read when the prompt starts and attaches its SIGWINCH handler.
    app._on_resize = clear_and_resize  # type: ignore[method-assign]
    return prompt.unsafe_ask()


def answer_echo(answer: str | Sequence[str] | None, column: int = len(ANSWER_LABEL) + 1) -> str:
    """What follows "Answer:" once a question is answered, wrapped to the terminal with
    later lines under the first (which starts at ``column``): the text given, each pick of
    several on its own line, or "skipped"."""
    from quiz.cli.console import wrap_text

    width = max(40, _columns() - 1)
    if answer is None:
        return SKIPPED
    if isinstance(answer, str):
        return wrap_text(answer, width, indent=column).lstrip()
    if len(answer) == 1:
        return answer_echo(answer[0], column)
    picks = [wrap_text(text, width, indent=column, bullet="- ") for text in answer]
    return "\n".join(picks).lstrip()


def _echo(message: str, answer: str) -> None:
    """Print a question as answered, in the prompt's own colours."""
    from prompt_toolkit import print_formatted_text
    from prompt_toolkit.formatted_text import FormattedText
    from questionary.styles import merge_styles_default

    print_formatted_text(
        FormattedText(
            [("class:qmark", ">"), ("class:question", f" {message} "), ("class:answer", answer)]
        ),
        style=merge_styles_default([None]),
    )


def _echo_answer(message: str, answer: str) -> None:
    _echo(f"{message}\n{ANSWER_LABEL}", answer)


def _skip_choice() -> list[Any]:
    return [Separator(), Choice(SKIP_LABEL, value=SKIP)]


def _options(texts: Sequence[str], indent: int) -> list[tuple[Choice, str, int]]:
    return [(Choice(option_title(text, indent), value=text), text, indent) for text in texts]


def _select(question: QuizQuestion, texts: Sequence[str], default: int | None = None) -> Any:
    """One option's text (or SKIP), the cursor starting on option ``default`` (0-based)."""
    options = _options(texts, SELECT_INDENT)
    choices = [choice for choice, _, _ in options]
    prompt = questionary.select(
        Reflowing(
            lambda: (
                f"{_message(question, '(Up and Down to move, Enter to choose)')}\n{ANSWER_LABEL}"
            )
        ),
        choices=[*choices, *_skip_choice()],
        default=None if default is None else choices[default],
        qmark=">",
        instruction=" ",
        erase_when_done=True,
    )
    value = _ask(prompt, options)
    _echo_answer(_message(question), answer_echo(None if value is SKIP else str(value)))
    return value


def ask_likert(question: QuizQuestion) -> Answer:
    # The cursor starts mid-scale, so the first arrow press is a step either way and
    # Enter at once is not a strong opinion nobody gave.
    value = _select(question, LIKERT_LABELS, default=len(LIKERT_LABELS) // 2)
    return None if value is SKIP else LIKERT_LABELS.index(value) + 1


def ask_choice(question: QuizQuestion) -> Answer:
    value = _select(question, question.shown)
    return None if value is SKIP else str(value)


def _check_picks(picked: Sequence[Any]) -> bool | str:
    # Short enough for one line of a 60-column terminal: the toolbar does not wrap.
    if not picked:
        return "Tick an option with Space, or tick Skip"
    if SKIP in picked and len(picked) > 1:
        return "Skip cannot be ticked with an option"
    return True


def ask_multi(question: QuizQuestion) -> Answer:
    options = _options(question.shown, CHECKBOX_INDENT)
    prompt = questionary.checkbox(
        Reflowing(
            lambda: f"{_message(question, _MULTI_HINT)}\n{ANSWER_LABEL}",
        ),
        choices=[*(choice for choice, _, _ in options), *_skip_choice()],
        validate=_check_picks,
        qmark=">",
        instruction="",
        erase_when_done=True,
    )
    picked = _ask(prompt, options)
    answer = None if SKIP in picked else [str(value) for value in picked]
    _echo_answer(_message(question), answer_echo(answer))
    return answer


_MULTI_HINT = "(Space to tick every option that applies, Enter to submit)"


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


def ask_numeric(question: QuizQuestion) -> Answer:
    item = question.item
    unit = item.unit if item.type == "numeric" else None
    hint = f"(a number in {unit}; empty or s skips)" if unit else "(a number; empty or s skips)"
    text = _ask(
        questionary.text(
            Reflowing(lambda: f"{_message(question, hint)}\n{ANSWER_LABEL}"),
            validate=_validator(lambda value: parse_number(value, unit)),
            qmark=">",
            erase_when_done=True,
        )
    )
    skipped = not text.strip() or is_skip(text)
    _echo_answer(_message(question), answer_echo(None if skipped else text.strip()))
    return None if skipped else parse_number(text, unit)


def _steps(shown: Sequence[str]) -> str:
    from quiz.cli.console import wrap_text

    width = max(40, _columns() - 1)
    return "\n".join(
        wrap_text(text, width, indent=4, bullet=f"{n}. ") for n, text in enumerate(shown, start=1)
    )


def ask_order(question: QuizQuestion) -> Answer:
    from quiz.cli.console import keep_together

    shown = question.shown
    example = " ".join(str(n) for n in [*range(2, len(shown) + 1), 1])
    hint = (
        "Type the step numbers in the right order "
        f"{keep_together(f'(e.g. {example});')} empty or s skips."
    )
    text = _ask(
        questionary.text(
            Reflowing(lambda: f"{_message(question)}\n{_steps(shown)}\n{_wrap(hint)}\n  Order:"),
            validate=_validator(lambda value: parse_positions(value, len(shown))),
            qmark=">",
            erase_when_done=True,
        )
    )
    skipped = not text.strip() or is_skip(text)
    order = None if skipped else [shown[n - 1] for n in parse_positions(text, len(shown))]
    _echo_answer(
        f"{_message(question)}\n{_steps(shown)}", answer_echo(None if skipped else text.strip())
    )
    return order


def ask_text(question: QuizQuestion) -> Answer:
    text = _ask(
        questionary.text(
            Reflowing(
                lambda: (
                    f"{_message(question, '(type your answer; empty or s skips)')}\n{ANSWER_LABEL}"
                )
            ),
            validate=_validator(parse_text),
            qmark=">",
            erase_when_done=True,
        )
    )
    skipped = not text.strip() or is_skip(text)
    answer = None if skipped else parse_text(text)
    _echo_answer(_message(question), answer_echo(answer))
    return answer


def ask_match(question: QuizQuestion) -> Answer:
    """One select per prompt, each choosing among the same answers; Skip on any prompt
    skips the whole question. Once done, the question is echoed with each prompt's pick."""
    prompts = prompts_of(question)
    picked: dict[str, str] = {}
    for number, prompt in enumerate(prompts, start=1):

        def message(number: int = number, prompt: str = prompt) -> str:
            lead = (
                _message(question, "(pick the answer for each prompt; Up and Down, then Enter)")
                + "\n"
                if number == 1
                else ""
            )
            return f"{lead}{_wrap(f'{number} of {len(prompts)}: {prompt}')}\n{ANSWER_LABEL}"

        options = _options(question.shown, SELECT_INDENT)
        value = _ask(
            questionary.select(
                Reflowing(message),
                choices=[*(choice for choice, _, _ in options), *_skip_choice()],
                qmark=">",
                instruction=" ",
                erase_when_done=True,
            ),
            options,
        )
        if value is SKIP:
            _echo_answer(_message(question), answer_echo(None))
            return None
        picked[prompt] = str(value)
    pairs = [f"{prompt}: {answer}" for prompt, answer in picked.items()]
    _echo_answer(_message(question), answer_echo(pairs))
    return picked


def asker_for(item: Item) -> Callable[[QuizQuestion], Answer]:
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


def ask_question(question: QuizQuestion) -> Answer:
    """Ask one question with the prompt for its type; None means skipped."""
    return asker_for(question.item)(question)


def ask_name() -> str | None:
    message = "Your name (optional, kept only on this computer; Enter to skip):"
    typed = _ask(
        questionary.text(
            Reflowing(lambda: _wrap(message, 0).strip()), qmark=">", erase_when_done=True
        )
    )
    name = clean_name(typed)
    _echo("Your name:", answer_echo(name, len("> Your name: ")))
    return name


def ask_skills(skills: Sequence[Skill]) -> list[str]:
    from scoring.wording import join_names

    choices = [Choice(skill.name, value=skill.id, checked=True) for skill in skills]
    picked = _ask(
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
    _echo("Skills to assess:", answer_echo(chosen, len("> Skills to assess: ")))
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
    from quiz.cli.profile import EXPERIENCE_BANDS, EXPERIENCE_QUESTION

    choices = [Choice(label, value=years) for label, years in EXPERIENCE_BANDS]
    value = _ask(
        questionary.select(
            Reflowing(lambda: _wrap(EXPERIENCE_QUESTION, 0).strip()),
            choices=[*choices, Separator(), Choice("Skip this question", value=SKIP)],
            qmark=">",
            instruction=" ",
            erase_when_done=True,
        )
    )
    labels = {years: label for label, years in EXPERIENCE_BANDS}
    _echo(
        _wrap(EXPERIENCE_QUESTION, 0).strip(),
        answer_echo(None if value is SKIP else labels[value], 2),
    )
    return None if value is SKIP else float(value)


def ask_review() -> bool:
    return bool(
        questionary.confirm(
            Reflowing(lambda: _wrap("Review the questions you missed, with explanations?", 0)),
            default=True,
            qmark=">",
        ).unsafe_ask()
    )

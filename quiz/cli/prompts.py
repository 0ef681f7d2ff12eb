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
from typing import TYPE_CHECKING, Any, assert_never

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
from quiz.attempts.session import BACK, Back, Given, QuizQuestion, Turn, clean_name
from quiz.cli.key_bindings import share_default_bindings
from quiz.cli.plain import (
    ReplyError,
    is_back,
    is_skip,
    parse_number,
    parse_positions,
    parse_text,
    prompts_of,
)
from scoring.models import Answer

if TYPE_CHECKING:
    from quiz.cli.exhibit_view import ExhibitPager

share_default_bindings()

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


def _message(
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

    text = _wrap(question.item.text)
    tip = _wrap(hint) if hint else None
    if pager is None:
        exhibit = exhibit_lines(question.item.exhibit)
    else:
        used = 2 + text.count("\n") + 1 + (tip.count("\n") + 1 if tip else 0)
        exhibit = pager.block(terminal_rows() - used - below - SPARE_ROWS)
    lines = [question.heading, text, *exhibit]
    if tip:
        lines.append(tip)
    return "\n".join(lines)


def _pager(question: QuizQuestion) -> ExhibitPager | None:
    from quiz.cli.exhibit_view import ExhibitPager

    exhibit = question.item.exhibit
    return None if exhibit is None else ExhibitPager(exhibit)


def _rows(texts: Sequence[str], indent: int, extra: int) -> int:
    """The rows a list of options takes at the terminal's width now, and ``extra`` rows."""
    return extra + sum(1 + _title_text(option_title(text, indent)).count("\n") for text in texts)


def _title_text(title: str | list[tuple[str, str]]) -> str:
    return title if isinstance(title, str) else "".join(part for _, part in title)


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


def _ask(
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

    app = prompt.application
    attach(app, pager)
    collect_once_drawn(app)

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


BACK_LABEL = "Back to the previous question"
BACK_PROMPT_LABEL = "Back to the previous prompt"
WENT_BACK = "went back to the previous question"


def _extra_choices(turn: Turn, back_label: str = BACK_LABEL) -> tuple[Choice, Choice | None]:
    """The Skip choice, and the Back choice when going back is on offer."""
    skip = Choice(SKIP_LABEL, value=SKIP)
    back = Choice(back_label, value=BACK) if turn.back else None
    return skip, back


def _tail(skip: Choice, back: Choice | None) -> list[Any]:
    return [Separator(), skip, *([back] if back is not None else [])]


def _options(texts: Sequence[str], indent: int) -> list[tuple[Choice, str, int]]:
    return [(Choice(option_title(text, indent), value=text), text, indent) for text in texts]


def _given(turn: Turn) -> tuple[bool, Answer]:
    """Whether the question has an answer so far, and that answer (None: skipped)."""
    return (turn.given is not None, turn.given.answer if turn.given is not None else None)


def _select(
    question: QuizQuestion,
    texts: Sequence[str],
    turn: Turn,
    default: int | None = None,
) -> Any:
    """One option's text, SKIP or BACK; the cursor starting on the answer so far, else
    on option ``default`` (0-based)."""
    options = _options(texts, SELECT_INDENT)
    choices = [choice for choice, _, _ in options]
    skip, back = _extra_choices(turn)
    answered, given = _given(turn)
    start: Choice | None = None if default is None else choices[default]
    if answered:
        start = skip if given is None else choices[texts.index(str(given))]
    pager = _pager(question)
    extra = 2 + (back is not None)

    def message() -> str:
        below = _rows(texts, SELECT_INDENT, extra)
        hint = "(Up and Down to move, Enter to choose)"
        return f"{_message(question, hint, pager, below)}\n{ANSWER_LABEL}"

    prompt = questionary.select(
        Reflowing(message),
        choices=[*choices, *_tail(skip, back)],
        default=start,
        qmark=">",
        instruction=" ",
        erase_when_done=True,
    )
    value = _ask(prompt, options, pager)
    shown = WENT_BACK if value is BACK else answer_echo(None if value is SKIP else str(value))
    _echo_answer(_message(question), shown)
    return value


def ask_likert(question: QuizQuestion, turn: Turn | None = None) -> Answer | Back:
    # The cursor starts mid-scale, so the first arrow press is a step either way and
    # Enter at once is not a strong opinion nobody gave.
    turn = turn or Turn()
    answered, given = _given(turn)
    if answered and isinstance(given, int):
        turn = Turn(back=turn.back, given=Given(LIKERT_LABELS[given - 1]))
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
    options = _options(question.shown, CHECKBOX_INDENT)
    answered, given = _given(turn)
    ticked = set(given) if isinstance(given, list) else set()
    for choice, text, _ in options:
        choice.checked = text in ticked
    skip, back = _extra_choices(turn)
    skip.checked = answered and given is None
    pager = _pager(question)
    extra = 2 + (back is not None)

    def message() -> str:
        below = _rows(question.shown, CHECKBOX_INDENT, extra)
        return f"{_message(question, _MULTI_HINT, pager, below)}\n{ANSWER_LABEL}"

    prompt = questionary.checkbox(
        Reflowing(message),
        choices=[*(choice for choice, _, _ in options), *_tail(skip, back)],
        validate=_check_picks,
        qmark=">",
        instruction="",
        erase_when_done=True,
    )
    picked = _ask(prompt, options, pager)
    if BACK in picked:
        _echo_answer(_message(question), WENT_BACK)
        return BACK
    answer = None if SKIP in picked else [str(value) for value in picked]
    _echo_answer(_message(question), answer_echo(answer))
    return answer


_MULTI_HINT = "(Space to tick every option that applies, Enter to submit)"


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

    answered, given = _given(turn)
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
    check = _validator(parse, turn.back)
    extra: dict[str, Any] = {}
    if refused is not None:
        extra["key_bindings"] = _clearing_enter(check, refused)
    text = _ask(
        questionary.text(
            Reflowing(message),
            default=_typed_default(question, turn),
            validate=check,
            qmark=">",
            erase_when_done=True,
            **extra,
        ),
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
    message = heading if heading is not None else _message(question)
    if text is BACK:
        _echo_answer(message, WENT_BACK)
        return False
    assert isinstance(text, str)
    skipped = not text.strip() or is_skip(text)
    _echo_answer(message, answer_echo(None if skipped else text.strip()))
    return skipped


def ask_numeric(question: QuizQuestion, turn: Turn | None = None) -> Answer | Back:
    turn = turn or Turn()
    item = question.item
    unit = item.unit if item.type == "numeric" else None
    hint = _typed_hint(f"a number in {unit}" if unit else "a number", turn.back)
    pager = _pager(question)
    text = _typed(
        question,
        turn,
        lambda: f"{_message(question, hint, pager, 1)}\n{ANSWER_LABEL}",
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

    width = max(40, _columns() - 1)
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
    pager = _pager(question)

    def message() -> str:
        note = "".join(f"\n{_wrap(line)}" for line in refused)
        tail = f"{_steps(shown)}\n{_wrap(hint)}{note}\n  Order:"
        return f"{_message(question, None, pager, tail.count(chr(10)) + 2)}\n{tail}"

    text = _typed(
        question,
        turn,
        message,
        lambda value: parse_positions(value, len(shown)),
        refused=refused,
        pager=pager,
    )
    skipped = _echo_typed(question, text, f"{_message(question)}\n{_steps(shown)}")
    if text is BACK or skipped:
        return BACK if text is BACK else None
    assert isinstance(text, str)
    return [shown[n - 1] for n in parse_positions(text, len(shown))]


def ask_text(question: QuizQuestion, turn: Turn | None = None) -> Answer | Back:
    turn = turn or Turn()
    hint = _typed_hint("type your answer", turn.back)
    pager = _pager(question)
    text = _typed(
        question,
        turn,
        lambda: f"{_message(question, hint, pager, 1)}\n{ANSWER_LABEL}",
        parse_text,
        pager=pager,
    )
    skipped = _echo_typed(question, text)
    if text is BACK or skipped:
        return BACK if text is BACK else None
    assert isinstance(text, str)
    return parse_text(text)


def _match_pick(
    question: QuizQuestion, number: int, prompts: Sequence[str], turn: Turn, kept: str | None
) -> Any:
    """The answer picked for prompt ``number`` (from 1), SKIP or BACK."""
    prompt = prompts[number - 1]

    def message() -> str:
        lead = (
            _message(question, "(pick the answer for each prompt; Up and Down, then Enter)") + "\n"
            if number == 1
            else ""
        )
        return f"{lead}{_wrap(f'{number} of {len(prompts)}: {prompt}')}\n{ANSWER_LABEL}"

    options = _options(question.shown, SELECT_INDENT)
    choices = [choice for choice, _, _ in options]
    label = BACK_LABEL if number == 1 else BACK_PROMPT_LABEL
    skip, back = _extra_choices(Turn(back=turn.back or number > 1), label)
    start = choices[question.shown.index(kept)] if kept in question.shown else None
    if number == 1 and turn.given is not None and turn.given.answer is None:
        start = skip
    return _ask(
        questionary.select(
            Reflowing(message),
            choices=[*choices, *_tail(skip, back)],
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
    _, given = _given(turn)
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
            _echo_answer(_message(question), WENT_BACK)
            return value
        if value is SKIP:
            _echo_answer(_message(question), answer_echo(None))
            return None
        picked[prompt] = str(value)
        number += 1
    pairs = [f"{prompt}: {answer}" for prompt, answer in picked.items()]
    _echo_answer(_message(question), answer_echo(pairs))
    return picked


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
    typed = _ask(
        questionary.text(
            Reflowing(lambda: _wrap(f"{EXPERIENCE_QUESTION} {hint}", 0).strip()),
            validate=check,
            qmark=">",
            erase_when_done=True,
        )
    )
    skipped = not typed.strip() or is_skip(typed)
    years = None if skipped else parse_whole_years(typed)
    said = None if years is None else f"{years} year{'s' if years != 1 else ''}"
    _echo(_wrap(EXPERIENCE_QUESTION, 0).strip(), answer_echo(said, 2))
    return years


def ask_resume(question: str) -> bool:
    """Whether to carry on with an unfinished attempt (Enter: yes)."""
    return bool(
        questionary.confirm(
            Reflowing(lambda: _wrap(question, 0).strip()),
            default=True,
            qmark=">",
        ).unsafe_ask()
    )


def ask_review() -> bool:
    return bool(
        questionary.confirm(
            Reflowing(lambda: _wrap("Review the questions you missed, with explanations?", 0)),
            default=True,
            qmark=">",
        ).unsafe_ask()
    )

"""What keeps the wait between an answer and the next question short, checked as facts
about the prompts rather than timed (bench/answer_latency.py times it)."""

from __future__ import annotations

import functools
import gc
import io
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from prompt_keys import ENTER, PROMPT_TIMEOUT, press

from questions import Item, load_banks
from quiz.attempts.session import QuizQuestion
from quiz.cli import collector, prompt_layout, prompts


def _likert(bank_dir: Path) -> QuizQuestion:
    bank_set = load_banks([bank_dir])
    skill = bank_set.skills[0]
    return QuizQuestion(number=1, total=2, skill=skill, item=bank_set.items["a-self-01"], shown=())


def test_every_prompt_shares_one_set_of_default_key_bindings() -> None:
    from prompt_toolkit.application import Application

    first, second = Application(), Application()  # type: ignore[var-annotated]
    assert first._default_bindings is second._default_bindings
    assert first._page_navigation_bindings is second._page_navigation_bindings


def test_a_message_is_laid_out_once_a_drawing_yet_follows_what_it_shows() -> None:
    laid_out: list[str] = []
    state = {"text": "Which one?"}

    def layout() -> str:
        laid_out.append(state["text"])
        return state["text"]

    message = prompt_layout.Reflowing(layout)
    assert laid_out == ["Which one?"]
    import questionary

    def ask() -> object:
        return questionary.select(message, choices=["A", "B"]).unsafe_ask()

    assert press(ENTER, ask) == "A"
    # prompt_toolkit formats a message about a dozen times a drawing; one prompt with one
    # key draws it at most twice (at start, then on the key).
    assert 2 <= len(laid_out) <= 3
    state["text"] = "Which two?"
    assert f"{message}" == "Which two?"  # outside a drawing, always laid out afresh


def test_the_garbage_is_collected_once_the_question_is_on_the_screen(
    bank_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Collected while the prompt runs, after its question is drawn; the state built at
    start is then left out of every later collection."""
    import threading

    from prompt_toolkit.application import create_app_session
    from prompt_toolkit.input import create_pipe_input
    from prompt_toolkit.output.plain_text import PlainTextOutput

    question = _likert(bank_dir)
    written = io.StringIO()
    shown_when_collected: list[bool] = []
    answers: list[object] = []
    collect = gc.collect
    with create_pipe_input() as pipe:

        def collecting(generation: int = 2) -> int:
            shown_when_collected.append(question.item.text in written.getvalue())
            pipe.send_text(ENTER)  # answered once collected: the collection came first
            return collect(generation)

        def ask() -> None:
            with create_app_session(input=pipe, output=PlainTextOutput(written)):
                answers.append(prompts.ask_question(question))

        monkeypatch.setattr(gc, "collect", collecting)
        thread = threading.Thread(target=ask, daemon=True)
        thread.start()
        thread.join(PROMPT_TIMEOUT)
    assert answers == [3]
    assert shown_when_collected == [True]
    assert gc.get_freeze_count() > 0
    # That collection is the only one a turn sets off: no young ones in between.
    assert gc.get_threshold()[0] >= collector.YOUNG_THRESHOLD > 1_000
    # The collection after each drawing is the only one a turn sets off.
    assert gc.get_threshold()[0] >= collector.YOUNG_THRESHOLD > 1_000


def _printed(print_it: Callable[[], None]) -> str:
    """What ``print_it`` writes to a 256-colour terminal, escape sequences included."""
    from prompt_toolkit.application.current import create_app_session
    from prompt_toolkit.data_structures import Size
    from prompt_toolkit.output.color_depth import ColorDepth
    from prompt_toolkit.output.vt100 import Vt100_Output

    screen = io.StringIO()
    output = Vt100_Output(
        screen, lambda: Size(rows=24, columns=80), default_color_depth=ColorDepth.DEPTH_8_BIT
    )
    with create_app_session(output=output):
        print_it()
    return screen.getvalue()


def test_an_answered_question_is_echoed_in_the_prompts_own_colours() -> None:
    from prompt_toolkit import print_formatted_text
    from prompt_toolkit.formatted_text import FormattedText
    from questionary.styles import merge_styles_default

    fragments = [("class:qmark", ">"), ("class:question", " Which one? "), ("class:answer", "B")]
    expected = _printed(
        lambda: print_formatted_text(FormattedText(fragments), style=merge_styles_default([None]))
    )
    assert "\x1b[" in expected  # coloured, so the comparison says something
    for _ in range(2):  # the style built once serves every echo alike
        assert _printed(lambda: prompt_layout.echo("Which one?", "B")) == expected


def _asked(bank_dir: Path, item_id: str, shown: tuple[str, ...] = ()) -> QuizQuestion:
    bank_set = load_banks([bank_dir])
    skill = bank_set.skills[0]
    return QuizQuestion(number=1, total=4, skill=skill, item=bank_set.items[item_id], shown=shown)


def test_questions_asked_one_after_another_each_show_their_own_text(bank_dir: Path) -> None:
    from prompt_toolkit.output.plain_text import PlainTextOutput

    in_turn = [
        _asked(bank_dir, "a-self-01"),
        _asked(bank_dir, "a-multi-01", shown=("Training", "Waiting", "Overproduction")),
        _asked(bank_dir, "a-choice-02", shown=("Blue", "Green")),
        _asked(bank_dir, "a-self-02"),
    ]
    written = io.StringIO()
    answers = press(
        ENTER + " " + ENTER + ENTER + ENTER,
        lambda: [prompts.ask_question(question) for question in in_turn],
        PlainTextOutput(written),
    )
    assert answers == [3, ["Training"], "Blue", 3]
    screen = written.getvalue()
    for question in in_turn:
        # Drawn while it is asked, then echoed once answered; never drawn for another.
        assert screen.count(question.item.text) >= 2, question.item.text
    asked_second = screen.index(in_turn[1].item.text)
    assert in_turn[0].item.text not in screen[asked_second:]


def _sessions_built(monkeypatch: pytest.MonkeyPatch) -> list[object]:
    """The PromptSessions built from now on, each as it is built."""
    from prompt_toolkit import PromptSession

    built: list[object] = []
    build = PromptSession.__init__

    def counted(self: PromptSession[object], *args: object, **kwargs: object) -> None:
        built.append(self)
        build(self, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(PromptSession, "__init__", counted)
    return built


def test_a_prompt_borrows_the_layout_sessions_of_the_one_before(
    bank_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    built = _sessions_built(monkeypatch)
    question = _likert(bank_dir)
    assert press(ENTER, lambda: prompts.ask_question(question)) == 3
    before = len(built)
    assert press(ENTER, lambda: prompts.ask_question(question)) == 3
    assert len(built) == before  # questionary's two sessions per select, built no more


def test_typed_prompts_in_turn_share_one_session_and_keep_nothing_of_the_last(
    bank_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from prompt_keys import UP

    built = _sessions_built(monkeypatch)
    order = _asked(bank_dir, "a-order-01", shown=("Verify", "Shut down", "Lock and tag", "Isolate"))
    number = _asked(bank_dir, "a-num-01")
    keys = [
        "2 4 3 3" + ENTER + "2 4 3 1" + ENTER,  # refused, cleared, then typed again
        "4.5" + ENTER,  # the order's Enter and check are gone: a number is taken
        UP + ENTER,  # Up does not bring back the answer before: skipped
        "2 4 3 1" + ENTER,  # the number's check is gone: an order is taken
    ]
    answers = press(
        "".join(keys), lambda: [prompts.ask_question(q) for q in (order, number, number, order)]
    )
    in_order = ["Shut down", "Isolate", "Lock and tag", "Verify"]
    assert answers == [in_order, 4.5, None, in_order]
    assert len(built) == 1


def _drawn(keys: str, ask: Callable[[], object], columns: int) -> str:
    """What a prompt writes to a 30-row, 256-colour terminal, escape sequences included."""
    from prompt_toolkit.data_structures import Size
    from prompt_toolkit.output.color_depth import ColorDepth
    from prompt_toolkit.output.vt100 import Vt100_Output

    screen = io.StringIO()
    output = Vt100_Output(
        screen, lambda: Size(rows=30, columns=columns), default_color_depth=ColorDepth.DEPTH_8_BIT
    )
    press(keys, ask, output)
    return screen.getvalue()


def test_prompts_write_what_prompt_toolkits_own_screen_diff_writes(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Every drawing of every kind of question, in a wide terminal and in one so narrow
    that exhibits reach its last column: the diff that writes runs of characters together
    gives the terminal the same bytes as prompt_toolkit's, and ends in the same place."""
    from prompt_toolkit import renderer
    from prompt_toolkit.output.vt100 import Vt100_Output

    from quiz.cli import screen_diff

    # prompt_layout, imported above, puts ours in place.
    assert renderer._output_screen_diff is screen_diff.output_screen_diff
    theirs = screen_diff.prompt_toolkits()
    compared: list[tuple[str, str]] = []

    def both(app: Any, output: Vt100_Output, *args: Any, **kwargs: Any) -> Any:
        written = []
        for diff in (theirs, screen_diff.output_screen_diff):
            scratch = io.StringIO()
            copy = Vt100_Output(scratch, output.get_size, output.term, output.default_color_depth)
            outcome = diff(app, copy, *args, **kwargs)
            copy.flush()
            written.append((scratch.getvalue(), outcome))
        (expected, expected_outcome), (ours, outcome) = written
        compared.append((ours, expected))
        assert outcome == expected_outcome
        output.write_raw(ours)
        return outcome

    monkeypatch.setattr(renderer, "_output_screen_diff", both)
    bank_set = load_banks()
    by_type: dict[str, Item] = {}
    for item in bank_set.items.values():  # one of each type, one with an exhibit if any
        if item.type not in by_type or (item.exhibit and not by_type[item.type].exhibit):
            by_type[item.type] = item
    keys = {"likert": "\x1b[B", "choice": "\x1b[B", "multi": " \x1b[B ", "numeric": "4x"}
    keys |= {"order": "1 1" + ENTER, "text": "an answer"}
    for item in by_type.values():
        if item.type == "match":
            continue
        shown = tuple(getattr(item, "items", ())) or tuple(
            option.text for option in getattr(item, "options", ())
        )
        question = QuizQuestion(number=3, total=9, skill=bank_set.skills[0], item=item, shown=shown)
        for columns in (100, 40):
            ask = functools.partial(prompts.ask_question, question)
            _drawn(keys[item.type] + "\x15" + ENTER, ask, columns)
    assert len(compared) >= 6  # how many drawings each prompt makes depends on timing
    assert [ours for ours, _ in compared] == [expected for _, expected in compared]
    assert all("\x1b[0m" in ours for ours, _ in compared)


def test_work_ahead_runs_a_step_at_a_time_once_the_question_is_drawn(
    bank_dir: Path,
) -> None:
    """An adaptive quiz's next choice is worked out while the question is on the screen,
    a step per turn of the event loop, and the answer then comes as usual."""
    import threading

    from prompt_toolkit.application import create_app_session
    from prompt_toolkit.input import create_pipe_input
    from prompt_toolkit.output.plain_text import PlainTextOutput

    question = _likert(bank_dir)
    written = io.StringIO()
    steps: list[tuple[int, bool]] = []
    answers: list[object] = []
    with create_pipe_input() as pipe:

        def ahead() -> Iterator[None]:
            for step in range(3):
                steps.append((step, question.item.text in written.getvalue()))
                yield
            pipe.send_text(ENTER)  # answered once the work is done

        def ask() -> None:
            with create_app_session(input=pipe, output=PlainTextOutput(written)):
                collector.work_ahead(ahead())
                answers.append(prompts.ask_question(question))

        thread = threading.Thread(target=ask, daemon=True)
        thread.start()
        thread.join(PROMPT_TIMEOUT)
    assert answers == [3]
    assert steps == [(0, True), (1, True), (2, True)]

"""Keys for the interactive prompts: run a prompt on prompt_toolkit's pipe input, in a
thread, so a prompt that stops taking keys fails the test instead of hanging the run."""

from __future__ import annotations

import io
import re
import threading
from collections.abc import Callable
from typing import TypeVar

from prompt_toolkit.application import create_app_session
from prompt_toolkit.input import create_pipe_input
from prompt_toolkit.output import DummyOutput, Output
from prompt_toolkit.output.plain_text import PlainTextOutput

T = TypeVar("T")
DOWN = "\x1b[B"
UP = "\x1b[A"
ENTER = "\r"
SPACE = " "
CTRL_C = "\x03"
# A hang guard, not a timing: 10,000 keystrokes take some 13 s on a loaded machine, more with
# the suite running in parallel (-n auto).
PROMPT_TIMEOUT = 90


def press(keys: str, ask: Callable[[], T], output: Output | None = None) -> T:
    """Run a prompt with these keystrokes as its input.

    The prompt runs in a thread, so a prompt that stops taking keys (as one did when its
    validator raised) fails the test instead of hanging the run.
    """
    outcome: list[T] = []
    failure: list[BaseException] = []

    def run() -> None:
        with create_pipe_input() as pipe:
            pipe.send_text(keys)
            with create_app_session(input=pipe, output=output or DummyOutput()):
                try:
                    outcome.append(ask())
                except BaseException as error:  # re-raised in the test's own thread
                    failure.append(error)

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    thread.join(PROMPT_TIMEOUT)
    if failure:
        raise failure[0]
    assert outcome, f"the prompt did not finish within {PROMPT_TIMEOUT} s of its keys"
    return outcome[0]


class _Watching(PlainTextOutput):
    """Plain output that sends more keys once a text has been drawn: a prompt's answer to
    the first keys (a message under it, say) is on the screen before the next keys come."""

    def __init__(self, written: io.StringIO, wait_for: str, then: Callable[[], None]) -> None:
        super().__init__(written)
        self._written = written
        self._wait_for = wait_for
        self._then: Callable[[], None] | None = then

    def flush(self) -> None:
        super().flush()
        if self._then is not None and self._wait_for in self._written.getvalue():
            then, self._then = self._then, None
            then()


def press_after(first: str, wait_for: str, then: str, ask: Callable[[], T]) -> tuple[T, str]:
    """Send ``first``, and ``then`` once ``wait_for`` is on the screen; the answer and all
    that was drawn."""
    outcome: list[T] = []
    failure: list[BaseException] = []
    written = io.StringIO()

    def run() -> None:
        with create_pipe_input() as pipe:
            output = _Watching(written, wait_for, lambda: pipe.send_text(then))
            pipe.send_text(first)
            with create_app_session(input=pipe, output=output):
                try:
                    outcome.append(ask())
                except BaseException as error:  # re-raised in the test's own thread
                    failure.append(error)

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    thread.join(PROMPT_TIMEOUT)
    if failure:
        raise failure[0]
    assert outcome, (
        f"{wait_for!r} was not drawn, or the prompt did not finish:\n{written.getvalue()}"
    )
    return outcome[0], written.getvalue()


def echoed(keys: str, ask: Callable[[], object]) -> str:
    """What stays on the screen once a prompt is answered: the text from the last "> "
    (the prompt's own drawing comes first; on a terminal it is erased when done)."""
    written = io.StringIO()
    press(keys, ask, PlainTextOutput(written))
    text = written.getvalue().replace("\r\n", "\n")
    starts = [match.start() for match in re.finditer(r"(?:^|(?<=\s))> ", text)]
    return text[starts[-1] :].rstrip("\n")

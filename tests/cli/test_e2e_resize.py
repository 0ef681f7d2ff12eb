"""Resizing the terminal mid-question, in a real terminal: tmux runs the installed script.

tmux re-wraps what is already on its screen when it narrows, as most terminals do, and
``capture-pane`` returns the screen as a person sees it, so a torn heading or a word cut
at the edge shows up in the captured text.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

SCRIPT = Path(sys.executable).with_name("skillquiz")
TMUX = shutil.which("tmux")
pytestmark = [pytest.mark.pty, pytest.mark.skipif(TMUX is None, reason="tmux is not installed")]

QUESTION = (
    "A conveyor that fed the packing cell has started to jam every few hours since the "
    "night shift changed its lubrication routine. What is the first thing to check?"
)
OPTIONS = (
    "Whether the lubricant now used matches the one the manufacturer specifies",
    "Whether the conveyor belt is due to be replaced according to the schedule",
    "Nothing; jams happen on every conveyor now and then",
)
BANK = f"""\
schema: 1
skill: {{id: upkeep, name: Upkeep}}
questions:
  - id: up-scn-01
    type: choice
    text: {QUESTION}
    options:
      - {{text: "{OPTIONS[0]}", credit: 1}}
      - {{text: "{OPTIONS[1]}", credit: 0}}
      - {{text: "{OPTIONS[2]}", credit: 0}}
"""


class Pane:
    """One tmux session on a private server, so nothing touches a user's own tmux."""

    def __init__(self, socket: str) -> None:
        self.socket = socket

    def tmux(self, *args: str) -> str:
        assert TMUX is not None
        done = subprocess.run(
            [TMUX, "-L", self.socket, *args], capture_output=True, text=True, timeout=30
        )
        assert done.returncode == 0, done.stderr
        return done.stdout

    def screen(self) -> list[str]:
        return self.tmux("capture-pane", "-p", "-t", "quiz").rstrip("\n").split("\n")

    def wait_for(self, text: str, timeout: float = 30) -> list[str]:
        deadline = time.monotonic() + timeout
        while True:
            lines = self.screen()
            if text in "\n".join(lines):
                return lines
            if time.monotonic() > deadline:
                raise AssertionError(f"{text!r} not on the screen:\n" + "\n".join(lines))
            time.sleep(0.2)

    def resize(self, columns: int) -> list[str]:
        self.tmux("resize-window", "-t", "quiz", "-x", str(columns), "-y", "40")
        # The redraw follows the SIGWINCH; wait until the screen stops changing.
        previous: list[str] = []
        for _ in range(50):
            time.sleep(0.3)
            lines = self.screen()
            if lines == previous:
                return lines
            previous = lines
        return previous


@pytest.fixture
def pane(tmp_path: Path) -> Iterator[Pane]:
    assert SCRIPT.exists(), f"{SCRIPT} is missing: install the package (pip install -e .[test])"
    banks = tmp_path / "banks"
    banks.mkdir()
    (banks / "upkeep.yaml").write_text(BANK, encoding="utf-8")
    env = {"SKILLQUIZ_HOME": str(tmp_path / "home"), "TERM": "xterm-256color"}
    command = " ".join(
        [
            "env",
            "-u",
            "COLUMNS",
            "-u",
            "LINES",
            *(f"{key}={value}" for key, value in env.items()),
            str(SCRIPT),
            "take",
            "--bank-dir",
            str(banks),
            "--name",
            "Ada",
            "--skill",
            "upkeep",
            "--experience",
            "2",
            "--length",
            "quick",
            "; sleep 60",  # the screen stays to be read once the quiz ends
        ]
    )
    tmux = Pane(f"skillquiz-test-{os.getpid()}-{uuid.uuid4().hex[:8]}")
    tmux.tmux("-f", "/dev/null", "new-session", "-d", "-s", "quiz", "-x", "80", "-y", "40", command)
    try:
        yield tmux
    finally:
        tmux.tmux("kill-server")


def shown_whole(text: str, lines: list[str]) -> bool:
    """The text is on the screen with every word whole, in order (line ends may fall
    between words, never inside one)."""
    return " ".join(text.split()) in " ".join(" ".join(lines).split())


@pytest.mark.parametrize("columns", [44, 60, 120])
def test_a_question_redraws_whole_at_the_new_width(pane: Pane, columns: int) -> None:
    pane.wait_for("Skip this question")
    lines = pane.resize(columns)
    screen = "\n".join(lines)
    assert screen.count("question 1 of 1") == 1, screen  # no torn copy of the heading
    assert shown_whole(QUESTION, lines), screen
    for option in OPTIONS:
        assert shown_whole(option, lines), screen
    assert max(len(line.rstrip()) for line in lines) <= columns
    # Still a working prompt: the option under the cursor is taken and echoed whole.
    pointed = next(line for line in lines if line.startswith(" » "))
    chosen = next(option for option in OPTIONS if option.startswith(pointed[3:].strip()))
    pane.tmux("send-keys", "-t", "quiz", "Enter")
    lines = pane.wait_for("Results for Ada")
    assert shown_whole(f"Answer: {chosen}", lines), "\n".join(lines)

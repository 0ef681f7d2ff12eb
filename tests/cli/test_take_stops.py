"""take stopped from outside, in real processes: stdin closed, SIGTERM and SIGHUP (a killed
session, a closed terminal). What was answered is kept; an attempt with no answer yet is
never left behind as "in progress (0/N)"."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pexpect
import pexpect.popen_spawn
import pytest

from quiz.storage import Store

SCRIPT = Path(sys.executable).with_name("skillquiz")
TIMEOUT = 60
NEW_QUIZ = ("take", "--skill", "research", "--length", "quick", "--name", "Ada", "--seed", "5")


def _env(home: Path) -> dict[str, str]:
    return {
        **os.environ,
        "SKILLQUIZ_HOME": str(home),
        "TERM": "xterm",
        "COLUMNS": "100",
        "PROMPT_TOOLKIT_NO_CPR": "1",
    }


def _attempts(home: Path) -> list[tuple[int, bool, int]]:
    """(id, finished, answers) of every attempt kept, oldest first."""
    os.environ["SKILLQUIZ_HOME"] = str(home)
    with Store.open(readonly=True) as store:
        return [(a.id, a.finished, a.answered) for a in reversed(store.attempts())]


def test_closed_stdin_is_one_line_and_starts_nothing(tmp_path: Path) -> None:
    for extra in ((), ("--plain",), ("--experience", "1")):
        result = subprocess.run(
            [str(SCRIPT), *NEW_QUIZ, *extra],
            stdin=subprocess.DEVNULL,
            capture_output=True,
            text=True,
            env=_env(tmp_path),
            timeout=TIMEOUT,
            preexec_fn=lambda: os.close(0),  # take <&-
        )
        assert (result.returncode, result.stdout, result.stderr) == (
            1,
            "",
            "Error: there is no input to read answers from (stdin is closed); run skillquiz "
            "take in a terminal, or give the answers with --answers FILE\n",
        )
    assert _attempts(tmp_path) == []


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGHUP])
def test_a_stop_signal_at_the_first_piped_question_keeps_no_empty_attempt(
    tmp_path: Path, signum: int
) -> None:
    child = pexpect.popen_spawn.PopenSpawn(
        [str(SCRIPT), *NEW_QUIZ, "--experience", "1"],
        env=_env(tmp_path),
        timeout=TIMEOUT,
        encoding="utf-8",
    )
    child.expect("question 1 of 4")
    child.expect("> ")
    child.kill(signum)
    child.expect(pexpect.EOF)
    assert child.wait() == 128 + signum
    assert child.before.splitlines()[-1] == "Interrupted; nothing was saved."
    assert _attempts(tmp_path) == []


def test_sigterm_after_an_answer_keeps_it_to_resume(tmp_path: Path) -> None:
    child = pexpect.popen_spawn.PopenSpawn(
        [str(SCRIPT), *NEW_QUIZ, "--experience", "1"],
        env=_env(tmp_path),
        timeout=TIMEOUT,
        encoding="utf-8",
    )
    child.expect("question 1 of 4")
    child.sendline("s")
    child.expect("question 2 of 4")
    child.kill(signal.SIGTERM)
    child.expect(pexpect.EOF)
    assert child.wait() == 128 + signal.SIGTERM
    assert child.before.splitlines()[-1] == "Progress saved. Resume with: skillquiz take --resume"
    assert _attempts(tmp_path) == [(1, False, 1)]


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGHUP])
def test_a_stop_signal_at_the_first_prompt_in_a_terminal_keeps_no_empty_attempt(
    tmp_path: Path, signum: int
) -> None:
    child = pexpect.spawn(
        str(SCRIPT),
        [*NEW_QUIZ, "--experience", "1"],
        env=_env(tmp_path),
        timeout=TIMEOUT,
        dimensions=(30, 100),
        encoding="utf-8",
    )
    child.expect("question 1 of 4")
    child.kill(signum)
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 128 + signum
    assert "Interrupted; nothing was saved." in child.before
    assert _attempts(tmp_path) == []

"""End to end in a real pseudo-terminal: the installed ``skillquiz`` script driven by keys.

pexpect gives the child its own terminal, so these run the interactive prompts even when
the test run itself has no terminal (CI). Timeouts are generous for a busy machine.
"""

from __future__ import annotations

import io
import os
import signal
import sys
from pathlib import Path

import pexpect
import pytest

from questions import load_banks
from quiz.attempts.draw import draw
from quiz.attempts.snapshot import AskedQuestion
from quiz.storage import Store

pytestmark = pytest.mark.pty

SCRIPT = Path(sys.executable).with_name("skillquiz")
TIMEOUT = 30
DOWN = "\x1b[B"
SEED = "5"
# The experience question is answered on the command line where it is not under test.
NO_PROFILE = ("--experience", "0")


@pytest.fixture(autouse=True)
def _installed() -> None:
    assert SCRIPT.exists(), f"{SCRIPT} is missing: install the package (pip install -e .[test])"


def spawn(home: Path, *args: str, term: str = "xterm") -> pexpect.spawn:
    # pexpect does not answer prompt_toolkit's cursor-position requests; without this each
    # prompt waits a second for a reply that never comes.
    env = {
        **os.environ,
        "SKILLQUIZ_HOME": str(home),
        "TERM": term,
        "COLUMNS": "160",
        "PROMPT_TOOLKIT_NO_CPR": "1",
    }
    env.pop("NO_COLOR", None)
    return pexpect.spawn(
        str(SCRIPT), list(args), env=env, timeout=TIMEOUT, dimensions=(50, 160), encoding="utf-8"
    )


def keys_for(asked: AskedQuestion) -> tuple[str, object]:
    """The keys that answer one question, and the answer they should store."""
    item, shown = asked.item, asked.shown
    if item.type == "likert":
        return DOWN + "\r", 4  # the cursor starts on 3, mid-scale
    if item.type == "choice":
        return DOWN + "\r", shown[1]
    if item.type == "multi":
        picked = {shown[0], shown[2]}
        return " " + DOWN * 2 + " " + "\r", [o.text for o in item.options if o.text in picked]
    if item.type == "numeric":
        return "4.5\r", 4.5
    order = list(range(len(shown), 0, -1))
    return " ".join(map(str, order)) + "\r", [shown[n - 1] for n in order]


def answer(child: pexpect.spawn, asked: AskedQuestion, number: int, total: int) -> object:
    child.expect_exact(f"question {number} of {total}")
    keys, expected = keys_for(asked)
    child.send(keys)
    return expected


def stored_answers(home: Path) -> dict[str, object]:
    with Store.open(home) as store:
        return dict(store.answers(1))


def finish(child: pexpect.spawn) -> int:
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus is not None, child.signalstatus
    return int(child.exitstatus)


def test_quick_quiz_with_ctrl_c_resume_and_show(bank_dir: Path, tmp_path: Path) -> None:
    home = tmp_path / "home"
    questions = draw(load_banks([bank_dir]), ["alpha", "beta"], "quick", int(SEED)).questions
    total = len(questions)
    expected: dict[str, object] = {}

    child = spawn(
        home, "take", "--bank-dir", str(bank_dir), "--length", "quick", "--seed", SEED, *NO_PROFILE
    )
    child.expect_exact("not for screening")
    child.expect_exact("Your name")
    child.send("Ada\r")
    child.expect_exact("Skills to assess")
    child.send("\r")
    half = total // 2
    for number, asked in enumerate(questions[:half], start=1):
        expected[asked.item.id] = answer(child, asked, number, total)
    child.expect_exact(f"question {half + 1} of {total}")
    child.send("\x03")
    child.expect_exact("Progress saved. Resume with: skillquiz take --resume")
    assert finish(child) == 130
    assert stored_answers(home) == expected

    child = spawn(home, "take", "--resume")
    child.expect_exact(f"Resuming attempt 1: {half} of {total} answered.")
    for number, asked in enumerate(questions[half:], start=half + 1):
        expected[asked.item.id] = answer(child, asked, number, total)
    child.expect_exact("Review the questions you missed")
    child.send("y")
    child.expect_exact("Review:")
    child.expect_exact("skillquiz report 1 -o results.html")
    assert finish(child) == 0

    child = spawn(home, "show")
    child.expect_exact("Results for Ada (attempt 1, quick)")
    child.expect_exact("skillquiz report 1 -o results.html")
    assert finish(child) == 0

    stored = stored_answers(home)
    assert sorted(stored) == sorted(asked.item.id for asked in questions)
    for asked in questions:
        assert stored[asked.item.id] == expected[asked.item.id], asked.item.id


def test_sigkill_loses_nothing_answered_and_resume_continues(
    bank_dir: Path, tmp_path: Path
) -> None:
    home = tmp_path / "home"
    questions = draw(load_banks([bank_dir]), ["alpha", "beta"], "quick", int(SEED)).questions
    total = len(questions)
    answered = 3
    args = ("take", "--bank-dir", str(bank_dir), "--length", "quick", "--seed", SEED, *NO_PROFILE)
    child = spawn(home, *args, "--name", "Bo", "--skill", "alpha", "--skill", "beta")
    expected = {
        asked.item.id: answer(child, asked, number, total)
        for number, asked in enumerate(questions[:answered], start=1)
    }
    # The next question is on screen only after the last answer was committed.
    child.expect_exact(f"question {answered + 1} of {total}")
    child.kill(signal.SIGKILL)
    child.close(force=True)
    assert child.signalstatus == signal.SIGKILL
    assert stored_answers(home) == expected

    child = spawn(home, "take", "--resume")
    child.expect_exact(f"Resuming attempt 1: {answered} of {total} answered.")
    for number, asked in enumerate(questions[answered:], start=answered + 1):
        expected[asked.item.id] = answer(child, asked, number, total)
    child.expect_exact("Review the questions you missed")
    child.send("n")
    child.expect_exact("skillquiz report 1 -o results.html")
    assert finish(child) == 0
    assert stored_answers(home) == expected


def test_plain_mode_in_a_terminal_writes_no_colour_or_cursor_codes(
    bank_dir: Path, tmp_path: Path
) -> None:
    child = spawn(
        tmp_path / "home",
        "take",
        "--plain",
        "--bank-dir",
        str(bank_dir),
        "--skill",
        "beta",
        *NO_PROFILE,
    )
    transcript = io.StringIO()
    child.logfile_read = transcript
    for number in range(1, 5):
        child.expect_exact(f"question {number} of 4")
        child.expect_exact("> ")
        child.send("s\r")
    child.expect_exact("skillquiz report 1 -o results.html")
    assert finish(child) == 0
    output = transcript.getvalue()
    assert "Beta skill - question 1 of 4" in output
    assert "Results (attempt 1, standard)" in output
    assert "\x1b" not in output


def test_a_dumb_terminal_gets_numbered_lines_not_arrow_key_prompts(
    bank_dir: Path, tmp_path: Path
) -> None:
    child = spawn(
        tmp_path / "home",
        "take",
        "--bank-dir",
        str(bank_dir),
        "--skill",
        "beta",
        *NO_PROFILE,
        term="dumb",
    )
    transcript = io.StringIO()
    child.logfile_read = transcript
    for number in range(1, 5):
        child.expect_exact(f"question {number} of 4")
        child.expect_exact("s to skip")
        child.expect_exact("> ")
        child.send("s\r")
    child.expect_exact("skillquiz report 1 -o results.html")
    assert finish(child) == 0
    assert "\x1b" not in transcript.getvalue()


def test_ctrl_c_at_the_welcome_saves_nothing(bank_dir: Path, tmp_path: Path) -> None:
    home = tmp_path / "home"
    child = spawn(home, "take", "--bank-dir", str(bank_dir))
    child.expect_exact("Your name")
    child.send("\x03")
    child.expect_exact("Interrupted; nothing was saved.")
    assert finish(child) == 130
    with Store.open(home) as store:
        assert store.attempts() == []


def test_ctrl_d_at_a_typed_answer_saves_and_exits_1(bank_dir: Path, tmp_path: Path) -> None:
    home = tmp_path / "home"
    questions = draw(load_banks([bank_dir]), ["beta"], "standard", int(SEED)).questions
    first_typed = next(i for i, q in enumerate(questions) if q.item.type in ("numeric", "order"))
    child = spawn(
        home, "take", "--bank-dir", str(bank_dir), "--skill", "beta", "--seed", SEED, *NO_PROFILE
    )
    child.expect_exact("Your name")
    child.send("\x04")  # Ctrl-D before anything is saved
    child.expect_exact("Input ended; nothing was saved.")
    assert finish(child) == 1

    args = ("take", "--bank-dir", str(bank_dir), "--skill", "beta", "--seed", SEED, *NO_PROFILE)
    child = spawn(home, *args, "--length", "standard")
    child.expect_exact("Your name")
    child.send("\r")
    total = len(questions)
    for number, asked in enumerate(questions[:first_typed], start=1):
        answer(child, asked, number, total)
    child.expect_exact(f"question {first_typed + 1} of {total}")
    child.send("\x04")
    child.expect_exact("Input ended; progress saved. Resume with: skillquiz take --resume")
    assert finish(child) == 1
    with Store.open(home) as store:
        assert len(store.answers(1)) == first_typed

"""The learner's way in a real terminal (pexpect): the offer to carry on with an unfinished
attempt, and going back to change an answer, through the installed ``skillquiz``."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pexpect

from questions import load_banks
from quiz.attempts.draw import draw
from quiz.storage import Store

SCRIPT = Path(sys.executable).with_name("skillquiz")
DOWN = "\x1b[B"


def spawn(home: Path, *args: str) -> pexpect.spawn:
    env = {
        **os.environ,
        "SKILLQUIZ_HOME": str(home),
        "TERM": "xterm",
        "COLUMNS": "160",
        "PROMPT_TOOLKIT_NO_CPR": "1",  # pexpect answers no cursor-position request
    }
    return pexpect.spawn(
        str(SCRIPT), list(args), env=env, timeout=30, dimensions=(50, 160), encoding="utf-8"
    )


def exit_status(child: pexpect.spawn) -> int:
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus is not None, child.signalstatus
    return int(child.exitstatus)


def test_take_offers_the_unfinished_attempt_and_back_changes_an_answer(
    bank_dir: Path, tmp_path: Path
) -> None:
    home = tmp_path / "home"
    asked = draw(load_banks([bank_dir]), ["beta"], "full", 5).questions
    assert [q.item.type for q in asked] == ["choice", "numeric", "order", "likert"]
    assert asked[0].shown == ("Disagree", "Agree")
    assert asked[2].shown == ("One", "Three", "Two")
    beta = ("--bank-dir", str(bank_dir), "--skill", "beta", "--experience", "0")

    child = spawn(home, "take", *beta, "--seed", "5", "--length", "full")
    child.expect_exact("Your name")
    child.send("Ada\r")
    child.expect_exact("question 1 of 4")
    child.send("\r")  # Disagree
    child.expect_exact("question 2 of 4")
    child.send("\x03")
    assert exit_status(child) == 130

    child = spawn(home, "take", *beta)
    child.expect_exact("Your name")
    child.send("Ada\r")
    child.expect_exact("Carry on with it?")
    child.send("\r")
    child.expect_exact("Resuming attempt 1: 1 of 4 answered.")
    child.expect_exact("question 2 of 4")
    child.expect_exact("b goes back")
    child.send("b\r")
    child.expect_exact("went back to the previous question")
    child.expect_exact("question 1 of 4")
    child.send(DOWN + "\r")  # from the answer so far (Disagree) down to Agree
    child.expect_exact("question 2 of 4")
    child.send("60\r")
    child.expect_exact("question 3 of 4")
    child.send("1 3 2\r")
    child.expect_exact("question 4 of 4")
    child.send("\r")
    child.expect_exact("skillquiz report 1 -o results.html")
    assert exit_status(child) == 0

    with Store.open(home) as store:
        assert len(store.attempts()) == 1
        assert store.answers(1) == {
            "b-choice-01": "Agree",
            "b-num-01": 60,
            "b-order-01": ["One", "Two", "Three"],
            "b-self-01": 3,
        }

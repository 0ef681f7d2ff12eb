"""``skillquiz practice --missed`` in a real pseudo-terminal: the installed script driven by
keys, feedback after each prompt, Ctrl-C with the tally so far, and nothing saved."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pexpect
import pytest
from click.testing import CliRunner

from quiz.attempts.practice import from_attempt
from quiz.attempts.session import QuizQuestion
from quiz.cli.main import cli
from quiz.storage import Store

SCRIPT = Path(sys.executable).with_name("skillquiz")
TIMEOUT = 30
DOWN = "\x1b[B"
SEED = 3


@pytest.fixture(autouse=True)
def _installed() -> None:
    assert SCRIPT.exists(), f"{SCRIPT} is missing: install the package (pip install -e .[test])"


def keys_for(question: QuizQuestion, right: bool) -> str:
    """The keys that answer one of the alpha bank's missed questions, right or not."""
    item, shown = question.item, question.shown
    if item.type == "choice":
        return DOWN * shown.index("Right" if right else "Wrong") + "\r"
    if item.type == "numeric":
        return "4\r" if right else "5\r"
    assert item.type == "order"
    steps = item.items if right else tuple(reversed(item.items))
    return " ".join(str(shown.index(step) + 1) for step in steps) + "\r"


def contents(home: Path) -> dict[str, int]:
    with Store.open(home, readonly=True) as store:
        return {
            "attempts": len(store.attempts()),
            "answers": sum(len(store.answers(row.id)) for row in store.attempts()),
        }


def test_practice_in_a_terminal_tells_and_stops_with_the_tally(
    bank_dir: Path, tmp_path: Path, skillquiz_home: Path
) -> None:
    answers = tmp_path / "answers.yaml"
    answers.write_text(
        "a-choice-01: Half right\na-choice-02: Blue\na-multi-01: [Waiting, Overproduction]\n"
        "a-num-01: 5\na-order-01: null\n",
        "utf-8",
    )
    took = CliRunner().invoke(
        cli, ["take", "--bank-dir", str(bank_dir), "--skill", "alpha", "--answers", str(answers)]
    )
    assert took.exit_code == 0, took.output
    before = contents(skillquiz_home)
    with Store.open(skillquiz_home, readonly=True) as store:
        questions = from_attempt(store, "latest", (), None, SEED).questions
    assert sorted(q.item.id for q in questions) == ["a-choice-01", "a-num-01", "a-order-01"]

    env = {
        **os.environ,
        "SKILLQUIZ_HOME": str(skillquiz_home),
        "TERM": "xterm",
        "PROMPT_TOOLKIT_NO_CPR": "1",  # pexpect answers no cursor-position request
    }
    child = pexpect.spawn(
        str(SCRIPT),
        ["practice", "--missed", "--seed", str(SEED)],
        env=env,
        timeout=TIMEOUT,
        dimensions=(40, 100),
        encoding="utf-8",
    )
    child.expect_exact("Nothing is saved; Ctrl-C stops.")
    child.expect_exact("question 1 of 3")
    child.send(keys_for(questions[0], right=True))
    child.expect_exact("Right.")
    child.expect_exact("question 2 of 3")
    child.send(keys_for(questions[1], right=False))
    child.expect_exact("Best answer:")
    child.expect_exact("question 3 of 3")
    child.sendintr()
    child.expect_exact("Tally: 1 of 2 right, 1 not right; 1 of 3 not asked.")
    child.expect_exact("Interrupted; practice is never saved.")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 130
    assert contents(skillquiz_home) == before

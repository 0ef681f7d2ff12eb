"""``skillquiz practice`` with the interactive prompts, driven by keys through prompt_toolkit's
pipe input: the feedback printed after each prompt, and Ctrl-C at a prompt."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from prompt_toolkit.application import create_app_session
from prompt_toolkit.input import create_pipe_input
from prompt_toolkit.output import DummyOutput

from quiz.cli.main import cli

DOWN = "\x1b[B"
ENTER = "\r"
CTRL_C = "\x03"
TIMEOUT = 30


@pytest.fixture(autouse=True)
def _prompts(monkeypatch: pytest.MonkeyPatch) -> None:
    """Ask with the prompts although the test has no terminal."""
    import quiz.cli.console

    monkeypatch.setattr(quiz.cli.console, "wants_prompts", lambda plain: not plain)


def practise(keys: str, *args: str) -> Result:
    """The command run with these keystrokes at its prompts (in a thread, so a prompt that
    stops taking keys fails the test rather than hanging the run)."""
    outcome: list[Result] = []

    def run() -> None:
        with create_pipe_input() as pipe:
            pipe.send_text(keys)
            with create_app_session(input=pipe, output=DummyOutput()):
                runner = CliRunner(env={"COLUMNS": "80"})
                outcome.append(runner.invoke(cli, ["practice", *args]))

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    thread.join(TIMEOUT)
    assert outcome, f"practice did not finish within {TIMEOUT} s of its keys"
    return outcome[0]


def test_each_prompt_is_followed_by_its_feedback(bank_dir: Path) -> None:
    # Seed 1 asks the choice (Agree first), the order (shown One, Three, Two), the number.
    keys = DOWN + ENTER + "1 2 3" + ENTER + "60" + ENTER
    result = practise(keys, "--bank-dir", str(bank_dir), "--skill", "beta", "--seed", "1")
    assert result.exit_code == 0, result.output
    assert result.stdout == (
        "Practice: 3 questions, on Beta skill. After each answer: right or not, the best\n"
        "answer and why. Nothing is saved; Ctrl-C stops.\n"
        "\n"
        "Not right.\n"
        "  Best answer: Agree\n"
        "\n"
        "Partly right (33% credit).\n"
        "  Best answer:\n"
        "    1. One\n"
        "    2. Two\n"
        "    3. Three\n"
        "\n"
        "Right.\n"
        "\n"
        "Tally: 1 of 3 right, 1 partly right, 1 not right.\n"
    )


def test_ctrl_c_at_a_prompt_ends_with_the_tally_so_far(bank_dir: Path) -> None:
    keys = ENTER + CTRL_C
    result = practise(keys, "--bank-dir", str(bank_dir), "--skill", "beta", "--seed", "1")
    assert result.exit_code == 130, result.output
    assert result.stdout.endswith("\nRight.\n\nTally: 1 of 1 right; 2 of 3 not asked.\n")
    assert result.stderr == "Interrupted; practice is never saved.\n"

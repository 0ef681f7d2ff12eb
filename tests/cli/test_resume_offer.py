"""``take`` without --resume offers the unfinished attempt of the same name: one line with
the command in plain mode, a question when interactive."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner, Result
from prompt_keys import ENTER, press

from quiz.cli import prompts
from quiz.cli.main import cli
from quiz.storage import Store


def take(bank_dir: Path, *args: str, input: str) -> Result:
    return CliRunner(env={"COLUMNS": "200"}).invoke(
        cli, ["take", "--bank-dir", str(bank_dir), "--skill", "beta", *args], input=input
    )


def started(attempt_id: int) -> str:
    with Store.open() as store:
        attempt = store.attempt(attempt_id)
        assert attempt is not None
        return f"{attempt.started_at.astimezone():%Y-%m-%d %H:%M}"


def test_plain_mode_names_the_command_that_resumes_the_unfinished_attempt(
    bank_dir: Path,
) -> None:
    assert take(bank_dir, "--name", "Ada", input="s\ns\n").exit_code == 1  # input ended
    again = take(bank_dir, "--name", "Ada", input="s\n" * 5)
    assert again.exit_code == 0, again.output
    assert (
        f"You have an unfinished attempt 1 (1 of 4 answered, started {started(1)}); to carry "
        "on with it instead, stop here (Ctrl-C) and run: skillquiz take --resume 1\n"
    ) in again.output


def test_the_offer_names_the_database_it_was_given(bank_dir: Path, tmp_path: Path) -> None:
    database = str(tmp_path / "class.sqlite3")
    take(bank_dir, "--database", database, input="s\ns\n")
    again = take(bank_dir, "--database", database, input="s\n" * 5)
    said = " ".join(again.output.split())  # as read, however the line wraps
    assert f"run: skillquiz take --resume 1 --database {database} " in said


def test_no_offer_for_another_name_or_a_finished_attempt(bank_dir: Path) -> None:
    take(bank_dir, "--name", "Ada", input="s\ns\n")
    assert "unfinished" not in take(bank_dir, "--name", "Bo", input="s\n" * 5).output
    assert "unfinished" not in take(bank_dir, input="s\n" * 5).output  # no name: another person
    resumed = CliRunner().invoke(cli, ["take", "--resume"], input="s\n" * 3)
    assert resumed.exit_code == 0, resumed.output
    assert "unfinished" not in take(bank_dir, "--name", "Ada", input="s\n" * 5).output


def test_the_interactive_offer_defaults_to_carrying_on() -> None:
    question = "You have an unfinished attempt 1 (1 of 4 answered). Carry on with it?"
    assert press(ENTER, lambda: prompts.ask_resume(question)) is True
    assert press("n", lambda: prompts.ask_resume(question)) is False

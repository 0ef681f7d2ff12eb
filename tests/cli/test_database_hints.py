"""Commands printed as hints carry the --database the command was given, password masked,
so running one as printed opens the same attempts."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import click
import pytest
from click.testing import CliRunner, Result

from quiz.cli.hints import DATABASE_COMMANDS, masked, with_database
from quiz.cli.main import COMMANDS, cli


def run(*args: str, input: str | None = None, env: dict[str, str] | None = None) -> Result:
    return CliRunner(env={"COLUMNS": "200", **(env or {})}).invoke(cli, list(args), input=input)


def take(database: str, bank_dir: Path, input: str, *more: str) -> Result:
    return run(
        "take", "--bank-dir", str(bank_dir), "--skill", "beta", "--database", database, *more,
        input=input,
    )  # fmt: skip


def test_resume_and_review_hints_name_the_database(bank_dir: Path, tmp_path: Path) -> None:
    database = str(tmp_path / "class one.sqlite3")
    quoted = f"'{database}'"
    stopped = take(database, bank_dir, "s\ns\n")
    assert stopped.exit_code == 1
    assert stopped.stderr == (
        f"Input ended; progress saved. Resume with: skillquiz take --resume --database {quoted}\n"
    )
    done = run("take", "--resume", "--database", database, input="s\ns\ns\n")
    assert done.exit_code == 0, done.output
    lines = done.stdout.rstrip().splitlines()
    assert lines[-2:] == [
        "What you missed, with the best answers and why: "
        f"skillquiz show 1 --review --database {quoted}",
        f"Export it with: skillquiz report 1 -o results.html --database {quoted}",
    ]
    missing = run("show", "7", "--database", database)
    assert missing.stderr == f"Error: no attempt 7; see skillquiz history --database {quoted}\n"


def test_a_database_from_the_environment_is_not_repeated(bank_dir: Path, tmp_path: Path) -> None:
    env = {"SKILLQUIZ_DATABASE_URL": str(tmp_path / "a.sqlite3")}
    stopped = run("take", "--bank-dir", str(bank_dir), "--skill", "beta", input="s\ns\n", env=env)
    assert stopped.stderr == "Input ended; progress saved. Resume with: skillquiz take --resume\n"


def test_a_postgresql_password_is_masked_in_hints(bank_dir: Path, postgres_url: str) -> None:
    parts = urlsplit(postgres_url)
    with_user = urlunsplit(parts._replace(netloc=f"postgres:secret@{parts.netloc}"))
    in_query = f"{postgres_url}&password=secret"
    for url in (with_user, in_query):
        stopped = take(url, bank_dir, "s\ns\n")
        assert stopped.exit_code == 1, stopped.output
        assert "secret" not in stopped.output
        assert stopped.stderr.startswith(
            "Input ended; progress saved. Resume with: skillquiz take --resume --database "
        )
        assert "***" in stopped.stderr


def test_masking_keeps_the_rest_of_the_url() -> None:
    assert masked("postgresql://ada:pw@db.example.org/class") == (
        "postgresql://ada:***@db.example.org/class"
    )
    assert masked("postgresql:///class?host=/run/pg&password=pw&sslmode=require") == (
        "postgresql:///class?host=/run/pg&password=***&sslmode=require"
    )
    assert masked("attempts.sqlite3") == "attempts.sqlite3"


def test_only_commands_that_take_a_database_get_it() -> None:
    ctx = click.Context(click.Command("x"))
    ctx.meta["skillquiz.database"] = "db.sqlite3"
    text = "fix it (skillquiz validate checks banks), then skillquiz take --resume 3."
    assert with_database(text, ctx) == (
        "fix it (skillquiz validate checks banks), then "
        "skillquiz take --resume 3 --database db.sqlite3."
    )


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_the_commands_given_the_database_are_those_with_the_option(name: str) -> None:
    command = cli.get_command(click.Context(cli), name)
    assert command is not None
    options = {option for param in command.params for option in getattr(param, "opts", ())} | {
        option
        for sub in getattr(command, "commands", {}).values()
        for param in sub.params
        for option in getattr(param, "opts", ())
    }
    assert ("--database" in options) == (name in DATABASE_COMMANDS)

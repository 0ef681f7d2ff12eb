"""One family of errors for the core, turned into exit codes by the CLI layer alone (that
only the CLI layer speaks click is checked in tests/test_architecture.py)."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from quiz.cli.main import cli
from quiz.errors import BadInput, ExitCode, RuntimeFailure, SkillquizError


def test_each_error_carries_its_exit_code() -> None:
    assert [int(code) for code in ExitCode] == [0, 1, 2, 130]
    assert RuntimeFailure("x").exit_code == ExitCode.RUNTIME
    assert BadInput("x").exit_code == ExitCode.USAGE
    assert str(RuntimeFailure("no attempt 3")) == "no attempt 3"
    assert issubclass(RuntimeFailure, SkillquizError) and issubclass(BadInput, SkillquizError)


@pytest.mark.parametrize(
    ("error", "code", "output"),
    [
        (RuntimeFailure("the database is gone"), 1, "Error: the database is gone\n"),
        (BadInput("one thing is wrong"), 2, "Error: one thing is wrong\n"),
        (
            BadInput("a.yaml:1:1: bad\nthe file has 1 problem"),
            2,
            "a.yaml:1:1: bad\nthe file has 1 problem\n",
        ),
    ],
)
def test_the_cli_shows_each_error_with_its_code(
    monkeypatch: pytest.MonkeyPatch, error: SkillquizError, code: int, output: str
) -> None:
    def failing(*args: object, **kwargs: object) -> None:
        raise error

    monkeypatch.setattr("quiz.storage.Store.open", failing)
    result = CliRunner().invoke(cli, ["history"])
    assert (result.exit_code, result.output) == (code, output)

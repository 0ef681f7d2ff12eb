"""Golden files: what people read, compared word for word with tests/golden/.

To accept an intended change of output, regenerate the files and read the diff before
committing it:

    SKILLQUIZ_UPDATE_GOLDEN=1 .venv/bin/python -m pytest -q tests/cli/test_golden.py
    git diff tests/golden/

Covered: ``--help`` of every command (and of each subcommand of a group); ``roles``,
``banks``, ``history`` and ``show`` at 80 and 40 columns; the Markdown, CSV and JSON
reports, and the JSON report's schema.
``history``, ``show`` and the reports come from one fixed attempt on the fixed banks in
tests/golden/banks/ (answers in tests/golden/answers.yaml), taken at a fixed time in UTC,
so they change only when the product's output does, not when the shipped banks do.
"""

from __future__ import annotations

import os
import re
import time
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from quiz.cli.main import COMMANDS, cli

GOLDEN = Path(__file__).parent.parent / "golden"
UPDATE = os.environ.get("SKILLQUIZ_UPDATE_GOLDEN") == "1"
README = Path(__file__).parent.parent.parent / "README.md"
WIDTHS = (80, 40)
START = datetime(2026, 3, 2, 9, 30, tzinfo=UTC)


def compare(name: str, output: str) -> None:
    """The output against tests/golden/NAME, or written there with SKILLQUIZ_UPDATE_GOLDEN=1."""
    path = GOLDEN / name
    if UPDATE:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(output, encoding="utf-8", newline="")
        return
    assert path.exists(), f"{path} is missing: SKILLQUIZ_UPDATE_GOLDEN=1 writes it"
    expected = path.read_text(encoding="utf-8")
    assert output == expected, (
        f"{name} differs from its golden file; if the change is intended, run "
        "SKILLQUIZ_UPDATE_GOLDEN=1 .venv/bin/python -m pytest tests/cli/test_golden.py "
        "and read git diff tests/golden/"
    )


def invoke(width: int, *args: str, input: str | None = None) -> str:
    result = CliRunner(env={"COLUMNS": str(width)}).invoke(
        cli, list(args), input=input, terminal_width=width, prog_name="skillquiz"
    )
    assert result.exit_code == 0, result.output
    return result.stdout


def command_paths() -> Iterator[tuple[str, ...]]:
    """Every command, as typed after ``skillquiz``: each group's subcommands too."""
    yield ()
    for name in COMMANDS:
        command = cli.get_command(click.Context(cli), name)
        assert command is not None, name
        yield (name,)
        if isinstance(command, click.Group):
            for sub in command.list_commands(click.Context(command)):
                yield (name, sub)


@pytest.mark.parametrize("path", list(command_paths()), ids=lambda path: " ".join(path) or "-")
@pytest.mark.parametrize("width", WIDTHS)
def test_help(path: tuple[str, ...], width: int) -> None:
    compare(f"help-{'-'.join(path) or 'skillquiz'}-{width}.txt", invoke(width, *path, "--help"))


def _command(path: tuple[str, ...]) -> click.Command:
    command: click.Command = cli
    for name in path:
        assert isinstance(command, click.Group)
        found = command.get_command(click.Context(command), name)
        assert found is not None, name
        command = found
    return command


@pytest.mark.parametrize("path", list(command_paths()), ids=lambda path: " ".join(path) or "-")
def test_options_help_keeps_its_words_whole_at_40_columns(path: tuple[str, ...]) -> None:
    """Wrapped between words only: no word cut in two, nor split at a hyphen."""
    shown = set(invoke(40, *path, "--help").split())
    for param in _command(path).params:
        words = (getattr(param, "help", None) or "").split()
        assert [word for word in words if word not in shown] == [], param.name


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("command", ["roles", "banks"])
def test_listing(command: str, width: int) -> None:
    compare(f"{command}-{width}.txt", invoke(width, command))


@pytest.fixture
def fixed_attempt(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Attempt 1 finished, attempt 2 in progress, on the golden banks, in UTC at a fixed
    time that moves a minute with every timestamp taken."""
    import quiz.storage.writing

    ticks = iter(range(10_000))
    monkeypatch.setattr(quiz.storage.writing, "now", lambda: START + timedelta(minutes=next(ticks)))
    monkeypatch.setenv("TZ", "UTC")
    time.tzset()
    banks = str(GOLDEN / "banks")
    common = ["take", "--bank-dir", banks, "--seed", "1", "--experience", "2"]
    answers = str(GOLDEN / "answers.yaml")
    runner = CliRunner(env={"COLUMNS": "80"})
    finished = runner.invoke(cli, [*common, "--answers", answers, "--name", "Ada Lovelace"])
    assert finished.exit_code == 0, finished.output
    started = runner.invoke(cli, [*common, "--skill", "research", "--plain"], input="s\n")
    assert started.exit_code == 1, started.output  # input ended: progress saved
    yield
    monkeypatch.delenv("TZ")
    time.tzset()


@pytest.mark.usefixtures("fixed_attempt")
@pytest.mark.parametrize("width", WIDTHS)
def test_history_and_show(width: int) -> None:
    compare(f"history-{width}.txt", invoke(width, "history"))
    compare(f"show-{width}.txt", invoke(width, "show", "1"))


@pytest.mark.usefixtures("fixed_attempt")
@pytest.mark.parametrize("kind", ["md", "csv", "json"])
def test_report(kind: str) -> None:
    compare(f"report.{kind}", invoke(80, "report", "1", "--format", kind))


def test_report_schema() -> None:
    """The JSON report's schema, the contract scripts that read reports rely on."""
    compare("report-schema.json", invoke(80, "report", "--schema"))


def test_every_command_is_in_the_readme() -> None:
    readme = README.read_text(encoding="utf-8")
    missing = [
        " ".join(("skillquiz", *path))
        for path in command_paths()
        if path and not re.search(rf"\bskillquiz {' '.join(path)}\b", readme)
    ]
    assert missing == []


def ending_in_blanks(name: str, output: str) -> list[str]:
    """The lines of ``output`` that end in a space or tab, each prefixed by ``name``."""
    return [f"{name}: {line!r}" for line in output.splitlines() if line != line.rstrip(" \t")]


def test_no_golden_line_ends_in_a_space() -> None:
    """Help, listings, history and show at every width, and the CSV report. (The Markdown
    report is left out: its lines end in two spaces where Markdown breaks a line.)"""
    paths = [*sorted(GOLDEN.glob("*.txt")), GOLDEN / "report.csv"]
    found = [line for path in paths for line in ending_in_blanks(path.name, path.read_text())]
    assert found == []


@pytest.mark.usefixtures("fixed_attempt")
@pytest.mark.parametrize("width", WIDTHS)
def test_no_output_line_ends_in_a_space(width: int) -> None:
    """The commands the golden files leave out, with their tables, on the same attempts."""
    commands = [
        ("stats",),
        ("cohort",),
        ("cohort", "--format", "csv"),
        ("calibrate", "--dry-run"),
        ("show", "1", "--review"),
        ("show", "2"),
        ("history", "--format", "json"),
        ("roles", "--format", "json"),
        ("banks", "--questions"),
        ("validate", str(GOLDEN / "banks")),
    ]
    found = [
        line
        for command in commands
        for line in ending_in_blanks(" ".join(command[:2]), invoke(width, *command))
    ]
    assert found == []

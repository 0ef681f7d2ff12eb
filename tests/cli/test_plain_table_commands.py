"""``stats``, ``banks`` and ``calibrate`` print their tables in a pipe exactly as rich's
``Table`` printed them, and leave rich's table and console out of the start."""

from __future__ import annotations

from pathlib import Path

import pytest
from class_fixtures import record
from click.testing import CliRunner
from fresh_run import alone
from parameter_set_fixtures import stored_set

from questions import load_banks
from quiz.cli.main import cli
from quiz.cli.screen import Screen
from quiz.storage import Store
from scoring.models import Answer

WIDTHS = (20, 40, 60, 77, 78, 80, 100, 140, 200)
RICH = {"rich.console", "rich.table", "rich.text", "rich.segment"}


@pytest.fixture
def two_attempts(bank_dir: Path) -> None:
    banks = load_banks([bank_dir])
    answers: dict[str, Answer] = {
        "b-self-01": 4,
        "b-choice-01": "Agree",
        "b-num-01": 60,
        "b-order-01": None,
    }
    with Store.open() as store:
        record(store, banks, answers, name="Ada")
        record(store, banks, answers | {"b-choice-01": "Disagree"}, name="Alan")


def _printed(width: int, *args: str) -> str:
    result = CliRunner(env={"COLUMNS": str(width)}).invoke(cli, list(args))
    assert result.exit_code == 0, result.output
    return result.stdout


def _by_rich(monkeypatch: pytest.MonkeyPatch, width: int, *args: str) -> str:
    """What the command printed with every table handed to rich, as it was drawn before."""
    with monkeypatch.context() as patched:
        patched.setattr(Screen, "_draw", lambda self, drawing: False)
        return _printed(width, *args)


COMMANDS = [("stats",), ("calibrate", "--dry-run"), ("banks",)]


@pytest.mark.usefixtures("two_attempts")
@pytest.mark.parametrize("command", COMMANDS, ids=" ".join)
def test_a_command_prints_its_tables_as_rich_did(
    monkeypatch: pytest.MonkeyPatch, bank_dir: Path, command: tuple[str, ...]
) -> None:
    args = (*command, "--bank-dir", str(bank_dir)) if command == ("banks",) else command
    for width in WIDTHS:
        assert _printed(width, *args) == _by_rich(monkeypatch, width, *args), width


@pytest.mark.usefixtures("two_attempts")
def test_stats_with_calibrated_levels_prints_as_rich_did(
    monkeypatch: pytest.MonkeyPatch, bank_dir: Path
) -> None:
    stored_set(bank_dir, {"b-choice-01": 4.25, "b-num-01": 3.5}, stale="b-order-01")
    for width in WIDTHS:
        printed = _printed(width, "stats")
        assert printed == _by_rich(monkeypatch, width, "stats"), width
    assert "Calib." in printed


@pytest.mark.usefixtures("two_attempts")
@pytest.mark.parametrize("command", [("stats",), ("banks",)], ids=" ".join)
def test_a_table_in_a_pipe_leaves_out_rich(bank_dir: Path, command: tuple[str, ...]) -> None:
    args = (*command, "--bank-dir", str(bank_dir)) if command == ("banks",) else command
    done = alone(*args)
    assert done.code == 0, done.output
    assert "\u2503" in done.output or "\u2500" in done.output  # a table was printed
    assert RICH.isdisjoint(done.seen)


def test_a_table_on_a_colour_terminal_is_left_to_rich() -> None:
    done = alone("banks", env={"FORCE_COLOR": "1"})
    assert done.code == 0, done.output
    assert "\x1b[" in done.output
    assert {"rich.console", "rich.table"} <= set(done.seen)

"""``skillquiz history`` on narrow terminals: the id and the date of every attempt stay
whole at any width; the other columns wrap, then are left out, least needed first."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from questions import load_banks
from questions.answers import keyed_answer
from quiz.cli.main import cli
from quiz.storage import Store


@pytest.fixture
def attempts(bank_dir: Path, tmp_path: Path) -> list[tuple[str, str]]:
    """Three attempts (two finished, one in progress): each one's id and start date."""
    answers = tmp_path / "answers.json"
    research = load_banks(None).items.values()
    keyed = {item.id: keyed_answer(item) for item in research if item.id.startswith("rs-")}
    answers.write_text(json.dumps(keyed), encoding="utf-8")
    runner = CliRunner(env={"COLUMNS": "200"})
    name = ["--name", "Alexandra Konstantinopoulou-Smythe"]
    for args in (
        ["--skill", "research", "--length", "quick", "--answers", str(answers), *name],
        ["--skill", "research", "--length", "quick", "--answers", str(answers)],
        ["--bank-dir", str(bank_dir), "--skill", "beta", "--experience", "0", *name],
    ):
        result = runner.invoke(cli, ["take", *args], input="s\n")
        assert result.exit_code in (0, 1), result.output
    with Store.open() as store:
        rows = [store.attempt(n) for n in (3, 2, 1)]
    return [
        (str(row.id), f"{row.started_at.astimezone():%Y-%m-%d}") for row in rows if row is not None
    ]


def history(columns: int) -> list[str]:
    result = CliRunner(env={"COLUMNS": str(columns)}).invoke(cli, ["history"])
    assert result.exit_code == 0, result.output
    return result.output.splitlines()


@pytest.mark.parametrize("columns", [20, 24, 30, 36, 40, 48, 56, 60, 80])
def test_every_width_keeps_each_id_and_date_and_fits(
    attempts: list[tuple[str, str]], columns: int
) -> None:
    lines = history(columns)
    assert max(len(line) for line in lines) <= columns, "\n".join(lines)
    rows = [line for line in lines if line[:3].strip().isdigit()]
    assert [(row.split()[0], row.split()[1]) for row in rows] == attempts
    heading = next(line for line in lines if line.startswith("Id "))
    assert heading.split()[:2] == ["Id", "Started"]


def columns_shown(columns: int) -> list[str]:
    heading = next(line for line in history(columns) if line.startswith("Id "))
    return heading.replace("Top role", "Top-role").split()


def test_columns_are_left_out_least_needed_first(attempts: list[tuple[str, str]]) -> None:
    assert columns_shown(20) == ["Id", "Started"]
    assert columns_shown(30) == ["Id", "Started", "Status"]  # the date without the time
    assert columns_shown(40) == ["Id", "Started", "Name", "Status"]
    assert columns_shown(48) == ["Id", "Started", "Name", "Status", "Levels"]
    assert columns_shown(60) == ["Id", "Started", "Name", "Status", "Levels", "Top-role"]
    assert columns_shown(80) == [
        "Id",
        "Started",
        "Name",
        "Length",
        "Status",
        "Levels",
        "Top-role",
    ]


@pytest.mark.parametrize(("columns", "with_time"), [(20, True), (30, False), (36, True)])
def test_the_time_of_day_goes_only_to_keep_the_status(
    attempts: list[tuple[str, str]], columns: int, with_time: bool
) -> None:
    row = next(line for line in history(columns) if line[:3].strip().isdigit())
    second = row.split()[2]
    assert (len(second) == 5 and second[2] == ":") is with_time, row


@pytest.mark.parametrize("columns", [40, 60])
def test_show_at_narrow_widths_keeps_each_level_with_its_bar(
    attempts: list[tuple[str, str]], columns: int
) -> None:
    result = CliRunner(env={"COLUMNS": str(columns)}).invoke(cli, ["show", "2"])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert max(len(line) for line in lines) <= columns, result.output
    # The bar, the level and its 90% interval are on one line.
    pattern = r"[#-]{5,} +\d\.\d \(\d\.\d-\d\.\d\) of 7( +[A-Z][a-z]+)?$"
    assert any(re.search(pattern, line) for line in lines), lines
    rule = lines[lines.index(next(line for line in lines if line.startswith("=")))]
    assert len(rule) <= columns

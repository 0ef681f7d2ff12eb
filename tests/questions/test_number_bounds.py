"""Numbers in banks are bounded to what scoring handles and refused at their line, each
problem once; long numbers are cut short in every message."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from runner import Run

pytestmark = pytest.mark.cli_runner(columns=200)

HUGE = "1" + "0" * 309


def bank(tmp_path: Path, answer: str = "4", tolerance: str = "0.5", credit: str = "1") -> Path:
    file = tmp_path / "gamma.yaml"
    file.write_text(
        "schema: 1\n"
        "skill: {id: gamma, name: Gamma}\n"
        "questions:\n"
        "  - id: g-num-01\n"
        "    type: numeric\n"
        "    text: How many?\n"
        f"    answer: {answer}\n"
        f"    tolerance: {tolerance}\n"
        "  - id: g-choice-01\n"
        "    type: choice\n"
        "    text: Which?\n"
        "    options:\n"
        f"      - {{text: Right, credit: {credit}}}\n"
        "      - {text: Wrong, credit: 0}\n",
        encoding="utf-8",
    )
    return file


@pytest.mark.parametrize(
    ("field", "line", "message"),
    [
        ("answer", 7, "answer: a whole number of more than 300 digits is too large to score"),
        ("tolerance", 8, "tolerance: a whole number of more than 300 digits is too large to score"),
    ],
)
def test_a_number_too_large_to_score_is_refused_at_its_line(
    run: Run, tmp_path: Path, field: str, line: int, message: str
) -> None:
    file = bank(tmp_path, **{field: HUGE})
    result = run("validate", str(file))
    assert result.exit_code == 2
    assert result.output.splitlines()[0] == f"{file}:{line}:5: question g-num-01, {message}"
    assert HUGE not in result.output


def test_a_huge_credit_is_refused_without_echoing_it(run: Run, tmp_path: Path) -> None:
    file = bank(tmp_path, credit=HUGE)
    result = run("validate", str(file))
    assert result.exit_code == 2
    assert result.output.splitlines()[0] == (
        f"{file}:13:23: question g-choice-01, options #1, credit: a whole number of more "
        "than 300 digits is too large to score"
    )


def test_a_number_yaml_reads_as_text_is_one_problem_saying_how_to_write_it(
    run: Run,
    tmp_path: Path,
) -> None:
    file = bank(tmp_path, tolerance="1e3")
    result = run("validate", str(file))
    assert result.exit_code == 2
    assert result.output.splitlines() == [
        f"{file}:8:5: question g-num-01, tolerance: should be a number; YAML reads 1e3 as "
        "text: write 1000, or 1.0e+3",
        "1 problem found",
    ]


def test_true_is_not_a_number(run: Run, tmp_path: Path) -> None:
    result = run("validate", str(bank(tmp_path, answer="true")))
    assert result.output.splitlines()[0].endswith(
        "question g-num-01, answer: should be a number, not true/false"
    )


def test_an_order_problem_is_reported_at_the_items_line(run: Run, tmp_path: Path) -> None:
    file = tmp_path / "gamma.yaml"
    file.write_text(
        "schema: 1\n"
        "skill: {id: gamma, name: Gamma}\n"
        "questions:\n"
        "  - id: g-ord-01\n"
        "    type: order\n"
        "    text: Order these.\n"
        "    items: [A, B, A]\n",
        encoding="utf-8",
    )
    result = run("validate", str(file))
    assert result.output.splitlines()[0] == (
        f"{file}:7:5: question g-ord-01, items: item texts must be unique within an item; "
        "'A' repeats"
    )


def test_a_bank_at_the_bounds_still_scores(run: Run, tmp_path: Path) -> None:
    big = "9" * 300
    answers = tmp_path / "answers.yaml"
    answers.write_text(f'g-num-01: "{big}"\ng-choice-01: Right\n', encoding="utf-8")
    folder = tmp_path / "banks"
    folder.mkdir()
    bank(folder, answer=big, tolerance=big)
    result = run("take", "--bank-dir", str(folder), "--answers", str(answers))
    assert result.exit_code == 0, result.output
    assert run("show").exit_code == 0
    assert run("report", "--format", "json").exit_code == 0


def test_long_numbers_in_arguments_are_cut_short_in_messages(tmp_path: Path) -> None:
    long = "9" * 400
    for args in (["history", "--delete", long, "--yes"], ["take", "--seed", long]):
        done = subprocess.run(
            [sys.executable, "-m", "quiz", *args],
            capture_output=True,
            text=True,
            env={**os.environ, "SKILLQUIZ_HOME": str(tmp_path)},
            stdin=subprocess.DEVNULL,
            check=False,
        )
        assert done.returncode in (1, 2), done.stderr
        assert "9" * 40 not in done.stderr
        assert "999999999999... (400 digits)" in done.stderr

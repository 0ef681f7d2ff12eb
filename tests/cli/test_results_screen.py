"""The end of ``take`` and ``show``: the scores fit one 100x30 screen, the details follow,
every role is there and the salaries' source is named once."""

from __future__ import annotations

import json
import random
from pathlib import Path

import pytest
from runner import Run

from questions import load_banks
from questions.answers import keyed_answer
from quiz.report.phrases import percent_of
from scoring import builtin_catalog

pytestmark = pytest.mark.cli_runner(columns=100)

SCREEN_ROWS = 30


def answers(seed: int) -> dict[str, object]:
    """Every built-in question, about half answered as keyed, the rest skipped."""
    chooser = random.Random(seed)
    return {
        item_id: (chooser.randint(1, 5) if item.type == "likert" else keyed_answer(item))
        if chooser.random() < 0.6
        else None
        for item_id, item in load_banks(None).items.items()
    }


@pytest.fixture
def standard(run: Run, tmp_path: Path) -> str:
    """The output of a standard ``take`` by someone with 2 years' experience."""
    path = tmp_path / "answers.json"
    path.write_text(json.dumps(answers(4)), encoding="utf-8")
    taken = run("take", "--answers", str(path), "--name", "Ada", "--seed", "5", "--experience", "2")
    assert taken.exit_code == 0, taken.output
    return taken.stdout


def test_the_scores_and_every_role_fit_the_first_screen(run: Run, standard: str) -> None:
    shown = run("show")
    assert shown.exit_code == 0, shown.output
    for output in (standard, shown.stdout):
        lines = output.splitlines()
        assert max(len(line) for line in lines) <= 100
        screen = "\n".join(lines[:SCREEN_ROWS])
        for name in ("Critical thinking", "Data analysis", "Attention to detail", "Empathy"):
            assert any(line.startswith(name) and " of 7 " in line for line in lines[:SCREEN_ROWS])
        assert screen.count(" on O*NET's scale") == 5
        for role in builtin_catalog().roles:
            assert role.name in screen
        # The details come after: no salary or requirement line on the first screen.
        assert "Salary:" not in screen
        assert "chance you meet it" not in screen
        rest = "\n".join(lines[SCREEN_ROWS:])
        assert "Salary:" in rest and "Next steps" in rest


def test_each_role_has_one_summary_line_with_its_counts(run: Run, standard: str) -> None:
    data = json.loads(run("report", "--format", "json").stdout)
    lines = standard.splitlines()
    header = next(line for line in lines if line.startswith("Open to you now"))
    assert header.endswith("  met  borderline  to build  chance you meet all")
    for number, role in enumerate(data["roles"], start=1):
        prefix = f"{number}. {role['name']}"
        (line,) = [line for line in lines if line.startswith(prefix) and line.endswith("%")]
        chance = percent_of(role["p_meets_all"])
        assert line.split()[-4:] == [
            str(role["met"]), str(role["borderline"]), str(role["to_build"]), chance,
        ]  # fmt: skip


def test_the_salary_source_is_named_once_with_its_date(standard: str) -> None:
    salary = builtin_catalog().salaries
    assert standard.count(salary.source) == 1
    assert f"{salary.source}, dated {salary.dated}" in " ".join(standard.split())
    assert (
        standard.count("BLS median USD")
        == len([role for role in builtin_catalog().roles if role.salary.bls]) - 1
    )  # the role to grow into is one line, with the source's figure only
    assert "an older release" in standard

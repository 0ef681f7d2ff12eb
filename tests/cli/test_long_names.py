"""A stored name longer than a name may be now (a row kept before names were capped, or a
report imported from elsewhere) is cut where it is shown, its cut marked with an ellipsis;
the stored row keeps it whole."""

from __future__ import annotations

import re
import sqlite3
from pathlib import Path

import pytest
from runner import Run

from quiz.storage import DB_NAME

pytestmark = pytest.mark.cli_runner(columns=300)

LONG = "Ann " + "Z" * 996  # 1,000 characters
SHOWN = "Ann " + "Z" * 195 + "\u2026"  # the first 199, then the ellipsis: 200 in all


@pytest.fixture
def long_named(run: Run, tmp_path: Path, skillquiz_home: Path) -> None:
    """Two finished quick attempts of one person, then the name lengthened in the row."""
    answers = tmp_path / "answers.yaml"
    answers.write_text("ct-self-01: 4\n", encoding="utf-8")
    for seed in ("1", "2"):
        taken = run("take", "--answers", str(answers), "--skill", "critical_thinking",
                    "--length", "quick", "--seed", seed, "--name", "Ann")  # fmt: skip
        assert taken.exit_code == 0, taken.output
    with sqlite3.connect(skillquiz_home / DB_NAME) as conn:
        conn.execute("UPDATE attempts SET name = ?", (LONG,))
    conn.close()


@pytest.mark.usefixtures("long_named")
def test_show_and_compare_cut_a_long_name(run: Run) -> None:
    shown = run("show").output.splitlines()
    assert shown[0] == f"Results for {SHOWN} (attempt 2, quick)"
    compared = run("compare").output.splitlines()
    assert re.fullmatch(rf"Attempt 1 \(\S+\) to attempt 2 \(\S+\) for {SHOWN}", compared[0])


@pytest.mark.usefixtures("long_named")
def test_reports_cut_a_long_name_and_json_keeps_it(run: Run, tmp_path: Path) -> None:
    markdown = run("report").output.splitlines()
    assert markdown[0] == f"# Your skills profile, {SHOWN}"
    page = tmp_path / "report.html"
    assert run("report", "-o", str(page)).exit_code == 0
    assert f"<h1>Your skills profile, {SHOWN}</h1>" in page.read_text(encoding="utf-8")
    assert f'"name": "{LONG}"' in run("report", "--format", "json").output


@pytest.mark.usefixtures("long_named")
def test_history_and_cohort_cut_a_long_name(run: Run) -> None:
    history = run("history").output
    # The name column wraps a name over lines: each of the two is 195 Zs and an ellipsis.
    assert (history.count("Z"), history.count("\u2026")) == (2 * 195, 2)
    cohort = run("cohort", "--names", "--format", "md").output
    assert f"| {SHOWN} | 2 |" in cohort

"""Years of hands-on experience in ``skillquiz take``: asked before the first skill, given
with --experience, refused with the reason when not whole years, never changed on resume."""

from __future__ import annotations

import io
import sqlite3
from pathlib import Path

import pytest
from runner import Run
from take_fixtures import attempt_count, skip_all, stored_experience

from quiz.storage import Store


def test_experience_is_asked_before_the_first_skill_and_stored(run: Run, bank_dir: Path) -> None:
    result = run("take", "--bank-dir", str(bank_dir), "--skill", "beta", input="4\n" + skip_all(4))
    assert result.exit_code == 0, result.output
    asked = result.output.index("Years of hands-on experience")
    assert asked < result.output.index("Beta skill - question 1 of 4")
    assert (
        "Years of hands-on experience in production, manufacturing or quality work?\n"
        "Type a whole number of years (0 for none), or press Enter to skip.\n> 4\n"
    ) in result.output
    assert stored_experience() == 4.0


@pytest.mark.parametrize(
    ("typed", "years"), [("5", 5.0), ("0", 0.0), ("12 years", 12.0), ("", None), ("s", None)]
)
def test_experience_is_stored_as_the_whole_years_typed(
    run: Run, bank_dir: Path, typed: str, years: float | None
) -> None:
    result = run(
        "take", "--bank-dir", str(bank_dir), "--skill", "beta", input=f"{typed}\n" + skip_all(4)
    )
    assert result.exit_code == 0, result.output
    assert stored_experience() == years


@pytest.mark.parametrize(
    ("typed", "reason"),
    [
        ("2.5", "'2.5' is not a whole number of years; type e.g. 3"),
        ("-1", "'-1' is not a number of years; type whole years, e.g. 3"),
        ("71", "71 is more than 70 years"),
        ("3-5", "'3-5' is not a number of years; type whole years, e.g. 3"),
    ],
)
def test_experience_that_is_not_whole_years_is_refused_with_the_reason(
    typed: str, reason: str
) -> None:
    from quiz.cli.plain import PlainAsker

    said: list[str] = []
    asker = PlainAsker(io.StringIO(f"{typed}\n3\n"), said.append)
    assert asker.ask_years("Years?") == 3
    assert f"Not accepted: {reason}. Try again.\n" in said


def test_experience_answered_as_a_band_keeps_its_stored_years(run: Run, bank_dir: Path) -> None:
    """Attempts that answered the earlier bands ("3-5 years", stored as 3) read as before."""
    answers = bank_dir.parent / "a.yaml"
    answers.write_text("b-num-01: 60\n", encoding="utf-8")
    run("take", "--bank-dir", str(bank_dir), "--answers", str(answers), "--experience", "3")
    with Store.open() as store:
        path = store.path
    assert path is not None
    with sqlite3.connect(path) as db:  # as an attempt of the "Under 1 year" band was kept
        db.execute("UPDATE attempts SET experience_years = 0.5 WHERE id = 1")
    shown = run("show", "1")
    assert stored_experience() == 0.5
    assert "0.5 years" in " ".join(shown.output.split()), shown.output


def test_experience_skipped_is_stored_as_not_given(run: Run, bank_dir: Path) -> None:
    result = run("take", "--bank-dir", str(bank_dir), "--skill", "beta", input=skip_all(5))
    assert result.exit_code == 0, result.output
    assert stored_experience() is None


def test_experience_on_the_command_line_is_not_asked(run: Run, bank_dir: Path) -> None:
    result = run(
        "take",
        "--bank-dir",
        str(bank_dir),
        "--skill",
        "beta",
        "--experience",
        "2.5",
        input=skip_all(4),
    )
    assert result.exit_code == 0, result.output
    assert "Years of hands-on experience" not in result.output
    assert stored_experience() == 2.5


def test_an_answers_file_takes_experience_from_the_command_line_only(
    run: Run, bank_dir: Path, tmp_path: Path
) -> None:
    answers = tmp_path / "a.yaml"
    answers.write_text("b-num-01: 60\n", encoding="utf-8")
    result = run("take", "--bank-dir", str(bank_dir), "--skill", "beta", "--answers", str(answers))
    assert result.exit_code == 0, result.output
    assert stored_experience() is None
    run("take", "--bank-dir", str(bank_dir), "--answers", str(answers), "--experience", "0")
    assert stored_experience(2) == 0.0


@pytest.mark.parametrize(
    ("value", "reason"),
    [
        ("-1", "'-1' is not a number of years from 0 to 70"),
        ("abc", "'abc' is not a number of years"),
        ("1e400", "'1e400' is not a number of years from 0 to 70"),
        ("nan", "'nan' is not a number of years from 0 to 70"),
        ("71", "'71' is not a number of years from 0 to 70"),
    ],
)
def test_bad_experience_is_refused_in_one_line(
    run: Run, bank_dir: Path, value: str, reason: str
) -> None:
    result = run("take", "--bank-dir", str(bank_dir), "--experience", value, input=skip_all(20))
    assert result.exit_code == 2
    assert result.stderr == f"Error: --experience: {reason}\n"
    assert "Traceback" not in result.output
    assert attempt_count() == 0


def test_resume_cannot_change_experience(run: Run, bank_dir: Path) -> None:
    run("take", "--bank-dir", str(bank_dir), "--skill", "beta", input="s\ns\n")
    result = run("take", "--resume", "--experience", "3", input=skip_all(3))
    assert result.exit_code == 2
    assert "cannot be combined with" in result.output
    assert "--experience" in result.output

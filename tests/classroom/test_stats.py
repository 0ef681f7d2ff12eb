"""``skillquiz stats``: item statistics over the finished attempts in the database."""

from __future__ import annotations

import csv
import io
import json
import statistics
from datetime import UTC, datetime
from pathlib import Path

import pytest
from class_fixtures import record
from click.testing import CliRunner
from runner import Run

from questions import load_banks
from quiz.cli.main import cli
from quiz.errors import RuntimeFailure
from quiz.storage import Store
from scoring.models import Answer

pytestmark = pytest.mark.cli_runner(columns=120)

# Beta's items: b-self-01 (likert), b-choice-01 (Agree = 1), b-num-01 (60), b-order-01.
BEST: dict[str, Answer] = {
    "b-self-01": 5,
    "b-choice-01": "Agree",
    "b-num-01": 60,
    "b-order-01": ["One", "Two", "Three"],
}
MIDDLE: dict[str, Answer] = {
    "b-self-01": 3,
    "b-choice-01": "Disagree",
    "b-num-01": 60,
    "b-order-01": ["Two", "One", "Three"],
}
WORST: dict[str, Answer] = {
    "b-self-01": 1,
    "b-choice-01": "Disagree",
    "b-num-01": 5,
    "b-order-01": ["Three", "Two", "One"],
}


@pytest.fixture
def three_attempts(bank_dir: Path) -> None:
    banks = load_banks([bank_dir])
    with Store.open() as store:
        record(store, banks, BEST, name="Ada Lovelace")
        record(store, banks, MIDDLE, name="Alan Turing")
        record(
            store, banks, WORST, name="Grace Hopper", finished_at=datetime(2020, 1, 1, tzinfo=UTC)
        )


@pytest.mark.usefixtures("three_attempts")
def test_json_gives_every_figure_of_the_contract(run: Run) -> None:
    result = run("stats", "--format", "json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    [skill] = data["skills"]
    # Demonstrated scores: 100, (0 + 1 + 1/3) / 3 and 0.
    scores = [100.0, 100 * (4 / 3) / 3, 0.0]
    assert skill["skill"] == "beta" and skill["name"] == "Beta skill"
    assert skill["attempts"] == 3
    assert skill["mean"] == pytest.approx(statistics.fmean(scores))
    assert skill["median"] == pytest.approx(scores[1])
    assert skill["sd"] == pytest.approx(statistics.stdev(scores))
    # Items (choice, numeric, order): variances 1/3, 1/3 and 7/27; totals 3, 4/3, 0.
    totals = [3, 4 / 3, 0]
    alpha = 1.5 * (1 - (1 / 3 + 1 / 3 + 7 / 27) / statistics.variance(totals))
    assert skill["cic"] == pytest.approx(100 * alpha)
    assert (skill["cic_attempts"], skill["cic_items"]) == (3, 3)
    assert skill["error_ratio"] == pytest.approx(100 * (1 - alpha) ** 0.5)
    assert skill["standard_error"] == pytest.approx(skill["error_ratio"] * skill["sd"] / 100)
    assert skill["skewness"] is not None and skill["kurtosis"] is None  # kurtosis needs 4
    choice = next(item for item in skill["items"] if item["question_id"] == "b-choice-01")
    assert choice == {
        "question_id": "b-choice-01",
        "type": "choice",
        "n": 3,
        "facility": pytest.approx(100 / 3),
        "sd": pytest.approx(100 * (1 / 3) ** 0.5),
        "random_guess": 50.0,
        "discrimination": pytest.approx(100 * statistics.correlation([1, 0, 0], [2, 4 / 3, 0])),
        "efficiency": pytest.approx(100.0),
        "label_level": 3.0,
        "calibrated_level": None,
        "flags": ["too few attempts"],
    }
    assert [item["question_id"] for item in skill["items"]] == [
        "b-choice-01",
        "b-num-01",
        "b-order-01",
    ]
    # A random order of 3 steps earns max(0, tau) = 1, 1/3, 1/3, 0, 0, 0: 5/18 on average.
    assert [item["random_guess"] for item in skill["items"]] == [50.0, 0.0, 100 * 5 / 18]
    assert data["self_ratings"] == [
        {
            "skill": "beta",
            "n": 3,
            "mean": 50.0,
            "sd": 50.0,
            "correlation_with_score": pytest.approx(statistics.correlation([100, 50, 0], scores)),
        }
    ]


@pytest.mark.usefixtures("three_attempts")
def test_since_and_name_choose_the_attempts(run: Run) -> None:
    since = json.loads(run("stats", "--format", "json", "--since", "2021-01-01").output)
    assert since["skills"][0]["attempts"] == 2
    named = json.loads(run("stats", "--format", "json", "--name", "a*").output)
    assert named["skills"][0]["attempts"] == 2  # Ada and Alan, whatever the case


@pytest.mark.usefixtures("three_attempts")
def test_csv_has_one_row_an_item(run: Run) -> None:
    result = run("stats", "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(result.output)))
    assert [row["question_id"] for row in rows] == ["b-choice-01", "b-num-01", "b-order-01"]
    assert rows[1]["random_guess"] == "0.0" and rows[1]["flags"] == "too few attempts"


@pytest.mark.usefixtures("three_attempts")
def test_table_shows_each_item_and_the_self_ratings(run: Run) -> None:
    result = run("stats")
    assert result.exit_code == 0, result.output
    assert "Beta skill (beta)" in result.output
    assert "3 attempts: mean 48.1, median 44.4, SD 50.1" in result.output
    assert "CIC 88.5 over 3 attempts asked the same 3 items" in result.output
    line = next(line for line in result.output.splitlines() if "b-choice-01" in line)
    assert line.split()[:8] == [
        "b-choice-01",
        "choice",
        "3",
        "33.3",
        "57.7",
        "50.0",
        "75.6",
        "100.0",
    ]
    assert "Self-ratings" in result.output


def test_no_attempts_is_one_line(run: Run) -> None:
    result = run("stats")
    assert (result.exit_code, result.output) == (0, "No finished attempts yet.\n")


@pytest.mark.usefixtures("three_attempts")
def test_a_skill_with_no_attempts_is_one_line(run: Run) -> None:
    result = run("stats", "--skill", "research", "--format", "json")
    assert (result.exit_code, result.output) == (0, "No finished attempts on research.\n")


@pytest.mark.parametrize("date", ["01/02/2026", "yesterday", "2026-13-01"])
def test_a_date_that_is_not_iso_is_bad_usage(run: Run, date: str) -> None:
    result = run("stats", "--since", date)
    assert result.exit_code == 2
    assert "is not an ISO date" in result.output


@pytest.mark.parametrize("columns", ["80", "100"])
def test_every_flag_reads_whole_in_the_table(bank_dir: Path, columns: str) -> None:
    """b-num-01 is right only for the learner who gets everything else wrong: it carries
    the longest flags there are."""
    banks = load_banks([bank_dir])
    against = {**WORST, "b-num-01": 60}
    with Store.open() as store:
        for name, answers in (("Ada", {**BEST, "b-num-01": 5}), ("Alan", against)):
            record(store, banks, answers, name=name)
        record(store, banks, {**BEST, "b-num-01": 5}, name="Grace")
    result = CliRunner(env={"COLUMNS": columns}).invoke(cli, ["stats"])
    assert result.exit_code == 0, result.output
    assert "…" not in result.output
    row = result.output.split("b-num-01", 1)[1].split("b-order-01", 1)[0]
    assert " ".join(row.split()[7:]) == "dubious, needs checking, too few attempts"
    assert all(len(line) <= int(columns) for line in result.output.splitlines())


@pytest.mark.usefixtures("three_attempts")
def test_a_narrow_terminal_gets_one_sentence_an_item() -> None:
    result = CliRunner(env={"COLUMNS": "60"}).invoke(cli, ["stats"])
    assert result.exit_code == 0, result.output
    text = " ".join(result.output.split())
    assert (
        "b-choice-01 (choice), n 3: facility 33.3, SD 57.7, guess 50.0, discrimination 75.6, "
        "efficiency 100.0; too few attempts"
    ) in text
    assert "…" not in result.output


def test_consistency_says_why_it_cannot_be_computed(run: Run, bank_dir: Path) -> None:
    banks = load_banks([bank_dir])
    with Store.open() as store:
        for name in ("Ada", "Alan", "Grace"):
            record(store, banks, BEST, name=name)
    result = run("stats", "--skill", "beta")
    assert result.exit_code == 0, result.output
    assert "CIC -: the 3 attempts asked the same 3 items all scored the same\n" in result.output
    with Store.open() as store:
        store.delete(1)
    result = run("stats", "--skill", "beta")
    assert "CIC -: no three attempts were asked the same items (full-length attempts are; " in (
        result.output
    )


def test_another_database_has_its_attempts_graded_before_the_figures(
    run: Run, bank_dir: Path, tmp_path: Path
) -> None:
    """--database names a class's database: its attempts kept without credits are graded
    there first, exactly as those in the home are."""
    banks = load_banks([bank_dir])
    other = str(tmp_path / "class.sqlite3")
    for url in (None, other):
        with Store.open(url=url) as store:
            for answers, name in ((BEST, "Ada"), (MIDDLE, "Alan"), (WORST, "Grace")):
                record(store, banks, answers, name=name)
    home = run("stats", "--format", "json")
    elsewhere = run("stats", "--database", other, "--format", "json")
    assert elsewhere.exit_code == 0, elsewhere.output
    assert elsewhere.output == home.output
    assert [s["attempts"] for s in json.loads(elsewhere.output)["skills"]] == [3]


@pytest.mark.usefixtures("three_attempts")
def test_a_database_that_cannot_be_written_gives_the_figures_already_kept(
    run: Run,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    first = run("stats", "--format", "json")

    def refuse(path: Path) -> Store:
        raise RuntimeFailure(f"cannot use the attempts database {path}: readonly database")

    monkeypatch.setattr(Store, "_open_sqlite", staticmethod(refuse))
    again = run("stats", "--format", "json")
    assert again.exit_code == 0, again.output
    assert again.output == first.output


@pytest.mark.usefixtures("three_attempts")
def test_attempts_whose_credits_cannot_be_read_are_left_out_and_said_so(run: Run) -> None:
    assert run("stats").exit_code == 0  # grades the attempts: their credits are stored
    with Store.open() as store:
        store._db.execute(
            "UPDATE graded_skills SET marks = 'b-choice-01:zero' WHERE attempt_id = 1"
        )
    result = CliRunner().invoke(cli, ["stats", "--format", "json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["skills"][0]["attempts"] == 2
    assert result.stderr == (
        "Left out: 1 attempt(s) whose stored credits cannot be read on a skill (the other "
        "skills of those attempts still count).\n"
    )

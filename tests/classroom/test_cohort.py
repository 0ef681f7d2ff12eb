"""``skillquiz cohort``: a class's results, learners counted once and named only on request."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from class_fixtures import record
from runner import Run

from questions import (
    ChoiceItem,
    Item,
    LikertItem,
    MultiItem,
    NumericItem,
    OrderItem,
    load_banks,
)
from questions.answers import keyed_answer
from quiz.storage import Store
from scoring.models import Answer

pytestmark = pytest.mark.cli_runner(columns=120)

SKILLS = ("critical_thinking", "data_analysis", "attention_to_detail", "empathy", "research")


def all_right() -> dict[str, Answer]:
    items = load_banks().items.values()
    return {i.id: 3 if isinstance(i, LikertItem) else keyed_answer(i) for i in items}


def wrong(item: Item) -> Answer:
    """An answer that earns no credit (a skip where the type has no simple wrong answer)."""
    if isinstance(item, ChoiceItem):
        return next((o.text for o in item.options if o.credit == 0), None)
    if isinstance(item, MultiItem):
        return [next(o.text for o in item.options if not o.correct)]
    if isinstance(item, NumericItem):
        return item.answer + item.tolerance + 1000
    if isinstance(item, OrderItem):
        return list(reversed(item.items))
    return None


def nothing_shown() -> dict[str, Answer]:
    """Every self-rating at the top, every practical question answered wrong."""
    return {i.id: 5 if isinstance(i, LikertItem) else wrong(i) for i in load_banks().items.values()}


@pytest.fixture
def class_of_two() -> None:
    """Ada first shows nothing, then everything; Alan shows nothing but rates himself high."""
    banks = load_banks()
    with Store.open() as store:
        record(store, banks, nothing_shown(), name="Ada", skills=SKILLS)
        record(store, banks, nothing_shown(), name="Alan", skills=SKILLS)
        record(store, banks, all_right(), name=" ada ", skills=SKILLS)


@pytest.mark.usefixtures("class_of_two")
def test_each_learner_counts_once_by_their_latest_attempt(run: Run) -> None:
    data = json.loads(run("cohort", "--format", "json").output)
    assert (data["learners"], data["attempts"]) == (2, 2)
    # Each skill's figures are those of the two latest attempts' own reports.
    reports = [json.loads(run("report", str(n), "--format", "json").output) for n in (2, 3)]
    for skill in data["skills"]:
        results = [next(s for s in r["skills"] if s["skill"] == skill["skill"]) for r in reports]
        bands = [0] * 7  # learners per whole level of the 0-7 scale
        for result in results:
            bands[min(6, int(result["level"]))] += 1
        assert [band["learners"] for band in skill["distribution"]] == bands
        assert [(band["from"], band["to"]) for band in skill["distribution"]] == [
            (n, n + 1) for n in range(7)
        ]
        named = [result["band"] for result in results]
        assert [(level["level"], level["learners"]) for level in skill["levels"]] == [
            (name, named.count(name))
            for name in ("Developing", "Foundational", "Proficient", "Advanced")
        ]
        # Above, within or below the level's 90% interval, the self-rating read as a level.
        sides = [
            (r["self_rated"] > r["interval"][1]) - (r["self_rated"] < r["interval"][0])
            for r in results
        ]
        assert skill["calibration"] == {
            "over_rate": sides.count(1),
            "in_line": sides.count(0),
            "under_rate": sides.count(-1),
            "not_compared": 0,
        }
    research = next(s for s in data["skills"] if s["skill"] == "research")
    assert research["calibration"]["under_rate"] == 1  # Ada shows more than she claims
    production = next(r for r in data["roles"] if r["role"] == "production_technician")
    assert production == {
        "role": "production_technician",
        "name": "Production Technician",
        "ready": 1,
        "assessed": 2,
        "share_ready": 50.0,
        "most_often_blocking": {
            "skill": "attention_to_detail",
            "name": "Attention to detail",
            "learners": 1,
        },
    }
    assert "learner_list" not in data


@pytest.mark.usefixtures("class_of_two")
def test_all_attempts_counts_every_finished_attempt(run: Run) -> None:
    data = json.loads(run("cohort", "--format", "json", "--all-attempts").output)
    assert (data["learners"], data["attempts"]) == (2, 3)


@pytest.mark.usefixtures("class_of_two")
def test_learners_are_named_only_with_names(run: Run) -> None:
    counted = run("cohort")
    assert counted.exit_code == 0, counted.output
    assert "Ada" not in counted.output and "Alan" not in counted.output
    assert counted.output.startswith("# Class results: 2 learners\n")
    named = run("cohort", "--names")
    assert "| Alan |" in named.output and "| ada |" in named.output


@pytest.mark.usefixtures("class_of_two")
def test_items_everyone_missed_are_flagged(run: Run) -> None:
    data = json.loads(run("cohort", "--format", "json", "--name", "alan").output)
    assert data["learners"] == 1
    assert data["items_with_too_few_attempts"] == len(data["flagged_items"]) > 0
    assert {tuple(item["flags"]) for item in data["flagged_items"]} == {
        ("too hard", "too few attempts")
    }


def test_the_html_page_is_self_contained_and_escapes_names(run: Run, tmp_path: Path) -> None:
    with Store.open() as store:
        record(store, load_banks(), all_right(), name="<b>Eve</b>", skills=("research",))
    page = tmp_path / "class.html"
    result = run("cohort", "-o", str(page), "--names")
    assert result.exit_code == 0, result.output
    html = page.read_text(encoding="utf-8")
    assert "<svg" in html and "<script" not in html
    assert re.search(r"(src|href)=", html) is None  # nothing fetched
    assert "&lt;b&gt;Eve&lt;/b&gt;" in html and "<b>Eve" not in html


def test_html_needs_a_file(run: Run) -> None:
    result = run("cohort", "--format", "html")
    assert result.exit_code == 2
    assert "give -o PATH" in result.output


def test_no_attempts_is_one_line(run: Run) -> None:
    result = run("cohort", "--since", "2026-01-01")
    assert (result.exit_code, result.output) == (
        0,
        "No finished attempts to report on (since 2026-01-01).\n",
    )


def test_a_date_that_is_not_iso_is_bad_usage(run: Run) -> None:
    assert run("cohort", "--since", "1st of May").exit_code == 2


def test_a_name_a_spreadsheet_would_run_is_written_as_text_in_the_csv(run: Run) -> None:
    with Store.open() as store:
        record(store, load_banks(), all_right(), name="=HYPERLINK(1)", skills=("research",))
    result = run("cohort", "--format", "csv", "--names")
    assert result.exit_code == 0, result.output
    learner_rows = [line for line in result.output.splitlines() if line.startswith("learners,")]
    (row,) = learner_rows
    assert re.fullmatch(r"learners,'=HYPERLINK\(1\),research,\d\.\d", row), row


def test_a_name_with_a_bar_stays_in_its_markdown_cell(run: Run) -> None:
    with Store.open() as store:
        record(store, load_banks(), all_right(), name="Ann | Lee", skills=("research",))
    result = run("cohort", "--names")
    assert result.exit_code == 0, result.output
    assert "| Ann \\| Lee |" in result.output


@pytest.mark.usefixtures("class_of_two")
def test_cohort_to_dev_stdout_prints_the_report(skillquiz_home: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "quiz", "cohort", "--format", "md", "-o", "/dev/stdout"],
        capture_output=True,
        text=True,
        env={**os.environ, "SKILLQUIZ_HOME": str(skillquiz_home)},
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("# Class results: 2 learners\n")
    assert done.stderr == ""


def test_years_of_experience_hold_back_who_shows_every_skill(run: Run) -> None:
    """Both show every skill; only the one with the years QA Manager asks for is ready."""
    banks = load_banks()
    with Store.open() as store:
        record(store, banks, all_right(), name="New", skills=SKILLS, experience_years=0)
        record(store, banks, all_right(), name="Seasoned", skills=SKILLS, experience_years=10)
    data = json.loads(run("cohort", "--format", "json").output)
    manager = next(r for r in data["roles"] if r["role"] == "qa_manager")
    assert manager == {
        "role": "qa_manager",
        "name": "Quality Assurance Manager",
        "ready": 1,
        "assessed": 2,
        "share_ready": 50.0,
        "most_often_blocking": {
            "skill": "experience",
            "name": "Years of experience",
            "learners": 1,
        },
    }

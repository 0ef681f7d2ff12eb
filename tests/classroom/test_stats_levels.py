"""``skillquiz stats`` beside each item's figures: its level as labelled and as the newest
calibrated parameter set found it, with a review flag a whole level or more away."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from class_fixtures import record
from parameter_set_fixtures import stored_body, stored_set
from runner import Run

from questions import load_banks
from quiz.storage import Store
from scoring.models import Answer

pytestmark = pytest.mark.cli_runner(columns=140)

ANSWERS: dict[str, Answer] = {
    "b-self-01": 4,
    "b-choice-01": "Agree",
    "b-num-01": 60,
    "b-order-01": None,
}


@pytest.fixture
def two_attempts(bank_dir: Path) -> None:
    banks = load_banks([bank_dir])
    with Store.open() as store:
        record(store, banks, ANSWERS, name="Ada")
        record(store, banks, ANSWERS | {"b-choice-01": "Disagree"}, name="Alan")


@pytest.mark.usefixtures("two_attempts")
def test_json_gives_label_and_calibrated_level_and_flags_a_level_apart(
    run: Run, bank_dir: Path
) -> None:
    stored_set(bank_dir, {"b-choice-01": 4.25, "b-num-01": 3.5}, stale="b-order-01")
    result = run("stats", "--format", "json")
    assert result.exit_code == 0, result.output
    [skill] = json.loads(result.output)["skills"]
    placed = {
        item["question_id"]: (item["label_level"], item["calibrated_level"], item["flags"])
        for item in skill["items"]
    }
    assert placed == {
        "b-choice-01": (
            3.0,
            4.25,
            [
                "too few attempts",
                "calibrated level 4.2 against label 3.0: harder than labelled, review",
            ],
        ),
        "b-num-01": (3.0, 3.5, ["too easy", "too few attempts"]),
        "b-order-01": (3.0, None, ["too hard", "too few attempts"]),
    }


@pytest.mark.usefixtures("two_attempts")
def test_the_table_shows_both_levels_once_a_set_is_stored(run: Run, bank_dir: Path) -> None:
    before = run("stats")
    assert "Calib." not in before.output
    stored_set(bank_dir, {"b-choice-01": 1.5, "b-num-01": 3.5})
    after = run("stats")
    assert after.exit_code == 0, after.output
    rows = {line.split()[0]: line.split() for line in after.output.splitlines() if line}
    assert rows["Item"][-3:] == ["Label", "Calib.", "Flags"]
    assert rows["b-num-01"][8:] == ["3.0", "3.5", "too", "easy,", "too", "few", "attempts"]
    assert rows["b-choice-01"][8:10] == ["3.0", "1.5"]
    assert "calibrated level 1.5 against label 3.0: easier than labelled, review" in " ".join(
        after.output.split()
    )
    assert "Calib.: as the newest skillquiz calibrate found it" in " ".join(after.output.split())


@pytest.mark.usefixtures("two_attempts")
def test_a_damaged_set_leaves_the_labels_alone(run: Run) -> None:
    stored_body("{broken")
    result = run("stats", "--format", "json")
    assert result.exit_code == 0, result.output
    assert (
        result.stderr
        == "Parameter set 1 cannot be read (not JSON); calibrated levels are not shown.\n"
    )
    [skill] = json.loads(result.stdout)["skills"]
    assert [(i["label_level"], i["calibrated_level"]) for i in skill["items"]] == [(3.0, None)] * 3

"""An attempt is scored with the parameter set it recorded when it started; ``show`` and
``report`` name that set, and ``--rescore`` scores with the newest instead. A set that
cannot be read, or items changed since it was made, are said in one line each."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from class_fixtures import record
from parameter_set_fixtures import stored_body, stored_set
from runner import Run

from questions import load_banks
from quiz.storage import Store
from scoring.models import Answer

pytestmark = pytest.mark.cli_runner(columns=200)

ANSWERS: dict[str, Answer] = {
    "b-self-01": 4,
    "b-choice-01": "Agree",
    "b-num-01": 60,
    "b-order-01": None,
}
LEVELS = {"b-choice-01": 5.0, "b-num-01": 4.5, "b-order-01": 4.0}
CALIBRATED = (
    "Levels use item parameters calibrated from 320 attempts (parameter set 1, 2026-03-01) "
    "for 3 of the 3 practical questions; the others use their authors' level labels."
)


def _attempt(bank_dir: Path) -> int:
    with Store.open() as store:
        return record(store, load_banks([bank_dir]), ANSWERS)


def _report(run: Run, *extra: str) -> dict[str, Any]:
    result = run("report", "1", "--format", "json", *extra)
    assert result.exit_code == 0, result.output
    data: dict[str, Any] = json.loads(result.output)
    return data


def test_an_attempt_keeps_its_own_set_until_rescore_asks(run: Run, bank_dir: Path) -> None:
    _attempt(bank_dir)
    stored_set(bank_dir, LEVELS)
    own = _report(run)
    assert own["model"] == {"name": "GPCM", "calibrated": False, "parameter_set": None}
    assert CALIBRATED not in own["warnings"]
    newest = _report(run, "--rescore")
    assert newest["model"] == {"name": "GPCM", "calibrated": True, "parameter_set": "1"}
    assert CALIBRATED in newest["warnings"]
    # Harder items answered right put the level higher than their labels did.
    assert newest["skills"][0]["level"] > own["skills"][0]["level"]
    shown = run("show", "1", "--rescore")
    assert shown.exit_code == 0, shown.output
    assert CALIBRATED in " ".join(shown.output.split())
    assert CALIBRATED not in " ".join(run("show", "1").output.split())


def test_an_attempt_started_after_a_set_is_scored_with_it(run: Run, bank_dir: Path) -> None:
    stored_set(bank_dir, LEVELS, stale="b-num-01")
    _attempt(bank_dir)
    stored_set(bank_dir, {"b-choice-01": 1.0})
    data = _report(run)
    assert data["model"]["parameter_set"] == "1"
    assert data["warnings"][-2:] == [
        CALIBRATED.replace("for 3 of", "for 2 of"),
        "1 question changed since parameter set 1 was calibrated (e.g. b-num-01); they are "
        "scored from their level labels.",
    ]
    assert _report(run, "--rescore")["model"]["parameter_set"] == "2"


def test_a_damaged_set_is_named_and_the_labels_score(run: Run, bank_dir: Path) -> None:
    stored_body('{"schema": 1, "items": "none"}')
    _attempt(bank_dir)
    data = _report(run)
    assert data["model"] == {"name": "GPCM", "calibrated": False, "parameter_set": None}
    assert data["warnings"][-1] == (
        "Parameter set 1 cannot be read (items or skills missing); levels use the questions' "
        "level labels."
    )
    assert run("show", "1").exit_code == 0

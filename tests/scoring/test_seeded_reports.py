"""Whole Assessments of seeded attempts (tests/scoring/seeded_attempts.py), held still: the
scoring path is tuned for speed, and no tuning may change what a person is told. Every
value must match tests/golden/seeded-assessments.jsonl, numbers to within 1e-12.

The file was written by the scoring code before it was tuned. To accept an intended change
of results, regenerate it and read the diff before committing it:

    SKILLQUIZ_UPDATE_GOLDEN=1 .venv/bin/python -m pytest -q tests/scoring/test_seeded_reports.py
    git diff tests/golden/
"""

from __future__ import annotations

import json
import math
import os
from functools import cache
from pathlib import Path
from typing import Any

from seeded_attempts import seeded_attempts

from questions.record import to_data
from scoring import assess, builtin_catalog

GOLDEN = Path(__file__).parent.parent / "golden" / "seeded-assessments.jsonl"
UPDATE = os.environ.get("SKILLQUIZ_UPDATE_GOLDEN") == "1"
COUNT = 10
TOLERANCE = 1e-12


@cache
def assessments() -> list[dict[str, Any]]:
    catalog = builtin_catalog()
    return [
        to_data(
            assess(
                attempt.asked,
                attempt.answers,
                catalog,
                attempt.experience,
                attempt.params,
                None if attempt.params is None else "seeded-set",
            )
        )
        for attempt in seeded_attempts(COUNT)
    ]


def differences(expected: Any, actual: Any, where: str = "") -> list[str]:
    """Where two JSON values differ: numbers by more than TOLERANCE, anything else at all
    (a bool is not a number here, and an int never equals a float)."""
    if isinstance(expected, dict) and isinstance(actual, dict):
        keys = [*expected, *(key for key in actual if key not in expected)]
        return [
            found
            for key in keys
            for found in differences(
                expected.get(key, "<absent>"), actual.get(key, "<absent>"), f"{where}.{key}"
            )
        ]
    if isinstance(expected, list) and isinstance(actual, list) and len(expected) == len(actual):
        return [
            found
            for index, (left, right) in enumerate(zip(expected, actual, strict=True))
            for found in differences(left, right, f"{where}[{index}]")
        ]
    if type(expected) is float and type(actual) is float:
        close = math.isclose(expected, actual, rel_tol=0, abs_tol=TOLERANCE)
        return [] if close else [f"{where}: {expected!r} then, {actual!r} now"]
    if type(expected) is type(actual) and expected == actual:
        return []
    return [f"{where}: {expected!r} then, {actual!r} now"]


def test_seeded_attempts_are_told_what_they_were_told_before() -> None:
    now = assessments()
    if UPDATE:
        lines = [json.dumps(assessment, ensure_ascii=False) + "\n" for assessment in now]
        GOLDEN.write_text("".join(lines), encoding="utf-8", newline="")
    before = [json.loads(line) for line in GOLDEN.read_text(encoding="utf-8").splitlines()]
    assert differences(before, now) == []


def test_the_seeded_attempts_reach_every_path_the_tuning_touched() -> None:
    """The set is only a check if it holds what a change for speed must get right:
    every type answered right, wrong, in part (all but numbers) and skipped, answers that
    do not fit, a skill not measured, calibrated parameters, every comparison of
    self-rating and level, and every requirement status."""
    now = assessments()
    types = ("likert", "choice", "multi", "numeric", "order", "text", "match")
    seen = {
        (r["type"], "skipped" if r["answer"] is None else r["credit"])
        for a in now
        for r in a["responses"]
    }
    assert {(kind, outcome) for kind in types for outcome in ("skipped", 0.0, 1.0)} <= seen
    partial = {kind for kind, credit in seen if isinstance(credit, float) and 0 < credit < 1}
    assert partial == set(types) - {"numeric"}
    statuses = {g["status"] for a in now for role in a["roles"] for g in role["gaps"]}
    assert statuses == {"met", "borderline", "to build", "not assessed"}
    assert any("counted as skipped" in w for a in now for w in a["warnings"])
    assert any(s["level"] is None for a in now for s in a["skills"])
    assert any(a["model"]["calibrated"] for a in now)
    notes = [s["calibration_note"] for a in now for s in a["skills"] if s["calibration_note"]]
    assert {note.split(":")[0].split(" (")[0] for note in notes} == {
        "Too few items to compare your self-rating with your level",
        "You rate yourself higher than you showed",
        "You showed more than you rate yourself",
        "Your self-rating is in line with what you showed",
    }
    confident = "you can be more confident in this skill."
    assert any(note.endswith(confident) for note in notes)

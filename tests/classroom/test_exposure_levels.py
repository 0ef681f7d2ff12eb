"""Calibrate's exposure chances are simulated on the class as the fit saw it: the
learners' averaged posteriors, which keep a class's shape where a normal would not."""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any

import pytest
from calibration_fixtures import fractional_class

from quiz.classroom.calibration import exposure_chances
from scoring import exposure
from scoring.calibration import calibrate
from scoring.irt import GRID


def test_the_chances_are_simulated_on_the_class_s_own_levels(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    data = fractional_class(400)
    run = calibrate({"f": list(data.items)}, data.people)
    (skill,) = run.skills
    assert len(skill.levels) == len(GRID) and math.fsum(skill.levels) == pytest.approx(1.0)
    mean = math.fsum(mass * theta for mass, theta in zip(skill.levels, GRID, strict=True))
    assert mean == pytest.approx(skill.population.mean, abs=0.1)
    seen: list[Sequence[float]] = []

    def recorded(*args: Any) -> dict[str, float]:
        seen.append(args[6])
        return {}

    monkeypatch.setattr(exposure, "eligibility", recorded)
    exposure_chances(run, {"f": list(data.items)})
    assert seen == [skill.levels]

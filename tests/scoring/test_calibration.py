"""Calibration in the GPCM (kept as the cross-check with mirt's GPCM and for comparison)
recovers item parameters from a class's answers, keeps O*NET's scale, and applies its
gates."""

from __future__ import annotations

import math
import statistics
from collections.abc import Sequence

import pytest
from calibration_fixtures import Class, simulated_class, thinned

from questions.models import ChoiceItem
from questions.record_schema import validate
from scoring.calibration import (
    CalibrationRun,
    SkillCalibration,
    calibrate,
    calibrate_skill,
    gpcm_label,
)
from scoring.calibration_gates import CalibrationGates
from scoring.item_level import level_of
from scoring.response_models import ItemParams, params_from_label

PRIOR_BELOW, DATA_FROM = CalibrationGates().prior_below, CalibrationGates().data_from


@pytest.fixture(scope="module")
def fitted() -> tuple[Class, SkillCalibration]:
    data = simulated_class(1000)
    return data, calibrate_skill("x", data.items, data.people)


def _correlation(xs: Sequence[float], ys: Sequence[float]) -> float:
    return statistics.correlation(list(xs), list(ys))


def test_levels_and_slopes_are_recovered(fitted: tuple[Class, SkillCalibration]) -> None:
    data, result = fitted
    items = {item.id: item for item in data.items}
    truth = [level_of(items[c.item_id], data.truth[c.item_id]) for c in result.items]
    mine = [level_of(items[c.item_id], c.params) for c in result.items]
    labels = [level_of(items[c.item_id], params_from_label(items[c.item_id])) for c in result.items]
    # Seed 20: levels r = 0.997 against the labels' 0.919; slopes r = 0.936; MAE 0.09.
    assert _correlation(truth, mine) >= 0.97
    assert _correlation(truth, mine) > _correlation(truth, labels) + 0.05
    slopes = [(data.truth[c.item_id].slope, c.params.slope) for c in result.items]
    assert _correlation(*zip(*slopes, strict=True)) >= 0.85
    assert statistics.fmean(abs(a - b) for a, b in zip(truth, mine, strict=True)) <= 0.2


def test_the_scale_stays_the_labels(fitted: tuple[Class, SkillCalibration]) -> None:
    """Levels regress on their labels with slope 1 and intercept 0 (the scale's anchor),
    and the class comes out where it was drawn (mean 3.5, SD 1.2)."""
    data, result = fitted
    items = {item.id: item for item in data.items}
    mine = [level_of(items[c.item_id], c.params) for c in result.items]
    labels = [float(getattr(items[c.item_id], "level", 0) or 0) for c in result.items]
    line = statistics.linear_regression(labels, mine)
    assert line.slope == pytest.approx(1.0, abs=1e-3)
    assert line.intercept == pytest.approx(0.0, abs=5e-3)
    assert result.population.mean == pytest.approx(3.5, abs=0.25)
    assert result.population.sd == pytest.approx(1.2, abs=0.25)


def test_every_item_with_300_answers_is_led_by_the_data(
    fitted: tuple[Class, SkillCalibration],
) -> None:
    _, result = fitted
    assert result.converged and result.people == 1000
    for item in result.items:
        assert item.answers >= DATA_FROM
        assert (item.gate, item.weight, item.params.source) == ("data", 1.0, "calibrated")
        assert 0 < item.params.label_sd < 0.6  # the location's standard error, not the label's


def test_gates_follow_the_number_of_answers() -> None:
    data = simulated_class(1000)
    people = thinned(data.people, {"x-00": PRIOR_BELOW - 1, "x-03": 200, "x-06": DATA_FROM})
    result = {c.item_id: c for c in calibrate_skill("x", data.items, people).items}
    prior, shrunk, led = result["x-00"], result["x-03"], result["x-06"]
    assert (prior.answers, prior.gate, prior.weight) == (PRIOR_BELOW - 1, "prior", 0.0)
    assert prior.params == params_from_label(data.items[0])
    assert (shrunk.answers, shrunk.gate, shrunk.weight) == (200, "shrunk", 0.5)
    assert (led.answers, led.gate, led.weight) == (DATA_FROM, "data", 1.0)
    # Shrunk: halfway between the label's parameters and what the data alone would give.
    early = CalibrationGates(data_from=150)
    alone = {c.item_id: c for c in calibrate_skill("x", data.items, people, early).items}["x-03"]
    label = gpcm_label(data.items[3])
    assert alone.gate == "data"
    assert shrunk.params.slope == pytest.approx(math.sqrt(label.slope * alone.params.slope))
    assert isinstance(shrunk.params, ItemParams) and isinstance(alone.params, ItemParams)
    for mixed, start, end in zip(shrunk.params.steps, label.steps, alone.params.steps, strict=True):
        assert mixed == pytest.approx((start + end) / 2)


def test_a_skill_nobody_answered_keeps_every_label() -> None:
    data = simulated_class(300)
    other = [
        validate(
            ChoiceItem,
            {
                "id": "y-01",
                "type": "choice",
                "text": "Q.",
                "level": 3.0,
                "options": [{"text": "A", "credit": 1}, {"text": "B", "credit": 0}],
            },
        )
    ]
    run = calibrate({"x": data.items, "y": other}, data.people, model="gpcm")
    assert isinstance(run, CalibrationRun) and run.attempts == 300
    untouched = run.skills[1]
    assert (untouched.skill, untouched.people, untouched.iterations) == ("y", 0, 0)
    assert [(c.item_id, c.answers, c.gate) for c in untouched.items] == [("y-01", 0, "prior")]
    assert run.params()["y-01"] == params_from_label(other[0])
    assert calibrate({"x": data.items}, [], model="gpcm").skills[0].items[0].gate == "prior"


def test_a_rare_category_is_merged_and_said() -> None:
    """Half credit chosen fewer than 10 times: the item keeps two categories, noted."""
    data = simulated_class(1000)
    people = [
        {
            key: (0.0 if key == "x-01" and credit == 0.5 and index >= 5 else credit)
            for key, credit in credits.items()
        }
        for index, credits in enumerate(data.people)
    ]
    result = {c.item_id: c for c in calibrate_skill("x", data.items, people).items}["x-01"]
    assert isinstance(result.params, ItemParams)
    assert result.params.floors == (0.0, 1.0)
    assert result.note == "categories merged to 2 (fewer than 10 answers in some)"
    assert result.gate == "data"


def test_the_same_answers_give_the_same_parameters() -> None:
    data = simulated_class(400)
    first = calibrate_skill("x", data.items, data.people)
    assert calibrate_skill("x", data.items, data.people) == first

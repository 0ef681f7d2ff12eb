"""The GPCM calibration's priors, scale link and standard errors, on classes small enough
that the priors show: what a trainer reads back is each item's fitted slope, location,
level and standard error, and the class's level."""

from __future__ import annotations

import math
import random
from collections.abc import Sequence

import pytest

from questions.models import ChoiceItem, Item, NumericItem
from questions.record_schema import validate
from scoring import calibration_em as em
from scoring.calibration import SLOPE_LOG_SD, STEP_SD, SkillCalibration, calibrate_skill, gpcm_label
from scoring.calibration_gates import CalibrationGates
from scoring.irt import GRID, Prior
from scoring.item_level import label_level, level_of
from scoring.numeric import np
from scoring.response_models import GPCM_SLOPE, ItemParams, category_probabilities

# The data lead from the first answer and no category is merged unless nobody chose it,
# so a handful of answers shows the posterior mode itself.
EVERY_ANSWER = CalibrationGates(prior_below=1, data_from=1, min_category_answers=1)

People = list[dict[str, float | None]]


def _numeric(name: str, level: float) -> Item:
    return validate(
        NumericItem,
        {"id": name, "text": "How many?", "level": level, "type": "numeric", "answer": 10},
    )


def _half_credit(name: str, level: float) -> Item:
    options = [
        {"text": "Right", "credit": 1},
        {"text": "Half", "credit": 0.5},
        {"text": "Wrong", "credit": 0},
    ]
    return validate(
        ChoiceItem,
        {"id": name, "text": "Which?", "level": level, "type": "choice", "options": options},
    )


def _class(items: Sequence[Item], people: int, steeper: float = 1.0, harder: float = 0.0) -> People:
    """Learners (levels N(3.5, 1.2), seeded) answering every item by the GPCM with the
    labels' parameters, slopes times ``steeper`` and steps moved by ``harder``."""
    rng = random.Random(1)
    answers: People = []
    for _ in range(people):
        theta = rng.gauss(3.5, 1.2)
        credits: dict[str, float | None] = {}
        for item in items:
            label = gpcm_label(item)
            steps = tuple(step + harder for step in label.steps)
            weights = category_probabilities(label.slope * steeper, steps, theta)
            credits[item.id] = label.floors[rng.choices(range(len(weights)), weights)[0]]
        answers.append(credits)
    return answers


def _fitted(
    items: Sequence[Item], people: People
) -> tuple[SkillCalibration, dict[str, ItemParams]]:
    result = calibrate_skill("x", items, people, EVERY_ANSWER)
    params = {c.item_id: c.params for c in result.items}
    assert all(isinstance(p, ItemParams) for p in params.values())
    return result, {key: p for key, p in params.items() if isinstance(p, ItemParams)}


def test_ten_answers_leave_slopes_near_the_prior() -> None:
    """Items four times steeper than their labels: 300 answers find slopes of 2.8-3.6;
    ten answers move them only part of the way up from the prior's centre (1.2)."""
    items = [_numeric(f"n{i}", level) for i, level in enumerate((2.5, 3.5, 4.5))]
    _, params = _fitted(items, _class(items, 10, steeper=4.0))
    slopes = [params[item.id].slope for item in items]
    assert slopes == pytest.approx([1.4245, 1.4829, 1.4299], abs=5e-4)


def test_the_slope_prior_falls_half_a_unit_one_sd_either_side_of_its_centre() -> None:
    """With no answers the objective is the log prior alone: at log slope = log 1.2 +/- one
    SD (0.4) it is exactly 1/2 below its value at the centre."""
    priors = em.Priors(
        log_slope=np.asarray([math.log(GPCM_SLOPE)]),
        slope_sd=SLOPE_LOG_SD,
        steps=np.asarray([[3.0]]),
        precision=np.asarray([[[1.0]]]),
        valid=np.asarray([[True, True]]),
        shape=np.asarray([[[0.0]]]),
        label_precision=np.asarray([1.0]),
        labels=np.asarray([3.0]),
        spacing=np.asarray([[0.0]]),
        credits=np.asarray([[0.0, 1.0]]),
        targets=np.asarray([0.5]),
    )
    no_answers = np.zeros((1, len(GRID), 2))
    placed = np.asarray([True])

    def drop(by: float) -> float:
        centre = np.asarray([[math.log(GPCM_SLOPE), 3.0]])
        moved = centre + np.asarray([[by, 0.0]])
        before = em.objective(centre, no_answers, priors, placed)
        return float((before - em.objective(moved, no_answers, priors, placed))[0])

    assert [drop(-SLOPE_LOG_SD), drop(SLOPE_LOG_SD), drop(0.0)] == pytest.approx([0.5, 0.5, 0.0])


def test_an_item_whose_level_cannot_be_placed_stays_near_its_label() -> None:
    """Nobody earned full credit on the half-credit item, so its top category is merged
    away and no level gives it the halfway credit: its location keeps its prior
    (the label's location, SD 0.75) and eleven half-credit answers of twelve move it
    only so far."""
    items = [_half_credit("c", 3.5), _numeric("n1", 2.5), _numeric("n2", 4.5)]
    people = _class(items[1:], 12)
    rng = random.Random(3)
    for credits in people:
        credits["c"] = 0.5 if rng.random() < 0.9 else 0.0
    result, params = _fitted(items, people)
    label = gpcm_label(items[0])
    assert (label.location, label.label_sd) == pytest.approx((2.622, 0.75), abs=1e-3)
    assert params["c"].floors == (0.0, 0.5)
    assert params["c"].location == pytest.approx(1.796, abs=1e-3)
    assert result.converged and result.iterations == 19


def test_two_placed_items_are_enough_to_link_the_scale() -> None:
    """With two items the line through their levels is exact: linked, each item's level
    is its label, and the class is moved with them."""
    items = [_numeric("n1", 2.5), _numeric("n2", 4.5)]
    result, params = _fitted(items, _class(items, 40, harder=0.5))
    levels = [level_of(item, params[item.id]) for item in items]
    assert levels == pytest.approx([label_level(item) for item in items], abs=1e-6)
    assert levels == pytest.approx([2.5, 4.5], abs=1e-6)
    assert (result.population.mean, result.population.sd) == pytest.approx(
        (2.9632, 0.6632), abs=5e-4
    )


def _log_likelihood(params: Sequence[ItemParams], row: Sequence[int], population: Prior) -> float:
    """One learner's marginal log-likelihood over the grid (categories ``row``, -1 where
    not answered), computed directly from the GPCM."""
    total = 0.0
    weights = [math.exp(-0.5 * ((theta - population.mean) / population.sd) ** 2) for theta in GRID]
    for theta, weight in zip(GRID, weights, strict=True):
        for item, category in zip(params, row, strict=True):
            if category >= 0:
                weight *= category_probabilities(item.slope, item.steps, theta)[category]
        total += weight
    return math.log(total / math.fsum(weights))


def _moved(params: ItemParams, index: int, by: float) -> ItemParams:
    phi = [math.log(params.slope), *params.steps]
    phi[index] += by
    return ItemParams(math.exp(phi[0]), tuple(phi[1:]), params.floors, 0.0, "calibrated")


def _location_se(
    params: list[ItemParams], rows: list[list[int]], population: Prior, label: ItemParams
) -> float:
    """The first item's location SE the long way: each learner's score (the gradient of
    their marginal log-likelihood in log slope and steps, by central differences), their
    cross-products summed, plus the prior's precision, inverted and read along the mean of
    the steps."""
    h, size = 1e-5, 1 + len(params[0].steps)
    information = np.zeros((size, size))
    for row in rows:
        score = np.zeros(size)
        for p in range(size):
            up = [_moved(params[0], p, h), *params[1:]]
            down = [_moved(params[0], p, -h), *params[1:]]
            score[p] = (
                _log_likelihood(up, row, population) - _log_likelihood(down, row, population)
            ) / (2 * h)
        information += np.outer(score, score)
    m = size - 1
    ones = np.full((m, m), 1.0 / m)
    information[0, 0] += 1 / SLOPE_LOG_SD**2
    information[1:, 1:] += ones / (m * label.label_sd**2) + (np.eye(m) - ones) / STEP_SD**2
    weights = np.concatenate(([0.0], np.full(m, 1.0 / m)))
    return math.sqrt(float(weights @ np.linalg.inv(information) @ weights))


def test_a_partial_credit_items_standard_error_counts_every_category() -> None:
    """The half-credit item's SE (its ``label_sd`` once calibrated) is the one its
    learners' scores give, learners in every category of the three counted."""
    items = [_half_credit("c", 3.5), _numeric("n1", 3.0), _numeric("n2", 4.0)]
    people = _class(items, 40)
    result, params = _fitted(items, people)
    fitted = [params[item.id] for item in items]
    rows = [
        [fitted[j].category(float(credits[item.id] or 0)) for j, item in enumerate(items)]
        for credits in people
    ]
    assert sorted({row[0] for row in rows}) == [0, 1, 2]
    expected = _location_se(fitted, rows, result.population, gpcm_label(items[0]))
    assert params["c"].label_sd == pytest.approx(expected, rel=1e-4)
    assert params["c"].label_sd == pytest.approx(0.4228, abs=5e-4)

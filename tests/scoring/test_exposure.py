"""Exposure control: the chances found by simulation keep every item out of more than
the target share of simulated quizzes, the same chances every time."""

from __future__ import annotations

from dataclasses import replace
from statistics import NormalDist

import pytest
from calibration_fixtures import fractional_class

from questions.models import Item
from scoring.adaptive import rules_for
from scoring.calibration_fractional import calibrate_skill
from scoring.exposure import TARGET, eligibility, simulate, theta_points
from scoring.irt import GRID, Prior
from scoring.response_models import AnyParams

CUTS = (3.0, 3.9)
CLASS = Prior(3.5, 1.2)


Bank = tuple[list[Item], dict[str, AnyParams]]


@pytest.fixture(scope="module")
def bank() -> Bank:
    data = fractional_class(600)
    result = calibrate_skill("f", data.items, data.people)
    return list(data.items), {c.item_id: c.params for c in result.items}


def test_the_chances_bring_the_most_used_item_down_to_the_aim(bank: Bank) -> None:
    """On 1,000 quizzes the chances were not fitted on, the most-used item is asked
    within 3.5 points of the aim: held items are neither cut far under it on one pass's
    noise nor left over it."""
    items, params = bank
    rules = rules_for(items, params)
    before = simulate(items, params, CUTS, rules, CLASS, "f")
    chances = eligibility(items, params, CUTS, rules, CLASS, "f")
    fresh = replace(rules, eligibility=chances)
    after = simulate(items, params, CUTS, fresh, CLASS, "f", 1000, draw=99)
    assert max(before.values()) > TARGET + 0.1
    assert abs(max(after.values()) - TARGET) <= 0.035
    assert sorted(chances) == sorted(item.id for item in items)
    assert min(chances.values()) < 1.0 <= max(chances.values())
    # Only the items asked too often are held back.
    held = {item_id for item_id, chance in chances.items() if chance < 1.0}
    assert held and len(held) < len(items) / 2
    assert eligibility(items, params, CUTS, rules, CLASS, "f") == chances


def test_the_simulated_class_follows_its_own_levels_when_known() -> None:
    """Quantiles of the class's averaged posteriors (mass per grid cell), not of a normal
    with its mean and SD: a class in two groups, at 2.0-2.1 and 5.0-5.1, is simulated as
    half in each; without the levels, as the normal."""
    levels = [0.0] * len(GRID)
    levels[20] = levels[50] = 1.0  # the cells 2.0-2.1 and 5.0-5.1
    points = theta_points(CLASS, 10, levels)
    low = [2.01, 2.03, 2.05, 2.07, 2.09]
    assert [round(p, 2) for p in points] == [*low, *(round(level + 3, 2) for level in low)]
    normal = theta_points(CLASS, 10)
    assert normal[0] == pytest.approx(3.5 + 1.2 * NormalDist().inv_cdf(0.05))
    assert theta_points(CLASS, 10, [0.0] * len(GRID)) == normal


def test_where_the_class_stands_decides_which_items_are_held_back(bank: Bank) -> None:
    """The same bank simulated on a class of beginners and on one of experts: the item
    most used by each sits nearer that class's level."""
    items, params = bank
    rules = rules_for(items, params)
    low, high = [0.0] * len(GRID), [0.0] * len(GRID)
    low[15], high[55] = 1.0, 1.0  # 1.5-1.6 and 5.5-5.6
    used = {}
    for name, levels in (("low", low), ("high", high)):
        shares = simulate(items, params, (), rules, CLASS, "f", 60, levels)
        top = max(shares, key=lambda item_id: (shares[item_id], item_id))
        used[name] = params[top].location
    assert used["low"] < 3.0 < used["high"]

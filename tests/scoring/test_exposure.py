"""Exposure control: the chances found by simulation keep every item out of more than
the target share of simulated quizzes, the same chances every time."""

from __future__ import annotations

from dataclasses import replace

import pytest
from calibration_fixtures import fractional_class

from questions.models import Item
from scoring import exposure
from scoring.adaptive import rules_for
from scoring.calibration_fractional import calibrate_skill
from scoring.exposure import TARGET, TOLERANCE, eligibility, simulate
from scoring.irt import Prior
from scoring.response_models import AnyParams

CUTS = (3.0, 3.9)
CLASS = Prior(3.5, 1.2)


Bank = tuple[list[Item], dict[str, AnyParams]]


@pytest.fixture(scope="module")
def bank() -> Bank:
    data = fractional_class(600)
    result = calibrate_skill("f", data.items, data.people)
    return list(data.items), {c.item_id: c.params for c in result.items}


def test_the_chances_bring_the_most_used_item_down(
    bank: Bank, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(exposure, "SIMULATED", 120)
    items, params = bank
    rules = rules_for(items, params)
    before = simulate(items, params, CUTS, rules, CLASS, "f")
    chances = eligibility(items, params, CUTS, rules, CLASS, "f")
    after = simulate(items, params, CUTS, replace(rules, eligibility=chances), CLASS, "f")
    assert max(before.values()) > TARGET + 0.1
    assert max(after.values()) <= TARGET + TOLERANCE + 0.05
    assert sorted(chances) == sorted(item.id for item in items)
    assert min(chances.values()) < 1.0 <= max(chances.values())
    # Only the items asked too often are held back.
    held = {item_id for item_id, chance in chances.items() if chance < 1.0}
    assert held and len(held) < len(items) / 2
    assert eligibility(items, params, CUTS, rules, CLASS, "f") == chances

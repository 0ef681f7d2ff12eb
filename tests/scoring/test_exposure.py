"""Exposure control: the chances found by simulation keep every item out of more than
the target share of simulated quizzes, the same chances every time."""

from __future__ import annotations

import math
import random
from collections import Counter
from collections.abc import Mapping, Sequence
from statistics import NormalDist, fmean, pvariance

import pytest
from calibration_fixtures import fractional_class

from questions.models import ChoiceItem, Item, LikertItem
from questions.record import replace
from questions.record_schema import validate
from scoring import exposure
from scoring.adaptive import Rules, params_of, rules_for
from scoring.calibration_fractional import calibrate_skill
from scoring.exposure import TARGET, draw_credit, eligibility, simulate, theta_points
from scoring.irt import GRID, PRIOR, Prior
from scoring.response_models import (
    AnyParams,
    FractionalParams,
    ItemParams,
    category_probabilities,
)

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


def test_the_simulated_class_stays_on_the_grid() -> None:
    """300 quizzes of a normal class reach past the scale's ends (3.5 -/+ 2.9 SD): those
    learners are simulated at the grid's first and last levels, the rest where they fall."""
    points = theta_points(CLASS, 300)
    assert (points[0], points[-1]) == (GRID[0], GRID[-1]) == (0.05, 6.95)
    assert GRID[0] < points[1] < points[-2] < GRID[-1]


@pytest.mark.parametrize("dispersion", [1.0, 0.5, 0.25])
def test_a_simulated_answer_has_the_model_s_mean_and_spread(dispersion: float) -> None:
    """A simulated learner's credit has the expected credit P as its mean and the item's
    dispersion x P (1 - P) as its variance: right or wrong alone at dispersion 1."""
    params = FractionalParams(1.3, 3.0, 0.25, 0.0, "calibrated", dispersion)
    expected = params.expected(3.4)
    rng = random.Random(5)
    credits = [draw_credit(params, 3.4, rng) for _ in range(4000)]
    assert fmean(credits) == pytest.approx(expected, abs=0.02)
    assert pvariance(credits) == pytest.approx(dispersion * expected * (1 - expected), rel=0.1)
    assert (set(credits) == {0.0, 1.0}) is (dispersion == 1.0)
    assert 0.0 <= min(credits) <= max(credits) <= 1.0


def test_a_certain_answer_is_simulated_as_certain_whatever_the_dispersion() -> None:
    """An item so steep that a learner well above it is sure to be right (P exactly 1)
    and one well below sure to be wrong (P exactly 0): full credit and none, every time."""
    steep = FractionalParams(250.0, 3.5, 0.0, 0.0, "calibrated", 0.5)
    assert (steep.expected(GRID[-1]), steep.expected(GRID[0])) == (1.0, 0.0)
    rng = random.Random(5)
    assert {draw_credit(steep, GRID[-1], rng) for _ in range(50)} == {1.0}
    assert {draw_credit(steep, GRID[0], rng) for _ in range(50)} == {0.0}


def test_a_partial_credit_item_s_simulated_credits_follow_its_category_chances() -> None:
    """A GPCM item: each category's lowest credit, as often as the model gives it."""
    params = ItemParams(1.1, (2.5, 3.5, 4.0), (0.0, 0.4, 0.7, 1.0), 0.0, "calibrated")
    rng = random.Random(6)
    counts = Counter(draw_credit(params, 3.2, rng) for _ in range(4000))
    chances = category_probabilities(1.1, (2.5, 3.5, 4.0), 3.2)
    assert sorted(counts) == [0.0, 0.4, 0.7, 1.0]
    for floor, chance in zip(params.floors, chances, strict=True):
        assert counts[floor] / 4000 == pytest.approx(chance, abs=0.02)


def test_seven_simulated_quizzes_stopping_at_four_give_shares_in_sevenths(bank: Bank) -> None:
    """Seven quizzes of a requirement every learner clears from the first answers (level
    0.5): each stops at the least, 4 questions, so each item's share is in sevenths and
    the shares add up to 4."""
    items, params = bank
    shares = simulate(items, params, (0.5,), rules_for(items, params), CLASS, "f", 7)
    assert sum(shares.values()) == pytest.approx(4.0)
    assert all(math.isclose(share * 7, round(share * 7)) for share in shares.values())


def test_each_simulated_quiz_draws_its_own_closed_items(bank: Bank) -> None:
    """The item the calibrated parameters put nearest the prior's middle opens every quiz
    when the best item is always asked; open to half the quizzes, it opens about half,
    and another set of quizzes (another pass of the fit) closes it to others."""
    items, params = bank
    first = min(items, key=lambda item: abs(params_of(item, params).location - PRIOR.mean))
    best = Rules(target_sd=None, best_of=1, max_items=4)
    assert simulate(items, params, (), best, CLASS, "f", 40)[first.id] == 1.0
    half = replace(best, eligibility={first.id: 0.5})
    shares = [simulate(items, params, (), half, CLASS, "f", 40, draw=d)[first.id] for d in (1, 2)]
    assert all(0.3 <= share <= 0.7 for share in shares) and shares[0] != shares[1]


def _choice(item_id: str) -> Item:
    options = [{"text": "Right", "credit": 1}, {"text": "Wrong", "credit": 0}]
    return validate(
        ChoiceItem,
        {"id": item_id, "type": "choice", "text": "A question.", "level": 3.0, "options": options},
    )


SELF = validate(LikertItem, {"id": "rate", "type": "likert", "text": "I am good at it."})
SCRIPTED = [_choice(item_id) for item_id in "ABCD"]
LEVELS = [1.0 / len(GRID)] * len(GRID)


def _scripted(monkeypatch: pytest.MonkeyPatch, passes: Sequence[Mapping[str, float]]) -> list[int]:
    """Make each pass of the fit see the shares scripted for it (the last one for the
    passes after); returns the draw (set of quizzes) each pass simulated."""
    draws: list[int] = []

    def shares(
        items: Sequence[Item],
        params: Mapping[str, AnyParams],
        cuts: Sequence[float],
        rules: Rules,
        population: Prior,
        label: str,
        count: int | None = None,
        levels: Sequence[float] = (),
        draw: int = 0,
    ) -> dict[str, float]:
        assert (items, params, cuts, population, label, levels) == (
            [SELF, *SCRIPTED],
            {},
            CUTS,
            CLASS,
            "s",
            LEVELS,
        )
        assert rules.eligibility is not None and sorted(rules.eligibility) == list("ABCD")
        draws.append(draw)
        return dict(passes[min(draw, len(passes) - 1)])

    monkeypatch.setattr(exposure, "simulate", shares)
    return draws


def _fit() -> dict[str, float]:
    return eligibility([SELF, *SCRIPTED], {}, CUTS, Rules(), CLASS, "s", LEVELS)


def test_an_item_over_the_aim_is_cut_by_damped_steps_and_restored_under_it(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A asked in 78% of quizzes on every pass is cut by 0.52 / 0.78 raised to the steps
    1, 2/3, 1/2, 2/5, ... of the eight passes; B, cut on the first pass and asked in 26%
    after, and C, cut and then never asked, are open again; D, never over, stays open.
    Each pass is a fresh set of quizzes."""
    draws = _scripted(
        monkeypatch,
        [{"A": 0.78, "B": 0.78, "C": 0.78, "D": 0.26}, {"A": 0.78, "B": 0.26, "D": 0.26}],
    )
    steps = 1 + 2 / 3 + 1 / 2 + 2 / 5 + 1 / 3 + 2 / 7 + 1 / 4 + 2 / 9
    assert _fit() == pytest.approx({"A": (2 / 3) ** steps, "B": 1.0, "C": 1.0, "D": 1.0})
    assert draws == list(range(8))


def test_an_item_back_under_the_aim_is_restored_step_by_step(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A cut to 2/3 on the first pass, then asked in 39% of quizzes (three quarters of
    the aim): restored by (4/3) ** 2/3, ** 1/2, ** 2/5, open again after the fourth pass,
    and the fifth, with nothing held or over the aim, is the last."""
    draws = _scripted(
        monkeypatch,
        [{"A": 0.78, "B": 0.26, "C": 0.26}, {"A": 0.39, "B": 0.26, "C": 0.26}],
    )
    assert _fit() == {"A": 1.0, "B": 1.0, "C": 1.0, "D": 1.0}
    assert draws == [0, 1, 2, 3, 4]


def test_nothing_over_the_aim_on_the_first_pass_leaves_every_item_open(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A asked in exactly the aimed share and the rest less: the first pass is the only
    one, so a later set of quizzes where A runs over does not cut it."""
    _scripted(monkeypatch, [{"A": TARGET, "B": 0.26}, {"A": 0.78, "B": 0.26}])
    assert _fit() == {"A": 1.0, "B": 1.0, "C": 1.0, "D": 1.0}


def test_a_skill_of_self_ratings_alone_has_no_chances_to_set() -> None:
    assert eligibility([SELF], {}, CUTS, Rules(), CLASS, "s") == {}

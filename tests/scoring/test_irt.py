"""The level model: probabilities worked by hand, the marginal over an item's location and
the EAP against brute-force integration, and what a person notices: skips change nothing
but the interval, more right answers never lower a level, no answers mean not measured."""

from __future__ import annotations

import math
from collections.abc import Callable
from functools import partial

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from questions.models import (
    ChoiceItem,
    Item,
    LikertItem,
    MultiItem,
    NumericItem,
    OrderItem,
)
from questions.record_schema import validate
from scoring.chance import attainable_credits, chance_credit
from scoring.irt import (
    GRID,
    HERMITE,
    Prior,
    estimate_level,
    evidence_row,
    expected_table,
    response_table,
    summarise,
)
from scoring.response_models import (
    FractionalParams,
    ItemParams,
    Model,
    categories_for,
    category_probabilities,
    expected_credit,
    item_information,
    params_from_label,
    step_offsets,
)

E = math.e


def choice(level: float | None, *credits: float, difficulty: str | None = None) -> ChoiceItem:
    options = [{"text": f"O{n}", "credit": c} for n, c in enumerate(credits)]
    name = "-".join(str(c) for c in credits)
    fields = {"id": f"c{level}-{name}", "type": "choice", "text": "?", "options": options}
    return validate(ChoiceItem, fields | {"level": level, "difficulty": difficulty})


def numeric(item_id: str, level: float | None, difficulty: str | None = None) -> NumericItem:
    fields = {"id": item_id, "type": "numeric", "text": "?", "answer": 4}
    return validate(NumericItem, fields | {"level": level, "difficulty": difficulty})


def multi(level: float, right: int, wrong: int) -> MultiItem:
    options = [{"text": f"R{n}", "correct": True} for n in range(right)]
    options += [{"text": f"W{n}", "correct": False} for n in range(wrong)]
    fields = {"id": f"m{level}", "type": "multi", "text": "?", "options": options}
    return validate(MultiItem, fields | {"level": level})


def order(level: float, length: int) -> OrderItem:
    steps = [f"S{n}" for n in range(length)]
    fields = {"id": f"o{level}", "type": "order", "text": "?", "items": steps}
    return validate(OrderItem, fields | {"level": level})


def test_gpcm_probabilities_worked_by_hand() -> None:
    # steps 0 and 1 at theta 1: sums 0, 1, 1 -> (1, e, e) / (1 + 2e)
    assert category_probabilities(1.0, (0.0, 1.0), 1.0) == pytest.approx(
        (1 / (1 + 2 * E), E / (1 + 2 * E), E / (1 + 2 * E))
    )
    # one step is the 2PL: logistic(2 x (1.5 - 1)) = e / (1 + e)
    assert category_probabilities(2.0, (1.0,), 1.5) == pytest.approx((1 / (1 + E), E / (1 + E)))
    # far from the steps the exponents stay finite
    assert category_probabilities(1.0, (0.0, 0.0, 0.0), 1000.0) == pytest.approx((0, 0, 0, 1))
    assert category_probabilities(1.0, (), 2.0) == (1.0,)


def test_fractional_model_worked_by_hand() -> None:
    params = FractionalParams(2.0, 3.0, 0.25, 0.0, "level")
    assert params.expected(3.0) == 0.625  # halfway from chance to full at the location
    assert params.expected(4.0) == pytest.approx(0.25 + 0.75 * E**2 / (1 + E**2))
    assert params.expected(-400.0) == pytest.approx(0.25)
    assert params.expected(4.0, location=5.0) == pytest.approx(0.25 + 0.75 / (1 + E**2))


def test_labels_give_the_documented_defaults() -> None:
    assert params_from_label(numeric("n", 3.0)) == FractionalParams(1.4, 3.0, 0.0, 0.75, "level")
    assert params_from_label(numeric("n", 3.0), "gpcm") == ItemParams(
        1.2, (3.0,), (0.0, 1.0), 0.75, "level"
    )
    by_difficulty = [params_from_label(numeric("n", None, d)) for d in ("easy", "medium", "hard")]
    assert by_difficulty == [
        FractionalParams(1.4, level, 0.0, 1.0, "difficulty") for level in (2.0, 3.0, 4.0)
    ]
    assert params_from_label(numeric("n", None)) == FractionalParams(1.4, 3.0, 0.0, 1.25, "default")
    assert params_from_label(choice(4.5, 1, 0.25, 0, 0)) == FractionalParams(
        1.4, 4.5, 0.3125, 0.75, "level"
    )
    assert not params_from_label(numeric("n", 3.0)).calibrated
    assert FractionalParams(1.0, 3.0, 0.0, 0.0, "calibrated").calibrated
    assert ItemParams(1.0, (3.0,), (0.0, 1.0), 0.0, "calibrated").calibrated


def test_a_self_rating_has_no_parameters() -> None:
    with pytest.raises(ValueError, match="question s is a self-rating: it has no level"):
        params_from_label(LikertItem(id="s", type="likert", text="I check."))


LABELLED: list[Item] = [
    choice(4.2, 1, 0.25, 0, 0),
    choice(2.4, 1, 0.5, 0.25, 0, 0),
    multi(4.2, 3, 2),
    order(4.2, 5),
    order(1.5, 4),
    numeric("n", 5.1),
]


@pytest.mark.parametrize("item", LABELLED, ids=lambda item: item.id)
def test_at_its_level_a_person_is_expected_halfway_from_chance_to_full(item: Item) -> None:
    assert not isinstance(item, LikertItem) and item.level is not None
    level = float(item.level)
    halfway = chance_credit(item) + (1 - chance_credit(item)) / 2
    gpcm = params_from_label(item, "gpcm")
    assert isinstance(gpcm, ItemParams)
    _, credits = categories_for(item)
    assert expected_credit(gpcm.slope, gpcm.steps, credits, level) == pytest.approx(halfway)
    assert gpcm.steps == pytest.approx([gpcm.location + o for o in step_offsets(len(credits))])
    fractional = params_from_label(item, "fractional")
    assert isinstance(fractional, FractionalParams)
    assert fractional.expected(level) == pytest.approx(halfway)


def flat(pair: tuple[tuple[float, ...], tuple[float, ...]]) -> list[float]:
    return [*pair[0], *pair[1]]


def test_categories_follow_the_fixed_rule() -> None:
    # 3 right, 2 wrong: 0, 1/6, 1/3, 1/2, 2/3, 1 -> lowest, below the middle, from it, full
    assert flat(categories_for(multi(3, 3, 2))) == pytest.approx(
        [0, 1 / 6, 1 / 2, 1, 0, 1 / 4, 7 / 12, 1]
    )
    assert flat(categories_for(order(3, 4))) == pytest.approx([0, 1 / 3, 2 / 3, 1] * 2)
    assert flat(categories_for(order(3, 5))) == pytest.approx([0, 0.2, 0.6, 1, 0, 0.3, 0.7, 1])
    # no credit below the middle: that category is left out
    assert flat(categories_for(choice(3, 1, 0.75, 0.6, 0.5, 0))) == pytest.approx(
        [0, 0.5, 1, 0, 1.85 / 3, 1]
    )
    assert categories_for(choice(3, 1, 0.25, 0)) == ((0.0, 0.25, 1.0),) * 2
    # four credits are four categories, however they fall about the middle
    assert categories_for(choice(3, 1, 0.25, 0.1, 0)) == ((0.0, 0.1, 0.25, 1.0),) * 2


def test_a_credit_falls_in_the_highest_category_whose_floor_it_reaches() -> None:
    params = ItemParams(1.0, (2.0, 3.0), (0.0, 0.25, 1.0), 0.5, "level")
    credits = [-0.5, 0.0, 0.2, 0.25, 0.9, 1.0]
    assert [params.category(c) for c in credits] == [0, 0, 0, 1, 1, 2]
    assert params.location == 2.5
    assert ItemParams(1.0, (), (1.0,), 0.0, "level").location == 0.0


def test_steps_are_evenly_spaced_about_the_location() -> None:
    assert [step_offsets(n) for n in (1, 2, 3, 4)] == [(), (0.0,), (-0.5, 0.5), (-1.0, 0.0, 1.0)]
    assert step_offsets(3, spacing=2.0) == (-1.0, 1.0)


SLOPE_OR_SD = "an item's slope must be positive and its label SD not negative"


@pytest.mark.parametrize(
    ("make", "problem"),
    [
        (
            lambda: ItemParams(1.0, (1.0,), (0.0,), 0.5, "level"),
            "an item needs one more category floor than steps",
        ),
        (lambda: ItemParams(0.0, (1.0,), (0.0, 1.0), 0.5, "level"), SLOPE_OR_SD),
        (lambda: ItemParams(1.0, (1.0,), (0.0, 1.0), -0.1, "level"), SLOPE_OR_SD),
        (lambda: ItemParams(1.0, (1.0,), (1.0, 1.0), 0.5, "level"), "category floors must rise"),
        (lambda: ItemParams(1.0, (1, 2), (0, 1, 0.5), 0.5, "level"), "category floors must rise"),
        (lambda: FractionalParams(-1.0, 3.0, 0.0, 0.5, "level"), SLOPE_OR_SD),
        (lambda: FractionalParams(0.0, 3.0, 0.0, 0.5, "level"), SLOPE_OR_SD),
        (lambda: FractionalParams(1.0, 3.0, 0.0, -1.0, "level"), SLOPE_OR_SD),
        (
            lambda: FractionalParams(1.0, 3.0, 1.5, 0.5, "level"),
            "an item's chance credit is between 0 and 1",
        ),
        (
            lambda: FractionalParams(1.0, 3.0, -0.1, 0.5, "level"),
            "an item's chance credit is between 0 and 1",
        ),
    ],
)
def test_parameters_that_cannot_be_are_refused(make: Callable[[], object], problem: str) -> None:
    with pytest.raises(ValueError) as refused:
        make()
    assert str(refused.value) == problem


def test_parameters_at_their_limits_are_accepted() -> None:
    assert ItemParams(0.01, (1.0,), (0.0, 1.0), 0.0, "level").label_sd == 0.0
    assert FractionalParams(0.01, 3.0, 0.0, 0.0, "level").chance == 0.0
    assert FractionalParams(0.01, 3.0, 1.0, 0.0, "level").chance == 1.0


def normal_average(function: Callable[[float], float], sd: float) -> float:
    """E[f(Z sd)] by the trapezoid rule over +/- 8 SD (the brute-force reference)."""
    count = 200
    width = 16 * sd / count
    total = 0.0
    for index in range(count + 1):
        z = -8 * sd + index * width
        weight = 0.5 if index in (0, count) else 1.0
        total += weight * function(z) * math.exp(-0.5 * (z / sd) ** 2)
    return total * width / (sd * math.sqrt(2 * math.pi))


def test_the_gpcm_marginal_over_the_location_matches_numerical_integration() -> None:
    params = ItemParams(1.3, (2.5, 3.5), (0.0, 0.5, 1.0), 0.75, "level")
    table = response_table(params)
    for column in (0, 20, 30, 35, 45, 69):
        for k in range(3):
            at = partial(gpcm_like, params, k, GRID[column])
            assert table[k][column] == pytest.approx(normal_average(at, 0.75), abs=2e-5)
    assert [sum(col) for col in zip(*table, strict=True)] == pytest.approx([1.0] * len(GRID))


def test_the_fractional_marginal_matches_numerical_integration() -> None:
    params = FractionalParams(1.4, 4.0, 0.3, 1.0, "level")
    table = expected_table(params)
    for column in (0, 25, 40, 55, 69):
        at = partial(fractional_at, params, GRID[column])
        assert table[column] == pytest.approx(normal_average(at, 1.0), abs=2e-5)
    exact_labels = FractionalParams(1.4, 4.0, 0.3, 0.0, "level")
    assert expected_table(exact_labels) == tuple(exact_labels.expected(t) for t in GRID)


def test_the_quadrature_is_a_normal_distribution() -> None:
    assert math.fsum(w for _, w in HERMITE) == pytest.approx(1.0)
    assert math.fsum(w * z * z for z, w in HERMITE) == pytest.approx(1.0)
    assert math.fsum(w * z**4 for z, w in HERMITE) == pytest.approx(3.0)
    assert math.fsum(w * z**8 for z, w in HERMITE) == pytest.approx(105.0)
    assert len(HERMITE) == 9


def gpcm_like(params: ItemParams, k: int, theta: float, shift: float) -> float:
    """P(k | theta) with every step moved by ``shift``."""
    return category_probabilities(params.slope, [b + shift for b in params.steps], theta)[k]


def gpcm_marginal(params: ItemParams, k: int, theta: float) -> float:
    return normal_average(partial(gpcm_like, params, k, theta), params.label_sd)


def fractional_at(params: FractionalParams, theta: float, shift: float) -> float:
    return params.expected(theta, params.location + shift)


def fractional_like(params: FractionalParams, credit: float, theta: float) -> float:
    q = normal_average(partial(fractional_at, params, theta), params.label_sd)
    return float(q**credit * (1 - q) ** (1 - credit))


def brute_force(
    answers: list[tuple[Item, float]], model: Model, prior: Prior
) -> tuple[float, float, float, float]:
    """Mean, SD, P(theta >= 4) and the 95th percentile of the posterior on a 0.05 grid,
    each item's likelihood integrated over its location by the trapezoid rule."""
    thetas = [(i + 0.5) * 0.05 for i in range(140)]
    curves: list[Callable[[float], float]] = []
    for item, credit in answers:
        p = params_from_label(item, model)
        if isinstance(p, FractionalParams):
            curves.append(partial(fractional_like, p, credit))
        else:
            curves.append(partial(gpcm_marginal, p, p.category(credit)))
    weights = []
    for theta in thetas:
        w = math.exp(-0.5 * ((theta - prior.mean) / prior.sd) ** 2)
        for like in curves:
            w *= like(theta)
        weights.append(w)
    total = sum(weights)
    mean = sum(w * t for w, t in zip(weights, thetas, strict=True)) / total
    sd = math.sqrt(sum(w * (t - mean) ** 2 for w, t in zip(weights, thetas, strict=True)) / total)
    above = sum(w for w, t in zip(weights, thetas, strict=True) if t >= 4.0) / total
    running = 0.0
    for w, t in zip(weights, thetas, strict=True):
        running += w / total
        if running >= 0.95:
            return mean, sd, above, t
    return mean, sd, above, 7.0


@pytest.mark.parametrize("model", ["fractional", "gpcm"])
def test_the_estimate_matches_brute_force_integration(model: Model) -> None:
    answers: list[tuple[Item, float]] = [
        (choice(4.2, 1, 0.25, 0, 0), 1.0),
        (multi(3.5, 3, 2), 0.5),
        (numeric("n", 5.1), 0.0),
        (order(2.5, 4), 2 / 3),
    ]
    prior = Prior(3.5, 1.5)
    params = {item.id: params_from_label(item, model) for item, _ in answers}
    estimate = estimate_level(answers, params, prior)
    assert estimate is not None
    mean, sd, above, high = brute_force(answers, model, prior)
    assert estimate.mean == pytest.approx(mean, abs=0.01)
    assert estimate.sd == pytest.approx(sd, abs=0.01)
    assert estimate.p_at_least(4.0) == pytest.approx(above, abs=0.01)
    assert estimate.high == pytest.approx(high, abs=0.05)
    assert (estimate.answered, estimate.skipped) == (4, 0)


def test_p_at_least_and_percentiles_read_a_flat_posterior_exactly() -> None:
    flat = summarise([2.0] * len(GRID), answered=3, skipped=1)
    for cut in (0.05, 1.0, 3.55, 3.88, 6.99):
        assert flat.p_at_least(cut) == pytest.approx(1 - cut / 7)
    assert [flat.p_at_least(c) for c in (-1.0, 0.0, 7.0, 8.0)] == [1.0, 1.0, 0.0, 0.0]
    assert (flat.low, flat.high) == pytest.approx((0.35, 6.65))
    assert flat.interval == (flat.low, flat.high)
    assert flat.mean == pytest.approx(3.5)
    assert flat.sd == pytest.approx(math.sqrt((70**2 - 1) / 12) * 0.1)
    assert (flat.answered, flat.skipped) == (3, 1)
    assert flat.posterior == pytest.approx([1 / 70] * 70)


def test_p_at_least_reads_within_a_cell() -> None:
    one_cell = summarise([1.0 if i == 40 else 0.0 for i in range(len(GRID))], 1, 0)
    assert [one_cell.p_at_least(c) for c in (3.9, 4.0, 4.025, 4.05, 4.1, 4.2)] == pytest.approx(
        [1.0, 1.0, 0.75, 0.5, 0.0, 0.0]
    )
    assert (one_cell.low, one_cell.high, one_cell.mean, one_cell.sd) == pytest.approx(
        (4.005, 4.095, 4.05, 0.0), abs=1e-9
    )


@pytest.mark.parametrize(("cell", "low", "high"), [(0, 0.005, 0.095), (69, 6.905, 6.995)])
def test_a_posterior_at_the_edge_of_the_scale_reads_within_its_cell(
    cell: int, low: float, high: float
) -> None:
    edge = summarise([1.0 if i == cell else 0.0 for i in range(len(GRID))], 1, 0)
    assert (edge.low, edge.high) == pytest.approx((low, high))
    middle = GRID[cell]
    assert edge.p_at_least(middle) == pytest.approx(0.5)
    assert edge.p_at_least(middle - 0.025) == pytest.approx(0.75)


ITEMS: list[Item] = [
    choice(3.0, 1, 0.25, 0, 0),
    choice(4.5, 1, 0.5, 0, 0),
    numeric("n1", 3.5),
    numeric("n2", 2.0),
    multi(4.0, 2, 3),
]


def test_a_skip_carries_no_evidence_and_the_interval_widens() -> None:
    first, second = ITEMS[0], ITEMS[2]
    alone = estimate_level([(first, 1.0)])
    with_skip = estimate_level([(first, 1.0), (second, None)])
    both = estimate_level([(first, 1.0), (second, 1.0)])
    assert alone is not None and with_skip is not None and both is not None
    assert (with_skip.mean, with_skip.sd, with_skip.interval) == (
        alone.mean,
        alone.sd,
        alone.interval,
    )
    assert (with_skip.answered, with_skip.skipped) == (1, 1)
    assert both.high - both.low < with_skip.high - with_skip.low
    assert both.sd < with_skip.sd


def test_nothing_answered_is_not_measured() -> None:
    rating = LikertItem(id="s", type="likert", text="I check.")
    assert estimate_level([]) is None
    assert estimate_level([(item, None) for item in ITEMS]) is None
    assert estimate_level([(rating, 1.0)]) is None
    counted = estimate_level([(rating, 1.0), (ITEMS[0], 1.0), (ITEMS[1], None), (ITEMS[2], None)])
    assert counted is not None and (counted.answered, counted.skipped) == (1, 2)


def test_a_long_quiz_does_not_underflow() -> None:
    hard = numeric("far", 7.0)
    estimate = estimate_level([(hard, 0.0)] * 200 + [(numeric("easy", 0.5), 1.0)] * 200)
    assert estimate is not None and math.isfinite(estimate.mean)
    assert sum(estimate.posterior) == pytest.approx(1.0)


def test_calibrated_parameters_replace_the_label() -> None:
    item = numeric("n", 3.0)
    by_label = estimate_level([(item, 1.0)])
    harder = {"n": FractionalParams(1.4, 6.0, 0.0, 0.0, "calibrated")}
    other = {"x": FractionalParams(1.4, 6.0, 0.0, 0.0, "calibrated")}
    calibrated = estimate_level([(item, 1.0)], harder)
    assert by_label is not None and calibrated is not None
    assert calibrated.mean > by_label.mean + 0.5  # right on a harder item says more
    assert estimate_level([(item, 1.0)], other) == by_label


def test_the_prior_is_stated_and_moves_a_thin_estimate() -> None:
    answers: list[tuple[Item, float | None]] = [(ITEMS[2], 1.0)]
    usual, low = estimate_level(answers), estimate_level(answers, prior=Prior(2.0, 1.0))
    assert usual is not None and low is not None
    assert low.mean < usual.mean


def test_a_credit_between_categories_still_scores() -> None:
    item = ITEMS[0]  # credits 0, 0.25, 1
    models: tuple[Model, ...] = ("fractional", "gpcm")
    for model in models:
        params = {item.id: params_from_label(item, model)}
        levels = [estimate_level([(item, c)], params) for c in (0.25, 0.3, 1.0)]
        means = [e.mean for e in levels if e is not None]
        assert means == sorted(means) and len(means) == 3
    gpcm = params_from_label(item, "gpcm")
    assert evidence_row(gpcm, 0.3) == evidence_row(gpcm, 0.25)


def test_information_worked_by_hand() -> None:
    # 2PL at its location: a^2 x 1/4, in both models
    assert item_information(FractionalParams(1.5, 3.0, 0.0, 0.0, "level"), 3.0) == 0.5625
    assert item_information(ItemParams(1.5, (3.0,), (0.0, 1.0), 0.0, "level"), 3.0) == 0.5625
    # three equally likely categories: Var(k) = 2/3
    assert item_information(ItemParams(1.0, (0.0, 0.0), (0, 0.5, 1), 0, "level"), 0.0) == (
        pytest.approx(2 / 3)
    )
    # floor 1/4 at the location: P = 5/8, P' = 2 x 3/4 x 1/4
    floored = FractionalParams(2.0, 3.0, 0.25, 0.0, "level")
    assert item_information(floored, 3.0) == pytest.approx(0.375**2 / (0.625 * 0.375))
    assert item_information(FractionalParams(1.0, 3.0, 1.0, 0.0, "level"), 3.0) == 0.0
    assert item_information(floored, 3.0) > item_information(floored, 6.0)


@st.composite
def answered_items(draw: st.DrawFn) -> tuple[list[tuple[Item, float | None]], int, float]:
    """A random set of answers, one of them chosen, and a higher credit it can earn."""
    picks = draw(st.lists(st.integers(0, len(ITEMS) - 1), min_size=1, max_size=6))
    answers: list[tuple[Item, float | None]] = []
    for index in picks:
        item = ITEMS[index]
        credits = attainable_credits(item)
        answers.append((item, draw(st.sampled_from((None, *credits)))))
    chosen = draw(st.integers(0, len(answers) - 1))
    item, credit = answers[chosen]
    higher = [c for c in attainable_credits(item) if credit is None or c > credit]
    return answers, chosen, draw(st.sampled_from(higher)) if higher else 1.0


@settings(max_examples=60, deadline=None)
@given(answered_items(), st.sampled_from(["fractional", "gpcm"]))
def test_a_better_answer_never_lowers_the_level(
    case: tuple[list[tuple[Item, float | None]], int, float], model: Model
) -> None:
    answers, chosen, higher = case
    if answers[chosen][1] is None:
        answers[chosen] = (answers[chosen][0], 0.0)  # a skip turned into an answer of 0
    params = {item.id: params_from_label(item, model) for item, _ in answers}
    before = estimate_level(answers, params)
    improved = list(answers)
    improved[chosen] = (answers[chosen][0], max(higher, answers[chosen][1] or 0.0))
    after = estimate_level(improved, params)
    assert before is not None and after is not None
    assert after.mean >= before.mean - 1e-9
    for cut in (2.0, 3.5, 4.5):
        assert after.p_at_least(cut) >= before.p_at_least(cut) - 1e-9

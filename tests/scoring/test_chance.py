"""Chance credits and attainable credits, each against exact enumeration through grading."""

from __future__ import annotations

import math
from itertools import combinations, permutations, product

import pytest

from questions.models import (
    ChoiceItem,
    Item,
    LikertItem,
    MatchItem,
    MultiItem,
    NumericItem,
    OrderItem,
    TextItem,
)
from questions.record_schema import validate
from scoring.chance import attainable_credits, chance_credit, inversion_counts, order_chance
from scoring.grading import match_credit, multi_credit, order_credit


def choice(*credits: float) -> ChoiceItem:
    options = [{"text": f"O{n}", "credit": c} for n, c in enumerate(credits)]
    return validate(ChoiceItem, {"id": "c", "type": "choice", "text": "?", "options": options})


def multi(right: int, wrong: int) -> MultiItem:
    options = [{"text": f"R{n}", "correct": True} for n in range(right)]
    options += [{"text": f"W{n}", "correct": False} for n in range(wrong)]
    return validate(MultiItem, {"id": "m", "type": "multi", "text": "?", "options": options})


def order(length: int) -> OrderItem:
    steps = [f"S{n}" for n in range(length)]
    return validate(OrderItem, {"id": "o", "type": "order", "text": "?", "items": steps})


def match(pairs: int, distractors: int) -> MatchItem:
    return validate(
        MatchItem,
        {
            "id": "mt",
            "type": "match",
            "text": "?",
            "pairs": [{"prompt": f"P{n}", "answer": f"A{n}"} for n in range(pairs)],
            "distractors": [f"D{n}" for n in range(distractors)],
        },
    )


def every_pick(item: MultiItem) -> list[list[str]]:
    texts = [option.text for option in item.options]
    return [list(p) for size in range(1, len(texts) + 1) for p in combinations(texts, size)]


def every_match(item: MatchItem) -> list[dict[str, str]]:
    prompts = list(item.key)
    return [
        dict(zip(prompts, given, strict=True))
        for given in product(item.choices, repeat=len(prompts))
    ]


@pytest.mark.parametrize(
    "credits", [(1, 0), (1, 0.25, 0, 0), (1, 0.5, 0.25, 0, 0), (1, 1, 0.5), (0.25, 1)]
)
def test_choice_chance_is_the_mean_of_its_options(credits: tuple[float, ...]) -> None:
    assert chance_credit(choice(*credits)) == pytest.approx(sum(credits) / len(credits))
    assert attainable_credits(choice(*credits)) == tuple(sorted(set(map(float, credits))))


@pytest.mark.parametrize(("right", "wrong"), [(1, 1), (2, 1), (2, 3), (3, 2), (1, 4), (4, 2)])
def test_multi_chance_is_the_mean_over_every_non_empty_pick(right: int, wrong: int) -> None:
    item = multi(right, wrong)
    credits = [multi_credit(item, pick) for pick in every_pick(item)]
    assert chance_credit(item) == pytest.approx(sum(credits) / len(credits))
    assert attainable_credits(item) == tuple(sorted({round(c, 12) for c in [0.0, *credits]}))


def test_multi_chance_worked_by_hand() -> None:
    # Two right, one wrong: {R0} and {R1} earn 1/2, {R0, R1} earns 1, the rest 0: 2 / 7.
    assert chance_credit(multi(2, 1)) == pytest.approx(2 / 7)
    assert attainable_credits(multi(2, 1)) == (0.0, 0.5, 1.0)


@pytest.mark.parametrize("length", [3, 4, 5, 6, 7])
def test_order_chance_is_exact_over_every_arrangement(length: int) -> None:
    item = order(length)
    credits = [order_credit(item.items, list(given)) for given in permutations(item.items)]
    assert chance_credit(item) == pytest.approx(sum(credits) / len(credits), abs=1e-12)
    assert attainable_credits(item) == tuple(sorted({round(c, 12) for c in credits}))


def test_order_chance_worked_by_hand() -> None:
    # 3 steps: tau 1, 1/3, 1/3, -1/3, -1/3, -1 over the 6 orders; floored: 5/3 over 6.
    assert order_chance(3) == pytest.approx(5 / 18)
    assert inversion_counts(4) == (1, 3, 5, 6, 5, 3, 1)
    assert inversion_counts(1) == (1,)
    assert attainable_credits(order(4)) == pytest.approx((0.0, 1 / 3, 2 / 3, 1.0))


@pytest.mark.parametrize(("pairs", "distractors"), [(2, 0), (2, 2), (3, 1), (4, 0)])
def test_match_chance_is_the_mean_over_every_assignment(pairs: int, distractors: int) -> None:
    item = match(pairs, distractors)
    credits = [match_credit(item, given) for given in every_match(item)]
    assert chance_credit(item) == pytest.approx(sum(credits) / len(credits))
    assert attainable_credits(item) == tuple(sorted({round(c, 12) for c in credits}))


def test_typed_answers_earn_nothing_by_chance() -> None:
    numeric = validate(NumericItem, {"id": "n", "type": "numeric", "text": "?", "answer": 4})
    text = validate(
        TextItem,
        {
            "id": "t",
            "type": "text",
            "text": "?",
            "answers": [{"text": "SDS", "credit": 1}, {"text": "data sheet", "credit": 0.5}],
        },
    )
    assert (chance_credit(numeric), chance_credit(text)) == (0.0, 0.0)
    assert attainable_credits(numeric) == (0.0, 1.0)
    assert attainable_credits(text) == (0.0, 0.5, 1.0)


def test_a_self_rating_has_no_chance_credit() -> None:
    rating: Item = LikertItem(id="s", type="likert", text="I check.")
    with pytest.raises(ValueError, match="question s is a self-rating"):
        chance_credit(rating)
    with pytest.raises(ValueError, match="question s is a self-rating"):
        attainable_credits(rating)


def test_order_chance_falls_with_length() -> None:
    values = [order_chance(n) for n in range(3, 9)]
    assert values == sorted(values, reverse=True)
    assert all(0 < v < 0.3 for v in values)
    assert math.isclose(order_chance(4), 7 / 36)

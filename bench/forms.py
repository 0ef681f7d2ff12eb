"""How bench/simulate.py draws a standard form's demonstrated items, so that draws can be
compared on the same people: at random (the figures before this choice existed), by the
product's stratified draw (quiz.attempts.draw: types in proportion, spread across the
difficulty labels, a hard one first), or in strata on the items' ``level`` cut at the
quantiles of a normal population of people.

A form is only as informative as its items are near the people it measures: an item tells
most about people near its level. Strata of equal population mass put as many items where
many people are as the bank allows, while a random pick within each stratum keeps every
item asked (what calibration needs) and no two forms alike.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from statistics import NormalDist

from truth import TrueItem

from questions.models import DemonstratedBase, Item
from quiz.attempts.draw import _draw_stratified
from scoring.irt import PRIOR
from scoring.response_models import DEFAULT_LEVEL, DIFFICULTY_LEVELS

DRAWS = ("random", "stratified", "level")


def label_of(item: Item) -> float:
    """The label the model reads: the level, else the difficulty's default level."""
    assert isinstance(item, DemonstratedBase)
    if item.level is not None:
        return float(item.level)
    return DIFFICULTY_LEVELS[item.difficulty] if item.difficulty else DEFAULT_LEVEL


def level_strata(
    pool: Sequence[TrueItem], size: int, rng: random.Random, spread: float
) -> list[TrueItem]:
    """One item from each of ``size`` strata of equal mass under N(PRIOR.mean, spread)
    (cut at its quantiles), at random among the items labelled within it; an empty
    stratum takes the unchosen item labelled nearest its middle quantile."""
    people = NormalDist(PRIOR.mean, spread)
    cuts = [people.inv_cdf(k / size) for k in range(1, size)]
    bounds = list(zip([float("-inf"), *cuts], [*cuts, float("inf")], strict=True))
    chosen: list[TrueItem] = []
    for index in rng.sample(range(size), size):
        low, high = bounds[index]
        open_ = [t for t in pool if t not in chosen]
        inside = [t for t in open_ if low <= label_of(t.item) < high]
        if inside:
            chosen.append(rng.choice(inside))
            continue
        middle = people.inv_cdf((index + 0.5) / size)
        chosen.append(min(open_, key=lambda t: (abs(label_of(t.item) - middle), rng.random())))
    return chosen


def draw_form(
    pool: Sequence[TrueItem], size: int | None, how: str, rng: random.Random, spread: float
) -> list[TrueItem]:
    """``size`` items of the pool (None or more than the pool: every item) drawn ``how``."""
    if size is None or size >= len(pool):
        return list(pool) if size is None else rng.sample(list(pool), len(pool))
    if how == "stratified":
        picked = {item.id for item in _draw_stratified([t.item for t in pool], size, rng)}
        return [t for t in pool if t.item.id in picked]
    if how == "level":
        return level_strata(pool, size, rng, spread)
    return rng.sample(list(pool), size)

"""Simulated classes for calibration's tests: 30 items, people answering random forms by
the GPCM, or by the fractional model scoring uses, with true parameters that are not the
labels."""

from __future__ import annotations

import math
import random
from dataclasses import dataclass

from questions.models import ChoiceItem, Item, MultiItem, NumericItem
from questions.record_schema import validate
from scoring.calibration import gpcm_label
from scoring.chance import attainable_credits, chance_credit
from scoring.response_models import FractionalParams, ItemParams, category_probabilities

SEED = 20


def _item(index: int, level: float, rng: random.Random) -> Item:
    """Right/wrong numbers, and choice items with and without a half-credit option."""
    base = {"id": f"x-{index:02d}", "text": "A question.", "level": level}
    if index % 3 == 0:
        return validate(NumericItem, base | {"type": "numeric", "answer": 10, "tolerance": 0})
    options = [{"text": "Right", "credit": 1}, {"text": "Wrong", "credit": 0}]
    options += (
        [{"text": "Half", "credit": 0.5}] if index % 3 == 1 else [{"text": "No", "credit": 0}]
    )
    return validate(ChoiceItem, base | {"type": "choice", "options": options})


@dataclass(frozen=True)
class Class:
    items: tuple[Item, ...]
    truth: dict[str, ItemParams]
    people: list[dict[str, float | None]]


def _true_params(item: Item, rng: random.Random) -> ItemParams:
    """The label's parameters moved: location by N(0, 0.6), slope by a log-normal factor."""
    label = gpcm_label(item)
    shift = rng.gauss(0, 0.6)
    slope = label.slope * math.exp(rng.gauss(0, 0.3))
    steps = tuple(step + shift for step in label.steps)
    return ItemParams(slope, steps, label.floors, 0.0, "calibrated")


def simulated_class(people: int, seed: int = SEED, form: int = 14) -> Class:
    """A class answering random forms of ``form`` of 30 items by the GPCM with true
    parameters that are not the labels; 3% skips."""
    rng = random.Random(seed)
    items = tuple(_item(index, round(rng.uniform(1.5, 5.5), 1), rng) for index in range(30))
    truth = {item.id: _true_params(item, rng) for item in items}
    answers: list[dict[str, float | None]] = []
    for _ in range(people):
        theta = min(6.9, max(0.1, rng.gauss(3.5, 1.2)))
        credits: dict[str, float | None] = {}
        for item in rng.sample(items, form):
            params = truth[item.id]
            weights = category_probabilities(params.slope, params.steps, theta)
            category = rng.choices(range(len(weights)), weights)[0]
            credits[item.id] = None if rng.random() < 0.03 else params.floors[category]
        answers.append(credits)
    return Class(items, truth, answers)


def _fractional_item(index: int, level: float) -> Item:
    """Numbers (chance 0), one-right-of-four choices (chance 0.25) and multi items whose
    partial credit spreads less than right-or-wrong answers would."""
    base = {"id": f"f-{index:02d}", "text": "A question.", "level": level}
    if index % 3 == 0:
        return validate(NumericItem, base | {"type": "numeric", "answer": 10, "tolerance": 0})
    if index % 3 == 1:
        options = [{"text": text, "credit": int(text == "A")} for text in "ABCD"]
        return validate(ChoiceItem, base | {"type": "choice", "options": options})
    options = [{"text": text, "correct": text in "AB"} for text in "ABCD"]
    return validate(MultiItem, base | {"type": "multi", "options": options})


# The true dispersion of the multi items' credits (the others are right or wrong: 1).
MULTI_DISPERSION = 0.5


@dataclass(frozen=True)
class FractionalClass:
    items: tuple[Item, ...]
    truth: dict[str, FractionalParams]
    people: list[dict[str, float | None]]
    levels: list[float]


def _true_fractional(item: Item, rng: random.Random) -> FractionalParams:
    """The label moved: location by N(0, 0.6), slope by a log-normal factor."""
    spread = MULTI_DISPERSION if isinstance(item, MultiItem) else 1.0
    return FractionalParams(
        slope=1.4 * math.exp(rng.gauss(0, 0.3)),
        location=float(getattr(item, "level", 3.0)) + rng.gauss(0, 0.6),
        chance=chance_credit(item),
        label_sd=0.0,
        source="calibrated",
        dispersion=spread,
    )


def fractional_class(people: int, seed: int = SEED, form: int = 14) -> FractionalClass:
    """A class answering random forms of ``form`` of 30 items by the fractional model with
    true parameters that are not the labels (credits drawn as scoring.exposure draws
    them, to the nearest credit the item can give); 3% skips."""
    from scoring.exposure import draw_credit

    rng = random.Random(seed)
    items = tuple(_fractional_item(index, round(rng.uniform(1.5, 5.5), 1)) for index in range(30))
    truth = {item.id: _true_fractional(item, rng) for item in items}
    answers: list[dict[str, float | None]] = []
    levels: list[float] = []
    for _ in range(people):
        theta = min(6.9, max(0.1, rng.gauss(3.5, 1.2)))
        levels.append(theta)
        credits: dict[str, float | None] = {}
        for item in rng.sample(items, form):
            drawn = draw_credit(truth[item.id], theta, rng)
            nearest = min(attainable_credits(item), key=lambda value: abs(value - drawn))
            credits[item.id] = None if rng.random() < 0.03 else nearest
        answers.append(credits)
    return FractionalClass(items, truth, answers, levels)


def thinned(
    people: list[dict[str, float | None]], keep: dict[str, int]
) -> list[dict[str, float | None]]:
    """The class with item id -> only the first n of its answers kept (skips kept: they
    are not answers), to put items on either side of a calibration gate."""
    seen = dict.fromkeys(keep, 0)
    thinned_people = []
    for credits in people:
        kept = {}
        for item_id, credit in credits.items():
            if item_id in keep:
                if credit is not None:
                    seen[item_id] += 1
                if seen[item_id] > keep[item_id]:
                    continue
            kept[item_id] = credit
        thinned_people.append(kept)
    return thinned_people

"""A simulated class for calibration's tests: 30 items, people answering random forms by
the GPCM with true parameters that are not the labels."""

from __future__ import annotations

import math
import random
from dataclasses import dataclass

from questions.models import ChoiceItem, Item, NumericItem
from scoring.calibration import gpcm_label
from scoring.response_models import ItemParams, category_probabilities

SEED = 20


def _item(index: int, level: float, rng: random.Random) -> Item:
    """Right/wrong numbers, and choice items with and without a half-credit option."""
    base = {"id": f"x-{index:02d}", "text": "A question.", "level": level}
    if index % 3 == 0:
        return NumericItem.model_validate(base | {"type": "numeric", "answer": 10, "tolerance": 0})
    options = [{"text": "Right", "credit": 1}, {"text": "Wrong", "credit": 0}]
    options += (
        [{"text": "Half", "credit": 0.5}] if index % 3 == 1 else [{"text": "No", "credit": 0}]
    )
    return ChoiceItem.model_validate(base | {"type": "choice", "options": options})


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

"""The respondents bench/stats.py records: a true ability per skill (standard normal)
answering under a logistic (2PL) item model, the chance of answering right being
1 / (1 + exp(-a (ability - b))), with a seeded discrimination a per item and a difficulty b
from the author's rating (easy -1, medium 0, hard +1, unrated 0) plus noise. Self-ratings
follow ability plus noise, since people see themselves only roughly. Only the volume and
shape of the answers matter there; bench/simulate.py measures scoring with a richer model.
"""

from __future__ import annotations

import math
import random
import statistics
from collections.abc import Sequence

from questions.answers import keyed_answer
from questions.models import (
    ChoiceItem,
    Item,
    LikertItem,
    MatchItem,
    MultiItem,
    NumericItem,
    TextItem,
)
from scoring.models import Answer

SKIP_RATE = 0.02
LIKERT_CUTS = (-1.5, -0.5, 0.5, 1.5)  # self-view to Strongly disagree .. Strongly agree
DIFFICULTY = {"easy": -1.0, "medium": 0.0, "hard": 1.0}


class ItemModel:
    """A seeded discrimination and difficulty per item (the author's rating, plus noise)."""

    def __init__(self, items: Sequence[Item], rng: random.Random) -> None:
        self.params: dict[str, tuple[float, float]] = {}
        for item in items:
            rated = getattr(item, "difficulty", None)
            centre = DIFFICULTY.get(rated, 0.0) if isinstance(rated, str) else 0.0
            self.params[item.id] = (rng.uniform(0.8, 2.0), centre + rng.gauss(0, 0.5))

    def p_right(self, item: Item, ability: float) -> float:
        a, b = self.params[item.id]
        return 1 / (1 + math.exp(-a * (ability - b)))

    def true_score(self, items: Sequence[Item], ability: float) -> float:
        """The expected demonstrated score over these items (0..100)."""
        shown = [item for item in items if not isinstance(item, LikertItem)]
        return 100 * statistics.fmean(self.p_right(item, ability) for item in shown)


def _wrong(item: Item, keyed: Answer, rng: random.Random) -> Answer:
    """A wrong answer of the item's own shape."""
    if isinstance(item, ChoiceItem):
        return rng.choice([o.text for o in item.options if o.credit < 1])
    if isinstance(item, NumericItem):
        return item.answer + item.tolerance + rng.choice([-1, 1]) * (1 + abs(item.answer) / 10)
    if isinstance(item, TextItem):
        return "no idea"
    if isinstance(item, MatchItem):
        prompts = [pair.prompt for pair in item.pairs]
        answers = [pair.answer for pair in item.pairs]
        rotated = answers[1:] + answers[:1]
        return dict(zip(prompts, rotated, strict=True))
    assert isinstance(keyed, list)
    shuffled = list(keyed)
    while shuffled == keyed:
        rng.shuffle(shuffled)
    return shuffled


def respond(item: Item, ability: float, model: ItemModel, rng: random.Random) -> Answer:
    if rng.random() < SKIP_RATE:
        return None
    if isinstance(item, LikertItem):
        view = ability + rng.gauss(0, 1)
        rating = 1 + sum(view > cut for cut in LIKERT_CUTS)
        return 6 - rating if item.reverse else rating
    p = model.p_right(item, ability)
    keyed = keyed_answer(item)
    if isinstance(item, MultiItem):
        picked = [o.text for o in item.options if (rng.random() < p) == o.correct]
        return picked or [rng.choice(item.options).text]
    if rng.random() < p:
        return keyed
    return _wrong(item, keyed, rng)

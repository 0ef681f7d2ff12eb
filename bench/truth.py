"""Simulated items and people for bench/simulate.py: a truth the scoring model does not use.

The scoring model is the GPCM on ordered credit categories. The truth here is built per
item type from how people answer, and graded by the real grading code:

- choice: a person knows the answer with probability logistic(a (theta - beta)) and then
  picks the full-credit option; otherwise they pick an option by its attractiveness,
  exp(eta + 0.5 x credit) with eta ~ N(0, 0.6) per option (distractors differ, and options
  worth partial credit pull a little more), so a non-knower can still pick it right;
- multi: each option is judged right with probability 0.5 + 0.5 logistic(a (theta - beta_o)),
  beta_o = beta + N(0, 0.5) (a non-knower is a coin flip per option), ticked when judged
  correct; an empty set becomes one option picked at random, since an answer is needed;
- order: the keyed order disturbed by a Mallows model, out-of-place pairs weighted
  phi = logistic(-a (theta - beta)) each (each step displaced back by a truncated
  geometric number of places): from the right order at the top to a random order at the
  bottom;
- numeric and text: right with probability logistic(a (theta - beta)), else a wrong value;
- match: each prompt right with probability k + (1 - k) / answers, k as for choice.

Slopes a are log-normal (median 1.2 per level, log-SD 0.3). Each item's true level is
where its expected credit is halfway from the chance credit to full credit (the label's
definition); beta is solved so that it lands exactly on the level wanted (the label, or
the label plus noise). People who guess give a uniformly random answer on choice and multi
items with a probability that falls with their level. Skips happen at random (3%).
"""

from __future__ import annotations

import math
import random
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import product

from questions.answers import keyed_answer
from questions.models import (
    ChoiceItem,
    Item,
    LikertItem,
    MatchItem,
    MultiItem,
    NumericItem,
    OrderItem,
)
from questions.record_schema import validate
from scoring.chance import chance_credit
from scoring.grading import multi_credit
from scoring.models import Answer

TRUE_SLOPE_MEDIAN = 1.2
TRUE_SLOPE_LOG_SD = 0.3
DISTRACTOR_SD = 0.6
PARTIAL_PULL = 0.5
OPTION_SPREAD = 0.5
SKIP_RATE = 0.03
GUESSER_SHARE = 0.25


def logistic(x: float) -> float:
    if x >= 0:
        return 1 / (1 + math.exp(-x))
    e = math.exp(x)
    return e / (1 + e)


@dataclass(frozen=True)
class TrueItem:
    """An item with its true response process: slope, location beta, and per option either
    the pick weight of a non-knower (choice) or the offset of its difficulty (multi)."""

    item: Item
    level: float
    slope: float
    beta: float
    extra: tuple[float, ...]

    def expected_credit(self, theta: float) -> float:
        return curve(self.item, self.slope, self.extra, theta - self.beta)


def _choice_curve(item: ChoiceItem, slope: float, weights: Sequence[float], delta: float) -> float:
    guess = math.fsum(w * o.credit for w, o in zip(weights, item.options, strict=True))
    known = logistic(slope * delta)
    return known + (1 - known) * guess / math.fsum(weights)


def _multi_curve(item: MultiItem, slope: float, offsets: Sequence[float], delta: float) -> float:
    """Exact: every pattern of right and wrong judgments, with its probability."""
    right = [0.5 + 0.5 * logistic(slope * (delta - offset)) for offset in offsets]
    texts = [o.text for o in item.options]
    single = math.fsum(multi_credit(item, [t]) for t in texts) / len(texts)
    total = 0.0
    for pattern in product((True, False), repeat=len(texts)):
        chance = math.prod(p if ok else 1 - p for p, ok in zip(right, pattern, strict=True))
        picked = [o.text for o, ok in zip(item.options, pattern, strict=True) if ok == o.correct]
        total += chance * (multi_credit(item, picked) if picked else single)
    return total


def mallows_inversions(length: int, phi: float) -> list[float]:
    """P(number of pairs out of order) under a Mallows model: the sum of independent
    displacements V_j in 0..j-1 with P(v) proportional to phi^v."""
    dist = [1.0]
    for size in range(1, length + 1):
        weights = [phi**v for v in range(size)]
        total = math.fsum(weights)
        widened = [0.0] * (len(dist) + size - 1)
        for out, p in enumerate(dist):
            for v, w in enumerate(weights):
                widened[out + v] += p * w / total
        dist = widened
    return dist


def _order_curve(item: OrderItem, slope: float, delta: float) -> float:
    dist = mallows_inversions(len(item.items), logistic(-slope * delta))
    pairs = len(dist) - 1
    return math.fsum(p * max(0.0, 1 - 2 * out / pairs) for out, p in enumerate(dist))


def curve(item: Item, slope: float, extra: Sequence[float], delta: float) -> float:
    """The expected credit at theta - beta = delta (no guessing, no skips)."""
    if isinstance(item, ChoiceItem):
        return _choice_curve(item, slope, extra, delta)
    if isinstance(item, MultiItem):
        return _multi_curve(item, slope, extra, delta)
    if isinstance(item, OrderItem):
        return _order_curve(item, slope, delta)
    known = logistic(slope * delta)
    if isinstance(item, MatchItem):
        return known + (1 - known) / len(item.choices)
    return known


def true_item(item: Item, level: float, rng: random.Random) -> TrueItem:
    """Draw the item's true slope and options, and place beta so its halfway point from
    chance to full credit is at ``level``."""
    slope = math.exp(rng.gauss(math.log(TRUE_SLOPE_MEDIAN), TRUE_SLOPE_LOG_SD))
    chance = chance_credit(item)
    target = chance + (1 - chance) / 2
    while True:
        extra: tuple[float, ...] = ()
        if isinstance(item, ChoiceItem):
            extra = tuple(
                math.exp(rng.gauss(0, DISTRACTOR_SD) + PARTIAL_PULL * o.credit)
                for o in item.options
            )
        elif isinstance(item, MultiItem):
            extra = tuple(rng.gauss(0, OPTION_SPREAD) for _ in item.options)
        if curve(item, slope, extra, -30.0) < target - 0.02:
            break
    low, high = -30.0, 30.0
    for _ in range(50):
        middle = (low + high) / 2
        if curve(item, slope, extra, middle) < target:
            low = middle
        else:
            high = middle
    return TrueItem(item, level, slope, level - (low + high) / 2, extra)


def guess_probability(theta: float, guesser: bool) -> float:
    """How often a person answers a choice or multi item at random: guessers 0.5 at level 0
    falling to 0.1 by level 5; everyone else 0.15 at level 0 falling to 0 by level 5."""
    if guesser:
        return min(0.5, max(0.1, 0.5 - 0.08 * theta))
    return min(0.15, max(0.0, 0.15 - 0.03 * theta))


def _random_multi(item: MultiItem, rng: random.Random) -> list[str]:
    while True:
        picked = [o.text for o in item.options if rng.random() < 0.5]
        if picked:
            return picked


def _mallows(keyed: Sequence[str], phi: float, rng: random.Random) -> list[str]:
    """Repeated insertion: step j goes in V_j places from the end, P(v) ~ phi^v."""
    order: list[str] = []
    for size, text in enumerate(keyed, start=1):
        weights = [phi**v for v in range(size)]
        displaced = rng.choices(range(size), weights)[0]
        order.insert(len(order) - displaced, text)
    return order


def _choice_answer(truth: TrueItem, item: ChoiceItem, theta: float, rng: random.Random) -> str:
    if rng.random() < logistic(truth.slope * (theta - truth.beta)):
        return next(o.text for o in item.options if o.credit == 1)
    return rng.choices([o.text for o in item.options], truth.extra)[0]


def answer(truth: TrueItem, theta: float, guess: float, rng: random.Random) -> Answer:
    """One answer of the item's own shape (None for a skip)."""
    item = truth.item
    if rng.random() < SKIP_RATE:
        return None
    if isinstance(item, ChoiceItem | MultiItem) and rng.random() < guess:
        if isinstance(item, ChoiceItem):
            return rng.choice(item.options).text
        return _random_multi(item, rng)
    delta = theta - truth.beta
    if isinstance(item, ChoiceItem):
        return _choice_answer(truth, item, theta, rng)
    if isinstance(item, MultiItem):
        picked = [
            o.text
            for o, offset in zip(item.options, truth.extra, strict=True)
            if (rng.random() < 0.5 + 0.5 * logistic(truth.slope * (delta - offset))) == o.correct
        ]
        return picked or [rng.choice(item.options).text]
    if isinstance(item, OrderItem):
        return _mallows(item.items, logistic(-truth.slope * delta), rng)
    known = rng.random() < logistic(truth.slope * delta)
    if isinstance(item, MatchItem):
        return {
            prompt: right
            if rng.random() < logistic(truth.slope * delta)
            else rng.choice(item.choices)
            for prompt, right in item.key.items()
        }
    if known:
        return keyed_answer(item)
    if isinstance(item, NumericItem):
        return item.answer + item.tolerance + 1 + abs(item.answer) / 10
    return "no idea"


def self_rating(theta: float, item: LikertItem, rng: random.Random) -> int:
    """A self-rating from the level plus noise (people see themselves only roughly)."""
    view = (theta - 3.5) / 1.2 + rng.gauss(0, 1)
    rating = 1 + sum(view > cut for cut in (-1.5, -0.5, 0.5, 1.5))
    return 6 - rating if item.reverse else rating


def _choice(item_id: str, level: float, rng: random.Random) -> ChoiceItem:
    size = rng.choice((3, 4, 4, 4, 5))
    roll = rng.random()
    partial = [0.25, 0.5] if roll < 0.15 else [rng.choice((0.25, 0.5))] if roll < 0.75 else []
    credits = [1.0, *partial, *[0.0] * (size - 1 - len(partial))]
    options = [{"text": f"Option {n}", "credit": c} for n, c in enumerate(credits, start=1)]
    return validate(ChoiceItem, _base(item_id, "choice", level) | {"options": options})


def _multi(item_id: str, level: float, rng: random.Random) -> MultiItem:
    size = rng.choice((4, 5, 5, 6))
    right = rng.randint(2, size - 2)
    options = [{"text": f"Option {n}", "correct": n <= right} for n in range(1, size + 1)]
    return validate(MultiItem, _base(item_id, "multi", level) | {"options": options})


def _base(item_id: str, kind: str, level: float) -> dict[str, object]:
    difficulty = "easy" if level < 2.5 else "medium" if level < 4.0 else "hard"
    return {
        "id": item_id,
        "type": kind,
        "text": "A question.",
        "level": level,
        "difficulty": difficulty,
    }


# The shipped banks' mix of demonstrated items, rounded to 30: mostly choice (most with a
# partial-credit option), then multi, numeric and a few order items.
TYPE_MIX = ("choice",) * 16 + ("multi",) * 6 + ("numeric",) * 5 + ("order",) * 3


def synthetic_levels(rng: random.Random) -> list[float]:
    """30 labels: 10 in 1.0-3.0, 14 in 3.0-4.5 (spanning the requirements), 6 in 4.5-6.0."""
    spans = [(1.0, 2.9, 10), (3.0, 4.5, 14), (4.6, 6.0, 6)]
    return [round(rng.uniform(low, high), 1) for low, high, count in spans for _ in range(count)]


def synthetic_bank(skill: str, rng: random.Random) -> list[Item]:
    """A realistic bank for one skill: 30 demonstrated items and 7 self-ratings."""
    levels = synthetic_levels(rng)
    rng.shuffle(levels)
    items: list[Item] = []
    for number, (kind, level) in enumerate(zip(TYPE_MIX, levels, strict=True), start=1):
        item_id = f"{skill}-{number:02d}"
        if kind == "choice":
            items.append(_choice(item_id, level, rng))
        elif kind == "multi":
            items.append(_multi(item_id, level, rng))
        elif kind == "numeric":
            fields: dict[str, object] = {"answer": rng.randint(10, 500), "tolerance": 0.5}
            items.append(validate(NumericItem, _base(item_id, kind, level) | fields))
        else:
            steps = [f"Step {n}" for n in range(1, rng.choice((4, 5)) + 1)]
            items.append(validate(OrderItem, _base(item_id, kind, level) | {"items": steps}))
    for number in range(1, 8):
        rating: dict[str, object] = {"id": f"{skill}-self-{number}", "type": "likert"}
        rating |= {"text": "I do this well.", "reverse": number % 3 == 0}
        items.append(validate(LikertItem, rating))
    return items

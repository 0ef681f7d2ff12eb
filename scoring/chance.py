"""What a random answer earns on each item: its chance credit, and every credit it can give.

An item's ``level`` is where a person gets halfway from what a random answer earns to full
credit, so the item response model needs both figures: the chance credit (the mean credit
of a random answer) and the attainable credits (from which it forms its categories). Each
random strategy is stated, because "random" means something different per item type:

- choice: one option picked uniformly: the mean of the options' credits;
- multi: every non-empty set of picks equally likely (an empty pick is not an answer),
  scored by the signed-fraction rule;
- order: every arrangement equally likely, scored by max(0, Kendall's tau); exact for any
  length, from the number of arrangements with each count of pairs out of order;
- match: each prompt given any of the answers (distractors too) uniformly and independently,
  so the expected share right is 1 / (number of answers);
- numeric and text: 0 (a number or a phrase typed at random is never right).
"""

from __future__ import annotations

import math
from functools import lru_cache

from questions.models import (
    ChoiceItem,
    Item,
    MatchItem,
    MultiItem,
    NumericItem,
    OrderItem,
    TextItem,
)


def chance_credit(item: Item) -> float:
    """The mean credit (0..1) of a random answer to a demonstrated item (see the module)."""
    if isinstance(item, ChoiceItem):
        return math.fsum(option.credit for option in item.options) / len(item.options)
    if isinstance(item, MultiItem):
        return _multi_chance(*_multi_counts(item))
    if isinstance(item, OrderItem):
        return order_chance(len(item.items))
    if isinstance(item, MatchItem):
        return 1 / len(item.choices)
    if isinstance(item, NumericItem | TextItem):
        return 0.0
    raise ValueError(f"question {item.id} is a self-rating: it has no chance credit")


def attainable_credits(item: Item) -> tuple[float, ...]:
    """Every credit an answer to a demonstrated item can earn, ascending, each once."""
    if isinstance(item, ChoiceItem):
        values = [float(option.credit) for option in item.options]
    elif isinstance(item, MultiItem):
        right, wrong = _multi_counts(item)
        values = [_signed(r, w, right, wrong) for r in range(right + 1) for w in range(wrong + 1)]
    elif isinstance(item, OrderItem):
        pairs = math.comb(len(item.items), 2)
        values = [max(0.0, 1 - 2 * out / pairs) for out in range(pairs + 1)]
    elif isinstance(item, MatchItem):
        values = [right / len(item.pairs) for right in range(len(item.pairs) + 1)]
    elif isinstance(item, TextItem):
        values = [0.0, *(float(answer.credit) for answer in item.answers)]
    elif isinstance(item, NumericItem):
        values = [0.0, 1.0]
    else:
        raise ValueError(f"question {item.id} is a self-rating: it earns no credit")
    return tuple(sorted({round(value, 12) for value in values}))


def _multi_counts(item: MultiItem) -> tuple[int, int]:
    right = sum(1 for option in item.options if option.correct)
    return right, len(item.options) - right


def _signed(r: int, w: int, right: int, wrong: int) -> float:
    """The signed-fraction credit of r right and w wrong picks (scoring.grading's rule)."""
    return min(1.0, max(0.0, r / right - w / wrong))


@lru_cache(maxsize=256)
def _multi_chance(right: int, wrong: int) -> float:
    """Expected credit over all non-empty picks, counted by how many right (r) and wrong (w)
    options they hold: comb(right, r) x comb(wrong, w) picks each."""
    total = math.fsum(
        math.comb(right, r) * math.comb(wrong, w) * _signed(r, w, right, wrong)
        for r in range(right + 1)
        for w in range(wrong + 1)
    )
    return total / ((1 << (right + wrong)) - 1)


def inversion_counts(length: int) -> tuple[int, ...]:
    """How many arrangements of ``length`` steps have 0, 1, 2, ... pairs out of order
    (Mahonian numbers): adding the k-th step puts it before 0..k-1 of the others."""
    counts = [1]
    for size in range(2, length + 1):
        widened = [0] * (len(counts) + size - 1)
        for out, count in enumerate(counts):
            for extra in range(size):
                widened[out + extra] += count
        counts = widened
    return tuple(counts)


@lru_cache(maxsize=64)
def order_chance(length: int) -> float:
    """E[max(0, Kendall's tau)] over all arrangements of ``length`` steps, exactly."""
    counts = inversion_counts(length)
    pairs = len(counts) - 1
    earned = math.fsum(count * max(0.0, 1 - 2 * out / pairs) for out, count in enumerate(counts))
    return earned / math.factorial(length)

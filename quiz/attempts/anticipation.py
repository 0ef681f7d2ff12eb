"""Every credit an answer to a question can earn, worked out before the answer is given.

An adaptive quiz chooses its next question from the credits so far, and the choice is a
pure function of them (scoring.adaptive). Worked out for each credit the current question
can earn while the person reads it, the choice is ready when the answer comes, and the
wait after an answer is no longer than a fixed-length quiz's. The floats must be exactly
the ones grading gives (the choice's random pick is seeded by them), so each is computed
by grading's own rule, not rounded.
"""

from __future__ import annotations

from itertools import combinations

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
from scoring.grading import match_credit, multi_credit

# A multi item of more options than this is left to be worked out when answered: its
# answers number 2 ** options (4,096 at most, about 10 ms).
MULTI_MOST = 12


def possible_credits(item: Item) -> tuple[float | None, ...]:
    """The credits an answer to ``item`` can earn, each once, skipping (None) first; empty
    for a self-rating (it earns no practical credit) and for a multi item too large to
    list."""
    if isinstance(item, LikertItem):
        return ()
    values: list[float] = []
    if isinstance(item, ChoiceItem):
        values = [float(option.credit) for option in item.options]
    elif isinstance(item, MultiItem):
        if len(item.options) > MULTI_MOST:
            return ()
        texts = [option.text for option in item.options]  # answers keep the bank's order
        values = [
            multi_credit(item, list(picked))
            for size in range(1, len(texts) + 1)
            for picked in combinations(texts, size)
        ]
    elif isinstance(item, NumericItem):
        values = [0.0, 1.0]
    elif isinstance(item, TextItem):
        values = [0.0, *(float(answer.credit) for answer in item.answers)]
    elif isinstance(item, MatchItem):
        prompts = [pair.prompt for pair in item.pairs]
        key = item.key
        values = [
            match_credit(item, {prompt: key[prompt] for prompt in prompts[:right]})
            for right in range(len(prompts) + 1)
        ]
    elif isinstance(item, OrderItem):
        pairs = len(list(combinations(item.items, 2)))
        values = [max(0.0, 1 - 2 * discordant / pairs) for discordant in range(pairs + 1)]
    return (None, *dict.fromkeys(values))

"""Grading one response: a credit from 0 to 1 per item type.

The rules are the ones a trainer can check by hand (see each function), because a score
nobody can explain is a score nobody should act on.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping, Sequence
from functools import lru_cache
from itertools import combinations
from typing import assert_never

from questions.answers import check_answer
from questions.models import (
    LIKERT_LABELS,
    ChoiceItem,
    Item,
    LikertItem,
    MatchItem,
    MultiItem,
    NumericItem,
    OrderItem,
    TextItem,
)
from scoring.models import Answer

_LIKERT_STEPS = len(LIKERT_LABELS) - 1


def likert_credit(item: LikertItem, answer: int) -> float:
    """Strongly disagree..Strongly agree map to 0, .25, .5, .75, 1; reverse-keyed items flip."""
    credit = (answer - 1) / _LIKERT_STEPS
    return 1 - credit if item.reverse else credit


def multi_credit(item: MultiItem, picked: Sequence[str]) -> float:
    """Moodle's signed-fraction rule: +1/(number correct) per right pick, -1/(number wrong)
    per wrong pick, clamped to 0..1, so ticking every box earns nothing."""
    correct = {option.text for option in item.options if option.correct}
    wrong = len(item.options) - len(correct)
    total = sum(1 / len(correct) if text in correct else -1 / wrong for text in picked)
    return min(1.0, max(0.0, total))


def numeric_credit(item: NumericItem, given: float) -> float:
    """All or nothing within the item's absolute tolerance.

    A hair of slack absorbs binary rounding (0.1 + 0.2 against 0.3 with tolerance 0).
    """
    slack = 1e-9 * max(1.0, abs(item.answer))
    return 1.0 if abs(given - item.answer) <= item.tolerance + slack else 0.0


def order_credit(keyed: Sequence[str], given: Sequence[str]) -> float:
    """max(0, Kendall's tau), tau = 1 - 2 x discordant pairs / all pairs: one swap of
    neighbours costs little, and an order no better than random earns nothing (a random
    order has tau 0 on average, where the share of pairs in order would give it half)."""
    position = {text: index for index, text in enumerate(given)}
    pairs = list(combinations(keyed, 2))
    discordant = sum(1 for first, second in pairs if position[first] > position[second])
    return max(0.0, 1 - 2 * discordant / len(pairs))


_STARS = re.compile(r"(?<!\\)\*+")


@lru_cache(maxsize=1024)
def _wildcard(pattern: str) -> re.Pattern[str]:
    """A short-answer pattern as Moodle reads it: a run of ``*`` matches anything (even
    nothing), ``\\*`` is a literal star, everything else is literal; case is ignored."""
    pattern = unicodedata.normalize("NFC", pattern.strip())
    parts = (re.escape(part.replace("\\*", "*")) for part in _STARS.split(pattern))
    return re.compile(".*".join(parts), re.IGNORECASE | re.DOTALL)


def readable_pattern(pattern: str) -> str:
    """A short-answer pattern as a person reads it when shown the best answer: a run of
    ``*`` (any text) as ``...``, an escaped ``\\*`` as the star it stands for."""
    return "...".join(part.replace("\\*", "*") for part in _STARS.split(pattern.strip()))


def text_matches(pattern: str, reply: str) -> bool:
    """Whether a reply matches one accepted answer, ignoring case and surrounding spaces."""
    reply = unicodedata.normalize("NFC", reply.strip())
    return _wildcard(pattern).fullmatch(reply) is not None


def text_credit(item: TextItem, reply: str) -> float:
    """The credit of the first accepted answer the reply matches, in the bank's order
    (Moodle's rule: put the exact answers before the wide wildcards); 0 when none does."""
    for answer in item.answers:
        if text_matches(answer.text, reply):
            return float(answer.credit)
    return 0.0


def match_credit(item: MatchItem, given: Mapping[str, str]) -> float:
    """The share of prompts given their right answer (answers compared as the bank spells
    them, after check_answer)."""
    key = item.key
    right = sum(1 for prompt, answer in key.items() if given.get(prompt) == answer)
    return right / len(key)


def credit(item: Item, value: Answer) -> float | None:
    """The credit for an answer already in canonical form (see check_answer)."""
    if value is None:
        return None if isinstance(item, LikertItem) else 0.0
    match item:
        case LikertItem():
            assert isinstance(value, int)
            return likert_credit(item, value)
        case ChoiceItem():
            return float(next(option.credit for option in item.options if option.text == value))
        case MultiItem():
            assert isinstance(value, list)
            return multi_credit(item, value)
        case NumericItem():
            assert isinstance(value, (int, float))
            return numeric_credit(item, value)
        case TextItem():
            assert isinstance(value, str)
            return text_credit(item, value)
        case MatchItem():
            assert isinstance(value, dict)
            return match_credit(item, value)
        case OrderItem():
            assert isinstance(value, list)
            return order_credit(item.items, value)
        case _:
            assert_never(item)


def grade(item: Item, answer: Answer) -> float | None:
    """The credit (0..1) one answer earns on one item.

    A skipped demonstrated item earns 0 (it was asked and not shown); a skipped self-rating
    returns None, because it says nothing about how the person sees themselves. The answer
    is checked first (questions.answers.check_answer), so an answer that does not fit the
    item raises AnswerError rather than scoring silently.
    """
    return credit(item, check_answer(item, answer))

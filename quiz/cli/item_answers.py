"""What an answers file takes for each item, as ``skillquiz banks --questions`` lists it:
the texts to pick from (without giving the key away), the answer's shape, and in words."""

from __future__ import annotations

from typing import assert_never

from questions import LIKERT_LABELS
from questions.answers import listed_answers, listed_steps
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


def choices_listed(item: Item) -> list[str]:
    """The texts an answer is made of, without revealing the key (steps go alphabetically)."""

    match item:
        case ChoiceItem() | MultiItem():
            return [option.text for option in item.options]
        case OrderItem():
            return list(listed_steps(item))
        case MatchItem():
            return list(listed_answers(item))
        case LikertItem() | NumericItem() | TextItem():
            return []
        case _:
            assert_never(item)


def answers_taken(item: Item) -> dict[str, object]:
    """What an answers file may give for this item."""

    match item:
        case LikertItem():
            return {"scale": {str(n): label for n, label in enumerate(LIKERT_LABELS, start=1)}}
        case NumericItem():
            return {"number": True, "unit": item.unit}
        case TextItem():
            return {"text": True}
        case MatchItem():
            return {
                "prompts": [pair.prompt for pair in item.pairs],
                "answers": choices_listed(item),
            }
        case OrderItem():
            return {"steps": choices_listed(item)}
        case ChoiceItem() | MultiItem():
            return {"options": choices_listed(item)}
        case _:
            assert_never(item)


def how_to_answer(item: Item) -> str:
    """How an answers file gives this item's answer, in words."""

    match item:
        case LikertItem():
            return "a number from 1 (Strongly disagree) to 5 (Strongly agree)"
        case ChoiceItem():
            return "one option's text or number"
        case MultiItem():
            return "a list of option texts or numbers"
        case NumericItem():
            return "a number"
        case OrderItem():
            return "a list of every step's text or number, in order"
        case TextItem():
            return "the answer as text"
        case MatchItem():
            return "a mapping of every prompt to its answer's text or number"
        case _:
            assert_never(item)

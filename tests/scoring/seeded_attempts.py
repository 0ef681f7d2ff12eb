"""Attempts drawn with a fixed seed from banks made with the same seed, for a test that
holds whole Assessments still while the scoring code is changed for speed.

The banks are made here, not read from questions/banks/, so editing the shipped banks does
not move the expected results: five skills the built-in catalog knows, each with
self-ratings (some reverse-keyed) and every demonstrated type, with levels across O*NET's
scale, and some items with only a difficulty or neither (their location falls back). The
respondent has a level per skill and knows an item's answer with a chance that rises with
the distance from its level; otherwise answers at random. Self-ratings follow the level,
some well below it or above it. Some answers are skipped, some do not fit their question
(counted as skipped, with a warning), one skill is sometimes skipped whole (not measured),
and some attempts carry calibrated parameters for a few items.
"""

from __future__ import annotations

import json
import math
import random
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from questions import parse_bank
from questions.answers import Answer, keyed_answer
from questions.models import (
    Bank,
    ChoiceItem,
    Item,
    LikertItem,
    MatchItem,
    MultiItem,
    NumericItem,
    OrderItem,
)
from scoring import AskedItem
from scoring.response_models import AnyParams, FractionalParams, ItemParams

SEED = 20261206
SKILLS = ("critical_thinking", "data_analysis", "attention_to_detail", "empathy", "research")
TYPES = ("choice", "multi", "numeric", "order", "text", "match")
LIKERT = 6
DEMONSTRATED = 18
SELF_RATINGS = 3
ASKED = 14
SKIP = 0.05
UNFIT = 0.02
# How far a person's self-ratings sit from what they can do, in rating points.
SELF_VIEW = (-2, 0, 0, 0, 2)


def _located(rng: random.Random, fields: dict[str, Any]) -> dict[str, Any]:
    """A level on most items; a difficulty alone, or nothing, on some."""
    draw = rng.random()
    if draw < 0.75:
        fields["level"] = round(rng.uniform(0.5, 6.5), 1)
    elif draw < 0.9:
        fields["difficulty"] = rng.choice(("easy", "medium", "hard"))
    return fields


def _choice(rng: random.Random, base: dict[str, Any]) -> dict[str, Any]:
    credits = [1, *(rng.choice((0, 0, 0.25, 0.5)) for _ in range(rng.randint(1, 4)))]
    rng.shuffle(credits)
    options = [{"text": f"Option {n}", "credit": c} for n, c in enumerate(credits)]
    return {**base, "type": "choice", "options": options}


def _multi(rng: random.Random, base: dict[str, Any]) -> dict[str, Any]:
    marks = [True, False, *(rng.random() < 0.4 for _ in range(rng.randint(1, 4)))]
    rng.shuffle(marks)
    options = [{"text": f"Pick {n}", "correct": mark} for n, mark in enumerate(marks)]
    return {**base, "type": "multi", "options": options}


def _numeric(rng: random.Random, base: dict[str, Any]) -> dict[str, Any]:
    answer = round(rng.uniform(-50, 5000), rng.choice((0, 1, 2)))
    tolerance = rng.choice((0, 0.05, 0.5, 2))
    return {**base, "type": "numeric", "answer": answer, "tolerance": tolerance}


def _order(rng: random.Random, base: dict[str, Any]) -> dict[str, Any]:
    return {**base, "type": "order", "items": [f"Step {n}" for n in range(rng.randint(3, 6))]}


def _text(rng: random.Random, base: dict[str, Any]) -> dict[str, Any]:
    answers = [{"text": "right", "credit": 1}, {"text": "near*", "credit": 0.5}]
    return {**base, "type": "text", "answers": answers[: rng.randint(1, 2)]}


def _match(rng: random.Random, base: dict[str, Any]) -> dict[str, Any]:
    pairs = [{"prompt": f"Prompt {n}", "answer": f"Answer {n}"} for n in range(rng.randint(2, 5))]
    distractors = [f"Other {n}" for n in range(rng.randint(0, 2))]
    return {**base, "type": "match", "pairs": pairs, "distractors": distractors}


MAKERS = {"choice": _choice, "multi": _multi, "numeric": _numeric, "order": _order}
MAKERS |= {"text": _text, "match": _match}


def _bank(skill: str, rng: random.Random) -> Bank:
    """One skill's bank as its author would write it (JSON is YAML too)."""
    prefix = skill[:2]
    questions: list[dict[str, Any]] = [
        {"id": f"{prefix}-self-{n}", "type": "likert", "text": f"I do {skill} {n}."}
        | ({"reverse": True} if n % 3 == 2 else {})
        for n in range(LIKERT)
    ]
    for n in range(DEMONSTRATED):
        base = {"id": f"{prefix}-{n}", "text": f"Question {n} on {skill}?"}
        if n % 4 == 0:
            base["explanation"] = f"Why {n}."
        questions.append(_located(rng, MAKERS[TYPES[n % len(TYPES)]](rng, base)))
    name = skill.replace("_", " ").capitalize()
    text = json.dumps({"schema": 1, "skill": {"id": skill, "name": name}, "questions": questions})
    return parse_bank(text, f"{skill}.yaml").bank


def seeded_banks(seed: int = SEED) -> list[Bank]:
    rng = random.Random(seed)
    return [_bank(skill, rng) for skill in SKILLS]


def _guess(item: Item, rng: random.Random) -> Answer:
    """What a person who does not know the answer might give."""
    match item:
        case ChoiceItem():
            return rng.choice(item.options).text
        case MultiItem():
            picked = [option.text for option in item.options if rng.random() < 0.5]
            return picked or [item.options[0].text]
        case NumericItem():
            return item.answer + rng.choice((-1, 1)) * rng.choice((0.01, 0.4, 1.0, 30.0))
        case OrderItem():
            return rng.sample(list(item.items), len(item.items))
        case MatchItem():
            return {pair.prompt: rng.choice(item.choices) for pair in item.pairs}
        case _:
            return rng.choice(("near miss", "nearly", "wrong", " RIGHT "))


UNFITTING: Mapping[str, Answer] = {
    "likert": 9,
    "choice": "Not an option",
    "multi": ["Not an option"],
    "numeric": "many",
    "order": ["Step 0"],
    "text": 4,
    "match": {"Not a prompt": "Answer 0"},
}


def _answer(item: Item, level: float, bias: int, rng: random.Random) -> Answer:
    if rng.random() < UNFIT:
        return UNFITTING[item.type]
    if isinstance(item, LikertItem):
        rating = min(5, max(1, round(1 + 4 * level / 7 + bias + rng.gauss(0, 0.8))))
        return 6 - rating if item.reverse else rating
    location = 3.0 if item.level is None else item.level
    knows = 1 / (1 + math.exp(-1.4 * (level - location)))
    return keyed_answer(item) if rng.random() < knows else _guess(item, rng)


@dataclass(frozen=True)
class Attempt:
    asked: list[AskedItem]
    answers: dict[str, Answer]
    experience: float | None
    params: dict[str, AnyParams] | None


def _params(asked: list[AskedItem], rng: random.Random) -> dict[str, AnyParams]:
    """Calibrated parameters for a few demonstrated items, of both models."""
    shown = [entry.item for entry in asked if not isinstance(entry.item, LikertItem)]
    params: dict[str, AnyParams] = {}
    for item in rng.sample(shown, 6):
        slope, location = round(rng.uniform(0.6, 2.0), 2), round(rng.uniform(1, 6), 1)
        if rng.random() < 0.5:
            params[item.id] = FractionalParams(slope, location, 0.2, 0.0, "calibrated")
        else:
            steps = (location - 0.5, location + 0.5)
            params[item.id] = ItemParams(slope, steps, (0.0, 0.5, 1.0), 0.0, "calibrated")
    return params


def _attempt(banks: list[Bank], rng: random.Random) -> Attempt:
    asked: list[AskedItem] = []
    answers: dict[str, Answer] = {}
    unmeasured = rng.choice([None, None, None, *SKILLS])
    for bank in banks:
        level = min(6.8, max(0.2, rng.gauss(3.5, 1.4)))
        bias = rng.choice(SELF_VIEW)
        likert = [item for item in bank.questions if isinstance(item, LikertItem)]
        shown = [item for item in bank.questions if not isinstance(item, LikertItem)]
        chosen = [*rng.sample(likert, SELF_RATINGS), *rng.sample(shown, ASKED)]
        rng.shuffle(chosen)
        for item in chosen:
            asked.append(AskedItem(bank.skill, item))
            skipped = bank.skill.id == unmeasured and item.demonstrated
            if not skipped and rng.random() >= SKIP:
                answers[item.id] = _answer(item, level, bias, rng)
    experience = rng.choice((None, 0, 1.5, 2, 5, 8))
    params = _params(asked, rng) if rng.random() < 0.25 else None
    return Attempt(asked, answers, experience, params)


def seeded_attempts(count: int, seed: int = SEED) -> list[Attempt]:
    """``count`` attempts over the seeded banks, the same every run."""
    rng = random.Random(seed)
    banks = seeded_banks(seed)
    return [_attempt(banks, rng) for _ in range(count)]

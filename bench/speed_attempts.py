"""Standard attempts for timing: drawn with a fixed seed from the shipped banks, answered by
a simple simulated respondent, as data any version of the scoring code can read.

A standard quiz asks each skill 3 self-ratings and 14 demonstrated items, drawn at random
and shuffled (quiz/attempts/draw.py also balances types and difficulties; for timing the
number and kinds of items are what count). The respondent has a level per skill, drawn
around the middle of O*NET's scale (N(3.5, 1.2), kept in 0.2-6.8); on a demonstrated item
they know the answer with probability logistic(1.4 (level - item's level)) and give the
keyed answer, else a random one (a random option, a random non-empty set of options, a
random order, a number off the key); 3% of questions are skipped. Self-ratings follow the
level with noise, turned round on reverse-keyed items. Years of experience: none given,
0, 2 or 5. Accuracy is bench/simulate.py's business; this only has to look like real use:
right, wrong, partial and skipped answers in realistic shares.
"""

from __future__ import annotations

import math
import random
from typing import Any

from questions import load_banks
from questions.answers import Answer, keyed_answer
from questions.loader import BankSet, builtin_bank_dir
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

SELF_RATINGS = 3
DEMONSTRATED = 14
SKIP = 0.03
SLOPE = 1.4
UNLABELLED = 3.0
EXPERIENCE = (None, 0, 2, 5)


def shipped_banks() -> tuple[list[str], BankSet]:
    """The built-in bank files (their paths, for the workers) and the banks themselves."""
    paths = sorted(str(path) for path in builtin_bank_dir().glob("*.yaml"))
    return paths, load_banks()


def _random_answer(item: Item, rng: random.Random) -> Answer:
    """What a person who does not know the answer might give."""
    match item:
        case ChoiceItem():
            return rng.choice(item.options).text
        case MultiItem():
            picked = [option.text for option in item.options if rng.random() < 0.5]
            return picked or [rng.choice(item.options).text]
        case NumericItem():
            return item.answer + rng.choice((-1, 1)) * max(1.0, abs(item.answer) * 0.2)
        case OrderItem():
            return rng.sample(list(item.items), len(item.items))
        case TextItem():
            return "no idea"
        case MatchItem():
            return {pair.prompt: rng.choice(item.choices) for pair in item.pairs}
        case _:
            raise ValueError(f"no random answer for {item.type}")


def _demonstrated(item: Item, level: float, rng: random.Random) -> Answer:
    label = getattr(item, "level", None)
    location = UNLABELLED if label is None else float(label)
    knows = 1 / (1 + math.exp(-SLOPE * (level - location)))
    return keyed_answer(item) if rng.random() < knows else _random_answer(item, rng)


def _self_rating(item: LikertItem, level: float, rng: random.Random) -> int:
    rating = min(5, max(1, round(1 + 4 * level / 7 + rng.gauss(0, 0.8))))
    return 6 - rating if item.reverse else rating


def _attempt(banks: BankSet, rng: random.Random) -> dict[str, Any]:
    asked: list[tuple[str, str]] = []
    answers: dict[str, Answer] = {}
    for loaded in banks.banks:
        level = min(6.8, max(0.2, rng.gauss(3.5, 1.2)))
        items = loaded.bank.questions
        likert = [item for item in items if isinstance(item, LikertItem)]
        shown = [item for item in items if not isinstance(item, LikertItem)]
        chosen: list[Item] = [*rng.sample(likert, SELF_RATINGS), *rng.sample(shown, DEMONSTRATED)]
        rng.shuffle(chosen)
        for item in chosen:
            asked.append((loaded.skill.id, item.id))
            if rng.random() < SKIP:
                continue
            if isinstance(item, LikertItem):
                answers[item.id] = _self_rating(item, level, rng)
            else:
                answers[item.id] = _demonstrated(item, level, rng)
    return {"asked": asked, "answers": answers, "experience": rng.choice(EXPERIENCE)}


def draw_attempts(count: int, seed: int) -> dict[str, Any]:
    """``count`` standard attempts over every shipped bank, as JSON-ready data: the bank
    files, and per attempt the (skill, question id) pairs asked, the answers by id (a
    missing id is a skip) and the years of experience (None: not given)."""
    rng = random.Random(seed)
    paths, banks = shipped_banks()
    return {"banks": paths, "attempts": [_attempt(banks, rng) for _ in range(count)]}

"""The draw: which questions a quiz asks, in what order, with options in which order.

Everything random (which items, their order, the order of options) comes from one seed
stored with the attempt, so the same seed and banks give the same quiz. Questions are
asked one skill at a time (in the order the skills were chosen), shuffled within each
skill, so a person stays with one topic while the types still mix.
"""

from __future__ import annotations

import random
import re
from collections import Counter
from collections.abc import Mapping, Sequence
from typing import assert_never

from questions import ITEM_TYPES, BankSet, Item, ItemType
from questions.models import (
    ChoiceItem,
    LikertItem,
    MatchItem,
    MultiItem,
    NumericItem,
    OrderItem,
    TextItem,
)
from quiz.attempts.lengths import ADAPTIVE, ADAPTIVE_MOST, PER_SKILL, SELF_RATINGS
from quiz.attempts.snapshot import AskedQuestion, BankRef, Snapshot, choices_of


def new_seed() -> int:
    """A fresh seed from the system's randomness (as ``secrets.randbelow(2**31)``, without
    importing ``secrets``, which loads hmac and base64 into every quiz's start)."""
    return random.SystemRandom().randrange(2**31)


def _level(item: Item) -> str:
    """An item's difficulty as the draw groups it; unrated items form a group of their own."""
    return getattr(item, "difficulty", None) or "unrated"


def _spread(
    pool: Sequence[Item],
    count: int,
    rng: random.Random,
    quota: Mapping[ItemType, int] | None = None,
) -> list[Item]:
    """``count`` items spread across difficulties (and, without a quota, across types).

    A hard item comes first when there is one, so even a quick quiz can tell a practised
    candidate from a beginner. Each later pick takes the least represented type, then the
    difficulty furthest below its share of the pool; ties go to a random item. With a
    ``quota`` per type, each type gives exactly that many items.
    """
    shuffled = rng.sample(list(pool), len(pool))
    share = Counter(_level(item) for item in shuffled)
    types: Counter[str] = Counter()
    levels: Counter[str] = Counter()
    chosen: list[Item] = []

    def open_(item: Item) -> bool:
        return item not in chosen and (quota is None or types[item.type] < quota[item.type])

    def rank(item: Item) -> tuple[float, float]:
        level = _level(item)
        spread = (levels[level] + 0.5) / share[level]
        return (0.0 if quota else types[item.type], spread)

    while len(chosen) < count:
        candidates = [item for item in shuffled if open_(item)]
        if not candidates:
            break
        hard = [item for item in candidates if _level(item) == "hard"]
        pick = hard[0] if hard and not chosen else min(candidates, key=rank)
        chosen.append(pick)
        types[pick.type] += 1
        levels[_level(pick)] += 1
    return chosen


def _self_ratings(likert: Sequence[Item], count: int, rng: random.Random) -> list[Item]:
    """``count`` self-ratings, one of them reverse-keyed when the bank has one.

    Someone who agrees with every statement without reading them can only be told apart
    when a statement is worded the other way round; without one, a run of "Agree" is as
    likely an honest answer as an unread one.
    """
    reverse = [item for item in likert if getattr(item, "reverse", False)]
    if not reverse or count < 1:
        return rng.sample(list(likert), min(count, len(likert)))
    first = rng.choice(reverse)
    rest = [item for item in likert if item is not first]
    return [first, *rng.sample(rest, min(count - 1, len(rest)))]


def _draw_quick(items: Sequence[Item], count: int, rng: random.Random) -> list[Item]:
    """One self-rating (reverse-keyed, where the bank has one), the rest demonstrated
    items: a hard one first, then as many different types and difficulties as there are."""
    likert = [item for item in items if item.type == "likert"]
    chosen = _self_ratings(likert, SELF_RATINGS["quick"], rng)
    demonstrated = [item for item in items if item.type != "likert"]
    chosen.extend(_spread(demonstrated, count - len(chosen), rng))
    return _top_up(chosen, likert, count, rng)


def _top_up(
    chosen: list[Item], likert: Sequence[Item], count: int, rng: random.Random
) -> list[Item]:
    """``chosen`` filled up to ``count`` with self-ratings when demonstrated items run out."""
    if len(chosen) < count:
        spare = [item for item in likert if item not in chosen]
        chosen.extend(rng.sample(spare, min(len(spare), count - len(chosen))))
    return chosen


def _draw_stratified(items: Sequence[Item], count: int, rng: random.Random) -> list[Item]:
    """Three self-ratings, then demonstrated items with each type in proportion to its share
    of the bank's demonstrated items, spread across difficulties (a hard one first when
    there is one)."""
    likert = [item for item in items if item.type == "likert"]
    demonstrated = [item for item in items if item.type != "likert"]
    chosen: list[Item] = rng.sample(likert, min(SELF_RATINGS["standard"], len(likert)))
    wanted = min(count - len(chosen), len(demonstrated))
    sizes: Counter[str] = Counter(item.type for item in demonstrated)
    kinds = [kind for kind in ITEM_TYPES if sizes[kind]]
    exact = {kind: wanted * sizes[kind] / len(demonstrated) for kind in kinds}
    quota: dict[ItemType, int] = {kind: int(share) for kind, share in exact.items()}
    by_remainder = sorted(kinds, key=lambda kind: exact[kind] - quota[kind], reverse=True)
    for kind in by_remainder[: wanted - sum(quota.values())]:
        quota[kind] += 1
    chosen.extend(_spread(demonstrated, wanted, rng, quota))
    return _top_up(chosen, likert, count, rng)


def draw_items(items: Sequence[Item], length: str, rng: random.Random) -> list[Item]:
    """The items one skill contributes to a quiz of this length, in the order to ask them."""
    count = PER_SKILL.get(length)
    if count is None or count >= len(items):
        chosen = list(items)
    elif length == "quick":
        chosen = _draw_quick(items, count, rng)
    else:
        chosen = _draw_stratified(items, count, rng)
    rng.shuffle(chosen)
    return chosen


_NUMBERED = re.compile(r"([A-Za-z][\w-]*) ([0-9]{1,4})\b")


def _numbered(texts: Sequence[str]) -> list[str] | None:
    """Options that name numbered lines of an exhibit ("Line 3", "Op 40 (grind)") in
    number order, or None when they are not all such labels with the same word."""
    keyed: list[tuple[str, int, str]] = []
    for text in texts:
        match = _NUMBERED.match(text)
        if match is None:
            return None
        keyed.append((match.group(1), int(match.group(2)), text))
    if len({word for word, _, _ in keyed}) != 1:
        return None
    return [text for _, _, text in sorted(keyed)]


def display_order(item: Item, rng: random.Random) -> tuple[str, ...]:
    """Options (or steps) in the order shown; steps are never shown already in order.

    Options naming numbered lines of an exhibit keep their number order: shuffled, "Line
    9" would sit where a reader looks for line 3, and in plain mode option 3 would not be
    line 3. The random generator is drawn from either way, so later items are unaffected.
    """
    match item:
        case ChoiceItem() | MultiItem():
            texts = choices_of(item)
            shuffled = tuple(rng.sample(texts, len(texts)))
            numbered = _numbered(texts) if item.exhibit is not None else None
            return shuffled if numbered is None else tuple(numbered)
        case MatchItem():  # the answers to pick from; the prompts keep the bank's order
            choices = choices_of(item)
            return tuple(rng.sample(choices, len(choices)))
        case OrderItem():
            steps = choices_of(item)
            shown = steps[:]
            while shown == steps:
                rng.shuffle(shown)
            return tuple(shown)
        case LikertItem() | NumericItem() | TextItem():
            return ()
        case _:
            assert_never(item)


def planned_count(bank_set: BankSet, skills: Sequence[str], length: str) -> int:
    """How many questions a quiz of this length over these skills asks (adaptive: at
    most)."""
    total = 0
    for skill_id in skills:
        questions = bank_set.bank(skill_id).bank.questions
        if length == ADAPTIVE:
            rated = sum(item.type == "likert" for item in questions)
            shown = len(questions) - rated
            total += min(SELF_RATINGS["standard"], rated) + min(ADAPTIVE_MOST, shown)
            continue
        per = PER_SKILL.get(length)
        total += len(questions) if per is None else min(per, len(questions))
    return total


def draw(bank_set: BankSet, skills: Sequence[str], length: str, seed: int) -> Snapshot:
    """The quiz for these skills, length and seed.

    Each skill draws from its own generator seeded with the seed and the skill id, so
    leaving a skill out does not change the questions drawn for the others.
    """
    refs: list[BankRef] = []
    questions: list[AskedQuestion] = []
    for skill_id in skills:
        loaded = bank_set.bank(skill_id)
        rng = random.Random(f"{seed}:{skill_id}")
        refs.append(BankRef(skill=loaded.skill, digest=loaded.digest, source=loaded.source))
        for item in draw_items(loaded.bank.questions, length, rng):
            questions.append(
                AskedQuestion(skill=skill_id, item=item, shown=display_order(item, rng))
            )
    return Snapshot(banks=tuple(refs), questions=tuple(questions))


def bank_snapshot(bank_set: BankSet, skills: Sequence[str]) -> Snapshot:
    """Every item of the chosen skills' banks, in the banks' order: what attempts drawn
    from the same banks share in storage, whatever each one drew."""
    chosen = set(skills)
    refs: list[BankRef] = []
    questions: list[AskedQuestion] = []
    for loaded in bank_set.banks:
        if loaded.skill.id not in chosen:
            continue
        refs.append(BankRef(skill=loaded.skill, digest=loaded.digest, source=loaded.source))
        questions.extend(
            AskedQuestion(skill=loaded.skill.id, item=item) for item in loaded.bank.questions
        )
    return Snapshot(banks=tuple(refs), questions=tuple(questions))

"""Adaptive quizzes, one skill at a time: which demonstrated item to ask next, or stop.

The rule (psychometrics notes; CAT-ASVAB, GMAT and PROMIS do the same in outline):
- first, an item whose location is near the middle of the person prior (where everyone
  starts); then the item most informative at the current level estimate (EAP), picked at
  random among the best three (randomesque exposure control, Kingsbury & Zara 1989), so
  no item is shown to everyone;
- content balance: no item type more than one item over its share of the bank, and at
  least one exhibit item where the bank has them (asked by the time the quiz could stop);
- stop, after at least ``min_items`` answered, when every requirement on the skill is
  decided (the chance of meeting it at least ``decide_at`` or at most 1 - ``decide_at``)
  or the posterior SD is at or below ``target_sd``; stop at ``max_items`` asked
  whatever, and when the bank has nothing left to ask.

Uncalibrated banks (items scored from their labels, with the labels' uncertainty carried)
ask at least 8 items: with labels alone an adaptive quiz picks items for what the labels
say, and its intervals are honest only with more answers behind them.

The choice is a pure function of the skill's items, their parameters, the requirement
cuts, the seed and the answers so far, in order: a resumed quiz asks what the first
sitting would have asked next. Plain Python, like all of scoring on the quiz path.
"""

from __future__ import annotations

import random
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Literal

from questions.models import Item, LikertItem
from scoring.irt import (
    PRIOR,
    ItemParams,
    LevelEstimate,
    Prior,
    estimate_level,
    item_information,
    params_from_label,
)

# At least 4 and at most 14 demonstrated items a skill: 14 is the standard quiz's count,
# so an adaptive quiz never asks more; PROMIS's adaptive tests ask 4-12.
MIN_ITEMS = 4
MAX_ITEMS = 14
# Without calibration: at least 8 (see the module docstring; bench/cat.py measures it).
UNCALIBRATED_MIN_ITEMS = 8
# A requirement is decided when the chance of meeting it is 0.95 or more, or 0.05 or
# less: stricter than the 0.90 / 0.10 the results use to say met or to build, so a quiz
# that stops has its statuses settled with room to spare.
DECIDE_AT = 0.95
# Stop when the posterior SD is this small (level units): PROMIS stops at a standard
# error of 0.3 in units of the population's SD, and people heading into these roles
# spread over about 1.2 levels (scoring.irt's slope default says the same), so 0.36.
TARGET_SD = 0.36
# Randomesque: one of the three most informative items, at random.
BEST_OF = 3
# A skill is asked in calibrated mode when at least half its demonstrated items carry
# calibrated parameters; otherwise the labels lead and the uncalibrated minimum holds.
CALIBRATED_SHARE = 0.5


@dataclass(frozen=True)
class Rules:
    """How long a skill's adaptive quiz runs and how it picks (defaults above)."""

    min_items: int = MIN_ITEMS
    max_items: int = MAX_ITEMS
    decide_at: float = DECIDE_AT
    target_sd: float | None = TARGET_SD
    best_of: int = BEST_OF


CALIBRATED = Rules()
UNCALIBRATED = Rules(min_items=UNCALIBRATED_MIN_ITEMS)

Reason = Literal["decided", "precise", "cap", "exhausted"]


@dataclass(frozen=True)
class Ask:
    """Ask this item next."""

    item: Item


@dataclass(frozen=True)
class Stop:
    """The skill is done: why, and the estimate it ends on (None if nothing answered)."""

    reason: Reason
    estimate: LevelEstimate | None


@lru_cache(maxsize=16384)
def _label_params(item: Item) -> ItemParams:
    return params_from_label(item)


def params_of(item: Item, params: Mapping[str, ItemParams] | None) -> ItemParams:
    """The item's calibrated parameters when the set has them, else its label's."""
    if params is not None and item.id in params:
        return params[item.id]
    return _label_params(item)


def rules_for(items: Sequence[Item], params: Mapping[str, ItemParams] | None) -> Rules:
    """Calibrated rules when at least CALIBRATED_SHARE of the skill's demonstrated items
    have calibrated parameters, else the uncalibrated ones."""
    shown = [item for item in items if not isinstance(item, LikertItem)]
    calibrated = sum(params_of(item, params).calibrated for item in shown)
    return CALIBRATED if shown and calibrated >= CALIBRATED_SHARE * len(shown) else UNCALIBRATED


def _decided(estimate: LevelEstimate, cuts: Sequence[float], decide_at: float) -> bool:
    return bool(cuts) and all(
        p >= decide_at or p <= 1 - decide_at for p in map(estimate.p_at_least, cuts)
    )


def _stop_reason(
    estimate: LevelEstimate | None,
    answered: int,
    exhibit_due: bool,
    cuts: Sequence[float],
    rules: Rules,
) -> Reason | None:
    """Why the skill can stop now (the cap and an empty bank are checked by the caller)."""
    if estimate is None or answered < rules.min_items or exhibit_due:
        return None
    if _decided(estimate, cuts, rules.decide_at):
        return "decided"
    if rules.target_sd is not None and estimate.sd <= rules.target_sd:
        return "precise"
    return None


def _balanced(
    candidates: Sequence[Item], asked: Sequence[Item], shown: Sequence[Item]
) -> Sequence[Item]:
    """Candidates of types that stay within one item of their share of the bank."""
    share = Counter(item.type for item in shown)
    used = Counter(item.type for item in asked)
    total, position = len(shown), len(asked) + 1
    allowed = [
        item
        for item in candidates
        if used[item.type] + 1 <= share[item.type] / total * position + 1
    ]
    return allowed or candidates


def _ranked(
    candidates: Sequence[Item],
    estimate: LevelEstimate | None,
    params: Mapping[str, ItemParams] | None,
    prior: Prior,
) -> list[Item]:
    """Best first: before any answer, nearest the prior's mean; then most informative at
    the estimate. Ties keep bank order."""
    if estimate is None:
        return sorted(
            candidates, key=lambda item: abs(params_of(item, params).location - prior.mean)
        )
    theta = estimate.mean
    return sorted(candidates, key=lambda item: -item_information(params_of(item, params), theta))


def _rng(seed: str | int, answers: Sequence[tuple[str, float | None]]) -> random.Random:
    """A generator fixed by the seed and the answers so far, in order (resume-safe)."""
    history = ";".join(f"{item_id}={credit!r}" for item_id, credit in answers)
    return random.Random(f"{seed}|{history}")


def next_step(
    items: Sequence[Item],
    answers: Sequence[tuple[str, float | None]],
    cuts: Sequence[float],
    seed: str | int,
    params: Mapping[str, ItemParams] | None = None,
    rules: Rules = CALIBRATED,
    prior: Prior = PRIOR,
) -> Ask | Stop:
    """The next item to ask of one skill, or why to stop.

    ``items``: the skill's items (self-ratings are left aside); ``answers``: (question
    id, credit) in the order asked, None for a skip (asked, but no evidence); ``cuts``:
    the requirement levels on the skill; ``params``: calibrated parameters by question id
    (others from their labels). Raises ValueError for an answer to an item not offered.
    """
    shown = [item for item in items if not isinstance(item, LikertItem)]
    by_id = {item.id: item for item in shown}
    unknown = [item_id for item_id, _ in answers if item_id not in by_id]
    if unknown:
        raise ValueError(f"answer to question {unknown[0]}, which is not among the items")
    asked = [by_id[item_id] for item_id, _ in answers]
    answered = sum(credit is not None for _, credit in answers)
    estimate = estimate_level([(by_id[i], c) for i, c in answers], params, prior)
    if len(asked) >= rules.max_items:
        return Stop("cap", estimate)
    exhibits = [item for item in shown if item.exhibit is not None]
    exhibit_due = bool(exhibits) and not any(item.exhibit is not None for item in asked)
    reason = _stop_reason(estimate, answered, exhibit_due, cuts, rules)
    if reason is not None:
        return Stop(reason, estimate)
    asked_ids = {item.id for item in asked}
    candidates = [item for item in shown if item.id not in asked_ids]
    if not candidates:
        return Stop("exhausted", estimate)
    last_chance = answered + 1 >= rules.min_items or len(asked) + 1 >= rules.max_items
    if exhibit_due and last_chance:
        candidates = [item for item in candidates if item.exhibit is not None]
    best = _ranked(_balanced(candidates, asked, shown), estimate, params, prior)
    return Ask(_rng(seed, answers).choice(best[: rules.best_of]))

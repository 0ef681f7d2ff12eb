"""Adaptive quizzes, one skill at a time: which demonstrated item to ask next, or stop.

The rule (psychometrics notes; CAT-ASVAB, GMAT and PROMIS do the same in outline):
- first, an item whose location is near the middle of the person prior (where everyone
  starts: one of the eight nearest on a calibrated bank, OPENING, of the three nearest
  on labels); then the item most informative at the current level estimate (EAP),
  picked at random among the best three (randomesque exposure control, Kingsbury & Zara
  1989), so no item is shown to everyone;
- content balance: no item type more than two items over its share of the bank (one
  would shut out the few most informative types, numbers and orders, too early in an
  8-item quiz), and at least one exhibit item where the bank has them (asked by the
  time the quiz could stop);
- stop, after at least ``min_items`` answered, when every requirement on the skill is
  decided (the chance of meeting it at least ``decide_at`` or at most 1 - ``decide_at``)
  or the posterior SD is at or below ``target_sd``: for each bank, the precision a
  standard quiz of 14 random items reaches on it (``standard_sd``), so a quiz that stops
  for precision has lost nothing against the standard one; stop at ``max_items`` asked
  whatever, and when the bank has nothing left to ask;
- a set of parameters may close items to a share of quizzes (``eligibility``, chance per
  item, fixed by the seed), for exposure control beyond the randomesque pick.

Uncalibrated banks (items scored from their labels, with the labels' uncertainty carried)
ask at least 8 items: with labels alone an adaptive quiz picks items for what the labels
say, and its intervals are honest only with more answers behind them.

The choice is a pure function of the skill's items, their parameters, the requirement
cuts, the seed and the answers so far, in order: a resumed quiz asks what the first
sitting would have asked next. It is worked out from tables made once per quiz
(scoring.adaptive_pool: information on the grid, each answer's evidence row, the
posterior's running product), so a turn costs little beside the answer's commit. Plain
Python, like all of scoring on the quiz path.
"""

from __future__ import annotations

import hashlib
import math
import random
from collections import Counter
from collections.abc import Mapping, Sequence
from functools import lru_cache
from operator import mul
from typing import Literal

from questions.models import Item, LikertItem
from questions.record import Record, replace
from scoring.adaptive_limits import MAX_ITEMS, MIN_ITEMS, UNCALIBRATED_MIN_ITEMS
from scoring.adaptive_pool import Pool, information_table, informations, prepare, resolve
from scoring.irt import (
    PRIOR,
    UNSCALED_ROWS,
    LevelEstimate,
    Prior,
    level_from_product,
    level_from_rows,
    prior_weights,
)
from scoring.response_models import AnyParams

# How few and how many demonstrated items a skill: scoring.adaptive_limits.
# A requirement is decided when the chance of meeting it is 0.95 or more, or 0.05 or
# less: stricter than the 0.90 / 0.10 the results use to say met or to build, so a quiz
# that stops has its statuses settled with room to spare.
DECIDE_AT = 0.95
# Content balance: no item type more than this many items over its share of the bank.
BALANCE_SLACK = 2
# Randomesque: one of the three most informative items, at random.
BEST_OF = 3
# Calibrated quizzes pick the first item among the eight nearest the prior's middle:
# every quiz starts at the same estimate, so among three each of them opened a third of
# all quizzes, and the most-used items were those openings (bench/cat.py; the exposure
# chances then had to close them to many quizzes, which lengthens them).
OPENING = 8
# Posterior products a pool keeps (about 1 KB each): a quiz needs at most 14, the
# exposure simulation a few thousand.
PRODUCTS_KEPT = 20_000
# A skill is asked in calibrated mode when at least half its demonstrated items carry
# calibrated parameters; otherwise the labels lead and the uncalibrated minimum holds.
CALIBRATED_SHARE = 0.5


class Rules(Record):
    """How long a skill's adaptive quiz runs and how it picks (defaults above). The SD
    target is set per bank by ``rules_for``: the precision a standard quiz reaches."""

    min_items: int = MIN_ITEMS
    max_items: int = MAX_ITEMS
    decide_at: float = DECIDE_AT
    target_sd: float | None = None
    best_of: int = BEST_OF
    balance_slack: int = BALANCE_SLACK
    eligibility: Mapping[str, float] | None = None
    # How many of the best to pick among for the first items (then ``best_of``): a wider
    # pool where every quiz starts alike (the prior's middle) spreads the openings.
    opening: tuple[int, ...] = ()
    # The progressive method (Revuelta & Ponsoda 1998): each candidate scored by a random
    # number and its information, the information's weight growing from 0 at the first
    # item to 1 at ``min_items``; False: randomesque alone.
    progressive: bool = False


CALIBRATED = Rules(opening=(OPENING,))
UNCALIBRATED = Rules(min_items=UNCALIBRATED_MIN_ITEMS)

Reason = Literal["decided", "precise", "cap", "exhausted"]


class Ask(Record):
    """Ask this item next."""

    item: Item


class Stop(Record):
    """The skill is done: why, and the estimate it ends on (None if nothing answered)."""

    reason: Reason
    estimate: LevelEstimate | None


def params_of(item: Item, params: Mapping[str, AnyParams] | None) -> AnyParams:
    """The item's calibrated parameters when the set has them, else its label's."""
    return resolve(item, params)


def standard_sd(
    items: Sequence[Item],
    params: Mapping[str, AnyParams] | None = None,
    prior: Prior = PRIOR,
    form: int = MAX_ITEMS,
) -> float:
    """The posterior SD a standard quiz (``form`` of the skill's items at random) reaches,
    on average over the person prior: 1 / sqrt(prior precision + form x the bank's mean
    information at the level). Within 0.03 of the simulated figure on bench/cat.py's
    calibrated banks."""
    shown = [item for item in items if not isinstance(item, LikertItem)]
    if not shown:
        return prior.sd
    tables = [information_table(params_of(item, params)) for item in shown]
    total = 0.0
    for column, weight in enumerate(prior_weights(prior)):
        information = math.fsum(table[column] for table in tables) / len(tables)
        total += weight / math.sqrt(1 / prior.sd**2 + min(form, len(shown)) * information)
    return total


def is_calibrated(items: Sequence[Item], params: Mapping[str, AnyParams] | None) -> bool:
    """Whether a skill is asked in calibrated mode: at least CALIBRATED_SHARE of its
    demonstrated items carry calibrated parameters."""
    shown = [item for item in items if not isinstance(item, LikertItem)]
    calibrated = sum(params_of(item, params).calibrated for item in shown)
    return bool(shown) and calibrated >= CALIBRATED_SHARE * len(shown)


def rules_for(
    items: Sequence[Item],
    params: Mapping[str, AnyParams] | None,
    eligibility: Mapping[str, float] | None = None,
) -> Rules:
    """The rules for one skill: calibrated (is_calibrated) or uncalibrated (at least 8
    items); either way the SD target is what a standard quiz of the bank reaches
    (standard_sd), so an adaptive quiz that stops for precision is as precise as a
    standard one. ``eligibility``: each item's chance to be open to a quiz (exposure
    control, scoring.exposure), used in calibrated mode only."""
    shown = [item for item in items if not isinstance(item, LikertItem)]
    if is_calibrated(shown, params):
        return replace(CALIBRATED, target_sd=standard_sd(shown, params), eligibility=eligibility)
    return replace(UNCALIBRATED, target_sd=standard_sd(shown, params))


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


def _balanced(pool: Pool, candidates: list[int], asked: Sequence[int], slack: int) -> list[int]:
    """Candidates (pool positions) of types that stay within ``slack`` items of their
    share of the bank."""
    used = Counter(pool.types[position] for position in asked)
    total, place = len(pool.items), len(asked) + 1
    open_types = {
        kind
        for kind, count in pool.share.items()
        if used[kind] + 1 <= count / total * place + slack
    }
    allowed = [position for position in candidates if pool.types[position] in open_types]
    return allowed or candidates


def _ranked(
    pool: Pool, candidates: list[int], estimate: LevelEstimate | None, prior: Prior
) -> tuple[list[int], list[float]]:
    """Best first, with each one's information (empty before any answer): before any
    answer, nearest the prior's mean; then most informative at the estimate. Ties keep
    bank order (candidates come in bank order)."""
    if estimate is None:
        near = sorted(candidates, key=lambda p: abs(pool.locations[p] - prior.mean))
        return near, []
    values = informations(pool, candidates, estimate.mean)
    scored = sorted(zip(map(float.__neg__, values), candidates, strict=True))
    return [p for _, p in scored], [-value for value, _ in scored]


def _eligible(
    pool: Pool,
    remaining: list[int],
    seed: str | int,
    eligibility: Mapping[str, float] | None,
) -> list[int]:
    """The items this quiz may use: each with its eligibility chance (1 if not given),
    fixed by the seed and the item, so the same all through the quiz and on resume; all
    of them when none is."""
    if not eligibility:
        return remaining
    eligible = [
        position
        for position in remaining
        if (chance := eligibility.get(pool.items[position].id, 1.0)) >= 1.0
        or _uniform(f"{seed}|{pool.items[position].id}") < chance
    ]
    return eligible or remaining


@lru_cache(maxsize=65536)
def _uniform(text: str) -> float:
    return int.from_bytes(hashlib.blake2b(text.encode(), digest_size=8).digest(), "big") / 2**64


def _rng(seed: str | int, answers: Sequence[tuple[str, float | None]]) -> random.Random:
    """A generator fixed by the seed and the answers so far, in order (resume-safe)."""
    history = ";".join(f"{item_id}={credit!r}" for item_id, credit in answers)
    return random.Random(f"{seed}|{history}")


def _positions(pool: Pool, answers: Sequence[tuple[str, float | None]]) -> list[int]:
    """The pool positions of the items answered, in order; ValueError for one not in it."""
    try:
        return [pool.index[item_id] for item_id, _ in answers]
    except KeyError as missing:
        raise ValueError(
            f"answer to question {missing.args[0]}, which is not among the items"
        ) from None


def _estimate(
    pool: Pool,
    asked: Sequence[int],
    answers: Sequence[tuple[str, float | None]],
    prior: Prior,
) -> LevelEstimate | None:
    """The level from the answers so far: the same floats as scoring.irt.estimate_level
    (the prior times each answer's evidence row, in the order asked), each question
    multiplying one row into the product kept for the answers before it."""
    evidence = tuple(
        (p, credit) for p, (_, credit) in zip(asked, answers, strict=True) if credit is not None
    )
    skipped = len(answers) - len(evidence)
    if not evidence:
        return None
    if len(evidence) > UNSCALED_ROWS:
        rows = [pool.evidence[p].row(credit) for p, credit in evidence]
        return level_from_rows(rows, skipped, prior)
    return level_from_product(_product(pool, evidence, prior), len(evidence), skipped)


def _product(pool: Pool, evidence: tuple[tuple[int, float], ...], prior: Prior) -> list[float]:
    """The prior times these answers' evidence rows, left to right, unscaled; kept in the
    pool by prior and answers (a pure function of them, so a resumed quiz that works it
    out afresh gets the same floats)."""
    key = (prior, evidence)
    known = pool.products.get(key)
    if known is None:
        before = _product(pool, evidence[:-1], prior) if len(evidence) > 1 else prior_weights(prior)
        position, credit = evidence[-1]
        known = list(map(mul, before, pool.evidence[position].row(credit)))
        if len(pool.products) >= PRODUCTS_KEPT:
            pool.products.clear()
        pool.products[key] = known
    return known


def next_step(
    items: Sequence[Item],
    answers: Sequence[tuple[str, float | None]],
    cuts: Sequence[float],
    seed: str | int,
    params: Mapping[str, AnyParams] | None = None,
    rules: Rules = CALIBRATED,
    prior: Prior = PRIOR,
    pool: Pool | None = None,
) -> Ask | Stop:
    """The next item to ask of one skill, or why to stop.

    ``items``: the skill's items (self-ratings are left aside); ``answers``: (question
    id, credit) in the order asked, None for a skip (asked, but no evidence); ``cuts``:
    the requirement levels on the skill; ``params``: calibrated parameters by question id
    (others from their labels); ``pool``: ``prepare(items, params)`` made once for the
    quiz (made here when not given). Raises ValueError for an answer to an item not
    offered.
    """
    pool = prepare(items, params) if pool is None else pool
    asked = _positions(pool, answers)
    answered = sum(credit is not None for _, credit in answers)
    estimate = _estimate(pool, asked, answers, prior)
    if len(asked) >= rules.max_items:
        return Stop(reason="cap", estimate=estimate)
    exhibit_due = pool.has_exhibits and all(pool.items[p].exhibit is None for p in asked)
    reason = _stop_reason(estimate, answered, exhibit_due, cuts, rules)
    if reason is not None:
        return Stop(reason=reason, estimate=estimate)
    taken = set(asked)
    remaining = [p for p in range(len(pool.items)) if p not in taken]
    if not remaining:
        return Stop(reason="exhausted", estimate=estimate)
    candidates = _eligible(pool, remaining, seed, rules.eligibility)
    last_chance = answered + 1 >= rules.min_items or len(asked) + 1 >= rules.max_items
    if exhibit_due and last_chance:
        candidates = [p for p in candidates if pool.items[p].exhibit is not None] or [
            p for p in remaining if pool.items[p].exhibit is not None
        ]
    best, information = _ranked(
        pool, _balanced(pool, candidates, asked, rules.balance_slack), estimate, prior
    )
    if rules.progressive and estimate is not None:
        rng = _rng(seed, answers)
        return Ask(item=pool.items[_progressive(best, information, len(asked), rng, rules)])
    width = rules.opening[len(asked)] if len(asked) < len(rules.opening) else rules.best_of
    return Ask(item=pool.items[_rng(seed, answers).choice(best[:width])])


def _progressive(
    ranked: Sequence[int],
    information: Sequence[float],
    asked: int,
    rng: random.Random,
    rules: Rules,
) -> int:
    """The progressive method's pick: the largest (1 - w) x random + w x information
    (relative to the best), w = asked / min_items, at most 1."""
    weight = min(1.0, asked / max(1, rules.min_items))
    top = information[0] or 1.0
    scored = [(1 - weight) * rng.random() + weight * value / top for value in information]
    return ranked[max(range(len(ranked)), key=scored.__getitem__)]

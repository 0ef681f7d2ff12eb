"""The simulated people of bench/simulate.py and how they are judged: who they are, the
banks and true response processes they answer, one form taken and scored both ways (the
level and the old mean credit), the requirement decisions new and old, and a whole truth's
run over every length.
"""

from __future__ import annotations

import argparse
import math
import random
import statistics
from collections.abc import Sequence
from dataclasses import dataclass

from forms import draw_form, label_of
from truth import GUESSER_SHARE, TrueItem, answer, guess_probability, synthetic_bank, true_item

from questions import load_banks
from questions.models import Item, LikertItem
from quiz.attempts.lengths import PER_SKILL, SELF_RATINGS
from scoring.grading import grade
from scoring.irt import estimate_level
from scoring.models import GapStatus
from scoring.response_models import AnyParams, params_from_label
from scoring.skip_guard import guarded_status, skip_bounds

SKILLS = ("critical_thinking", "data_analysis", "attention_to_detail", "empathy", "research")
# Demonstrated items a skill at each length ("full": every item); the standard form's
# count is bench/simulate.py's --standard, by default the product's (quiz.attempts.lengths).
STANDARD = PER_SKILL["standard"] - SELF_RATINGS["standard"]
LENGTHS: dict[str, int | None] = {"quick": 3, "standard": STANDARD, "full": None}
CUTS = (3.0, 3.25, 3.46, 3.62, 3.88, 4.12, 4.47, 5.0)
MARGIN = 0.25
LABEL_NOISE = 0.75
CONDITIONS = {"exact labels": 0.0, "labels + noise": LABEL_NOISE}
# Strategic skippers skip the items they would most likely get wrong: this share of the
# form, the hardest for them (highest true level), on top of the random skips.
STRATEGIC_SKIP = 0.4
# Labels wrong by the same amount on every item (the authors judging all items too easy
# or too hard), with noise 0.5 beside it: the true level is the label plus the shift.
SHIFTS = {"items 0.5 harder than labelled": 0.5, "items 0.5 easier than labelled": -0.5}
SHIFT_NOISE = 0.5
MET, BUILD = 0.90, 0.10


@dataclass(frozen=True)
class Record:
    """One person's one skill at one length: truth, new estimate, old mean credit."""

    skill: str
    truth: float
    guesser: bool
    asked: int
    mean: float | None = None
    low: float = 0.0
    high: float = 7.0
    statuses: tuple[str, ...] = ()
    old: float | None = None
    chances: tuple[float, ...] = ()


@dataclass
class Person:
    levels: dict[str, float]
    guesser: bool


def draw_person(rng: random.Random) -> Person:
    centre = 2.7 if rng.random() < 0.5 else 4.3
    levels = {s: min(6.8, max(0.2, rng.gauss(centre, 0.9))) for s in SKILLS}
    return Person(levels, rng.random() < GUESSER_SHARE)


def banks_for(kind: str, rng: random.Random) -> dict[str, list[Item]]:
    if kind == "synthetic":
        return {skill: synthetic_bank(skill, rng) for skill in SKILLS}
    loaded = {b.skill.id: list(b.bank.questions) for b in load_banks().banks}
    return {skill: loaded[skill] for skill in SKILLS}


def truths_for(
    banks: dict[str, list[Item]], noise: float, rng: random.Random, shift: float = 0.0
) -> dict[str, list[TrueItem]]:
    """Each demonstrated item's true process, its level the label plus ``shift`` plus
    noise (0-7)."""
    return {
        skill: [
            true_item(item, min(7.0, max(0.0, label_of(item) + shift + rng.gauss(0, noise))), rng)
            for item in items
            if not isinstance(item, LikertItem)
        ]
        for skill, items in banks.items()
    }


def status(p: float) -> GapStatus:
    return "met" if p >= MET else "to build" if p <= BUILD else "borderline"


def old_status(old: float, asked: int, cut: float) -> str:
    """The old rule: score +/- its Laplace-smoothed standard error against cut/7 x 100."""
    p = (old * asked + 1) / (asked + 2)
    error = 100 * math.sqrt(p * (1 - p) / asked)
    score, required = 100 * old, cut / 7 * 100
    return (
        "met"
        if score - error >= required
        else "to build"
        if score + error < required
        else "borderline"
    )


def take(
    skill: str,
    form: Sequence[TrueItem],
    person: tuple[float, bool],
    params: dict[str, AnyParams],
    rng: random.Random,
    skip_share: float = 0.0,
) -> Record:
    """One form answered, graded and scored both ways; ``skip_share`` of the form, the
    hardest items for this person, skipped on purpose."""
    theta, guesser = person
    guess = guess_probability(theta, guesser)
    hardest = sorted(form, key=lambda truth: -truth.level)[: round(skip_share * len(form))]
    avoided = {id(truth) for truth in hardest}
    graded: list[tuple[Item, float | None]] = []
    for truth in form:
        given = None if id(truth) in avoided else answer(truth, theta, guess, rng)
        graded.append((truth.item, None if given is None else grade(truth.item, given)))
    estimate = estimate_level(graded, params)
    if estimate is None:
        return Record(skill, theta, guesser, len(form))
    bounds = skip_bounds(graded, params)
    chances = tuple(estimate.p_at_least(cut) for cut in CUTS)
    statuses = (status(p) for p in chances)
    return Record(
        skill,
        theta,
        guesser,
        len(form),
        estimate.mean,
        estimate.low,
        estimate.high,
        tuple(guarded_status(s, c, bounds, status) for s, c in zip(statuses, CUTS, strict=True)),
        statistics.fmean(c or 0.0 for _, c in graded),
        chances,
    )


def simulate(
    args: argparse.Namespace, noise: float, skip_share: float = 0.0, shift: float = 0.0
) -> dict[str, list[Record]]:
    """Every length's records over all replications for one truth (same seed for both
    truths, so they differ only in the labels' noise and what follows from it);
    ``skip_share``: see take; ``shift``: see truths_for."""
    rng = random.Random(args.seed)
    lengths = LENGTHS | {"standard": args.standard}
    records: dict[str, list[Record]] = {length: [] for length in lengths}
    for _ in range(args.replications):
        truths = truths_for(banks_for(args.bank, rng), noise, rng, shift)
        params = {
            t.item.id: params_from_label(t.item, args.model) for ts in truths.values() for t in ts
        }
        for _ in range(args.people):
            person = draw_person(rng)
            for length, size in lengths.items():
                how = args.draw if length == "standard" else "random"
                for skill in SKILLS:
                    form = draw_form(truths[skill], size, how, rng, args.spread)
                    who = (person.levels[skill], person.guesser)
                    rec = take(skill, form, who, params, rng, skip_share)
                    records[length].append(rec)
    return records

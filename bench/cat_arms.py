"""The world and the arms of bench/cat.py: synthetic banks with exhibits and true item
processes, the catalog's requirement cuts, a class's random forms to calibrate on, and new
people answering each arm's quizzes (random forms scored three ways, adaptive quizzes).
"""

from __future__ import annotations

import random
import statistics
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from simulated_people import SKILLS, banks_for, draw_person, truths_for
from truth import TrueItem, answer, guess_probability

from questions.models import Item, LikertItem
from questions.record import replace
from scoring.adaptive import Rules, Stop, next_step
from scoring.adaptive_pool import Pool, prepare
from scoring.catalog import builtin_catalog
from scoring.grading import grade
from scoring.irt import LevelEstimate, estimate_level
from scoring.response_models import AnyParams

FORM = 14
# Arm E: each item open to a seeded 60% of quizzes (the exposure bar's figure).
OPEN_SHARE = 0.6
LABEL_NOISE = 0.75
EXHIBIT = "Line  Part      Qty\n1     M6 bolt   40"
Credits = dict[str, float | None]


@dataclass(frozen=True)
class World:
    """The banks (with exhibits marked), each item's true process, and the requirement
    cuts per skill as (role, level)."""

    banks: dict[str, list[Item]]
    truths: dict[str, list[TrueItem]]
    cuts: dict[str, tuple[tuple[str, float], ...]]


def requirement_cuts() -> dict[str, tuple[tuple[str, float], ...]]:
    """Each skill's requirements in the built-in catalog: (role id, O*NET level)."""
    cuts: dict[str, list[tuple[str, float]]] = {skill: [] for skill in SKILLS}
    for role in builtin_catalog().roles:
        for skill, requirement in role.skills.items():
            if skill in cuts and requirement.level is not None:
                cuts[skill].append((role.id, float(requirement.level)))
    return {skill: tuple(pairs) for skill, pairs in cuts.items()}


def with_exhibits(items: list[Item]) -> list[Item]:
    """Every fifth demonstrated item carries an exhibit."""
    shown = [item for item in items if not isinstance(item, LikertItem)]
    marked = {item.id for item in shown[4::5]}
    return [replace(item, exhibit=EXHIBIT) if item.id in marked else item for item in items]


def make_world(rng: random.Random) -> World:
    banks = {skill: with_exhibits(items) for skill, items in banks_for("synthetic", rng).items()}
    return World(banks, truths_for(banks, LABEL_NOISE, rng), requirement_cuts())


def respond(truth: TrueItem, theta: float, guess: float, rng: random.Random) -> float | None:
    """One answer from the true process, graded by the real grading code."""
    given = answer(truth, theta, guess, rng)
    return None if given is None else grade(truth.item, given)


def class_attempts(world: World, size: int, rng: random.Random) -> list[Credits]:
    """A class's random standard forms: per person, question id -> credit over all skills."""
    attempts: list[Credits] = []
    for _ in range(size):
        person = draw_person(rng)
        credits: Credits = {}
        for skill in SKILLS:
            theta = person.levels[skill]
            guess = guess_probability(theta, person.guesser)
            for truth in rng.sample(world.truths[skill], FORM):
                credits[truth.item.id] = respond(truth, theta, guess, rng)
        attempts.append(credits)
    return attempts


@dataclass
class Outcome:
    """One person's one skill in one arm."""

    skill: str
    truth: float
    asked: tuple[str, ...]
    estimate: LevelEstimate | None = None
    mean_credit: float | None = None


@dataclass
class Arm:
    name: str
    outcomes: list[Outcome] = field(default_factory=list)


def form_outcomes(
    world: World,
    skill: str,
    theta: float,
    guess: float,
    rng: random.Random,
    params: Mapping[str, AnyParams],
) -> tuple[Outcome, Outcome, Outcome]:
    """One random 14 form, scored three ways: mean credit, calibrated model, labels."""
    form = rng.sample(world.truths[skill], FORM)
    graded = [(truth.item, respond(truth, theta, guess, rng)) for truth in form]
    asked = tuple(item.id for item, _ in graded)
    mean = statistics.fmean(credit or 0.0 for _, credit in graded)
    return (
        Outcome(skill, theta, asked, mean_credit=mean),
        Outcome(skill, theta, asked, estimate_level(graded, params)),
        Outcome(skill, theta, asked, estimate_level(graded)),
    )


def adaptive_outcome(
    world: World,
    skill: str,
    theta: float,
    guess: float,
    rng: random.Random,
    params: Mapping[str, AnyParams] | None,
    rules: Rules,
    cuts: Sequence[float],
    seed: str,
    pool: Pool | None = None,
) -> Outcome:
    """One adaptive quiz of a skill, answered from the true processes (``pool``: the
    skill's items prepared once for many quizzes, as take prepares them once for one)."""
    truths = {truth.item.id: truth for truth in world.truths[skill]}
    answers: list[tuple[str, float | None]] = []
    while True:
        step = next_step(world.banks[skill], answers, cuts, seed, params, rules, pool=pool)
        if isinstance(step, Stop):
            asked = tuple(item_id for item_id, _ in answers)
            return Outcome(skill, theta, asked, step.estimate)
        answers.append((step.item.id, respond(truths[step.item.id], theta, guess, rng)))


def run_forms(
    world: World, people: int, rng: random.Random, params: Mapping[str, AnyParams]
) -> tuple[list[tuple[int, str, float, bool]], Arm, Arm, Arm]:
    """Draw the new people and run the random-14 arms; returns who they are for the rest."""
    a, b, b0 = (
        Arm("A  random 14, mean credit"),
        Arm("B  random 14, model"),
        Arm("B0 random 14, labels"),
    )
    who: list[tuple[int, str, float, bool]] = []
    for index in range(people):
        person = draw_person(rng)
        for skill in SKILLS:
            theta = person.levels[skill]
            who.append((index, skill, theta, person.guesser))
            outcomes = form_outcomes(
                world, skill, theta, guess_probability(theta, person.guesser), rng, params
            )
            for arm, outcome in zip((a, b, b0), outcomes, strict=True):
                arm.outcomes.append(outcome)
    return who, a, b, b0


def run_adaptive(
    world: World,
    who: Sequence[tuple[int, str, float, bool]],
    rng: random.Random,
    name: str,
    params: Mapping[str, AnyParams] | None,
    rules: Mapping[str, Rules],
    decide: bool,
) -> Arm:
    arm = Arm(name)
    pools = {skill: prepare(world.banks[skill], params) for skill in SKILLS}
    for index, skill, theta, guesser in who:
        cuts = [cut for _, cut in world.cuts[skill]] if decide else []
        guess = guess_probability(theta, guesser)
        seed = f"{name[:2].strip()}-{index}-{skill}"
        arm.outcomes.append(
            adaptive_outcome(
                world, skill, theta, guess, rng, params, rules[skill], cuts, seed, pools[skill]
            )
        )
    return arm

"""How fast bench/simulate.py's standard attempts are scored: grading with the old mean
credit against grading with the level, and the code base's whole scoring and matching path
as it is against the same with levels added.
"""

from __future__ import annotations

import random
import statistics
import time
from collections.abc import Callable, Sequence

from simulated_people import MET, SKILLS, banks_for, draw_person, old_status, status, truths_for
from truth import answer, guess_probability, self_rating

from questions import load_banks
from questions.models import Item, LikertItem
from scoring.grading import grade
from scoring.irt import estimate_level
from scoring.models import Answer

ROLE_CUTS = (3.0, 3.25, 3.62, 3.88, 4.12)  # five roles' requirements on a skill
Attempt = list[tuple[str, Item, Answer]]


def attempts_for_timing(count: int, seed: int) -> list[Attempt]:
    """``count`` standard attempts (3 self-ratings and 14 demonstrated items a skill)."""
    rng = random.Random(seed)
    banks = banks_for("synthetic", rng)
    truths = truths_for(banks, 0.0, rng)
    attempts: list[Attempt] = []
    for _ in range(count):
        person = draw_person(rng)
        attempt: Attempt = []
        for skill in SKILLS:
            theta = person.levels[skill]
            guess = guess_probability(theta, person.guesser)
            ratings = [item for item in banks[skill] if isinstance(item, LikertItem)]
            for item in rng.sample(ratings, 3):
                assert isinstance(item, LikertItem)
                attempt.append((skill, item, self_rating(theta, item, rng)))
            for truth in rng.sample(truths[skill], 14):
                attempt.append((skill, truth.item, answer(truth, theta, guess, rng)))
        attempts.append(attempt)
    return attempts


def old_path(attempts: Sequence[Attempt]) -> int:
    """Grade, mean credit (a skip counts 0) and self-rating per skill, then each
    requirement judged by score +/- its standard error (the code this replaces)."""
    met = 0
    for attempt in attempts:
        shown: dict[str, list[float]] = {}
        rated: dict[str, list[float]] = {}
        for skill, item, given in attempt:
            value = grade(item, given)
            if isinstance(item, LikertItem):
                if value is not None:
                    rated.setdefault(skill, []).append(value)
            else:
                shown.setdefault(skill, []).append(value or 0.0)
        for values in shown.values():
            mean = statistics.fmean(values)
            met += sum(old_status(mean, len(values), cut) == "met" for cut in ROLE_CUTS)
        met += len(rated)
    return met


def new_path(attempts: Sequence[Attempt]) -> int:
    """Grade, the level per skill (skips carry nothing) and self-rating, then each
    requirement's chance of being met."""
    met = 0
    for attempt in attempts:
        shown: dict[str, list[tuple[Item, float | None]]] = {}
        rated: dict[str, list[float]] = {}
        for skill, item, given in attempt:
            if isinstance(item, LikertItem):
                value = grade(item, given)
                if value is not None:
                    rated.setdefault(skill, []).append(value)
            else:
                credit = None if given is None else grade(item, given)
                shown.setdefault(skill, []).append((item, credit))
        for responses in shown.values():
            estimate = estimate_level(responses)
            if estimate is not None:
                met += sum(status(estimate.p_at_least(cut)) == "met" for cut in ROLE_CUTS)
        met += len(rated)
    return met


def full_paths() -> dict[str, Callable[[Sequence[Attempt]], int]]:
    """The whole scoring and matching of this code base (grade, score, match roles), and
    the same with the level of each skill and each requirement's chance added from the same
    graded responses: an upper bound on the new path until the scores are levels
    themselves. Empty once they are (the old code is then a194a9d's, to be timed from a
    checkout of it)."""
    import scoring.skills
    from scoring import AskedItem, builtin_catalog, match_roles
    from scoring.skills import grade_responses, score_responses

    if not hasattr(scoring.skills, "standard_error"):
        return {}
    catalog = builtin_catalog()
    skills = {b.skill.id: b.skill for b in load_banks().banks}

    def run(attempts: Sequence[Attempt], levels: bool) -> int:
        count = 0
        for attempt in attempts:
            asked = [AskedItem(skills[skill], item) for skill, item, _ in attempt]
            answers = {item.id: given for _, item, given in attempt}
            responses = grade_responses(asked, answers).responses
            scored = score_responses(responses, catalog)
            count += len(match_roles({s.skill: s.estimate for s in scored}, catalog))
            if not levels:
                continue
            shown: dict[str, list[tuple[Item, float | None]]] = {}
            for r in responses:
                if r.type != "likert":
                    credit = None if r.answer is None else r.credit
                    shown.setdefault(r.entry.skill.id, []).append((r.entry.item, credit))
            for graded in shown.values():
                estimate = estimate_level(graded)
                if estimate is not None:
                    count += sum(estimate.p_at_least(cut) >= MET for cut in ROLE_CUTS)
        return count

    return {
        "full old": lambda attempts: run(attempts, False),
        "full old + levels": lambda attempts: run(attempts, True),
    }


def timing(count: int, seed: int, runs: int = 7) -> dict[str, tuple[float, float]]:
    """Min and median seconds of each path, alternating runs."""
    attempts = attempts_for_timing(count, seed)
    paths = {"old": old_path, "new": new_path, **full_paths()}
    seconds: dict[str, list[float]] = {name: [] for name in paths}
    for path in paths.values():
        path(attempts[:50])  # warm: imports, and the per-item tables the model caches
    for _ in range(runs):
        for name, path in paths.items():
            start = time.perf_counter()
            path(attempts)
            seconds[name].append(time.perf_counter() - start)
    return {name: (min(times), statistics.median(times)) for name, times in seconds.items()}

"""The best any scoring could do on bench/simulate.py's people: the posterior from the true
response process of every item (its true slope, location and options, the guessing rate
averaged over guessers and others) and the true population as the prior. No label-based
model can rank people better than this, so its Spearman and RMSE say which bars the
simulated answers leave within reach.

    python bench/oracle.py [--people 300] [--seed 7] [--length 14] [--noise 0.75]
"""

from __future__ import annotations

import argparse
import math
import random
import statistics
from collections.abc import Sequence

from accuracy_report import mapped_old, rmse, spearman
from simulated_people import SKILLS, banks_for, draw_person, truths_for
from truth import GUESSER_SHARE, TrueItem, answer, guess_probability, logistic

from questions.models import ChoiceItem, MultiItem, OrderItem
from scoring.grading import grade
from scoring.irt import GRID, summarise
from scoring.models import Answer


def population() -> list[float]:
    """bench/simulate.py's people: half around 2.7, half around 4.3, SD 0.9."""
    return [
        math.exp(-0.5 * ((t - 2.7) / 0.9) ** 2) + math.exp(-0.5 * ((t - 4.3) / 0.9) ** 2)
        for t in GRID
    ]


def _choice(truth: TrueItem, item: ChoiceItem, given: Answer, known: float) -> float:
    index = [o.text for o in item.options].index(str(given))
    right = known if item.options[index].credit == 1 else 0.0
    return right + (1 - known) * truth.extra[index] / math.fsum(truth.extra)


def _multi(truth: TrueItem, item: MultiItem, given: Answer, delta: float) -> float:
    assert isinstance(given, list)
    picked = set(given)
    judged = [0.5 + 0.5 * logistic(truth.slope * (delta - off)) for off in truth.extra]
    chance = math.prod(
        p if (o.text in picked) == o.correct else 1 - p
        for o, p in zip(item.options, judged, strict=True)
    )
    if len(picked) == 1:  # also what an empty set becomes
        empty = math.prod(
            p if not o.correct else 1 - p for o, p in zip(item.options, judged, strict=True)
        )
        chance += empty / len(item.options)
    return chance


def _order(truth: TrueItem, item: OrderItem, given: Answer, delta: float) -> float:
    assert isinstance(given, list)
    phi = logistic(-truth.slope * delta)
    where = {text: index for index, text in enumerate(given)}
    steps = item.items
    out = sum(
        1
        for i in range(len(steps))
        for j in range(i + 1, len(steps))
        if where[steps[i]] > where[steps[j]]
    )
    norm = math.prod(math.fsum(phi**v for v in range(size)) for size in range(1, len(steps) + 1))
    return phi**out / norm


def likelihood(truth: TrueItem, given: Answer, theta: float) -> float:
    """P(this answer | theta) under the true process (a skip says nothing)."""
    if given is None:
        return 1.0
    item = truth.item
    delta = theta - truth.beta
    known = logistic(truth.slope * delta)
    guess = GUESSER_SHARE * guess_probability(theta, True)
    guess += (1 - GUESSER_SHARE) * guess_probability(theta, False)
    if isinstance(item, ChoiceItem):
        return guess / len(item.options) + (1 - guess) * _choice(truth, item, given, known)
    if isinstance(item, MultiItem):
        random_pick = 1 / ((1 << len(item.options)) - 1)
        return guess * random_pick + (1 - guess) * _multi(truth, item, given, delta)
    if isinstance(item, OrderItem):
        return _order(truth, item, given, delta)
    return known if grade(item, given) == 1 else 1 - known


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--people", type=int, default=300)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--length", type=int, default=14)
    parser.add_argument("--noise", type=float, default=0.0)
    args = parser.parse_args(argv)
    rng = random.Random(args.seed)
    truths = truths_for(banks_for("synthetic", rng), args.noise, rng)
    rows: dict[str, list[tuple[float, float, float, bool]]] = {s: [] for s in SKILLS}
    for _ in range(args.people):
        person = draw_person(rng)
        for skill in SKILLS:
            theta = person.levels[skill]
            guess = guess_probability(theta, person.guesser)
            form = rng.sample(truths[skill], args.length)
            given = [(t, answer(t, theta, guess, rng)) for t in form]
            weights = population()
            for truth, reply in given:
                weights = [
                    w * likelihood(truth, reply, g) for w, g in zip(weights, GRID, strict=True)
                ]
                top = max(weights)
                weights = [w / top for w in weights]
            estimate = summarise(weights, len(given), 0)
            old = statistics.fmean(0.0 if r is None else grade(t.item, r) or 0.0 for t, r in given)
            covered = estimate.low <= theta <= estimate.high
            rows[skill].append((theta, estimate.mean, old, covered))
    print(f"oracle, {args.length} items, label noise {args.noise}, {args.people} people")
    print(f"{'skill':<22}{'Spearman':>9}{'RMSE':>7}{'old RMSE':>9}{'ratio':>7}{'cover90':>8}")
    for skill, data in rows.items():
        levels = [d[0] for d in data]
        best = [d[1] for d in data]
        mapped, _ = mapped_old([d[2] for d in data], levels)
        ratio = rmse(best, levels) / rmse(mapped, levels)
        cover = 100 * statistics.fmean(d[3] for d in data)
        print(
            f"{skill:<22}{spearman(levels, best):>9.3f}{rmse(best, levels):>7.3f}"
            f"{rmse(mapped, levels):>9.3f}{ratio:>7.2f}{cover:>7.1f}%"
        )


if __name__ == "__main__":
    main()

"""How well the built-in banks recover a known ability, and how fast scoring runs.

Simulates respondents with a true ability per skill answering every item of the built-in
banks under a logistic (2PL) item model: the chance of answering an item right is
1 / (1 + exp(-a (ability - b))) with a seeded difficulty b and discrimination a per item.
Self-ratings follow ability plus noise, since people see themselves only roughly.
Prints, per skill, the Spearman correlation between true ability and the demonstrated
score (target >= 0.8 on the full banks), and the time to score and match every
respondent (target under 1 s for 1,000).

    python bench/simulate.py [--respondents 1000] [--seed 7]
"""

from __future__ import annotations

import argparse
import math
import random
import statistics
import sys
import time
from collections.abc import Sequence

from questions import load_banks
from questions.answers import keyed_answer
from questions.models import ChoiceItem, Item, LikertItem, MultiItem, NumericItem
from scoring import AskedItem, assess, builtin_catalog, match_roles, score_skills
from scoring.models import Answer

SKIP_RATE = 0.02
LIKERT_CUTS = (-1.5, -0.5, 0.5, 1.5)  # self-view to Strongly disagree .. Strongly agree


def ranks(values: Sequence[float]) -> list[float]:
    """1-based ranks, ties sharing their mean rank."""
    order = sorted(range(len(values)), key=values.__getitem__)
    result = [0.0] * len(values)
    start = 0
    while start < len(order):
        end = start
        while end + 1 < len(order) and values[order[end + 1]] == values[order[start]]:
            end += 1
        for position in range(start, end + 1):
            result[order[position]] = (start + end) / 2 + 1
        start = end + 1
    return result


def spearman(xs: Sequence[float], ys: Sequence[float]) -> float:
    """Pearson correlation of the ranks."""
    return statistics.correlation(ranks(xs), ranks(ys))


class ItemModel:
    """A seeded difficulty and discrimination per item."""

    def __init__(self, items: Sequence[Item], rng: random.Random) -> None:
        self.params = {item.id: (rng.uniform(0.8, 2.0), rng.gauss(0, 1)) for item in items}

    def p_right(self, item: Item, ability: float) -> float:
        a, b = self.params[item.id]
        return 1 / (1 + math.exp(-a * (ability - b)))


def respond(item: Item, ability: float, model: ItemModel, rng: random.Random) -> Answer:
    if rng.random() < SKIP_RATE:
        return None
    if isinstance(item, LikertItem):
        view = ability + rng.gauss(0, 1)
        rating = 1 + sum(view > cut for cut in LIKERT_CUTS)
        return 6 - rating if item.reverse else rating
    p = model.p_right(item, ability)
    keyed = keyed_answer(item)
    if isinstance(item, MultiItem):
        picked = [o.text for o in item.options if (rng.random() < p) == o.correct]
        return picked or [rng.choice(item.options).text]
    if rng.random() < p:
        return keyed
    if isinstance(item, ChoiceItem):
        return rng.choice([o.text for o in item.options if o.credit < 1])
    if isinstance(item, NumericItem):
        return item.answer + item.tolerance + rng.choice([-1, 1]) * (1 + abs(item.answer) / 10)
    assert isinstance(keyed, list)
    shuffled = list(keyed)
    while shuffled == keyed:
        rng.shuffle(shuffled)
    return shuffled


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--respondents", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args(argv)
    rng = random.Random(args.seed)
    bank_set = load_banks()
    catalog = builtin_catalog()
    asked = [AskedItem(b.skill, item) for b in bank_set.banks for item in b.bank.questions]
    model = ItemModel([entry.item for entry in asked], rng)
    skills = [b.skill.id for b in bank_set.banks]

    abilities = [{s: rng.gauss(0, 1) for s in skills} for _ in range(args.respondents)]
    answer_sets = [
        {e.item.id: respond(e.item, ability[e.skill.id], model, rng) for e in asked}
        for ability in abilities
    ]

    start = time.perf_counter()
    for answers in answer_sets:
        match_roles(score_skills(asked, answers, catalog), catalog)
    elapsed = time.perf_counter() - start
    start = time.perf_counter()
    results = [assess(asked, answers, catalog) for answers in answer_sets]
    whole = time.perf_counter() - start

    print(
        f"python {sys.version.split()[0]}; {args.respondents:,} respondents, "
        f"{len(asked)} items in {len(skills)} banks, seed {args.seed}"
    )
    print(f"{'skill':<22}{'items':>6}{'spearman':>10}")
    for index, skill in enumerate(skills):
        truth = [ability[skill] for ability in abilities]
        shown = [r.skills[index].demonstrated or 0.0 for r in results]
        count = sum(1 for e in asked if e.skill.id == skill and e.item.demonstrated)
        rho = spearman(truth, shown)
        verdict = "ok" if rho >= 0.8 else "below 0.8"
        print(f"{skill:<22}{count:>6}{rho:>10.3f}  {verdict}")
    per = elapsed / args.respondents * 1000
    print(
        f"score + match {args.respondents:,} attempts: {elapsed:.3f} s ({per:.2f} ms each; "
        "target < 1 s)"
    )
    print(f"whole assessment (adds advice, warnings, response records): {whole:.3f} s")


if __name__ == "__main__":
    main()

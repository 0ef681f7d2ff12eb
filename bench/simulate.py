"""How well the built-in banks recover a known ability, how often role requirements are
judged wrongly, and how fast scoring runs.

Simulates respondents with a true ability per skill answering the built-in banks under a
logistic (2PL) item model: the chance of answering an item right is
1 / (1 + exp(-a (ability - b))), with a seeded discrimination a per item and a difficulty
b from the author's rating (easy -1, medium 0, hard +1, unrated 0) plus noise. Self-ratings
follow ability plus noise, since people see themselves only roughly.

Each respondent takes a quiz of each length (quick, standard, full), drawn as the quiz
draws it (quiz.session.draw_items), and every requirement of every role is judged as the
results judge it (met / borderline / to build, with the score's standard error). The truth
for a skill is the respondent's expected demonstrated score over the whole bank (0..100),
what an endless quiz would converge to. Per length it prints:

- false met: share of requirement decisions that say "met" while the true score is below
  the requirement (target at standard length: <= 5%);
- false to build: share that say "to build" while the true score is at or above the
  requirement (target at standard length: <= 10%);
- the same two as a share of the "met" and of the "to build" decisions, and how many
  decisions were borderline;
- Spearman's correlation between true ability and score, per skill.

Then the time to score and match every respondent on the full banks (target under 1 s for
1,000).

    python bench/simulate.py [--respondents 1000] [--seed 7]
"""

from __future__ import annotations

import argparse
import math
import random
import statistics
import sys
import time
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from questions import load_banks
from questions.answers import keyed_answer
from questions.models import (
    ChoiceItem,
    Item,
    LikertItem,
    MatchItem,
    MultiItem,
    NumericItem,
    TextItem,
)
from quiz.session import draw_items
from scoring import AskedItem, assess, builtin_catalog, match_roles, score_skills
from scoring.models import Answer

SKIP_RATE = 0.02
LIKERT_CUTS = (-1.5, -0.5, 0.5, 1.5)  # self-view to Strongly disagree .. Strongly agree
DIFFICULTY = {"easy": -1.0, "medium": 0.0, "hard": 1.0}
LENGTHS = ("quick", "standard", "full")
TARGETS = {"standard": (5.0, 10.0)}  # false met, false to build, in percent


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
    """A seeded discrimination and difficulty per item (the author's rating, plus noise)."""

    def __init__(self, items: Sequence[Item], rng: random.Random) -> None:
        self.params: dict[str, tuple[float, float]] = {}
        for item in items:
            rated = getattr(item, "difficulty", None)
            centre = DIFFICULTY.get(rated, 0.0) if isinstance(rated, str) else 0.0
            self.params[item.id] = (rng.uniform(0.8, 2.0), centre + rng.gauss(0, 0.5))

    def p_right(self, item: Item, ability: float) -> float:
        a, b = self.params[item.id]
        return 1 / (1 + math.exp(-a * (ability - b)))

    def true_score(self, items: Sequence[Item], ability: float) -> float:
        """The expected demonstrated score over these items (0..100)."""
        shown = [item for item in items if not isinstance(item, LikertItem)]
        return 100 * statistics.fmean(self.p_right(item, ability) for item in shown)


def _wrong(item: Item, keyed: Answer, rng: random.Random) -> Answer:
    """A wrong answer of the item's own shape."""
    if isinstance(item, ChoiceItem):
        return rng.choice([o.text for o in item.options if o.credit < 1])
    if isinstance(item, NumericItem):
        return item.answer + item.tolerance + rng.choice([-1, 1]) * (1 + abs(item.answer) / 10)
    if isinstance(item, TextItem):
        return "no idea"
    if isinstance(item, MatchItem):
        prompts = [pair.prompt for pair in item.pairs]
        answers = [pair.answer for pair in item.pairs]
        rotated = answers[1:] + answers[:1]
        return dict(zip(prompts, rotated, strict=True))
    assert isinstance(keyed, list)
    shuffled = list(keyed)
    while shuffled == keyed:
        rng.shuffle(shuffled)
    return shuffled


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
    return _wrong(item, keyed, rng)


@dataclass
class Tally:
    """Requirement decisions of one length against the truth."""

    decisions: Counter[str]
    false_met: int = 0
    false_to_build: int = 0

    def percent(self, count: int, of: int | None = None) -> float:
        total = sum(self.decisions.values()) if of is None else of
        return 100 * count / total if total else 0.0


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--respondents", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args(argv)
    rng = random.Random(args.seed)
    bank_set = load_banks()
    catalog = builtin_catalog()
    banks = {b.skill.id: b for b in bank_set.banks}
    every = [AskedItem(b.skill, item) for b in bank_set.banks for item in b.bank.questions]
    model = ItemModel([entry.item for entry in every], rng)
    skills = list(banks)

    abilities = [{s: rng.gauss(0, 1) for s in skills} for _ in range(args.respondents)]
    truths = [
        {s: model.true_score(banks[s].bank.questions, ability[s]) for s in skills}
        for ability in abilities
    ]
    print(
        f"python {sys.version.split()[0]}; {args.respondents:,} respondents, "
        f"{len(every)} items in {len(skills)} banks, seed {args.seed}"
    )
    print(
        f"\n{'length':<10}{'items':>6}{'decisions':>11}{'false met':>11}{'false build':>13}"
        f"{'of met':>8}{'of build':>10}{'borderline':>12}"
    )
    spearmen: dict[str, dict[str, float]] = {}
    full_answers: list[dict[str, Answer]] = []
    for length in LENGTHS:
        tally = Tally(Counter())
        shown: dict[str, list[tuple[float, float]]] = {s: [] for s in skills}
        items_asked = 0
        for ability, truth in zip(abilities, truths, strict=True):
            asked = [
                AskedItem(banks[s].skill, item)
                for s in skills
                for item in draw_items(banks[s].bank.questions, length, rng)
            ]
            items_asked += len(asked)
            answers = {e.item.id: respond(e.item, ability[e.skill.id], model, rng) for e in asked}
            if length == "full":
                full_answers.append(answers)
            result = assess(asked, answers, catalog, experience_years=10)
            for skill in result.skills:
                if skill.score is not None:
                    shown[skill.skill].append((ability[skill.skill], skill.score))
            for role in result.roles:
                for gap in role.gaps:
                    if gap.status == "not assessed":
                        continue
                    tally.decisions[gap.status] += 1
                    true = truth[gap.skill]
                    if gap.status == "met" and true < gap.required:
                        tally.false_met += 1
                    if gap.status == "to build" and true >= gap.required:
                        tally.false_to_build += 1
        met, build = tally.decisions["met"], tally.decisions["to build"]
        per = items_asked / args.respondents
        print(
            f"{length:<10}{per:>6.0f}{sum(tally.decisions.values()):>11,}"
            f"{tally.percent(tally.false_met):>10.1f}%{tally.percent(tally.false_to_build):>12.1f}%"
            f"{tally.percent(tally.false_met, met):>7.1f}%"
            f"{tally.percent(tally.false_to_build, build):>9.1f}%"
            f"{tally.percent(tally.decisions['borderline']):>11.1f}%"
        )
        if length in TARGETS:
            most_met, most_build = TARGETS[length]
            ok = (
                tally.percent(tally.false_met) <= most_met
                and tally.percent(tally.false_to_build) <= most_build
            )
            verdict = "meets" if ok else "MISSES"
            print(f"{'':<10}{verdict} the targets (false met <= 5%, false to build <= 10%)")
        spearmen[length] = {
            s: spearman([a for a, _ in pairs], [v for _, v in pairs]) for s, pairs in shown.items()
        }

    print(f"\nSpearman, true ability against score\n{'skill':<22}", end="")
    print("".join(f"{length:>10}" for length in LENGTHS))
    for skill in skills:
        print(f"{skill:<22}" + "".join(f"{spearmen[n][skill]:>10.3f}" for n in LENGTHS))

    start = time.perf_counter()
    for answers in full_answers:
        match_roles(score_skills(every, answers, catalog), catalog)
    elapsed = time.perf_counter() - start
    start = time.perf_counter()
    for answers in full_answers:
        assess(every, answers, catalog)
    whole = time.perf_counter() - start
    each = elapsed / args.respondents * 1000
    print(
        f"\nscore + match {args.respondents:,} full attempts: {elapsed:.3f} s "
        f"({each:.2f} ms each; target < 1 s)"
    )
    print(f"whole assessment (adds advice, warnings, response records): {whole:.3f} s")


if __name__ == "__main__":
    main()

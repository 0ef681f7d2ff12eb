"""How well levels recover simulated people's true levels, how often requirement decisions
are wrong, and how fast scoring runs: the evidence for scoring.irt.

Simulated people of known level (per skill) answer through the real grading code
(scoring.grading.grade) and are scored by the real model (scoring.irt.estimate_level).
Their answers come from bench/truth.py, a response process per item type that the model
does not assume (a knowledge-or-pick process with attractive distractors, option-by-option
judgments, Mallows-disturbed orders, right-or-wrong numbers), with random guessing on
choice and multi items that is more frequent for weaker people and for a quarter of
people ("guessers"), and 3% random skips. Two truths: item levels exactly the labels, and
labels plus noise (SD 0.75 level) standing for labels that are judgements.

People: half newcomers around level 2.7, half practised around 4.3 (SD 0.9 each, kept in
0.2-6.8): not the scoring prior, on purpose. Forms: quick 3, standard 14 demonstrated items
per skill drawn at random, full every item. Requirement cuts: O*NET levels the roles need
(O*NET 29.3, as scoring/catalog.yaml gives them: 3.0-5.0).

Bars, fixed before running (standard length, per skill unless said):
- Spearman(true, estimated) >= 0.88;
- level RMSE <= 0.85 x the old mean-credit score's, that score mapped to 0-7 by the better
  (lower RMSE, fitted on the same people: generous to it) of a least-squares line and an
  isotonic (monotone) fit; shown beside it ("old x7"), the old score as the product
  compared it with requirements (score / 100 against level / 7, i.e. mean credit x 7);
- 90% intervals cover the truth 88-92% (all skills pooled), with exact labels and with
  label noise;
- decisions on requirements with the truth at least 0.25 level away (met at p >= 0.90, to
  build at p <= 0.10, borderline between): false met <= 3% and false to build <= 3% of the
  decisions at quick, standard and full length, in both truths (borderline share shown);
- guessers not inflated: their mean level error (estimate - truth) <= +0.10.
Timing: 1,000 standard attempts scored and matched by this code base's score_skills and
match_roles as they are, against the same with the level of each skill and the chance of
meeting each requirement added (an upper bound on the new path until score_skills computes
levels itself), min and median of 7 alternating runs each; bar: <= 1.5 x on the minimum
(other work on the machine only adds time). Also shown, not a bar: grading plus the level
against grading plus the mean credit, the bare cores.

    python bench/simulate.py [--people 500] [--replications 4] [--seed 7]
        [--bank synthetic|shipped] [--model fractional|gpcm] [--attempts 1000]

--bank shipped runs the same on the built-in banks (levels from difficulty until the banks
carry their own); the bars are judged on the synthetic banks.
"""

from __future__ import annotations

import argparse
import math
import random
import statistics
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from truth import (
    GUESSER_SHARE,
    TrueItem,
    answer,
    guess_probability,
    self_rating,
    synthetic_bank,
    true_item,
)

from questions import load_banks
from questions.models import DemonstratedBase, Item, LikertItem
from scoring.grading import grade
from scoring.irt import (
    DEFAULT_LEVEL,
    DEFAULT_MODEL,
    DIFFICULTY_LEVELS,
    AnyParams,
    estimate_level,
    params_from_label,
)
from scoring.models import Answer

SKILLS = ("critical_thinking", "data_analysis", "attention_to_detail", "empathy", "research")
LENGTHS: dict[str, int | None] = {"quick": 3, "standard": 14, "full": None}
CUTS = (3.0, 3.25, 3.46, 3.62, 3.88, 4.12, 4.47, 5.0)
MARGIN = 0.25
LABEL_NOISE = 0.75
CONDITIONS = {"exact labels": 0.0, "labels + noise": LABEL_NOISE}
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


@dataclass
class Person:
    levels: dict[str, float]
    guesser: bool


def draw_person(rng: random.Random) -> Person:
    centre = 2.7 if rng.random() < 0.5 else 4.3
    levels = {s: min(6.8, max(0.2, rng.gauss(centre, 0.9))) for s in SKILLS}
    return Person(levels, rng.random() < GUESSER_SHARE)


def label_of(item: Item) -> float:
    """The label the model reads: the level, else the difficulty's default level."""
    assert isinstance(item, DemonstratedBase)
    if item.level is not None:
        return float(item.level)
    return DIFFICULTY_LEVELS[item.difficulty] if item.difficulty else DEFAULT_LEVEL


def banks_for(kind: str, rng: random.Random) -> dict[str, list[Item]]:
    if kind == "synthetic":
        return {skill: synthetic_bank(skill, rng) for skill in SKILLS}
    loaded = {b.skill.id: list(b.bank.questions) for b in load_banks().banks}
    return {skill: loaded[skill] for skill in SKILLS}


def truths_for(
    banks: dict[str, list[Item]], noise: float, rng: random.Random
) -> dict[str, list[TrueItem]]:
    """Each demonstrated item's true process, its level the label plus noise (0-7)."""
    return {
        skill: [
            true_item(item, min(7.0, max(0.0, label_of(item) + rng.gauss(0, noise))), rng)
            for item in items
            if not isinstance(item, LikertItem)
        ]
        for skill, items in banks.items()
    }


def status(p: float) -> str:
    return "met" if p >= MET else "to build" if p <= BUILD else "borderline"


def take(
    skill: str,
    form: Sequence[TrueItem],
    person: tuple[float, bool],
    params: dict[str, AnyParams],
    rng: random.Random,
) -> Record:
    """One form answered, graded and scored both ways."""
    theta, guesser = person
    guess = guess_probability(theta, guesser)
    graded: list[tuple[Item, float | None]] = []
    for truth in form:
        given = answer(truth, theta, guess, rng)
        graded.append((truth.item, None if given is None else grade(truth.item, given)))
    estimate = estimate_level(graded, params)
    if estimate is None:
        return Record(skill, theta, guesser, len(form))
    return Record(
        skill,
        theta,
        guesser,
        len(form),
        estimate.mean,
        estimate.low,
        estimate.high,
        tuple(status(estimate.p_at_least(cut)) for cut in CUTS),
        statistics.fmean(c or 0.0 for _, c in graded),
    )


def simulate(args: argparse.Namespace, noise: float) -> dict[str, list[Record]]:
    """Every length's records over all replications for one truth (same seed for both
    truths, so they differ only in the labels' noise and what follows from it)."""
    rng = random.Random(args.seed)
    records: dict[str, list[Record]] = {length: [] for length in LENGTHS}
    for _ in range(args.replications):
        truths = truths_for(banks_for(args.bank, rng), noise, rng)
        params = {
            t.item.id: params_from_label(t.item, args.model) for ts in truths.values() for t in ts
        }
        for _ in range(args.people):
            person = draw_person(rng)
            for length, size in LENGTHS.items():
                for skill in SKILLS:
                    pool = truths[skill]
                    form = pool if size is None else rng.sample(pool, min(size, len(pool)))
                    who = (person.levels[skill], person.guesser)
                    rec = take(skill, form, who, params, rng)
                    records[length].append(rec)
    return records


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
    return statistics.correlation(ranks(xs), ranks(ys))


def rmse(xs: Sequence[float], ys: Sequence[float]) -> float:
    return math.sqrt(statistics.fmean((x - y) ** 2 for x, y in zip(xs, ys, strict=True)))


def isotonic(xs: Sequence[float], ys: Sequence[float]) -> list[float]:
    """The least-squares non-decreasing fit of ys on xs (pool adjacent violators), equal
    xs pooled first."""
    groups: list[tuple[float, float, list[float]]] = []  # sum of ys, count, the xs
    for index in sorted(range(len(xs)), key=xs.__getitem__):
        if groups and groups[-1][2][0] == xs[index]:
            total, count, keys = groups[-1]
            groups[-1] = (total + ys[index], count + 1, keys)
        else:
            groups.append((ys[index], 1.0, [xs[index]]))
    merged: list[tuple[float, float, list[float]]] = []
    for group in groups:
        merged.append(group)
        while len(merged) > 1 and merged[-2][0] / merged[-2][1] > merged[-1][0] / merged[-1][1]:
            total, count, keys = merged.pop()
            before, many, earlier = merged.pop()
            merged.append((before + total, many + count, earlier + keys))
    fitted = {x: total / count for total, count, keys in merged for x in keys}
    return [fitted[x] for x in xs]


def mapped_old(xs: Sequence[float], ys: Sequence[float]) -> tuple[list[float], str]:
    """The old score on 0-7 by the better of a least-squares line and an isotonic fit."""
    slope, intercept = statistics.linear_regression(xs, ys)
    line = [intercept + slope * x for x in xs]
    mono = isotonic(xs, ys)
    return (line, "line") if rmse(line, ys) <= rmse(mono, ys) else (mono, "monotone")


@dataclass
class Tally:
    """Requirement decisions against the truth (truth at least MARGIN from the cut)."""

    counts: dict[str, int] = field(
        default_factory=lambda: {"met": 0, "borderline": 0, "to build": 0}
    )
    false_met: int = 0
    false_build: int = 0

    def add(self, decided: str, truth: float, cut: float) -> None:
        self.counts[decided] += 1
        self.false_met += decided == "met" and truth < cut
        self.false_build += decided == "to build" and truth >= cut

    def share(self, count: int) -> float:
        total = sum(self.counts.values())
        return 100 * count / total if total else 0.0


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


def decisions(records: Sequence[Record]) -> tuple[Tally, Tally]:
    new, old = Tally(), Tally()
    for rec in records:
        if rec.mean is None or rec.old is None:
            continue
        for cut, decided in zip(CUTS, rec.statuses, strict=True):
            if abs(rec.truth - cut) >= MARGIN:
                new.add(decided, rec.truth, cut)
                old.add(old_status(rec.old, rec.asked, cut), rec.truth, cut)
    return new, old


@dataclass
class Verdicts:
    """Each bar's figure and whether it passed, in the order checked."""

    lines: list[tuple[str, bool]] = field(default_factory=list)

    def check(self, text: str, ok: bool) -> None:
        self.lines.append((text, ok))


def coverage(records: Sequence[Record]) -> float:
    scored = [r for r in records if r.mean is not None]
    return 100 * statistics.fmean(r.low <= r.truth <= r.high for r in scored)


def accuracy_table(
    records: Sequence[Record],
) -> list[tuple[str, float, float, float, float, float]]:
    """Per skill: Spearman new and old, RMSE new, old mapped by a fit to the truth, and old
    as the product compared it with requirements (mean credit x 7: score / 100 against
    level / 7)."""
    rows = []
    for skill in SKILLS:
        scored = [r for r in records if r.skill == skill and r.mean is not None]
        truth = [r.truth for r in scored]
        new = [r.mean for r in scored if r.mean is not None]
        old = [r.old for r in scored if r.old is not None]
        mapped, _ = mapped_old(old, truth)
        rows.append(
            (
                skill,
                spearman(truth, new),
                spearman(truth, old),
                rmse(new, truth),
                rmse(mapped, truth),
                rmse([7 * value for value in old], truth),
            )
        )
    return rows


def guesser_bias(records: Sequence[Record]) -> tuple[float, float, float]:
    """Mean error (estimate - truth) of guessers and of everyone else, and of guessers'
    old scores mapped per skill."""
    scored = [r for r in records if r.mean is not None and r.old is not None]
    old_error: list[float] = []
    for skill in SKILLS:
        mine = [r for r in scored if r.skill == skill]
        mapped, _ = mapped_old([r.old or 0.0 for r in mine], [r.truth for r in mine])
        old_error += [m - r.truth for m, r in zip(mapped, mine, strict=True) if r.guesser]
    guessers = [(r.mean or 0.0) - r.truth for r in scored if r.guesser]
    others = [(r.mean or 0.0) - r.truth for r in scored if not r.guesser]
    return statistics.fmean(guessers), statistics.fmean(others), statistics.fmean(old_error)


def report(name: str, records: dict[str, list[Record]], verdicts: Verdicts) -> None:
    print(f"\n== {name} ==")
    print(
        f"{'length':<9}{'cover90':>8}{'decided':>9}{'false met':>10}{'false bld':>10}"
        f"{'border':>8}{'old f.met':>10}{'old f.bld':>10}{'old bord':>9}{'unmeas':>7}"
    )
    for length, recs in records.items():
        new, old = decisions(recs)
        cover = coverage(recs)
        unmeasured = sum(r.mean is None for r in recs)
        print(
            f"{length:<9}{cover:>7.1f}%{sum(new.counts.values()):>9,}"
            f"{new.share(new.false_met):>9.2f}%{new.share(new.false_build):>9.2f}%"
            f"{new.share(new.counts['borderline']):>7.1f}%"
            f"{old.share(old.false_met):>9.2f}%{old.share(old.false_build):>9.2f}%"
            f"{old.share(old.counts['borderline']):>8.1f}%{unmeasured:>7}"
        )
        verdicts.check(
            f"{name}, {length}: false met {new.share(new.false_met):.2f}% <= 3%",
            new.share(new.false_met) <= 3,
        )
        verdicts.check(
            f"{name}, {length}: false to build {new.share(new.false_build):.2f}% <= 3%",
            new.share(new.false_build) <= 3,
        )
        if length == "standard":
            verdicts.check(f"{name}, standard: coverage {cover:.1f}% in 88-92%", 88 <= cover <= 92)
    for length, recs in records.items():
        print(
            f"\n{length}: {'skill':<21}{'Spearman':>9}{'old':>7}{'RMSE':>7}{'old':>7}{'ratio':>7}"
            f"{'old x7':>8}{'ratio':>7}"
        )
        for skill, rho, rho_old, error, error_old, error_shown in accuracy_table(recs):
            ratio = error / error_old
            print(
                f"{'':<{len(length) + 2}}{skill:<21}{rho:>9.3f}{rho_old:>7.3f}"
                f"{error:>7.3f}{error_old:>7.3f}{ratio:>7.2f}{error_shown:>8.3f}"
                f"{error / error_shown:>7.2f}"
            )
            if length == "standard":
                verdicts.check(f"{name}, {skill}: Spearman {rho:.3f} >= 0.88", rho >= 0.88)
                verdicts.check(f"{name}, {skill}: RMSE ratio {ratio:.2f} <= 0.85", ratio <= 0.85)
    guessers, others, old_guessers = guesser_bias(records["standard"])
    print(
        f"\nstandard, mean error (estimate - truth): guessers {guessers:+.3f}, others "
        f"{others:+.3f}; guessers' old score mapped {old_guessers:+.3f}"
    )
    verdicts.check(f"{name}: guessers' mean error {guessers:+.3f} <= +0.10", guessers <= 0.10)


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


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--people", type=int, default=500, help="per replication")
    parser.add_argument("--replications", type=int, default=4, help="banks and truths drawn")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--bank", choices=("synthetic", "shipped"), default="synthetic")
    parser.add_argument("--attempts", type=int, default=1000, help="timed standard attempts")
    parser.add_argument("--model", choices=("fractional", "gpcm"), default=DEFAULT_MODEL)
    args = parser.parse_args(argv)
    print(
        f"python {sys.version.split()[0]}; {args.bank} banks; {args.replications} x "
        f"{args.people} people x {len(SKILLS)} skills; seed {args.seed}; model {args.model}"
    )
    verdicts = Verdicts()
    for name, noise in CONDITIONS.items():
        report(name, simulate(args, noise), verdicts)
    times = timing(args.attempts, args.seed)
    print(f"\nscore + decide {args.attempts:,} standard attempts, seconds (min / median of 7):")
    for name, (least, middle) in times.items():
        print(f"  {name:<20}{least:>8.3f} /{middle:>7.3f}")
    # Other work on the machine only ever adds time, so the minimum is the figure judged.
    least = times["new"][0] / times["old"][0]
    middle = times["new"][1] / times["old"][1]
    print(f"  grading + level / grading + mean credit: {least:.2f} min, {middle:.2f} median")
    if "full old" in times:
        least = times["full old + levels"][0] / times["full old"][0]
        middle = times["full old + levels"][1] / times["full old"][1]
        print(f"  whole path, levels added / as it is: {least:.2f} min, {middle:.2f} median")
        verdicts.check(
            f"timing: whole path with levels added / as it is = {least:.2f} <= 1.5", least <= 1.5
        )
    print("\nbars" + ("" if args.bank == "synthetic" else " (judged on the synthetic banks)"))
    for text, ok in verdicts.lines:
        print(f"  {'pass' if ok else 'FAIL'}  {text}")
    return 0 if all(ok for _, ok in verdicts.lines) else 1


if __name__ == "__main__":
    raise SystemExit(main())

"""What bench/simulate.py reports of the simulated people's records: rank and error
statistics, the old score mapped to 0-7, requirement decisions against the truth, interval
coverage, guessers' bias, and each bar's verdict; one table set per truth.
"""

from __future__ import annotations

import math
import statistics
from collections.abc import Sequence
from dataclasses import dataclass, field

from simulated_people import CUTS, MARGIN, SKILLS, Record, old_status


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
    below: int = 0

    def add(self, decided: str, truth: float, cut: float) -> None:
        self.counts[decided] += 1
        self.below += truth < cut
        self.false_met += decided == "met" and truth < cut
        self.false_build += decided == "to build" and truth >= cut

    def share(self, count: int) -> float:
        total = sum(self.counts.values())
        return 100 * count / total if total else 0.0


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


def strategic_report(name: str, records: dict[str, list[Record]], verdicts: Verdicts) -> None:
    """People who skip the items hardest for them: false met as a share of the decisions
    on requirements they are truly below (by MARGIN or more), the bar <= 3% at each length."""
    print(f"\n== {name} ==")
    print(f"{'length':<9}{'cover90':>8}{'below':>8}{'false met':>10}{'false bld':>10}{'border':>8}")
    for length, recs in records.items():
        new, _ = decisions(recs)
        false_met = 100 * new.false_met / new.below if new.below else 0.0
        print(
            f"{length:<9}{coverage(recs):>7.1f}%{new.below:>8,}{false_met:>9.2f}%"
            f"{new.share(new.false_build):>9.2f}%{new.share(new.counts['borderline']):>7.1f}%"
        )
        verdicts.check(
            f"{name}, {length}: false met {false_met:.2f}% of truly below <= 3%", false_met <= 3
        )

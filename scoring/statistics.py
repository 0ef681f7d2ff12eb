"""Item and test statistics over many attempts, computed as Moodle's quiz statistics report.

Trainers know Moodle's report, so the figures here are Moodle's, formula for formula
(question/classes/statistics/questions/calculator.php for items and
mod/quiz/report/statistics/classes/calculator.php for the test), read on skillquiz's data:

- a skill's demonstrated items are one test; x is an item's credit (0..1) in an attempt
  that was asked it, and "rest" is that attempt's total credit on the skill's other items;
- a skill's score in an attempt is its demonstrated score, 0..100.

Everything is pure: attempts come in as plain numbers, statistics go out as dataclasses.
Percentages are 0..100 and unrounded; a figure that cannot be computed (too few attempts,
no spread) is None, as Moodle leaves it blank.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from math import comb

from questions.models import ChoiceItem, Item, LikertItem, MultiItem, NumericItem, OrderItem

# Moodle's quiz statistics report marks an item whose discriminative efficiency is below
# this as one to check; the other thresholds are the ones trainers are taught.
DUBIOUS_EFFICIENCY = 15.0
LOW_DISCRIMINATION = 30.0
TOO_EASY = 90.0
TOO_HARD = 10.0
FEW_ATTEMPTS = 30

FLAG_DUBIOUS = "dubious"
FLAG_CHECK = "needs checking"
FLAG_EASY = "too easy"
FLAG_HARD = "too hard"
FLAG_FEW = "too few attempts"


def random_guess(item: Item) -> float | None:
    """The credit (0..100) a person answering at random earns on average.

    choice: the mean credit of its options; multi: every non-empty set of picks equally
    likely (an empty pick is not an answer), scored by the signed-fraction rule; order:
    every arrangement equally likely, which earns 0.5 on average whatever the length (each
    pair is as likely in order as not); numeric: 0. None for a self-rating, which has no
    right answer.
    """
    if isinstance(item, LikertItem):
        return None
    if isinstance(item, ChoiceItem):
        return 100 * math.fsum(option.credit for option in item.options) / len(item.options)
    if isinstance(item, MultiItem):
        return 100 * _multi_guess(item)
    if isinstance(item, OrderItem):
        return 50.0
    if isinstance(item, NumericItem):
        return 0.0
    return None  # a type with no rule yet: no figure rather than a wrong one


def _multi_guess(item: MultiItem) -> float:
    """Expected signed-fraction credit over all non-empty picks, counted by how many right
    (r) and wrong (w) options they hold: comb(right, r) x comb(wrong, w) picks each."""
    right = sum(1 for option in item.options if option.correct)
    wrong = len(item.options) - right
    total = 0.0
    for r in range(right + 1):
        for w in range(wrong + 1):
            earned = min(1.0, max(0.0, r / right - w / wrong))
            total += comb(right, r) * comb(wrong, w) * earned
    return total / ((1 << len(item.options)) - 1)


@dataclass(frozen=True)
class ItemInfo:
    """What the statistics need to know of an item besides its credits."""

    question_id: str
    type: str
    random_guess: float | None


@dataclass(frozen=True)
class ItemStatistics:
    question_id: str
    type: str
    n: int
    facility: float | None
    sd: float | None
    random_guess: float | None
    discrimination: float | None
    efficiency: float | None
    flags: tuple[str, ...]


@dataclass(frozen=True)
class SkillStatistics:
    skill: str
    name: str
    attempts: int
    mean: float | None
    median: float | None
    sd: float | None
    skewness: float | None
    kurtosis: float | None
    cic: float | None
    # The attempts and items alpha was computed over (the largest group asked the same items).
    cic_attempts: int
    cic_items: int
    error_ratio: float | None
    standard_error: float | None
    items: tuple[ItemStatistics, ...] = field(default=())


@dataclass(frozen=True)
class SelfRatingStatistics:
    skill: str
    n: int
    mean: float | None
    sd: float | None
    # Pearson's r (-1..1) between self-rated and demonstrated scores: a correlation, not a
    # percentage.
    correlation_with_score: float | None
    # How many attempts had both a self-rating and a demonstrated score on the skill.
    paired: int


def flags(
    n: int, facility: float | None, discrimination: float | None, eff: float | None
) -> tuple[str, ...]:
    """The report's warnings for an item; a figure that could not be computed raises none."""
    found: list[str] = []
    if eff is not None and eff < DUBIOUS_EFFICIENCY:
        found.append(FLAG_DUBIOUS)
    if discrimination is not None and discrimination < LOW_DISCRIMINATION:
        found.append(FLAG_CHECK)
    if facility is not None and facility > TOO_EASY:
        found.append(FLAG_EASY)
    if facility is not None and facility < TOO_HARD:
        found.append(FLAG_HARD)
    if n < FEW_ATTEMPTS:
        found.append(FLAG_FEW)
    return tuple(found)


def item_statistics(
    info: ItemInfo, marks: Sequence[float], rests: Sequence[float]
) -> ItemStatistics:
    """One item's figures from its credits (0..1) and each attempt's credit on the rest.

    As Moodle: variances and covariances divide by n - 1; the discrimination index is the
    correlation of x with the rest; the discriminative efficiency is the covariance over
    the largest covariance the same two sets of numbers could have (each sorted
    ascending and paired off in order).
    """
    n = len(marks)
    facility = 100 * math.fsum(marks) / n if n else None
    sd = discrimination = efficiency = None
    if n > 1:
        mean_x = math.fsum(marks) / n
        mean_r = math.fsum(rests) / n
        dx = [x - mean_x for x in marks]
        dr = [r - mean_r for r in rests]
        var_x = math.fsum(d * d for d in dx) / (n - 1)
        var_r = math.fsum(d * d for d in dr) / (n - 1)
        cov = math.fsum(a * b for a, b in zip(dx, dr, strict=True)) / (n - 1)
        cov_max = math.fsum(
            (a - mean_x) * (b - mean_r) for a, b in zip(sorted(marks), sorted(rests), strict=True)
        ) / (n - 1)
        sd = 100 * math.sqrt(var_x)
        if var_x * var_r:
            discrimination = 100 * cov / math.sqrt(var_x * var_r)
        if cov_max:
            efficiency = 100 * cov / cov_max
    return ItemStatistics(
        question_id=info.question_id,
        type=info.type,
        n=n,
        facility=facility,
        sd=sd,
        random_guess=info.random_guess,
        discrimination=discrimination,
        efficiency=efficiency,
        flags=flags(n, facility, discrimination, efficiency),
    )


@dataclass(frozen=True)
class Moments:
    """Moodle's test figures for a list of totals: n, mean, median, SD and the shape."""

    n: int
    mean: float | None
    median: float | None
    sd: float | None
    skewness: float | None
    kurtosis: float | None
    k2: float | None


def moments(totals: Sequence[float]) -> Moments:
    """Median as Moodle takes it (the mean of the middle two for an even count); SD with
    n - 1; skewness k3 / k2^1.5 and kurtosis k4 / k2^2 from the sample cumulants (k-statistics),
    given for n > 2 and n > 3, as in mod/quiz/report/statistics/classes/calculator.php."""
    s = len(totals)
    if s == 0:
        return Moments(0, None, None, None, None, None, None)
    mean = math.fsum(totals) / s
    ordered = sorted(totals)
    middle = s // 2
    median = ordered[middle] if s % 2 else (ordered[middle - 1] + ordered[middle]) / 2
    if s == 1:
        return Moments(s, mean, median, None, None, None, None)
    diffs = [t - mean for t in totals]
    power2 = math.fsum(d * d for d in diffs)
    sd = math.sqrt(power2 / (s - 1))
    skewness = kurtosis = k2 = None
    if s > 2:
        m2 = power2 / s
        m3 = math.fsum(d**3 for d in diffs) / s
        m4 = math.fsum(d**4 for d in diffs) / s
        k2 = s * m2 / (s - 1)
        k3 = s * s * m3 / ((s - 1) * (s - 2))
        if k2:
            skewness = k3 / k2**1.5
            if s > 3:
                k4 = s * s * ((s + 1) * m4 - 3 * (s - 1) * m2 * m2) / ((s - 1) * (s - 2) * (s - 3))
                kurtosis = k4 / (k2 * k2)
    return Moments(s, mean, median, sd, skewness, kurtosis, k2)


def _variance(values: Sequence[float]) -> float:
    mean = math.fsum(values) / len(values)
    return math.fsum((v - mean) ** 2 for v in values) / (len(values) - 1)


def cronbach_alpha(rows: Sequence[Sequence[float]]) -> float | None:
    """Coefficient of internal consistency in percent over attempts asked the same items
    (one row of credits per attempt, items in the same order).

    Moodle's formula: 100 p / (p - 1) x (1 - sum of item variances / k2 of the totals),
    given when there are more than two attempts, at least two items and the totals vary.
    It can be negative: items that pull against each other.
    """
    if len(rows) < 3 or not rows or len(rows[0]) < 2:
        return None
    p = len(rows[0])
    k2 = _variance([math.fsum(row) for row in rows])
    if not k2:
        return None
    item_variance = math.fsum(_variance([row[i] for row in rows]) for i in range(p))
    # At most 100 in exact arithmetic (items in perfect step); rounding can overshoot it.
    return min(100.0, (100 * p / (p - 1)) * (1 - item_variance / k2))


def _largest_same_items_group(
    attempts: Sequence[Mapping[str, float]],
) -> tuple[tuple[str, ...], list[Mapping[str, float]]]:
    """The attempts asked exactly the same items, the most numerous such group (on a tie,
    the one with more items, then the first in item order), for the consistency figure."""
    sets = Counter(tuple(sorted(credits)) for credits in attempts if credits)
    if not sets:
        return (), []
    chosen = min(sets, key=lambda items: (-sets[items], -len(items), items))
    return chosen, [credits for credits in attempts if tuple(sorted(credits)) == chosen]


def skill_statistics(
    skill: str,
    name: str,
    items: Mapping[str, ItemInfo],
    attempts: Sequence[Mapping[str, float]],
) -> SkillStatistics:
    """A skill's demonstrated items treated as one test.

    ``attempts`` holds, per finished attempt, the credit (0..1) earned on each
    demonstrated item of this skill it was asked (a skip is 0). Attempts asked none of
    the skill's items are ignored. The score of an attempt is its mean credit x 100.
    """
    asked = [credits for credits in attempts if credits]
    totals = {id(credits): math.fsum(credits.values()) for credits in asked}
    marks: dict[str, list[float]] = {}
    rests: dict[str, list[float]] = {}
    for credits in asked:
        total = totals[id(credits)]
        for question_id, x in credits.items():
            marks.setdefault(question_id, []).append(x)
            rests.setdefault(question_id, []).append(total - x)
    item_stats = tuple(
        item_statistics(
            items.get(question_id, ItemInfo(question_id, "unknown", None)),
            marks[question_id],
            rests[question_id],
        )
        for question_id in sorted(marks)
    )
    scores = [100 * totals[id(credits)] / len(credits) for credits in asked]
    shape = moments(scores)
    chosen, group = _largest_same_items_group(asked)
    cic = cronbach_alpha([[credits[q] for q in chosen] for credits in group])
    error_ratio = standard_error = None
    if cic is not None:
        error_ratio = 100 * math.sqrt(1 - cic / 100)
        if shape.sd is not None:
            standard_error = error_ratio * shape.sd / 100
    return SkillStatistics(
        skill=skill,
        name=name,
        attempts=shape.n,
        mean=shape.mean,
        median=shape.median,
        sd=shape.sd,
        skewness=shape.skewness,
        kurtosis=shape.kurtosis,
        cic=cic,
        cic_attempts=len(group) if cic is not None else 0,
        cic_items=len(chosen) if cic is not None else 0,
        error_ratio=error_ratio,
        standard_error=standard_error,
        items=item_stats,
    )


def correlation(pairs: Sequence[tuple[float, float]]) -> float | None:
    """Pearson's r of paired values (sample covariance over the two sample SDs), None when
    fewer than two pairs or either side does not vary."""
    n = len(pairs)
    if n < 2:
        return None
    mean_a = math.fsum(a for a, _ in pairs) / n
    mean_b = math.fsum(b for _, b in pairs) / n
    var_a = math.fsum((a - mean_a) ** 2 for a, _ in pairs)
    var_b = math.fsum((b - mean_b) ** 2 for _, b in pairs)
    if not var_a * var_b:
        return None
    cov = math.fsum((a - mean_a) * (b - mean_b) for a, b in pairs)
    return cov / math.sqrt(var_a * var_b)


def self_rating_statistics(
    skill: str, scores: Iterable[tuple[float | None, float | None]]
) -> SelfRatingStatistics:
    """How a skill's learners rate themselves, and how well that tracks what they showed.

    ``scores`` holds (self-rated, demonstrated) per attempt, each 0..100 or None. The
    correlation is Pearson's r between the two, over attempts that have both.
    """
    listed = list(scores)
    rated = [self for self, _ in listed if self is not None]
    paired = [(self, shown) for self, shown in listed if self is not None and shown is not None]
    n = len(rated)
    return SelfRatingStatistics(
        skill=skill,
        n=n,
        mean=math.fsum(rated) / n if n else None,
        sd=math.sqrt(_variance(rated)) if n > 1 else None,
        correlation_with_score=correlation(paired),
        paired=len(paired),
    )

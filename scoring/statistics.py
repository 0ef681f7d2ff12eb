"""Item and test statistics over many attempts, computed as Moodle's quiz statistics report.

Trainers know Moodle's report, so the figures here are Moodle's, formula for formula
(question/classes/statistics/questions/calculator.php for items and
mod/quiz/report/statistics/classes/calculator.php for the test), read on skillquiz's data:

- a skill's demonstrated items are one test; x is an item's credit (0..1) in an attempt
  that was asked it, and "rest" is that attempt's total credit on the skill's other items;
- a skill's score in an attempt is its demonstrated score, 0..100.

Everything is pure: attempts come in as plain numbers, statistics go out as named tuples.
Percentages are 0..100 and unrounded; a figure that cannot be computed (too few attempts,
no spread) is None, as Moodle leaves it blank.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from typing import NamedTuple

from questions.models import Item, LikertItem
from scoring.chance import chance_credit

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
    """The credit (0..100) a person answering at random earns on average: the item's chance
    credit (scoring.chance states the random answer per type: choice the mean credit of its
    options, multi every non-empty pick equally likely, order every arrangement equally
    likely, match each prompt given any answer, numeric and short answer 0). None for a
    self-rating, which has no right answer.
    """
    if isinstance(item, LikertItem):
        return None
    return 100 * chance_credit(item)


class ItemInfo(NamedTuple):
    """What the statistics need to know of an item besides its credits."""

    question_id: str
    type: str
    random_guess: float | None


class ItemStatistics(NamedTuple):
    question_id: str
    type: str
    n: int
    facility: float | None
    sd: float | None
    random_guess: float | None
    discrimination: float | None
    efficiency: float | None
    flags: tuple[str, ...]


class SkillStatistics(NamedTuple):
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
    items: tuple[ItemStatistics, ...] = ()
    # The largest group of attempts asked the same items and how many items that is, also
    # when no alpha could be computed over it (it then says why).
    group_attempts: int = 0
    group_items: int = 0


class SelfRatingStatistics(NamedTuple):
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


class ItemSums(NamedTuple):
    """What an item's figures need, summed over the attempts asked it: about the means,
    as Moodle sums them (two passes), and each distinct value with how often it occurs.

    Storage can add these up in a query, so statistics over 100,000 attempts never bring
    millions of single credits into Python.
    """

    n: int
    mean_x: float
    mean_rest: float
    ss_x: float  # sum of (x - mean_x)^2
    ss_rest: float  # sum of (rest - mean_rest)^2
    s_cross: float  # sum of (x - mean_x)(rest - mean_rest)
    x_counts: Sequence[tuple[float, int]]  # distinct credits and how many attempts had each
    rest_counts: Sequence[tuple[float, int]]


def _counts(values: Sequence[float]) -> list[tuple[float, int]]:
    return sorted(Counter(values).items())


def item_sums(marks: Sequence[float], rests: Sequence[float]) -> ItemSums:
    """ItemSums from an item's credits (0..1) and each attempt's credit on the rest."""
    n = len(marks)
    mean_x = math.fsum(marks) / n if n else 0.0
    mean_r = math.fsum(rests) / n if n else 0.0
    dx = [x - mean_x for x in marks]
    dr = [r - mean_r for r in rests]
    return ItemSums(
        n=n,
        mean_x=mean_x,
        mean_rest=mean_r,
        ss_x=math.fsum(d * d for d in dx),
        ss_rest=math.fsum(d * d for d in dr),
        s_cross=math.fsum(a * b for a, b in zip(dx, dr, strict=True)),
        x_counts=_counts(marks),
        rest_counts=_counts(rests),
    )


def sorted_cross_sum(sums: ItemSums) -> float:
    """Sum of (x - mean)(rest - mean) with both lists sorted ascending and paired in order,
    walked through the two lists of distinct values and counts."""
    xs = sorted(sums.x_counts)
    rs = sorted(sums.rest_counts)
    total = []
    i = j = 0
    left_x = xs[0][1] if xs else 0
    left_r = rs[0][1] if rs else 0
    while i < len(xs) and j < len(rs):
        taken = min(left_x, left_r)
        total.append(taken * (xs[i][0] - sums.mean_x) * (rs[j][0] - sums.mean_rest))
        left_x -= taken
        left_r -= taken
        if not left_x:
            i += 1
            left_x = xs[i][1] if i < len(xs) else 0
        if not left_r:
            j += 1
            left_r = rs[j][1] if j < len(rs) else 0
    return math.fsum(total)


def item_statistics_from_sums(info: ItemInfo, sums: ItemSums) -> ItemStatistics:
    """One item's figures, as Moodle's question statistics calculator works them out.

    Variances and covariances divide by n - 1; the discrimination index is the
    correlation of x with the rest; the discriminative efficiency is the covariance over
    the largest covariance the same two sets of numbers could have (each sorted
    ascending and paired off in order).
    """
    n = sums.n
    facility = 100 * sums.mean_x if n else None
    sd = discrimination = efficiency = None
    if n > 1:
        var_x = sums.ss_x / (n - 1)
        var_r = sums.ss_rest / (n - 1)
        cov = sums.s_cross / (n - 1)
        cov_max = sorted_cross_sum(sums) / (n - 1)
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


def item_statistics(
    info: ItemInfo, marks: Sequence[float], rests: Sequence[float]
) -> ItemStatistics:
    """One item's figures from its credits (0..1) and each attempt's credit on the rest."""
    return item_statistics_from_sums(info, item_sums(marks, rests))


class Moments(NamedTuple):
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


def alpha_from_variances(
    attempts: int, item_variances: Sequence[float], total_variance: float
) -> float | None:
    """Coefficient of internal consistency in percent, from the variance (n - 1) of each
    item and of the totals over the same attempts.

    Moodle's formula: 100 p / (p - 1) x (1 - sum of item variances / k2 of the totals),
    given when there are more than two attempts, at least two items and the totals vary.
    It can be negative: items that pull against each other.
    """
    p = len(item_variances)
    if attempts < 3 or p < 2 or not total_variance:
        return None
    # At most 100 in exact arithmetic (items in perfect step); rounding can overshoot it.
    return min(100.0, (100 * p / (p - 1)) * (1 - math.fsum(item_variances) / total_variance))


def cronbach_alpha(rows: Sequence[Sequence[float]]) -> float | None:
    """alpha_from_variances over attempts asked the same items (one row of credits per
    attempt, items in the same order)."""
    if len(rows) < 3 or len(rows[0]) < 2:
        return None
    p = len(rows[0])
    return alpha_from_variances(
        len(rows),
        [_variance([row[i] for row in rows]) for i in range(p)],
        _variance([math.fsum(row) for row in rows]),
    )


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
    chosen, group = _largest_same_items_group(asked)
    cic = cronbach_alpha([[credits[q] for q in chosen] for credits in group])
    return assemble_skill(skill, name, item_stats, scores, cic, len(group), len(chosen))


def assemble_skill(
    skill: str,
    name: str,
    items: Sequence[ItemStatistics],
    scores: Sequence[float],
    cic: float | None,
    cic_attempts: int,
    cic_items: int,
) -> SkillStatistics:
    """A skill's test figures from its attempts' scores (0..100) and its consistency."""
    shape = moments(scores)
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
        cic_attempts=cic_attempts if cic is not None else 0,
        cic_items=cic_items if cic is not None else 0,
        error_ratio=error_ratio,
        standard_error=standard_error,
        items=tuple(items),
        group_attempts=cic_attempts,
        group_items=cic_items,
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

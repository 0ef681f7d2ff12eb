"""A skill's level on O*NET's 0-7 scale, from the answers, by an item response model.

Two models share one grid, one prior and one API; ``DEFAULT_MODEL`` says which scores.

The generalized partial credit model (GPCM; Muraki 1992), on the level scale itself: an
item with ordered categories k = 0..m, slope a and steps b_1..b_m (level units) gives a
person of level theta category k with probability

    P(k | theta) = exp(sum_{v<=k} a (theta - b_v)) / sum_c exp(sum_{v<=c} a (theta - b_v))

(the empty sum is 0; the location is the mean of the steps; m = 1 is the 2PL). Categories
come from the credits an item can give (scoring.chance.attainable_credits): at most four
different credits, each its own category; more (multi, long order and match items), four:
the lowest credit, partial credit below the middle of the range, partial credit from the
middle up, and full credit. A credit falls in the highest category whose floor it reaches.
Its location is set so the expected credit at theta = the label's level is halfway from
the chance credit to full credit.

The fractional-credit 2PL with a chance floor: the expected credit is
P(theta) = c + (1 - c) logistic(a (theta - b)), c the item's chance credit (what a random
answer earns on average), and a credit x is evidence P^x (1 - P)^(1 - x). The label's
definition (halfway from chance to full credit at its level) is exactly b = level.

Why the fractional model scores: the GPCM has no floor, yet a random answer earns the
chance credit (0.3-0.45 on many choice items with attractive partial credit), so a weak
person's chance credit reads as ability. In bench/simulate.py (answers from a response
process neither model assumes, random guessing included) the label-based GPCM overstated
levels below 2 by 0.4-0.9; its 90% intervals covered the truth 74-75% at standard length
and 68-70% on full quizzes at slope 1.2, 88% and 82-84% at slope 0.6. The floored model
covers 90-92% at standard length with exact and with noisy labels (87-89% on full quizzes,
93-94% on quick ones) and ranks people at least as well. The GPCM stays for calibration,
where mirt's GPCM is the cross-check (bench/simulate.py --model gpcm).

Before calibration an item's parameters come from its label (``params_from_label``). The
labels are judgements, so their error is carried: the location is b ~ N(label, tau^2),
integrated out by Gauss-Hermite quadrature into a marginal response function, once per item
on the grid (cached); scoring an attempt is then a product of table lookups. A skill's level
is the posterior mean (EAP) on the grid, with its SD and the 5th and 95th percentiles as
the 90% interval.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Literal

from questions.models import DemonstratedBase, Item, LikertItem
from scoring.chance import attainable_credits, chance_credit

# The grid and a posterior's summary live in scoring.posterior; named here as well, where
# scoring's callers have always found them.
from scoring.posterior import GRID as GRID
from scoring.posterior import GRID_STEP as GRID_STEP
from scoring.posterior import LevelEstimate as LevelEstimate
from scoring.posterior import percentile as percentile
from scoring.posterior import summarise as summarise

# Slope per level unit before calibration. Studies of skill tests find discriminations of
# about 1.0-1.7 logits per SD of ability; people heading into these roles spread over about
# 1.2 levels (SD), so about 0.9-1.4 per level; psychometrics notes put the calibration prior
# for log a around log 1.0-1.5.
GPCM_SLOPE = 1.2
# The model scoring uses before calibration, and its slope: see the module docstring for
# why the fractional-credit 2PL with a chance floor and not the GPCM. Its slope is the
# steepness of the part above the floor, so it sits at the top of the range above: in
# bench/simulate.py 1.2 gave intervals a little wide (92-95% coverage), 1.6 a little
# narrow (86.5% on full quizzes with noisy labels), 1.4 in between.
DEFAULT_MODEL: Literal["gpcm", "fractional"] = "fractional"
FRACTIONAL_SLOPE = 1.4
# Distance (level units) between an item's consecutive steps: a partial answer is usually
# one misstep short of the full one, so the steps of one item sit close together.
DEFAULT_STEP_SPACING = 1.0
# SD of an item's location around its label (tau). Two raters tagging against O*NET's
# anchors differed by 0.40 level on average (r = 0.905): about 0.5 level SD between two
# raters, so 0.6-0.75 between one rater and the truth once shared blind spots count. The
# simulation's labels are off by 0.75 SD; at 0.6 its intervals on full quizzes covered
# 87% there, at 0.75 89%, while exact labels stayed at 91-94%.
LABEL_SD = 0.75
# No level: the author's difficulty (easy: over 80% of entry-level candidates answer right,
# medium 50-80%, hard under 50%), read against entry-level candidates at about level 3
# (O*NET rates the Job Zone 2 occupations near these roles 2.9-3.4 on these skills). Coarse,
# so the location is far less certain.
DIFFICULTY_LEVELS: Mapping[str, float] = {"easy": 2.0, "medium": 3.0, "hard": 4.0}
DIFFICULTY_SD = 1.0
# Neither level nor difficulty: the middle of the entry-level range, and wider still.
DEFAULT_LEVEL = 3.0
DEFAULT_SD = 1.25

# Gauss-Hermite nodes and weights for E[f(Z)], Z standard normal (9 points, exact for
# polynomials to degree 17): the non-negative half; the rule is symmetric.
_HERMITE_HALF = (
    (0.0, 0.40634920634920635),
    (1.0232556637891326, 0.24409750289493953),
    (2.07684797867783, 0.04991640676521782),
    (3.20542900285647, 0.0027891413212317692),
    (4.512745863399783, 2.2345844007746607e-05),
)
HERMITE: tuple[tuple[float, float], ...] = (
    *((-node, weight) for node, weight in reversed(_HERMITE_HALF[1:])),
    *_HERMITE_HALF,
)

MAX_CATEGORIES = 4
Source = Literal["level", "difficulty", "default", "calibrated"]
Model = Literal["gpcm", "fractional"]


@dataclass(frozen=True)
class Prior:
    """The person prior N(mean, sd), truncated to the 0-7 scale."""

    mean: float
    sd: float


# People who take this quiz are heading into roles whose O*NET requirements on these skills
# sit at 2.6-4.2 (../data: Job Zones 2-4), from school leavers to practised technicians; the
# middle of the scale, 3.5, is also the middle of those requirements. SD 1.5 puts 95% of
# the prior between 0.5 and 6.5: wide enough that 14 answers, not the prior, place a
# beginner or an expert, and narrow enough that three wrong answers on a quick quiz do not
# land a person at 0.
PRIOR = Prior(mean=3.5, sd=1.5)


@dataclass(frozen=True)
class ItemParams:
    """One item's parameters: slope a, steps b_1..b_m (level units), the lowest credit of
    each category 0..m (``floors``), the SD of its location (label uncertainty; 0 once
    calibrated data fixes it) and where they came from."""

    slope: float
    steps: tuple[float, ...]
    floors: tuple[float, ...]
    label_sd: float
    source: Source

    def __post_init__(self) -> None:
        if len(self.floors) != len(self.steps) + 1:
            raise ValueError("an item needs one more category floor than steps")
        if not self.slope > 0 or not self.label_sd >= 0:
            raise ValueError("an item's slope must be positive and its label SD not negative")
        if any(low >= high for low, high in zip(self.floors, self.floors[1:], strict=False)):
            raise ValueError("category floors must rise")

    @property
    def calibrated(self) -> bool:
        return self.source == "calibrated"

    @property
    def location(self) -> float:
        """The mean of the steps (the item's own level when it has no steps)."""
        return math.fsum(self.steps) / len(self.steps) if self.steps else 0.0

    def category(self, credit: float) -> int:
        """The highest category whose floor the credit reaches (0 below them all)."""
        reached = 0
        for index, floor in enumerate(self.floors):
            if credit >= floor - 1e-9:
                reached = index
        return reached


@dataclass(frozen=True)
class FractionalParams:
    """The fractional-credit 2PL with a chance floor: expected credit
    P(theta) = c + (1 - c) logistic(a (theta - b)), c the item's chance credit, b its
    location (level units); a credit x counts as x of a success and 1 - x of a failure,
    so the evidence of an answer is (P^x (1 - P)^(1 - x))^(1 / dispersion).

    ``dispersion`` is the spread of an item's credits about P, over P (1 - P): 1 for an
    item scored right or wrong; below 1 where partial credit keeps answers closer to their
    expected credit than all-or-nothing would, so each answer says more (quasi-likelihood;
    McCullagh & Nelder 1989, ch. 9). Labels leave it at 1; calibration estimates it."""

    slope: float
    location: float
    chance: float
    label_sd: float
    source: Source
    dispersion: float = 1.0

    def __post_init__(self) -> None:
        if not self.slope > 0 or not self.label_sd >= 0:
            raise ValueError("an item's slope must be positive and its label SD not negative")
        if not 0 <= self.chance <= 1:
            raise ValueError("an item's chance credit is between 0 and 1")
        if not 0 < self.dispersion <= 1:
            raise ValueError("an item's dispersion is above 0 and at most 1")

    @property
    def calibrated(self) -> bool:
        return self.source == "calibrated"

    def expected(self, theta: float, location: float | None = None) -> float:
        """P(theta): the expected credit, at the given location (default its own)."""
        b = self.location if location is None else location
        return self.chance + (1 - self.chance) * _logistic(self.slope * (theta - b))


AnyParams = ItemParams | FractionalParams


def _logistic(x: float) -> float:
    if x >= 0:
        return 1 / (1 + math.exp(-x))
    e = math.exp(x)
    return e / (1 + e)


def category_probabilities(slope: float, steps: Sequence[float], theta: float) -> tuple[float, ...]:
    """The GPCM's P(k | theta) for k = 0..m, computed stably (largest exponent first out)."""
    sums = [0.0]
    for step in steps:
        sums.append(sums[-1] + slope * (theta - step))
    top = max(sums)
    weights = [math.exp(value - top) for value in sums]
    total = math.fsum(weights)
    return tuple(weight / total for weight in weights)


def categories_for(item: Item) -> tuple[tuple[float, ...], tuple[float, ...]]:
    """An item's category floors and each category's credit (the mean of its attainable
    credits), by the fixed rule in the module docstring."""
    credits = attainable_credits(item)
    if len(credits) <= MAX_CATEGORIES:
        return credits, credits
    low, high = credits[0], credits[-1]
    middle = (low + high) / 2
    bins: list[list[float]] = [[], [], [], []]
    for value in credits:
        index = 0 if value == low else 3 if value == high else 1 if value < middle else 2
        bins[index].append(value)
    kept = [values for values in bins if values]
    floors = tuple(values[0] for values in kept)
    return floors, tuple(math.fsum(values) / len(values) for values in kept)


def step_offsets(categories: int, spacing: float | None = None) -> tuple[float, ...]:
    """Steps evenly ``spacing`` apart (default DEFAULT_STEP_SPACING), centred on the
    location (none for one category)."""
    spacing = DEFAULT_STEP_SPACING if spacing is None else spacing
    steps = categories - 1
    return tuple(spacing * (k - (steps + 1) / 2) for k in range(1, steps + 1))


def expected_credit(
    slope: float, steps: Sequence[float], credits: Sequence[float], theta: float
) -> float:
    """The model's mean credit at theta, each category counted at its credit."""
    probabilities = category_probabilities(slope, steps, theta)
    return math.fsum(p * c for p, c in zip(probabilities, credits, strict=True))


def halfway_offset(
    slope: float, offsets: Sequence[float], credits: Sequence[float], target: float
) -> float:
    """How far above the location a person's expected credit reaches ``target`` (bisection;
    the expected credit rises with theta)."""
    low, high = -20.0, 20.0
    for _ in range(60):
        middle = (low + high) / 2
        if expected_credit(slope, offsets, credits, middle) < target:
            low = middle
        else:
            high = middle
    return (low + high) / 2


def _label(item: DemonstratedBase) -> tuple[float, float, Source]:
    """The item's label level, its SD, and which label gave them."""
    if item.level is not None:
        return float(item.level), LABEL_SD, "level"
    if item.difficulty is not None:
        return DIFFICULTY_LEVELS[item.difficulty], DIFFICULTY_SD, "difficulty"
    return DEFAULT_LEVEL, DEFAULT_SD, "default"


def params_from_label(item: Item, model: Model | None = None) -> AnyParams:
    """Parameters before calibration, for ``model`` (default DEFAULT_MODEL): the default
    slope, the location set so the expected credit at theta = the label's level is halfway
    from the chance credit to full credit, and the label's uncertainty (see the defaults
    above)."""
    if isinstance(item, LikertItem):
        raise ValueError(f"question {item.id} is a self-rating: it has no level")
    level, label_sd, source = _label(item)
    chance = chance_credit(item)
    if (model or DEFAULT_MODEL) == "fractional":
        # c + (1 - c) logistic(a (theta - b)) is halfway from c to 1 exactly at theta = b.
        return FractionalParams(FRACTIONAL_SLOPE, level, chance, label_sd, source)
    floors, credits = categories_for(item)
    offsets = step_offsets(len(floors))
    target = chance + (1 - chance) / 2
    shift = level - halfway_offset(GPCM_SLOPE, offsets, credits, target) if offsets else level
    steps = tuple(shift + offset for offset in offsets)
    return ItemParams(GPCM_SLOPE, steps, floors, label_sd, source)


@lru_cache(maxsize=8192)
def response_table(params: ItemParams) -> tuple[tuple[float, ...], ...]:
    """P*(k | theta) on the grid, per category: the GPCM averaged over the item's location
    b ~ N(location, label_sd^2) by Gauss-Hermite quadrature (all steps move with b)."""
    nodes = HERMITE if params.label_sd > 0 else ((0.0, 1.0),)
    rows = [[0.0] * len(GRID) for _ in params.floors]
    for node, weight in nodes:
        shift = params.label_sd * node
        steps = [step + shift for step in params.steps]
        for column, theta in enumerate(GRID):
            for k, p in enumerate(category_probabilities(params.slope, steps, theta)):
                rows[k][column] += weight * p
    return tuple(tuple(row) for row in rows)


@lru_cache(maxsize=64)
def prior_weights(prior: Prior) -> tuple[float, ...]:
    """The prior's mass in each grid cell (normal density at the midpoint, normalised)."""
    density = [math.exp(-0.5 * ((theta - prior.mean) / prior.sd) ** 2) for theta in GRID]
    total = math.fsum(density)
    return tuple(value / total for value in density)


@lru_cache(maxsize=8192)
def expected_table(params: FractionalParams) -> tuple[float, ...]:
    """P*(theta) on the grid: the expected credit averaged over the location
    b ~ N(location, label_sd^2) by Gauss-Hermite quadrature."""
    nodes = HERMITE if params.label_sd > 0 else ((0.0, 1.0),)
    return tuple(
        math.fsum(
            weight * params.expected(theta, params.location + params.label_sd * node)
            for node, weight in nodes
        )
        for theta in GRID
    )


def evidence_row(params: AnyParams, credit: float) -> tuple[float, ...]:
    """What one answer's credit says about each grid level: P*(category | theta) for the
    GPCM; (P*^x (1 - P*)^(1 - x))^(1 / dispersion) for the fractional model."""
    if isinstance(params, ItemParams):
        return response_table(params)[params.category(credit)]
    x = min(1.0, max(0.0, credit))
    power = 1 / params.dispersion
    return tuple((p**x * (1 - p) ** (1 - x)) ** power for p in expected_table(params))


_ROWS_KEPT = 64


@dataclass(frozen=True)
class _Scored:
    """What scoring needs of one item, kept by item identity: its parameters and the
    evidence row of each credit it can earn."""

    item: Item
    params: AnyParams
    rows: dict[float, tuple[float, ...]]

    def row(self, credit: float) -> tuple[float, ...]:
        """The row for this credit, kept for the next time (a graded credit can differ
        from the attainable one in its last bits)."""
        found = self.rows.get(credit)
        if found is None:
            found = evidence_row(self.params, credit)
            if len(self.rows) < _ROWS_KEPT:
                self.rows[credit] = found
        return found


def _scored(item: Item, params: AnyParams) -> _Scored:
    rows = {credit: evidence_row(params, credit) for credit in attainable_credits(item)}
    return _Scored(item, params, rows)


# Parameters by item identity: scoring a class re-reads the same item objects thousands of
# times, and hashing a whole item each time would cost more than the model. Each entry
# keeps its item, so the item's id is not reused while the entry lives.
_LABELLED: dict[int, _Scored] = {}
_GIVEN: dict[tuple[int, AnyParams], _Scored] = {}
_CACHE_LIMIT = 100_000


def _lookup(item: Item, given: Mapping[str, AnyParams] | None) -> _Scored:
    params = given.get(item.id) if given is not None else None
    cache: dict[Any, _Scored] = _LABELLED if params is None else _GIVEN
    key = id(item) if params is None else (id(item), params)
    known = cache.get(key)
    if known is not None and known.item is item:
        return known
    if len(cache) >= _CACHE_LIMIT:
        cache.clear()
    scored = _scored(item, params_from_label(item) if params is None else params)
    cache[key] = scored
    return scored


# Items multiplied in one pass: 16 probabilities of at least about 1e-15 each stay far
# above the smallest float.
_CHUNK = 16


def estimate_level(
    responses: Sequence[tuple[Item, float | None]],
    params: Mapping[str, AnyParams] | None = None,
    prior: Prior = PRIOR,
) -> LevelEstimate | None:
    """The EAP level from demonstrated items' credits; None when none was answered (not
    measured).

    A credit of None is a skip: the item was not shown to be known or not, so it carries
    no evidence and only the count of skips changes. Self-ratings are left out (they are
    how a person sees themselves, scored apart). ``params`` gives calibrated parameters by
    question id; any item not in it is scored from its label.
    """
    rows: list[tuple[float, ...]] = []
    skipped = 0
    for item, credit in responses:
        if isinstance(item, LikertItem):
            continue
        if credit is None:
            skipped += 1
        else:
            rows.append(_lookup(item, params).row(credit))
    if not rows:
        return None
    weights: Sequence[float] = prior_weights(prior)
    for start in range(0, len(rows), _CHUNK):
        weights = list(map(math.prod, zip(weights, *rows[start : start + _CHUNK], strict=True)))
        scale = 1.0 / max(weights)  # keep the product well away from underflow
        weights = list(map(scale.__mul__, weights))
    return summarise(weights, len(rows), skipped)


def item_information(params: AnyParams, theta: float) -> float:
    """Fisher information at theta, with the location at its mean (label uncertainty,
    which flattens the item, is not counted): a^2 x Var(category | theta) for the GPCM;
    P'^2 / (P (1 - P) dispersion) for the fractional model, P' = a (1 - c) s (1 - s), s the
    logistic."""
    if isinstance(params, FractionalParams):
        s = _logistic(params.slope * (theta - params.location))
        p = params.chance + (1 - params.chance) * s
        slope = params.slope * (1 - params.chance) * s * (1 - s)
        return slope * slope / (p * (1 - p) * params.dispersion) if 0 < p < 1 else 0.0
    probabilities = category_probabilities(params.slope, params.steps, theta)
    mean = math.fsum(k * p for k, p in enumerate(probabilities))
    variance = math.fsum((k - mean) ** 2 * p for k, p in enumerate(probabilities))
    return params.slope**2 * variance

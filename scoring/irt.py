"""A skill's level on O*NET's 0-7 scale, from the answers, by an item response model.

The model is the generalized partial credit model (GPCM; Muraki 1992), worked on the level
scale itself: an item j with ordered categories k = 0..m, slope a_j and steps b_j1..b_jm
(level units) gives a person of level theta category k with probability

    P(k | theta) = exp(sum_{v<=k} a_j (theta - b_jv)) / sum_c exp(sum_{v<=c} a_j (theta - b_jv))

(the empty sum is 0; the item's location is the mean of its steps; a right/wrong item has
m = 1 and is the 2PL). The GPCM is the model calibration is cross-checked against (mirt's
``GPCM``), so the scoring and the calibration speak of the same parameters.

Categories. Grading gives a credit 0..1; the model needs ordered categories. The rule is
fixed by the credits an item can give (scoring.chance.attainable_credits): with at most
four different credits, each is a category; with more (multi, long order and match items),
four: the lowest credit, partial credit below the middle of the range, partial credit from
the middle up, and full credit. A credit falls in the highest category whose floor it
reaches, so a stored credit from older rules still lands somewhere sensible.

Before calibration an item's parameters come from its label (``params_from_label``): the
label ``level`` is where a person gets halfway from what a random answer earns (its chance
credit) to full credit, so the location is set to make the model's expected credit at
theta = level exactly that. The labels are judgements, so their error is carried: the
location is b ~ N(label, tau^2), integrated out by Gauss-Hermite quadrature into a marginal
response function, once per item on the grid (cached); scoring an attempt is then a
product of table lookups. A skill's level is the posterior mean (EAP) on the grid, with
its SD and the 5th and 95th percentiles as the 90% interval.

Every default below was set with bench/simulate.py, which checks interval coverage,
ranking and decisions on simulated people whose answers do not come from this model.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from operator import mul
from typing import Literal

from questions.models import LEVEL_MAX, LEVEL_MIN, DemonstratedBase, Item, LikertItem
from scoring.chance import attainable_credits, chance_credit

# The grid: cells 0.1 level wide covering O*NET's scale exactly, each represented by its
# midpoint (0.05 .. 6.95, 70 points). A level is judged to a tenth, so finer cells would
# only cost time; the posterior is taken as constant within a cell for percentiles.
GRID_STEP = 0.1
GRID: tuple[float, ...] = tuple(
    round(LEVEL_MIN + (index + 0.5) * GRID_STEP, 10)
    for index in range(round((LEVEL_MAX - LEVEL_MIN) / GRID_STEP))
)

# Slope per level unit before calibration. Studies of skill tests find discriminations of
# about 1.0-1.7 logits per SD of ability; people heading into these roles spread over about
# 1.2 levels (SD), so about 0.9-1.4 per level; psychometrics notes put the calibration prior
# for log a around log 1.0-1.5.
DEFAULT_SLOPE = 1.2
# Distance (level units) between an item's consecutive steps: a partial answer is usually
# one misstep short of the full one, so the steps of one item sit close together.
DEFAULT_STEP_SPACING = 1.0
# SD of an item's location around its label (tau). Two raters tagging against O*NET's
# anchors differed by 0.40 level on average (r = 0.905), i.e. an SD of about 0.5 per rater
# and 0.6-0.7 between a rater and the truth.
LABEL_SD = 0.6
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


def step_offsets(categories: int, spacing: float = DEFAULT_STEP_SPACING) -> tuple[float, ...]:
    """Steps evenly ``spacing`` apart, centred on the location (none for one category)."""
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


def params_from_label(item: Item) -> ItemParams:
    """Parameters before calibration: the default slope and step spacing, the location set
    so the expected credit at theta = the label's level is halfway from the chance credit
    to full credit, and the label's uncertainty (see the defaults above)."""
    if isinstance(item, LikertItem):
        raise ValueError(f"question {item.id} is a self-rating: it has no level")
    level, label_sd, source = _label(item)
    floors, credits = categories_for(item)
    offsets = step_offsets(len(floors))
    chance = chance_credit(item)
    target = chance + (1 - chance) / 2
    shift = level - halfway_offset(DEFAULT_SLOPE, offsets, credits, target) if offsets else level
    steps = tuple(shift + offset for offset in offsets)
    return ItemParams(DEFAULT_SLOPE, steps, floors, label_sd, source)


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


@dataclass(frozen=True)
class LevelEstimate:
    """A skill's level: the posterior mean and SD on the 0-7 scale, the 90% interval (5th
    and 95th percentiles), how many demonstrated items were answered and skipped, and the
    posterior itself (mass per grid cell) for ``p_at_least``."""

    mean: float
    sd: float
    low: float
    high: float
    answered: int
    skipped: int
    posterior: tuple[float, ...] = field(repr=False, compare=False)

    @property
    def interval(self) -> tuple[float, float]:
        return (self.low, self.high)

    def p_at_least(self, cut: float) -> float:
        """The posterior mass at or above ``cut`` (constant density within a cell)."""
        if cut <= LEVEL_MIN:
            return 1.0
        if cut >= LEVEL_MAX:
            return 0.0
        position = (cut - LEVEL_MIN) / GRID_STEP
        cell = min(int(position), len(self.posterior) - 1)
        above = math.fsum(self.posterior[cell + 1 :])
        return min(1.0, above + self.posterior[cell] * (cell + 1 - position))


def percentile(posterior: Sequence[float], share: float) -> float:
    """The level below which ``share`` of the posterior lies (linear within a cell)."""
    below = 0.0
    for cell, mass in enumerate(posterior):
        if mass > 0 and below + mass >= share:
            return LEVEL_MIN + GRID_STEP * (cell + (share - below) / mass)
        below += mass
    return LEVEL_MAX


def summarise(weights: Sequence[float], answered: int, skipped: int) -> LevelEstimate:
    """Normalise grid weights into a posterior and read off its mean, SD and interval."""
    total = math.fsum(weights)
    posterior = tuple(weight / total for weight in weights)
    mean = math.fsum(map(mul, posterior, GRID))
    variance = math.fsum(p * (theta - mean) ** 2 for p, theta in zip(posterior, GRID, strict=True))
    return LevelEstimate(
        mean=mean,
        sd=math.sqrt(variance),
        low=percentile(posterior, 0.05),
        high=percentile(posterior, 0.95),
        answered=answered,
        skipped=skipped,
        posterior=posterior,
    )


# Label parameters by item identity: scoring a class re-reads the same item objects
# thousands of times, and hashing a whole item each time would cost more than the model.
_LABELLED: dict[int, tuple[Item, ItemParams]] = {}


def _params(item: Item, calibrated: Mapping[str, ItemParams] | None) -> ItemParams:
    if calibrated is not None and item.id in calibrated:
        return calibrated[item.id]
    known = _LABELLED.get(id(item))
    if known is not None and known[0] is item:
        return known[1]
    if len(_LABELLED) >= 100_000:
        _LABELLED.clear()
    params = params_from_label(item)
    _LABELLED[id(item)] = (item, params)  # the item is kept, so its id is not reused
    return params


def estimate_level(
    responses: Sequence[tuple[Item, float | None]],
    params: Mapping[str, ItemParams] | None = None,
    prior: Prior = PRIOR,
) -> LevelEstimate | None:
    """The EAP level from demonstrated items' credits; None when none was answered (not
    measured).

    A credit of None is a skip: the item was not shown to be known or not, so it carries
    no evidence and only the count of skips changes. Self-ratings are left out (they are
    how a person sees themselves, scored apart). ``params`` gives calibrated parameters by
    question id; any item not in it is scored from its label.
    """
    weights = list(prior_weights(prior))
    answered = skipped = 0
    for item, credit in responses:
        if isinstance(item, LikertItem):
            continue
        if credit is None:
            skipped += 1
            continue
        item_params = _params(item, params)
        weights = list(map(mul, weights, response_table(item_params)[item_params.category(credit)]))
        answered += 1
        if answered % 8 == 0:  # keep the product well away from underflow
            top = max(weights)
            weights = [weight / top for weight in weights]
    return summarise(weights, answered, skipped) if answered else None


def item_information(params: ItemParams, theta: float) -> float:
    """Fisher information of the GPCM at theta: a^2 x Var(category | theta), with the
    location at its mean (label uncertainty, which flattens the item, is not counted)."""
    probabilities = category_probabilities(params.slope, params.steps, theta)
    mean = math.fsum(k * p for k, p in enumerate(probabilities))
    variance = math.fsum((k - mean) ** 2 * p for k, p in enumerate(probabilities))
    return params.slope**2 * variance

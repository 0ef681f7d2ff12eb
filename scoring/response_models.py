"""The two item response models a skill's level is scored by, on O*NET's 0-7 scale, and
each item's parameters before calibration, from its label. ``DEFAULT_MODEL`` says which
scores; scoring.irt turns either into a level.

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
labels are judgements, so each carries its error as the SD of the item's location around
the label (``label_sd``), which scoring.irt integrates out.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from itertools import pairwise
from typing import Literal, NamedTuple

from questions.models import DemonstratedBase, Item, LikertItem
from scoring.chance import attainable_credits, chance_credit

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

MAX_CATEGORIES = 4
Source = Literal["level", "difficulty", "default", "calibrated"]
Model = Literal["gpcm", "fractional"]


class _ItemFields(NamedTuple):
    slope: float
    steps: tuple[float, ...]
    floors: tuple[float, ...]
    label_sd: float
    source: Source


class ItemParams(_ItemFields):
    """One item's parameters: slope a, steps b_1..b_m (level units), the lowest credit of
    each category 0..m (``floors``), the SD of its location (label uncertainty; 0 once
    calibrated data fixes it) and where they came from.

    A named tuple checked when made (a frozen dataclass would cost a millisecond of every
    start to define)."""

    __slots__ = ()

    def __new__(
        cls,
        slope: float,
        steps: tuple[float, ...],
        floors: tuple[float, ...],
        label_sd: float,
        source: Source,
    ) -> ItemParams:
        if len(floors) != len(steps) + 1:
            raise ValueError("an item needs one more category floor than steps")
        if not slope > 0 or not label_sd >= 0:
            raise ValueError("an item's slope must be positive and its label SD not negative")
        if any(low >= high for low, high in pairwise(floors)):
            raise ValueError("category floors must rise")
        return super().__new__(cls, slope, steps, floors, label_sd, source)

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


class _FractionalFields(NamedTuple):
    slope: float
    location: float
    chance: float
    label_sd: float
    source: Source
    dispersion: float = 1.0


class FractionalParams(_FractionalFields):
    """The fractional-credit 2PL with a chance floor: expected credit
    P(theta) = c + (1 - c) logistic(a (theta - b)), c the item's chance credit, b its
    location (level units); a credit x counts as x of a success and 1 - x of a failure,
    so the evidence of an answer is (P^x (1 - P)^(1 - x))^(1 / dispersion).

    ``dispersion`` is the spread of an item's credits about P, over P (1 - P): 1 for an
    item scored right or wrong; below 1 where partial credit keeps answers closer to their
    expected credit than all-or-nothing would, so each answer says more (quasi-likelihood;
    McCullagh & Nelder 1989, ch. 9). Labels leave it at 1; calibration estimates it."""

    __slots__ = ()

    def __new__(
        cls,
        slope: float,
        location: float,
        chance: float,
        label_sd: float,
        source: Source,
        dispersion: float = 1.0,
    ) -> FractionalParams:
        if not slope > 0 or not label_sd >= 0:
            raise ValueError("an item's slope must be positive and its label SD not negative")
        if not 0 <= chance <= 1:
            raise ValueError("an item's chance credit is between 0 and 1")
        if not 0 < dispersion <= 1:
            raise ValueError("an item's dispersion is above 0 and at most 1")
        return super().__new__(cls, slope, location, chance, label_sd, source, dispersion)

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

"""A skill's level on O*NET's 0-7 scale, from the answers, by an item response model
(scoring.response_models: the GPCM or the fractional-credit 2PL with a chance floor).

An item's location is known only as well as its label, b ~ N(label, tau^2) before
calibration; that uncertainty is integrated out by Gauss-Hermite quadrature into a
marginal response function, once per item on the grid (cached); scoring an attempt is then
a product of table lookups. A skill's level is the posterior mean (EAP) on the grid, with
its SD and the 5th and 95th percentiles as the 90% interval.
"""

from __future__ import annotations

import math
from bisect import bisect_left
from collections.abc import Mapping, Sequence
from functools import lru_cache
from itertools import accumulate
from operator import mul
from typing import Any, NamedTuple

from questions.models import LEVEL_MAX, LEVEL_MIN, Item, LikertItem
from scoring.chance import attainable_credits
from scoring.response_models import (
    AnyParams,
    FractionalParams,
    ItemParams,
    category_probabilities,
    params_from_label,
)

# The grid: cells 0.1 level wide covering O*NET's scale exactly, each represented by its
# midpoint (0.05 .. 6.95, 70 points). A level is judged to a tenth, so finer cells would
# only cost time; the posterior is taken as constant within a cell for percentiles.
GRID_STEP = 0.1
GRID: tuple[float, ...] = tuple(
    round(LEVEL_MIN + (index + 0.5) * GRID_STEP, 10)
    for index in range(round((LEVEL_MAX - LEVEL_MIN) / GRID_STEP))
)

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


class Prior(NamedTuple):
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


class _LevelFields(NamedTuple):
    mean: float
    sd: float
    low: float
    high: float
    answered: int
    skipped: int
    running: Sequence[float]
    total: float = 1.0


# The fields a level is compared, hashed and shown by (not the posterior it was read from).
_SHOWN = ("mean", "sd", "low", "high", "answered", "skipped")


class LevelEstimate(_LevelFields):
    """A skill's level: the posterior mean and SD on the 0-7 scale, the 90% interval (5th
    and 95th percentiles), how many demonstrated items were answered and skipped, and the
    posterior as its running mass up to each grid cell's top (``running``, of ``total``),
    from which ``p_at_least`` reads any cut in constant time.

    A named tuple compared, hashed and shown by its first six fields, as a dataclass with
    the posterior left out of comparison would be, at a tenth of the cost to define."""

    __slots__ = ()

    def __eq__(self, other: object) -> bool:
        if type(other) is not type(self):
            return NotImplemented
        assert isinstance(other, LevelEstimate)
        return self[:6] == other[:6]

    def __ne__(self, other: object) -> bool:
        equal = self.__eq__(other)
        return equal if equal is NotImplemented else not equal

    def __hash__(self) -> int:
        return hash(self[:6])

    def __repr__(self) -> str:
        shown = ", ".join(f"{name}={value!r}" for name, value in zip(_SHOWN, self, strict=False))
        return f"{type(self).__name__}({shown})"

    @property
    def interval(self) -> tuple[float, float]:
        return (self.low, self.high)

    @property
    def posterior(self) -> tuple[float, ...]:
        """The posterior mass in each grid cell."""
        edges = zip((0.0, *self.running), self.running, strict=False)
        return tuple((high - low) / self.total for low, high in edges)

    def p_at_least(self, cut: float) -> float:
        """The posterior mass at or above ``cut`` (constant density within a cell)."""
        if cut <= LEVEL_MIN:
            return 1.0
        if cut >= LEVEL_MAX:
            return 0.0
        position = (cut - LEVEL_MIN) / GRID_STEP
        cell = min(int(position), len(self.running) - 1)
        before = self.running[cell - 1] if cell else 0.0
        below = before + (self.running[cell] - before) * (position - cell)
        return min(1.0, max(0.0, 1.0 - below / self.total))


def percentile(running: Sequence[float], share: float) -> float:
    """The level below which ``share`` of the posterior lies (linear within a cell), from
    its running mass (the last value is the total)."""
    target = share * running[-1]
    cell = min(bisect_left(running, target), len(running) - 1)
    before = running[cell - 1] if cell else 0.0
    mass = running[cell] - before
    inside = (target - before) / mass if mass > 0 else 0.0
    return LEVEL_MIN + GRID_STEP * (cell + min(1.0, max(0.0, inside)))


_GRID_SQUARES = tuple(theta * theta for theta in GRID)


def summarise(weights: Sequence[float], answered: int, skipped: int) -> LevelEstimate:
    """Read a posterior's mean, SD and interval off its grid weights (any scale).

    The mean comes from the running sums (sum of i w_i = sum over k < n - 1 of
    total - running_k), which costs one sum where weights x levels costs a pass.
    """
    running = list(accumulate(weights))
    total = running[-1]
    index = len(running) - 1 - sum(running[:-1]) / total
    mean = LEVEL_MIN + GRID_STEP * (index + 0.5)
    variance = max(0.0, sum(map(mul, weights, _GRID_SQUARES)) / total - mean * mean)
    return LevelEstimate(
        mean=mean,
        sd=math.sqrt(variance),
        low=percentile(running, 0.05),
        high=percentile(running, 0.95),
        answered=answered,
        skipped=skipped,
        running=running,
        total=total,
    )


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


class Evidence(NamedTuple):
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


def _scored(item: Item, params: AnyParams) -> Evidence:
    rows = {credit: evidence_row(params, credit) for credit in attainable_credits(item)}
    return Evidence(item, params, rows)


# Parameters by item identity: scoring a class re-reads the same item objects thousands of
# times, and hashing a whole item each time would cost more than the model. Each entry
# keeps its item, so the item's id is not reused while the entry lives.
_LABELLED: dict[int, Evidence] = {}
_GIVEN: dict[tuple[int, AnyParams], Evidence] = {}
_CACHE_LIMIT = 100_000


def _lookup(item: Item, given: Mapping[str, AnyParams] | None) -> Evidence:
    params = given.get(item.id) if given is not None else None
    cache: dict[Any, Evidence] = _LABELLED if params is None else _GIVEN
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
    return level_from_rows(rows, skipped, prior)


def evidence_of(item: Item, params: Mapping[str, AnyParams] | None) -> Evidence:
    """An item's evidence rows under ``params`` (its label's when the set lacks it), kept:
    ``.row(credit)`` is what that answer says about each grid level."""
    return _lookup(item, params)


def level_from_rows(
    rows: Sequence[tuple[float, ...]], skipped: int, prior: Prior = PRIOR
) -> LevelEstimate | None:
    """The EAP level from answers' evidence rows, multiplied into the prior in the order
    given (the same order gives the same floats: what estimate_level does); None when
    there are none."""
    if not rows:
        return None
    weights: Sequence[float] = prior_weights(prior)
    for start in range(0, len(rows), _CHUNK):
        weights = list(map(math.prod, zip(weights, *rows[start : start + _CHUNK], strict=True)))
        scale = 1.0 / max(weights)  # keep the product well away from underflow
        weights = list(map(scale.__mul__, weights))
    return summarise(weights, len(rows), skipped)


# The most rows level_from_product takes: level_from_rows multiplies this many in one pass.
UNSCALED_ROWS = _CHUNK


def level_from_product(product: Sequence[float], answered: int, skipped: int) -> LevelEstimate:
    """The estimate from the prior times at most UNSCALED_ROWS evidence rows, multiplied
    left to right and not yet scaled: the same floats level_from_rows gives for those rows
    (math.prod multiplies left to right too), for a caller that keeps the product and
    multiplies in one row an answer."""
    scale = 1.0 / max(product)  # keep the product well away from underflow
    return summarise(list(map(scale.__mul__, product)), answered, skipped)

"""The level grid and what is read off a posterior on it: the mean, SD, 90% interval and
the chance of being at or above any level (scoring.irt computes the posterior).

Plain Python: on the path of every quiz shown or reported.
"""

from __future__ import annotations

import math
from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import dataclass, field
from itertools import accumulate
from operator import mul

from questions.models import LEVEL_MAX, LEVEL_MIN

# The grid: cells 0.1 level wide covering O*NET's scale exactly, each represented by its
# midpoint (0.05 .. 6.95, 70 points). A level is judged to a tenth, so finer cells would
# only cost time; the posterior is taken as constant within a cell for percentiles.
GRID_STEP = 0.1
GRID: tuple[float, ...] = tuple(
    round(LEVEL_MIN + (index + 0.5) * GRID_STEP, 10)
    for index in range(round((LEVEL_MAX - LEVEL_MIN) / GRID_STEP))
)


@dataclass(frozen=True)
class LevelEstimate:
    """A skill's level: the posterior mean and SD on the 0-7 scale, the 90% interval (5th
    and 95th percentiles), how many demonstrated items were answered and skipped, and the
    posterior as its running mass up to each grid cell's top (``running``, of ``total``),
    from which ``p_at_least`` reads any cut in constant time."""

    mean: float
    sd: float
    low: float
    high: float
    answered: int
    skipped: int
    running: Sequence[float] = field(repr=False, compare=False)
    total: float = field(repr=False, compare=False, default=1.0)

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

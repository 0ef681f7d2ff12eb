"""The numerical core of calibration: the GPCM's EM over scoring.irt's grid, all items of a
skill at once (numpy arrays padded to the widest item), for scoring.calibration.

Parameters per item: phi = (log a, b_1..b_M); z_k(theta) = a (k theta - B_k), B_k the sum
of the first k steps, P(k | theta) the softmax of z over the item's categories. An item
with fewer categories than the widest has its unused categories masked out and its unused
steps frozen (they never move and never count).

The M-step maximises, per item, sum_{q,k} r_qk log P_k(theta_q) + log prior(phi), r the
expected counts from the E-step, by damped Newton steps (each halved until the objective
rises; where the objective is not concave the curvature is shifted until it is positive
definite, a Levenberg step). The analytic gradient and Hessian are those of a softmax in z,
z being non-linear in phi (d z_k / d log a = z_k).
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from scoring.irt import GRID, PRIOR, Prior
from scoring.numeric import BoolArray, FloatArray, NDArray, np

THETA: FloatArray = np.asarray(GRID, dtype=np.float64)

NEWTON_STEPS = 3
HALVINGS = 20
# No Newton step moves a parameter by more than this (level units, or log slope): far
# from the optimum a full step can overshoot into overflow before the halving catches it.
MAX_STEP = 1.0
# Levels are looked for within this range (level units): an item placed beyond it is
# too flat to place, and is left out of the scale link.
LEVEL_REACH = (-3.0, 10.0)


@dataclass(frozen=True)
class Priors:
    """Every item's prior, padded: log slope means (J,) with SD ``slope_sd``; the steps'
    prior when the item's level cannot be placed (location at the label's, means (J, M),
    precision matrices (J, M, M)); which categories each item has (J, K); the precision of
    the steps' deviations from their mean (J, M, M, about ``spacing``); the
    precision of each item's label (1 / its SD^2; the scale link weighs by it), and what
    reading a level back needs: the label levels (J,), the steps' spacing about the
    location in the prior (J, M), each category's credit (J, K) and the credit halfway
    from chance to full (J,)."""

    log_slope: FloatArray
    slope_sd: float
    steps: FloatArray
    precision: FloatArray
    valid: BoolArray
    shape: FloatArray
    label_precision: FloatArray
    labels: FloatArray
    spacing: FloatArray
    credits: FloatArray
    targets: FloatArray

    @property
    def free(self) -> BoolArray:
        """Which parameters move: the slope of an item with two or more categories, and
        each step the item has."""
        has_steps = self.valid[:, 1:]
        return np.concatenate((has_steps.any(axis=1, keepdims=True), has_steps), axis=1)


def _z(phi: FloatArray, valid: BoolArray) -> FloatArray:
    """z (J, Q, K); an unused category is -inf."""
    slope = np.exp(phi[:, 0])
    cumulative = np.concatenate((np.zeros((len(phi), 1)), np.cumsum(phi[:, 1:], axis=1)), axis=1)
    k = np.arange(cumulative.shape[1], dtype=np.float64)
    z = slope[:, None, None] * (THETA[None, :, None] * k[None, None, :] - cumulative[:, None, :])
    masked: FloatArray = np.where(valid[:, None, :], z, -np.inf)
    return masked


def log_probabilities(phi: FloatArray, valid: BoolArray) -> FloatArray:
    """log P(k | theta) (J, Q, K); 0 (not -inf) for unused categories, which no count
    ever falls in, so products with counts stay finite."""
    z = _z(phi, valid)
    top = z.max(axis=2, keepdims=True)
    log_p = z - top - np.log(np.exp(z - top).sum(axis=2, keepdims=True))
    result: FloatArray = np.where(valid[:, None, :], log_p, 0.0)
    return result


def _log_prior(phi: FloatArray, priors: Priors, placed: BoolArray) -> FloatArray:
    """Log prior per item: the slope's; then, for an item whose level is placed, its
    steps' shape and its level N(label, label SD^2) (-inf where a trial loses the level);
    for any other, its location at the label's and its shape."""
    slope = ((phi[:, 0] - priors.log_slope) / priors.slope_sd) ** 2
    gap = phi[:, 1:] - priors.steps
    fallback = np.einsum("jm,jmn,jn->j", gap, priors.precision, gap)
    deviation = phi[:, 1:] - priors.spacing
    shape = np.einsum("jm,jmn,jn->j", deviation, priors.shape, deviation)
    level = levels(phi, priors)
    missed = placed & ~np.isfinite(level)
    level_term = priors.label_precision * (np.nan_to_num(level) - priors.labels) ** 2
    result: FloatArray = -0.5 * (slope + np.where(placed, shape + level_term, fallback))
    return np.where(missed, -np.inf, result)


def level_gradient(phi: FloatArray, priors: Priors) -> tuple[FloatArray, FloatArray]:
    """Each item's level L (NaN where not placed) and dL/dphi (J, P), by implicit
    differentiation of E(L; phi) = halfway credit: dL/dphi = -(dE/dphi) / (dE/dtheta)."""
    level = levels(phi, priors)
    theta = np.nan_to_num(level)
    slope = np.exp(phi[:, 0])
    cumulative = np.concatenate((np.zeros((len(phi), 1)), np.cumsum(phi[:, 1:], axis=1)), axis=1)
    categories = cumulative.shape[1]
    k = np.arange(categories, dtype=np.float64)
    z = slope[:, None] * (theta[:, None] * k[None, :] - cumulative)
    z = np.where(priors.valid, z, -np.inf)
    p = np.exp(z - z.max(axis=1, keepdims=True))
    p /= p.sum(axis=1, keepdims=True)
    z = np.where(priors.valid, z, 0.0)
    reached = (np.arange(1, categories)[None, :] <= k[:, None]).astype(float)
    g = np.zeros((len(phi), categories, categories))
    g[:, :, 0] = z
    g[:, :, 1:] = -slope[:, None, None] * reached[None, :, :] * priors.valid[:, :, None]
    weighted = p * priors.credits
    mean_g = np.einsum("jk,jkp->jp", p, g)
    d_phi = np.einsum("jk,jkp->jp", weighted, g) - weighted.sum(axis=1)[:, None] * mean_g
    mean_k = (p * k).sum(axis=1)
    d_theta = slope * (weighted * (k[None, :] - mean_k[:, None])).sum(axis=1)
    safe = np.where(np.abs(d_theta) > 1e-12, d_theta, np.inf)
    gradient: FloatArray = -d_phi / safe[:, None]
    return level, gradient


def objective(phi: FloatArray, counts: FloatArray, priors: Priors, placed: BoolArray) -> FloatArray:
    """Per item: expected complete-data log-likelihood plus log prior (J,)."""
    likelihood = (counts * log_probabilities(phi, priors.valid)).sum(axis=(1, 2))
    result: FloatArray = likelihood + _log_prior(phi, priors, placed)
    return result


def derivatives(phi: FloatArray, valid: BoolArray) -> tuple[FloatArray, FloatArray, FloatArray]:
    """P (J, Q, K), dz/dphi (J, Q, K, P) and d2z/dphi2 (J, Q, K, P, P), zero for unused
    categories."""
    z = _z(phi, valid)
    p = np.exp(z - z.max(axis=2, keepdims=True))
    p /= p.sum(axis=2, keepdims=True)
    z = np.where(valid[:, None, :], z, 0.0)
    slope = np.exp(phi[:, 0])
    items, grid, categories = z.shape
    steps = categories - 1
    reached = (np.arange(1, steps + 1)[None, :] <= np.arange(categories)[:, None]).astype(float)
    cross = -slope[:, None, None] * reached[None, :, :] * valid[:, :, None]  # (J, K, M)
    gradient = np.zeros((items, grid, categories, steps + 1))
    gradient[..., 0] = z
    gradient[..., 1:] = cross[:, None, :, :]
    hessian = np.zeros((items, grid, categories, steps + 1, steps + 1))
    hessian[..., 0, 0] = z
    hessian[..., 0, 1:] = cross[:, None, :, :]
    hessian[..., 1:, 0] = cross[:, None, :, :]
    return p, gradient, hessian


def _gradient_hessian(
    phi: FloatArray, counts: FloatArray, priors: Priors, placed: BoolArray
) -> tuple[FloatArray, FloatArray]:
    """The objective's gradient (J, P) and Hessian (J, P, P), frozen parameters held."""
    p, g, h = derivatives(phi, priors.valid)
    n = counts.sum(axis=2)
    residual = counts - n[:, :, None] * p
    mean_g = np.einsum("jqk,jqkp->jqp", p, g)
    gradient = np.einsum("jqk,jqkp->jp", residual, g)
    spread = np.einsum("jqk,jqkp,jqkr->jqpr", p, g, g) - np.einsum("jqp,jqr->jqpr", mean_g, mean_g)
    hessian = np.einsum("jqk,jqkpr->jpr", residual, h) - np.einsum("jq,jqpr->jpr", n, spread)
    gradient[:, 0] -= (phi[:, 0] - priors.log_slope) / priors.slope_sd**2
    hessian[:, 0, 0] -= 1 / priors.slope_sd**2
    wide = placed[:, None, None]
    precision = np.where(wide, priors.shape, priors.precision)
    means = np.where(placed[:, None], priors.spacing, priors.steps)
    gradient[:, 1:] -= np.einsum("jmn,jn->jm", precision, phi[:, 1:] - means)
    hessian[:, 1:, 1:] -= precision
    level, d_level = level_gradient(phi, priors)
    pull = np.where(placed, priors.label_precision * (np.nan_to_num(level) - priors.labels), 0.0)
    gradient -= pull[:, None] * d_level
    outer = priors.label_precision[:, None, None] * np.einsum("jp,jr->jpr", d_level, d_level)
    hessian -= np.where(wide, outer, 0.0)  # Gauss-Newton: the level's curvature left out
    free = priors.free
    gradient = np.where(free, gradient, 0.0)
    both = free[:, :, None] & free[:, None, :]
    identity = np.eye(phi.shape[1], dtype=bool)[None, :, :]
    hessian = np.where(both, hessian, np.where(identity, -1.0, 0.0))
    return gradient, hessian


def newton(phi: FloatArray, counts: FloatArray, priors: Priors) -> FloatArray:
    """A few damped Newton steps uphill for every item at once. An item whose level can
    be placed now has its prior on the level; any other on its location."""
    placed = np.isfinite(levels(phi, priors))
    current = objective(phi, counts, priors, placed)
    for _ in range(NEWTON_STEPS):
        gradient, hessian = _gradient_hessian(phi, counts, priors, placed)
        if float(np.abs(gradient).max()) < 1e-8:
            break
        curvature = -hessian
        smallest = np.linalg.eigvalsh(curvature).min(axis=1)
        shift = np.where(smallest < 1e-6, 1.0 + 1e-6 - smallest, 0.0)
        curvature = curvature + shift[:, None, None] * np.eye(phi.shape[1])[None, :, :]
        step = np.linalg.solve(curvature, gradient[:, :, None])[:, :, 0]
        largest = np.abs(step).max(axis=1, keepdims=True)
        step = step * np.minimum(1.0, MAX_STEP / np.maximum(largest, 1e-12))
        phi, current, moved = halved_step(
            phi, step, current, lambda trial: objective(trial, counts, priors, placed)
        )
        if moved < 1e-8:
            break
    return phi


def halved_step(
    phi: FloatArray,
    step: FloatArray,
    current: FloatArray,
    value_of: Callable[[FloatArray], FloatArray],
) -> tuple[FloatArray, FloatArray, float]:
    """Every item's step taken, each halved until its objective does not fall, so a
    Newton or Fisher step that overshoots never makes an item's fit worse. Returns the
    parameters, their objective values and the largest move made (to stop on)."""
    scale = np.ones(len(phi))
    settled = np.zeros(len(phi), dtype=bool)
    for _ in range(HALVINGS):
        trial = phi + scale[:, None] * step
        value = value_of(trial)
        better = ~settled & (value >= current - 1e-9 * np.abs(current))
        phi = np.where(better[:, None], trial, phi)
        current = np.where(better, value, current)
        settled |= better
        if settled.all():
            break
        scale = np.where(settled, scale, scale / 2)
    return phi, current, float(np.abs(scale[:, None] * step).max())


def population_weights(population: Prior) -> FloatArray:
    weights: FloatArray = np.exp(-0.5 * ((THETA - population.mean) / population.sd) ** 2)
    return weights / float(weights.sum())


def e_step(
    indicators: FloatArray, phi: FloatArray, valid: BoolArray, population: Prior
) -> tuple[FloatArray, float]:
    """Each learner's posterior over the grid (N, Q), and the marginal log-likelihood.
    ``indicators`` (N, J x K): 1 where a learner's answer to item j fell in category k."""
    log_p = log_probabilities(phi, valid)  # (J, Q, K)
    table = log_p.transpose(0, 2, 1).reshape(-1, len(THETA))
    log_post = indicators @ table + np.log(population_weights(population))
    top = log_post.max(axis=1, keepdims=True)
    post = np.exp(log_post - top)
    total = post.sum(axis=1, keepdims=True)
    return post / total, float((top + np.log(total)).sum())


def next_population(posterior: FloatArray, sd_bounds: tuple[float, float]) -> Prior:
    """The class's mean and SD from the learners' posteriors (mean of the posterior means;
    SD from the mean of the posterior second moments), the SD kept within bounds."""
    mean = float((posterior @ THETA).mean())
    second = float((posterior @ THETA**2).mean())
    low, high = sd_bounds
    return Prior(mean, min(high, max(low, math.sqrt(max(second - mean**2, 0.0)))))


def _locations(phi: FloatArray, priors: Priors) -> FloatArray:
    steps = priors.free[:, 1:]
    counts = np.maximum(steps.sum(axis=1), 1)
    result: FloatArray = np.where(steps, phi[:, 1:], 0.0).sum(axis=1) / counts
    return result


def levels(phi: FloatArray, priors: Priors) -> FloatArray:
    """Each item's level on the label's definition: where its expected credit is halfway
    from chance to full credit (bisection, all items at once; the expected credit rises
    with the level). NaN where no level reaches it: a category merged away (full credit
    too rare to keep apart) can leave the halfway credit out of reach, and a level found
    beyond LEVEL_REACH of the scale says the curve is too flat to place the item."""
    slope = np.exp(phi[:, 0])
    cumulative = np.concatenate((np.zeros((len(phi), 1)), np.cumsum(phi[:, 1:], axis=1)), axis=1)
    k = np.arange(cumulative.shape[1], dtype=np.float64)
    low, high = np.full(len(phi), LEVEL_REACH[0]), np.full(len(phi), LEVEL_REACH[1])
    for _ in range(50):
        middle = (low + high) / 2
        z = slope[:, None] * (middle[:, None] * k[None, :] - cumulative)
        z = np.where(priors.valid, z, -np.inf)
        p = np.exp(z - z.max(axis=1, keepdims=True))
        expected = (p * priors.credits).sum(axis=1) / p.sum(axis=1)
        below = expected < priors.targets
        low, high = np.where(below, middle, low), np.where(below, high, middle)
    found = (low + high) / 2
    inside = (found > LEVEL_REACH[0] + 1e-6) & (found < LEVEL_REACH[1] - 1e-6)
    result: FloatArray = np.where(inside & priors.free[:, 0], found, np.nan)
    return result


def link(phi: FloatArray, population: Prior, priors: Priors) -> tuple[FloatArray, Prior]:
    """Put the scale back where the labels set it: levels regressed on their labels
    (weighted by the labels' precision) with slope 1 and intercept 0.

    The likelihood cannot tell a scale from a stretched one (levels, steps and the class's
    spread times c, slopes over c), so only the priors can fix it. The location prior
    says a true level scatters around its label, independently of the label (b ~
    N(label, SD^2)): then levels regress on labels with slope 1 and intercept 0, and that
    is the scale kept. Left to the posterior mode instead, the priors pull the scale in
    (squeezing every level towards the labels' narrower spread always looks likelier, by
    about 15% in simulation), and the slope prior cannot hold it: a GPCM fitted to items
    people can guess on has flatter slopes than any default says."""
    placed = levels(phi, priors)
    fitted = np.isfinite(placed)
    if fitted.sum() < 2:
        return phi, population
    found = label_line(priors.labels[fitted], placed[fitted], priors.label_precision[fitted])
    if found is None:
        return phi, population
    scale, shift = found
    linked = phi.copy()
    linked[:, 0] -= math.log(scale)
    linked[:, 1:] = np.where(priors.free[:, 1:], scale * phi[:, 1:] + shift, phi[:, 1:])
    return linked, Prior(scale * population.mean + shift, scale * population.sd)


@dataclass(frozen=True)
class Fit:
    phi: FloatArray
    posterior: FloatArray
    population: Prior
    iterations: int
    converged: bool
    log_likelihood: float


def fit(
    indicators: FloatArray,
    priors: Priors,
    max_iterations: int,
    tolerance: float,
    sd_bounds: tuple[float, float],
) -> Fit:
    """EM from the prior means until no parameter moves by more than ``tolerance`` in a
    pass (or ``max_iterations`` passes)."""
    phi = np.concatenate((priors.log_slope[:, None], priors.steps), axis=1)
    items, categories = priors.valid.shape
    population = PRIOR
    posterior, log_likelihood = e_step(indicators, phi, priors.valid, population)
    converged, iteration = False, 0
    for iteration in range(1, max_iterations + 1):  # noqa: B007 (the count is reported)
        expected = (indicators.T @ posterior).reshape(items, categories, -1).transpose(0, 2, 1)
        updated, population = link(
            newton(phi, expected, priors),
            next_population(posterior, sd_bounds),
            priors,
        )
        moved = float(np.abs(updated - phi).max())
        phi = updated
        posterior, log_likelihood = e_step(indicators, phi, priors.valid, population)
        if moved < tolerance:
            converged = True
            break
    return Fit(phi, posterior, population, iteration, converged, log_likelihood)


def location_se(
    phi: FloatArray,
    priors: Priors,
    posterior: FloatArray,
    categories: Sequence[NDArray[np.int64]],
) -> list[float]:
    """Each item's location standard error: the learners' score cross-products (the usual
    estimate of the observed information) plus the prior precision, inverted, read along
    the mean of the item's steps. ``categories[j]``: item j's column (-1 not answered)."""
    p, g, _ = derivatives(phi, priors.valid)
    score = g - np.einsum("jqk,jqkp->jqp", p, g)[:, :, None, :]  # d log P_k / d phi
    result: list[float] = []
    for j, column in enumerate(categories):
        free = np.flatnonzero(priors.free[j])
        if len(free) < 2:
            result.append(0.0)
            continue
        information = np.zeros((len(free), len(free)))
        for category in np.unique(column[column >= 0]):
            # Each learner's score: their posterior times d log P_category / d phi.
            scores = posterior[column == category] @ score[j][:, category, :][:, free]
            information += scores.T @ scores
        information[0, 0] += 1 / priors.slope_sd**2
        information[1:, 1:] += priors.precision[j][np.ix_(free[1:] - 1, free[1:] - 1)]
        weights = np.concatenate(([0.0], np.full(len(free) - 1, 1 / (len(free) - 1))))
        variance = float(weights @ np.linalg.pinv(information) @ weights)
        result.append(math.sqrt(max(variance, 0.0)))
    return result


def label_line(xs: FloatArray, ys: FloatArray, weights: FloatArray) -> tuple[float, float] | None:
    """The scale and shift that carry fitted locations ``ys`` onto their labels ``xs``
    (weighted least squares of the labels on the locations' line, slope 1 and intercept 0
    after the move), so calibrated levels stay on O*NET's scale; None when the labels
    cannot set it (no spread, or locations that run against their labels)."""
    total = float(weights.sum())
    if len(xs) < 2 or total <= 0:
        return None
    mean_x, mean_y = float(weights @ xs) / total, float(weights @ ys) / total
    spread = float(weights @ (xs - mean_x) ** 2)
    covariance = float(weights @ ((xs - mean_x) * (ys - mean_y)))
    if spread <= 1e-9 * total or covariance <= 0:
        return None
    scale = spread / covariance
    return scale, mean_x - scale * mean_y

"""Item parameters from a class's answers for the model scoring uses: the fractional-credit
2PL with a chance floor (scoring.irt), by marginal maximum likelihood, EM over the grid
(Bock & Aitkin 1981), each item's label its location's prior so the scale stays O*NET's.

Why this model. Scoring reads an answer's credit x as evidence P^x (1 - P)^(1 - x), with
P(theta) = c + (1 - c) logistic(a (theta - b)), c the item's chance credit (what a random
answer earns on average: known from the item, not estimated). Calibrating the same model
means a calibrated set changes only the numbers scoring reads, never how it reads them;
and because the floor takes up what guessing earns, a choice item's slope measures what
knowing the answer adds, not a curve flattened by guesses (the GPCM, which has no floor,
calibrates those items to slopes of 0.2-0.8 a level on the same data: bench/cat.py).
The location b is the item's level on the label's own definition (halfway from chance to
full credit), so the label is b's prior mean directly.

E-step: each learner's posterior over the grid, from the items they answered (random
forms leave the rest missing by design; a skip is not an answer and carries nothing).
M-step: per item, Fisher scoring on the expected complete-data log-likelihood plus the
log prior, in (log a, b): log a ~ N(log of scoring.irt's slope, 0.4^2), b ~ N(label, the
label's SD^2). After each M-step the scale is linked back to the labels (levels regress
on labels with slope 1 and intercept 0; scoring.calibration_em.link says why), and the
class's mean and SD are estimated along.

A calibrated item's ``label_sd`` is the standard error of its location (the learners'
score cross-products plus the prior, inverted), so scoring still carries what the data
left uncertain. Gates (scoring.calibration_gates, stated in the catalog) decide how far
the data may move an item from its label.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from questions.models import Item, LikertItem
from scoring.calibration_em import (
    THETA,
    halved_step,
    label_line,
    next_population,
    population_weights,
)
from scoring.calibration_gates import CalibrationGates
from scoring.calibration_results import ItemCalibration, SkillCalibration
from scoring.irt import PRIOR, Prior
from scoring.numeric import BoolArray, FloatArray, np
from scoring.response_models import FRACTIONAL_SLOPE, FractionalParams, params_from_label

METHOD = (
    "fractional-credit 2PL with a chance floor, marginal maximum likelihood by EM over "
    "the grid (Bock & Aitkin 1981)"
)
# Log slope around log of scoring.irt's FRACTIONAL_SLOPE (1.4 a level), SD 0.4: slopes of
# skill items vary about +/-50% around their median (psychometrics notes: SD 0.3-0.5).
SLOPE_LOG_SD = 0.4
MAX_ITERATIONS = 500
# EM stops when no parameter moved by more than this (level units, or log slope) in a pass.
TOLERANCE = 1e-4
# The class's SD of levels is kept within these bounds (level units): a class of one level
# would make every posterior a spike and the EM degenerate.
POPULATION_SD_BOUNDS = (0.3, 3.0)
SCORING_STEPS = 3
# No step moves a parameter by more than this (level units, or log slope).
MAX_STEP = 1.0
_EDGE = 1e-12  # probabilities kept this far inside (0, 1)

Responses = Mapping[str, float | None]


@dataclass(frozen=True)
class SkillCredits:
    """A skill's answers: one row per learner who answered any demonstrated item, one
    column per item; ``credits`` 0 where not answered, ``answered`` where answered (a
    skip is not), and each item's label parameters."""

    items: tuple[Item, ...]
    labels: tuple[FractionalParams, ...]
    credits: FloatArray
    answered: BoolArray

    def answers(self) -> list[int]:
        return [int(count) for count in self.answered.sum(axis=0)]

    def varied(self) -> list[bool]:
        """Whether each item's answers earned more than one credit (else nothing to fit)."""
        result = []
        for j in range(len(self.items)):
            seen = self.credits[self.answered[:, j], j]
            result.append(bool(seen.size) and float(seen.max() - seen.min()) > 1e-9)
        return result


def fractional_label(item: Item) -> FractionalParams:
    """The item's label parameters in the fractional model."""
    params = params_from_label(item, "fractional")
    assert isinstance(params, FractionalParams)
    return params


def skill_credits(items: Sequence[Item], people: Iterable[Responses]) -> SkillCredits:
    """Each demonstrated item's credits by learner; answers to other ids and skips are
    left out, and so are learners who answered none of the items."""
    shown = tuple(item for item in items if not isinstance(item, LikertItem))
    column = {item.id: index for index, item in enumerate(shown)}
    rows: list[list[float]] = []
    masks: list[list[bool]] = []
    for responses in people:
        row, mask = [0.0] * len(shown), [False] * len(shown)
        for item_id, credit in responses.items():
            index = column.get(item_id)
            if index is not None and credit is not None:
                row[index], mask[index] = min(1.0, max(0.0, credit)), True
        if any(mask):
            rows.append(row)
            masks.append(mask)
    return SkillCredits(
        shown,
        tuple(fractional_label(item) for item in shown),
        np.asarray(rows, dtype=np.float64).reshape(len(rows), len(shown)),
        np.asarray(masks, dtype=bool).reshape(len(rows), len(shown)),
    )


@dataclass(frozen=True)
class _Priors:
    """Per item: the log slope's prior mean, the label (b's prior mean) and its precision,
    the chance floor; the log slope's prior SD."""

    log_slope: FloatArray
    labels: FloatArray
    precision: FloatArray
    chance: FloatArray
    slope_sd: float


def _priors(data: SkillCredits) -> _Priors:
    return _Priors(
        log_slope=np.full(len(data.items), math.log(FRACTIONAL_SLOPE)),
        labels=np.asarray([label.location for label in data.labels]),
        precision=np.asarray([1 / label.label_sd**2 for label in data.labels]),
        chance=np.asarray([label.chance for label in data.labels]),
        slope_sd=SLOPE_LOG_SD,
    )


def _curves(phi: FloatArray, chance: FloatArray) -> tuple[FloatArray, FloatArray, FloatArray]:
    """On the grid (J, Q): P, the logistic s and eta = a (theta - b)."""
    eta = np.exp(phi[:, :1]) * (THETA[None, :] - phi[:, 1:2])
    s = 1 / (1 + np.exp(-np.clip(eta, -40, 40)))
    p = np.clip(chance[:, None] + (1 - chance[:, None]) * s, _EDGE, 1 - _EDGE)
    return p, s, eta


def e_step(
    data: SkillCredits,
    phi: FloatArray,
    chance: FloatArray,
    population: Prior,
    dispersion: FloatArray,
) -> tuple[FloatArray, float]:
    """Each learner's posterior over the grid (N, Q) and the marginal (quasi-)
    log-likelihood; each item's evidence raised to 1 / its dispersion."""
    p, _, _ = _curves(phi, chance)
    earned = data.credits * data.answered / dispersion
    answered = data.answered / dispersion
    log_post = earned @ np.log(p) + (answered - earned) @ np.log1p(-p)
    log_post += np.log(population_weights(population))
    top = log_post.max(axis=1, keepdims=True)
    post = np.exp(log_post - top)
    total = post.sum(axis=1, keepdims=True)
    return post / total, float((top + np.log(total)).sum())


def _objective(
    phi: FloatArray, earned: FloatArray, weight: FloatArray, priors: _Priors
) -> FloatArray:
    """Per item: the expected complete-data log-likelihood plus the log prior (J,)."""
    p, _, _ = _curves(phi, priors.chance)
    likelihood = (earned * np.log(p) + (weight - earned) * np.log1p(-p)).sum(axis=1)
    slope = ((phi[:, 0] - priors.log_slope) / priors.slope_sd) ** 2
    location = priors.precision * (phi[:, 1] - priors.labels) ** 2
    result: FloatArray = likelihood - 0.5 * (slope + location)
    return result


def _scoring_step(
    phi: FloatArray, earned: FloatArray, weight: FloatArray, priors: _Priors
) -> FloatArray:
    """The Fisher scoring step for every item (J, 2): expected information, so always
    uphill, however far from the optimum."""
    p, s, eta = _curves(phi, priors.chance)
    a = np.exp(phi[:, :1])
    rise = (1 - priors.chance[:, None]) * s * (1 - s)  # dP / d eta
    k = rise / (p * (1 - p))
    u = (earned - weight * p) * k
    d_slope, d_location = eta, -np.broadcast_to(a, eta.shape)
    gradient = np.stack(((u * d_slope).sum(axis=1), (u * d_location).sum(axis=1)), axis=1)
    gradient[:, 0] -= (phi[:, 0] - priors.log_slope) / priors.slope_sd**2
    gradient[:, 1] -= priors.precision * (phi[:, 1] - priors.labels)
    info = weight * k * rise
    i00 = (info * d_slope * d_slope).sum(axis=1) + 1 / priors.slope_sd**2
    i01 = (info * d_slope * d_location).sum(axis=1)
    i11 = (info * d_location * d_location).sum(axis=1) + priors.precision
    determinant = i00 * i11 - i01 * i01
    step = np.stack(
        (
            (i11 * gradient[:, 0] - i01 * gradient[:, 1]) / determinant,
            (i00 * gradient[:, 1] - i01 * gradient[:, 0]) / determinant,
        ),
        axis=1,
    )
    largest = np.abs(step).max(axis=1, keepdims=True)
    capped: FloatArray = step * np.minimum(1.0, MAX_STEP / np.maximum(largest, 1e-12))
    return capped


def m_step(phi: FloatArray, earned: FloatArray, weight: FloatArray, priors: _Priors) -> FloatArray:
    """A few Fisher scoring steps for every item at once, each halved until the
    objective does not fall."""
    current = _objective(phi, earned, weight, priors)
    for _ in range(SCORING_STEPS):
        step = _scoring_step(phi, earned, weight, priors)
        phi, current, moved = halved_step(
            phi, step, current, lambda trial: _objective(trial, earned, weight, priors)
        )
        if moved < 1e-8:
            break
    return phi


def link(phi: FloatArray, population: Prior, priors: _Priors) -> tuple[FloatArray, Prior]:
    """The scale put back where the labels set it: locations regressed on their labels
    (weighted by the labels' precision) with slope 1 and intercept 0."""
    found = label_line(priors.labels, phi[:, 1], priors.precision)
    if found is None:
        return phi, population
    scale, shift = found
    linked = phi.copy()
    linked[:, 0] -= math.log(scale)
    linked[:, 1] = scale * phi[:, 1] + shift
    return linked, Prior(scale * population.mean + shift, scale * population.sd)


# Dispersion is kept within these bounds: at most 1 (credits never spread more than right
# or wrong answers would; more is misfit, not information), and at least 0.2, so no item
# counts for more than five right-or-wrong ones.
DISPERSION_BOUNDS = (0.2, 1.0)


def dispersion(
    phi: FloatArray, priors: _Priors, sums: tuple[FloatArray, FloatArray, FloatArray]
) -> FloatArray:
    """Each item's dispersion by moments: the expected squared distance of its credits from
    P over the expected P (1 - P), both under the learners' posteriors. ``sums``: the
    posterior-weighted counts, credits and squared credits (J, Q)."""
    p, _, _ = _curves(phi, priors.chance)
    counts, credits, squares = sums
    spread = (squares - 2 * p * credits + p * p * counts).sum(axis=1)
    binomial = (counts * p * (1 - p)).sum(axis=1)
    ratio = np.where(binomial > 0, spread / np.maximum(binomial, 1e-300), 1.0)
    result: FloatArray = np.clip(ratio, *DISPERSION_BOUNDS)
    return result


@dataclass(frozen=True)
class Fit:
    phi: FloatArray
    dispersion: FloatArray
    posterior: FloatArray
    population: Prior
    iterations: int
    converged: bool
    log_likelihood: float


def fit(data: SkillCredits, priors: _Priors, max_iterations: int) -> Fit:
    """EM from the labels until no parameter moves by more than TOLERANCE in a pass."""
    phi = np.stack((priors.log_slope, priors.labels), axis=1)
    spread = np.ones(len(phi))
    population = PRIOR
    earned_by = data.credits * data.answered
    answered = data.answered.astype(np.float64)
    squared_by = earned_by * data.credits
    posterior, log_likelihood = e_step(data, phi, priors.chance, population, spread)
    converged, iteration = False, 0
    for iteration in range(1, max_iterations + 1):  # noqa: B007 (the count is reported)
        earned, weight = earned_by.T @ posterior, answered.T @ posterior
        scaled = m_step(phi, earned / spread[:, None], weight / spread[:, None], priors)
        updated, population = link(scaled, next_population(posterior, POPULATION_SD_BOUNDS), priors)
        spread_now = dispersion(updated, priors, (weight, earned, squared_by.T @ posterior))
        moved = max(float(np.abs(updated - phi).max()), float(np.abs(spread_now - spread).max()))
        phi, spread = updated, spread_now
        posterior, log_likelihood = e_step(data, phi, priors.chance, population, spread)
        if moved < TOLERANCE:
            converged = True
            break
    return Fit(phi, spread, posterior, population, iteration, converged, log_likelihood)


def location_se(fitted: Fit, priors: _Priors, data: SkillCredits) -> list[float]:
    """Each item's location standard error: the learners' (quasi-)score cross-products
    (the usual estimate of the observed information) plus the prior precision, inverted."""
    phi, posterior = fitted.phi, fitted.posterior
    p, s, eta = _curves(phi, priors.chance)
    a = np.exp(phi[:, :1])
    k = (1 - priors.chance[:, None]) * s * (1 - s) / (p * (1 - p) * fitted.dispersion[:, None])
    result: list[float] = []
    for j in range(len(data.items)):
        who = data.answered[:, j]
        gradients = np.stack((k[j] * eta[j], -k[j] * a[j]), axis=1)  # (Q, 2)
        post = posterior[who]
        expected = post @ (gradients * p[j][:, None])
        scores = data.credits[who, j][:, None] * (post @ gradients) - expected
        information = scores.T @ scores + np.diag([1 / priors.slope_sd**2, priors.precision[j]])
        result.append(math.sqrt(max(float(np.linalg.inv(information)[1, 1]), 0.0)))
    return result


def _gated(
    item: Item,
    label: FractionalParams,
    answers: int,
    estimate: tuple[float, float, float, float] | None,
    gates: CalibrationGates,
    note: str,
) -> ItemCalibration:
    """The gate for ``answers`` applied to an item's (log slope, location, its SE,
    dispersion): between the gates, each mixed with the label's in proportion."""
    weight = gates.weight(answers)
    if weight == 0 or estimate is None:
        return ItemCalibration(item.id, label, answers, "prior", 0.0, note)
    log_slope, location, se, spread = estimate
    params = FractionalParams(
        slope=math.exp((1 - weight) * math.log(label.slope) + weight * log_slope),
        location=(1 - weight) * label.location + weight * location,
        chance=label.chance,
        label_sd=(1 - weight) * label.label_sd + weight * se,
        source="calibrated",
        dispersion=(1 - weight) * label.dispersion + weight * spread,
    )
    return ItemCalibration(item.id, params, answers, gates.gate(answers), weight, note)


def calibrate_skill(
    skill: str,
    items: Sequence[Item],
    people: Iterable[Responses],
    gates: CalibrationGates | None = None,
    max_iterations: int = MAX_ITERATIONS,
) -> SkillCalibration:
    """Calibrate one skill's demonstrated items from learners' credits (question id to
    credit, None for a skip). Items answered fewer than the gate's times keep their
    labels; a skill nobody answered often enough comes back on its labels, unfitted."""
    gates = gates or CalibrationGates()
    data = skill_credits(items, people)
    answers, varied = data.answers(), data.varied()
    if max(answers, default=0) < gates.prior_below:
        kept = tuple(
            ItemCalibration(item.id, label, count, "prior", 0.0)
            for item, label, count in zip(data.items, data.labels, answers, strict=True)
        )
        return SkillCalibration(skill, len(data.credits), kept, 0, True, 0.0, PRIOR)
    priors = _priors(data)
    result = fit(data, priors, max_iterations)
    errors = location_se(result, priors, data)
    outcomes = []
    for j, item in enumerate(data.items):
        estimate = (
            float(result.phi[j, 0]),
            float(result.phi[j, 1]),
            errors[j],
            float(result.dispersion[j]),
        )
        note = "" if varied[j] else "every answer earned the same credit: nothing to estimate"
        outcomes.append(
            _gated(item, data.labels[j], answers[j], estimate if varied[j] else None, gates, note)
        )
    return SkillCalibration(
        skill,
        len(data.credits),
        tuple(outcomes),
        result.iterations,
        result.converged,
        result.log_likelihood,
        result.population,
        tuple(float(mass) for mass in result.posterior.mean(axis=0)),
    )

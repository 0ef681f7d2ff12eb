"""Item parameters from a class's answers: marginal maximum likelihood by EM over a grid
(Bock & Aitkin 1981), with each item's label as the prior, so the scale stays O*NET's.

Which model. ``calibrate`` fits the model scoring uses, the fractional-credit 2PL with a
chance floor (scoring.calibration_fractional), so a calibrated set feeds scoring the same
model with data-led numbers. The generalized partial credit model below (GPCM) is kept as
the cross-check against an independent implementation (mirt's GPCM, in tests and
bench/cat.py --cross-check) and for comparison (``model="gpcm"``): it has no floor for
what guessing earns, so it calibrates guessable choice items to flat slopes.

Why this shape. A class takes random standard forms, so each learner answers about half a
skill's items and the rest are missing by design; marginal maximum likelihood integrates
each learner's level out over the grid and uses exactly the items they answered.

The scale is O*NET's, fixed by the labels, not by the class. An item's label is a level
(where a person gets halfway from chance credit to full credit), so the prior is on the
item's level, N(label, label SD^2), read from its slope and steps the way
sets parameters from a label; its log slope is drawn towards log of scoring.irt's GPCM
slope. After each M-step the scale is linked back so that the items' levels regress on
their labels with slope 1 and intercept 0 (calibration_em.link says why the posterior
mode alone would squeeze it). The class's mean and SD are estimated along.

E-step: each learner's posterior over scoring.irt's grid given the current parameters (a
product of the answered items' category probabilities and the population weights).
M-step: per item, a few damped Newton steps on the expected complete-data log-likelihood
plus the log prior, in (log slope, steps) (calibration_em).

Gates (scoring.calibration_gates, the catalog's figures): an item answered fewer than 100
times keeps its label parameters; 100-300 times, its parameters are the label's and the
data's mixed in proportion to how far the count is from 100 to 300; from 300 on, the
posterior mode stands. A calibrated item's ``label_sd`` is the standard error of its
location (from the learners' scores), so scoring still carries what the data left
uncertain.

numpy (through scoring.numeric) is imported by the calibration modules alone (and the
bench): nothing on the path of taking, showing or reporting a quiz imports it.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from questions.models import Item, LikertItem
from scoring import calibration_em as em
from scoring.calibration_gates import CalibrationGates
from scoring.calibration_results import (
    CalibrationRun,
    ItemCalibration,
    SkillCalibration,
    parameter_set,
)
from scoring.irt import PRIOR
from scoring.item_level import category_credits, halfway_target, label_level
from scoring.numeric import FloatArray, NDArray, np
from scoring.response_models import GPCM_SLOPE, ItemParams, params_from_label, step_offsets

if TYPE_CHECKING:
    from scoring.response_models import Model

# The gates (how many answers an item needs before the data move it) are the catalog's:
# scoring.calibration_gates, ``item_calibration:`` in scoring/catalog.yaml with sources.

# Priors. Log slope around log of scoring.response_models' GPCM slope (1.2 per level), SD
# 0.4: slopes of skill items vary about +/-50% around their median (psychometrics notes:
# SD 0.3-0.5).
SLOPE_LOG_SD = 0.4
# Step deviations from the item's location, around the label's even spacing: SD 1.0 level,
# loose because steps of one item are often close together or even reversed (GPCM step
# reversals are common and harmless); it only keeps a rarely used category's step finite.
STEP_SD = 1.0

MAX_ITERATIONS = 500
# EM stops when no parameter moved by more than this (level units, or log slope) in a pass.
TOLERANCE = 1e-4
# The class's SD of levels is kept within these bounds (level units): a class of one level
# would make every posterior a spike and the EM degenerate.
POPULATION_SD_BOUNDS = (0.3, 3.0)

METHOD = "GPCM, marginal maximum likelihood by EM over the grid (Bock & Aitkin 1981)"

Responses = Mapping[str, float | None]


@dataclass(frozen=True)
class SkillData:
    """A skill's answers as categories: one row per learner who answered any item, one
    column per item, -1 where not answered; each item's kept category floors (rare
    categories merged) and its label parameters."""

    items: tuple[Item, ...]
    labels: tuple[ItemParams, ...]
    floors: tuple[tuple[float, ...], ...]
    categories: NDArray[np.int64]
    notes: tuple[str, ...]

    def answers(self) -> list[int]:
        return [int(count) for count in (self.categories >= 0).sum(axis=0)]


def gpcm_label(item: Item) -> ItemParams:
    """The item's label parameters in the GPCM, the model calibration fits."""
    params = params_from_label(item, "gpcm")
    assert isinstance(params, ItemParams)
    return params


def _merge_rare(counts: list[int], floors: list[float], least: int) -> tuple[list[float], bool]:
    """Merge categories seen fewer than ``least`` times into a neighbour (the lowest into
    the one above, any other into the one below), rarest first."""
    merged = False
    while len(counts) > 1:
        rare = [k for k, count in enumerate(counts) if count < least]
        if not rare:
            break
        k = min(rare, key=lambda index: (counts[index], index))
        into, dropped = (0, 1) if k == 0 else (k - 1, k)
        counts[into] += counts[dropped]
        del counts[dropped], floors[dropped]
        merged = True
    return floors, merged


def skill_data(items: Sequence[Item], people: Iterable[Responses], least: int = 10) -> SkillData:
    """Each demonstrated item's answers as its categories (scoring.response_models'
    rule), categories seen fewer than ``least`` times merged; answers to ids not among
    ``items`` and skips are left out."""
    shown = tuple(item for item in items if not isinstance(item, LikertItem))
    labels = tuple(gpcm_label(item) for item in shown)
    column = {item.id: index for index, item in enumerate(shown)}
    known: list[dict[float, int]] = [{} for _ in shown]  # credit -> category, per item
    rows: list[list[int]] = []
    for responses in people:
        row = [-1] * len(shown)
        for item_id, credit in responses.items():
            index = column.get(item_id)
            if index is None or credit is None:
                continue
            category = known[index].get(credit)
            if category is None:
                category = known[index][credit] = labels[index].category(credit)
            row[index] = category
        if any(value >= 0 for value in row):
            rows.append(row)
    raw = np.asarray(rows, dtype=np.int64).reshape(len(rows), len(shown))
    floors: list[tuple[float, ...]] = []
    notes: list[str] = []
    for index, label in enumerate(labels):
        answered = raw[:, index][raw[:, index] >= 0]
        counts = [int((answered == k).sum()) for k in range(len(label.floors))]
        kept, merged = _merge_rare(counts, list(label.floors), least)
        if merged and answered.size:
            notes.append(f"categories merged to {len(kept)} (fewer than {least} answers in some)")
            remap = np.asarray([_kept_index(kept, floor) for floor in label.floors])
            raw[:, index] = np.where(raw[:, index] >= 0, remap[raw[:, index]], -1)
        else:
            notes.append("")
            kept = list(label.floors)
        floors.append(tuple(kept))
    return SkillData(shown, labels, tuple(floors), raw, tuple(notes))


def _kept_index(kept: Sequence[float], floor: float) -> int:
    """The kept category an original floor falls in: the highest kept floor it reaches."""
    return max(k for k, value in enumerate(kept) if value <= floor + 1e-12)


def _priors(data: SkillData) -> em.Priors:
    """Each item's prior, padded to the widest item: level ~ N(label, label SD^2) (held as
    a prior on the level itself where the level can be placed: calibration_em.newton);
    each step's deviation from the location ~ N(the label's even spacing, STEP_SD^2); log
    slope ~ N(log GPCM_SLOPE, SLOPE_LOG_SD^2). An unused step has mean 0 and unit
    precision and never moves."""
    widest = max(len(floors) for floors in data.floors)
    items = len(data.items)
    steps = np.zeros((items, widest - 1))
    spacing = np.zeros((items, widest - 1))
    precision = np.tile(np.eye(widest - 1), (items, 1, 1))
    shape = np.tile(np.eye(widest - 1), (items, 1, 1))
    valid = np.zeros((items, widest), dtype=bool)
    credits = np.zeros((items, widest))
    for j, (item, label, floors) in enumerate(
        zip(data.items, data.labels, data.floors, strict=True)
    ):
        m = len(floors) - 1
        valid[j, : m + 1] = True
        credits[j, : m + 1] = category_credits(item, floors)
        if m == 0:
            continue
        spacing[j, :m] = step_offsets(m + 1)
        steps[j, :m] = label.location + spacing[j, :m]
        ones = np.full((m, m), 1.0 / m)
        shape[j, :m, :m] = (np.eye(m) - ones) / STEP_SD**2
        precision[j, :m, :m] = ones / (m * label.label_sd**2) + shape[j, :m, :m]
    return em.Priors(
        log_slope=np.full(items, math.log(GPCM_SLOPE)),
        slope_sd=SLOPE_LOG_SD,
        steps=steps,
        precision=precision,
        valid=valid,
        shape=shape,
        label_precision=np.asarray([1 / label.label_sd**2 for label in data.labels]),
        labels=np.asarray([label_level(item) for item in data.items]),
        spacing=spacing,
        credits=credits,
        targets=np.asarray([halfway_target(item) for item in data.items]),
    )


def _indicators(data: SkillData, widest: int) -> FloatArray:
    """One column per (item, category), padded to the widest item: 1 where the learner's
    answer fell."""
    people, items = data.categories.shape
    matrix = np.zeros((people, items * widest))
    for j in range(items):
        answered = np.flatnonzero(data.categories[:, j] >= 0)
        matrix[answered, j * widest + data.categories[answered, j]] = 1.0
    return matrix


def _gated(
    item: Item,
    label: ItemParams,
    floors: tuple[float, ...],
    answers: int,
    estimate: tuple[FloatArray, float, FloatArray] | None,
    note: str,
    gates: CalibrationGates,
) -> ItemCalibration:
    """Apply the gate for ``answers`` to one item's estimate (phi, location SE, prior means
    of phi): the label below prior_below, the posterior mode from data_from, and between
    them the two mixed in proportion to the count."""
    weight = gates.weight(answers)
    if weight == 0 or estimate is None:
        return ItemCalibration(item.id, params_from_label(item), answers, "prior", 0.0, note)
    phi, se, prior = estimate
    mixed = (1 - weight) * prior + weight * phi
    params = ItemParams(
        slope=math.exp(float(mixed[0])),
        steps=tuple(float(step) for step in mixed[1 : len(floors)]),
        floors=floors,
        label_sd=(1 - weight) * label.label_sd + weight * se,
        source="calibrated",
    )
    return ItemCalibration(item.id, params, answers, gates.gate(answers), weight, note)


def _on_priors(skill: str, data: SkillData) -> SkillCalibration:
    """Every item on its label: nobody answered any item often enough to fit anything."""
    kept = tuple(
        ItemCalibration(item.id, params_from_label(item), count, "prior", 0.0, note)
        for item, count, note in zip(data.items, data.answers(), data.notes, strict=True)
    )
    return SkillCalibration(skill, data.categories.shape[0], kept, 0, True, 0.0, PRIOR)


def calibrate_skill(
    skill: str,
    items: Sequence[Item],
    people: Iterable[Responses],
    gates: CalibrationGates | None = None,
    max_iterations: int = MAX_ITERATIONS,
) -> SkillCalibration:
    """Calibrate one skill's demonstrated items in the GPCM from learners' credits
    (question id to credit, None for a skip). Items answered fewer than the gate's times
    keep their labels; a skill nobody answered comes back on its priors, unfitted."""
    gates = gates or CalibrationGates()
    data = skill_data(items, people, gates.min_category_answers)
    answers = data.answers()
    if max(answers, default=0) < gates.prior_below:
        return _on_priors(skill, data)
    priors = _priors(data)
    fit = em.fit(
        _indicators(data, priors.valid.shape[1]),
        priors,
        max_iterations,
        TOLERANCE,
        POPULATION_SD_BOUNDS,
    )
    columns = [data.categories[:, j] for j in range(len(data.items))]
    errors = em.location_se(fit.phi, priors, fit.posterior, columns)
    start = np.concatenate((priors.log_slope[:, None], priors.steps), axis=1)
    results: list[ItemCalibration] = []
    for j, item in enumerate(data.items):
        note = data.notes[j]
        estimate = None
        if len(data.floors[j]) < 2:
            note = "every answer in one category: nothing to estimate"
        else:
            estimate = (fit.phi[j], errors[j], start[j])
        results.append(
            _gated(item, data.labels[j], data.floors[j], answers[j], estimate, note, gates)
        )
    return SkillCalibration(
        skill,
        data.categories.shape[0],
        tuple(results),
        fit.iterations,
        fit.converged,
        fit.log_likelihood,
        fit.population,
        tuple(float(mass) for mass in fit.posterior.mean(axis=0)),
    )


def split_by_skill(
    banks: Mapping[str, Sequence[Item]], attempts: Iterable[Responses]
) -> dict[str, list[dict[str, float | None]]]:
    """Each attempt's credits (question id to credit across skills) cut into one mapping
    per skill of ``banks``; ids of no bank are left out."""
    owner = {item.id: skill for skill, items in banks.items() for item in items}
    split: dict[str, list[dict[str, float | None]]] = {skill: [] for skill in banks}
    for responses in attempts:
        parts: dict[str, dict[str, float | None]] = {}
        for item_id, credit in responses.items():
            skill = owner.get(item_id)
            if skill is not None:
                parts.setdefault(skill, {})[item_id] = credit
        for skill, part in parts.items():
            split[skill].append(part)
    return split


def calibrate(
    banks: Mapping[str, Sequence[Item]],
    attempts: Sequence[Responses],
    model: Model = "fractional",
    gates: CalibrationGates | None = None,
    max_iterations: int = MAX_ITERATIONS,
) -> CalibrationRun:
    """Calibrate every skill of ``banks`` (skill id to its items) from attempts, each a
    mapping of question id to credit across skills (None for a skip), in ``model``: the
    fractional model scoring uses (the default), or the GPCM for comparison."""
    from scoring import calibration_fractional as fractional

    split = split_by_skill(banks, attempts)
    fitter = fractional.calibrate_skill if model == "fractional" else calibrate_skill
    skills = tuple(
        fitter(skill, items, split[skill], gates, max_iterations) for skill, items in banks.items()
    )
    method = fractional.METHOD if model == "fractional" else METHOD
    return CalibrationRun(method, len(attempts), skills, model)


__all__ = [
    "METHOD",
    "CalibrationRun",
    "ItemCalibration",
    "SkillCalibration",
    "SkillData",
    "calibrate",
    "calibrate_skill",
    "parameter_set",
    "skill_data",
]

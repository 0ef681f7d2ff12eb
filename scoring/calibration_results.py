"""What a calibration run concludes, whichever model it fitted: per item the parameters
scoring will use, the answers they rest on and the gate applied; per skill how the fit
went; and the run as a storable parameter set (scoring.parameter_sets).

Plain Python: the command that stores a run and the reports that show one never need the
numerical code (scoring.calibration_fractional, scoring.calibration) to read these.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from questions.models import Item
from scoring.calibration_gates import Gate
from scoring.irt import Prior
from scoring.parameter_sets import ParameterSet, StoredItem, item_digest
from scoring.response_models import AnyParams, Model


@dataclass(frozen=True)
class ItemCalibration:
    """One item's outcome: the parameters scoring will use, how many answers they rest on,
    the gate applied (``weight``: the data's share, 0 for the prior, 1 when data lead) and
    a note when something was merged or kept for a stated reason."""

    item_id: str
    params: AnyParams
    answers: int
    gate: Gate
    weight: float
    note: str = ""


@dataclass(frozen=True)
class SkillCalibration:
    """One skill's run: its items, how many learners answered any of them, and the fit."""

    skill: str
    people: int
    items: tuple[ItemCalibration, ...]
    iterations: int
    converged: bool
    log_likelihood: float
    population: Prior
    # The class's levels as the fit sees them: the learners' posteriors averaged, the mass
    # in each cell of scoring.irt's grid (empty when nothing was fitted). Unlike the
    # normal ``population`` it keeps a class's shape (two groups, a long tail), which
    # decides how often each item comes up in adaptive quizzes (scoring.exposure).
    levels: tuple[float, ...] = ()


@dataclass(frozen=True)
class CalibrationRun:
    """A whole run: the model fitted, how many attempts were read, each skill's outcome."""

    method: str
    attempts: int
    skills: tuple[SkillCalibration, ...]
    model: Model = "gpcm"

    def params(self) -> dict[str, AnyParams]:
        """Every item's parameters by question id (prior-gated items keep their labels)."""
        return {item.item_id: item.params for skill in self.skills for item in skill.items}

    def answered(self) -> int:
        """How many answers (skips not counted) the run rests on."""
        return sum(item.answers for skill in self.skills for item in skill.items)


def parameter_set(
    run: CalibrationRun, banks: Mapping[str, Sequence[Item]], created_at: str
) -> ParameterSet:
    """The run as a storable set (scoring.parameter_sets): per item its parameters (none
    where the label was kept), answers, gate and the digest of the item calibrated."""
    by_id = {item.id: item for items in banks.values() for item in items}
    stored = tuple(
        StoredItem(
            item_id=result.item_id,
            skill=skill.skill,
            digest=item_digest(by_id[result.item_id]),
            answers=result.answers,
            gate=result.gate,
            weight=result.weight,
            params=result.params if result.gate != "prior" else None,
            note=result.note,
        )
        for skill in run.skills
        for result in skill.items
    )
    fits = {
        skill.skill: {
            "people": skill.people,
            "iterations": skill.iterations,
            "converged": skill.converged,
            "log_likelihood": skill.log_likelihood,
            "population": {"mean": skill.population.mean, "sd": skill.population.sd},
        }
        for skill in run.skills
    }
    return ParameterSet(run.method, created_at, run.attempts, fits, stored, run.model)

"""A calibration run as a trainer reads it: one row per skill for the table, and the whole
run, item by item, as JSON."""

from __future__ import annotations

import json
from collections import Counter
from typing import TYPE_CHECKING, Any

from questions.record import to_data

if TYPE_CHECKING:
    from quiz.classroom.calibration import Outcome
    from scoring.calibration_results import ItemCalibration, SkillCalibration


def _item_document(item: ItemCalibration, exposure: float) -> dict[str, Any]:
    from scoring.response_models import FractionalParams

    params = item.params
    fractional = params if isinstance(params, FractionalParams) else None
    return {
        "id": item.item_id,
        "answers": item.answers,
        "gate": item.gate,
        "weight": item.weight,
        "level": None if fractional is None else fractional.location,
        "slope": params.slope,
        "chance": None if fractional is None else fractional.chance,
        "dispersion": None if fractional is None else fractional.dispersion,
        "level_sd": params.label_sd,
        "exposure": exposure,
        "note": item.note,
    }


def _skill_document(skill: SkillCalibration, exposure: dict[str, float]) -> dict[str, Any]:
    return {
        "skill": skill.skill,
        "learners": skill.people,
        "iterations": skill.iterations,
        "converged": skill.converged,
        "class_level": {"mean": skill.population.mean, "sd": skill.population.sd},
        "items": [_item_document(item, exposure.get(item.item_id, 1.0)) for item in skill.items],
    }


def calibration_json(outcome: Outcome) -> str:
    """The run as JSON: the set's number (null on a dry run), when, from what, with which
    gates, and every item's outcome (``level`` is its calibrated level on O*NET's scale,
    ``level_sd`` the uncertainty scoring carries, ``exposure`` its chance to be open to
    an adaptive quiz)."""
    run = outcome.run
    document = {
        "parameter_set": outcome.set_id,
        "dry_run": outcome.set_id is None,
        "created_at": outcome.created_at.isoformat(),
        "attempts": run.attempts,
        "answers": run.answered(),
        "model": run.model,
        "method": run.method,
        "gates": to_data(outcome.gates),
        "skills": [_skill_document(skill, outcome.exposure) for skill in run.skills],
    }
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"


def skill_rows(outcome: Outcome) -> list[tuple[str, ...]]:
    """Per skill: id, learners, items, items on their labels / shrunk / led by data, the
    class's level (mean and SD), items held back from some adaptive quizzes."""
    rows: list[tuple[str, ...]] = []
    for skill in outcome.run.skills:
        gates = Counter(item.gate for item in skill.items)
        held = sum(outcome.exposure.get(item.item_id, 1.0) < 1 for item in skill.items)
        fitted = skill.iterations > 0
        level = f"{skill.population.mean:.1f} (SD {skill.population.sd:.1f})" if fitted else "-"
        rows.append(
            (
                skill.skill,
                f"{skill.people:,}",
                str(len(skill.items)),
                str(gates["prior"]),
                str(gates["shrunk"]),
                str(gates["data"]),
                level,
                str(held),
            )
        )
    return rows


HEADINGS = ("Skill", "Learners", "Items", "Labels", "Shrunk", "Data", "Class level", "Held")


def gates_line(outcome: Outcome) -> str:
    gates = outcome.gates
    return (
        f"Gates (scoring/catalog.yaml): an item keeps its label below {gates.prior_below} "
        f"answers, is shrunk towards it from {gates.prior_below} to {gates.data_from - 1}, "
        f"and follows the data from {gates.data_from}."
    )


def closing_line(outcome: Outcome) -> str:
    if outcome.set_id is None:
        return "Dry run: nothing stored."
    when = f"{outcome.created_at:%Y-%m-%d %H:%M} UTC"
    return (
        f"Stored as parameter set {outcome.set_id} ({when}). New attempts are scored with "
        "it, and --length adaptive chooses with it; skillquiz stats shows each item's "
        "calibrated level beside its label."
    )

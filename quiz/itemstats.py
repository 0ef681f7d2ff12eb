"""``skillquiz stats`` as data: a class's credits turned into Moodle's item and test figures.

The figures come from scoring.statistics; this module groups the credits read from storage
by skill and attempt, and renders the result as JSON (a contract), CSV or a table.
"""

from __future__ import annotations

import csv
import io
import json
import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from quiz.storage_credits import AttemptCredits, Credits
from scoring.statistics import (
    ItemInfo,
    SelfRatingStatistics,
    SkillStatistics,
    random_guess,
    self_rating_statistics,
    skill_statistics,
)


@dataclass(frozen=True)
class SkillScores:
    """One attempt's scores on one skill (0..100; None when nothing of the kind was asked
    or, for self-ratings, answered) and its demonstrated credits by question id."""

    self_rated: float | None
    demonstrated: float | None
    credits: dict[str, float]


def skill_scores(attempt: AttemptCredits) -> dict[str, SkillScores]:
    """An attempt's scores per skill, as scoring.skills works them out: a skipped
    demonstrated item earns 0; a skipped self-rating says nothing and is left out."""
    ratings: dict[str, list[float]] = {}
    shown: dict[str, dict[str, float]] = {}
    for entry in attempt.credits:
        if entry.type == "likert":
            if entry.credit is not None:
                ratings.setdefault(entry.skill, []).append(entry.credit)
            else:
                ratings.setdefault(entry.skill, [])
        else:
            shown.setdefault(entry.skill, {})[entry.question_id] = entry.credit or 0.0
    result: dict[str, SkillScores] = {}
    for skill in dict.fromkeys([*ratings, *shown]):
        rated = ratings.get(skill, [])
        credits = shown.get(skill, {})
        result[skill] = SkillScores(
            self_rated=100 * math.fsum(rated) / len(rated) if rated else None,
            demonstrated=100 * math.fsum(credits.values()) / len(credits) if credits else None,
            credits=credits,
        )
    return result


@dataclass(frozen=True)
class StatsResult:
    skills: list[SkillStatistics]
    self_ratings: list[SelfRatingStatistics]


def compute(data: Credits, skill: str | None = None) -> StatsResult:
    """Item and test figures for every skill the attempts asked (or only ``skill``), in
    the order the skills were first seen."""
    per_attempt = [skill_scores(attempt) for attempt in data.attempts]
    order = list(dict.fromkeys(s for scores in per_attempt for s in scores))
    if skill is not None:
        order = [s for s in order if s == skill]
    infos = {
        qid: ItemInfo(qid, item.type, random_guess(item))
        for qid, item in data.items.items()
        if item.type != "likert"
    }
    skills: list[SkillStatistics] = []
    ratings: list[SelfRatingStatistics] = []
    for skill_id in order:
        name = data.skills[skill_id].name if skill_id in data.skills else skill_id
        scores = [s[skill_id] for s in per_attempt if skill_id in s]
        attempts = [s.credits for s in scores if s.credits]
        if attempts:
            skills.append(skill_statistics(skill_id, name, infos, attempts))
        if any(s.self_rated is not None for s in scores):
            pairs = [(s.self_rated, s.demonstrated) for s in scores]
            ratings.append(self_rating_statistics(skill_id, pairs))
    return StatsResult(skills, ratings)


def _number(value: float | None) -> float | None:
    """A figure as JSON carries it; NaN and infinities (which JSON has no word for) as null."""
    return value if value is None or math.isfinite(value) else None


def as_data(result: StatsResult) -> dict[str, Any]:
    """The ``--format json`` contract, percentages 0..100, unrounded."""
    return {
        "skills": [
            {
                "skill": s.skill,
                "name": s.name,
                "attempts": s.attempts,
                "mean": _number(s.mean),
                "median": _number(s.median),
                "sd": _number(s.sd),
                "skewness": _number(s.skewness),
                "kurtosis": _number(s.kurtosis),
                "cic": _number(s.cic),
                "cic_attempts": s.cic_attempts,
                "cic_items": s.cic_items,
                "error_ratio": _number(s.error_ratio),
                "standard_error": _number(s.standard_error),
                "items": [
                    {
                        "question_id": i.question_id,
                        "type": i.type,
                        "n": i.n,
                        "facility": _number(i.facility),
                        "sd": _number(i.sd),
                        "random_guess": _number(i.random_guess),
                        "discrimination": _number(i.discrimination),
                        "efficiency": _number(i.efficiency),
                        "flags": list(i.flags),
                    }
                    for i in s.items
                ],
            }
            for s in result.skills
        ],
        "self_ratings": [
            {
                "skill": r.skill,
                "n": r.n,
                "mean": _number(r.mean),
                "sd": _number(r.sd),
                "correlation_with_score": _number(r.correlation_with_score),
            }
            for r in result.self_ratings
        ],
    }


def render_json(result: StatsResult) -> str:
    return json.dumps(as_data(result), indent=2, allow_nan=False) + "\n"


CSV_COLUMNS = (
    "skill",
    "question_id",
    "type",
    "n",
    "facility",
    "sd",
    "random_guess",
    "discrimination",
    "efficiency",
    "flags",
)


def _cell(value: float | None) -> str:
    return "" if value is None else repr(value)


def render_csv(result: StatsResult) -> str:
    """One row per item, unrounded; a figure that cannot be computed is an empty cell and
    several flags are joined with '; '."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for s in result.skills:
        for i in s.items:
            writer.writerow(
                [
                    s.skill,
                    i.question_id,
                    i.type,
                    i.n,
                    _cell(i.facility),
                    _cell(i.sd),
                    _cell(i.random_guess),
                    _cell(i.discrimination),
                    _cell(i.efficiency),
                    "; ".join(i.flags),
                ]
            )
    return out.getvalue()


def shown(value: float | None, digits: int = 1) -> str:
    """A figure as a table shows it: rounded, '-' when it cannot be computed."""
    return "-" if value is None or not math.isfinite(value) else f"{value:.{digits}f}"


def consistency_note(s: SkillStatistics) -> str:
    """Which attempts the coefficient of internal consistency was computed over."""
    if s.cic is None:
        return (
            "CIC -: no three attempts were asked the same items (full-length attempts are; "
            "quick and standard ones draw items at random)"
        )
    return (
        f"CIC {shown(s.cic)} over {s.cic_attempts} attempts asked the same "
        f"{s.cic_items} items; error ratio {shown(s.error_ratio)}, "
        f"standard error {shown(s.standard_error)}"
    )


def summary_line(s: SkillStatistics) -> str:
    return (
        f"{s.attempts} attempts: mean {shown(s.mean)}, median {shown(s.median)}, "
        f"SD {shown(s.sd)}, skewness {shown(s.skewness, 2)}, kurtosis {shown(s.kurtosis, 2)}"
    )


def item_rows(s: SkillStatistics) -> Sequence[tuple[str, ...]]:
    return [
        (
            i.question_id,
            i.type,
            str(i.n),
            shown(i.facility),
            shown(i.sd),
            shown(i.random_guess),
            shown(i.discrimination),
            shown(i.efficiency),
            ", ".join(i.flags),
        )
        for i in s.items
    ]

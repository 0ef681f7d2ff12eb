"""``skillquiz stats`` as data: a class's credits turned into Moodle's item and test figures.

The figures come from scoring.statistics; this module groups the credits read from storage
by skill and attempt, and renders the result as JSON (a contract), CSV or a table.
"""

from __future__ import annotations

import csv
import io
import json
import math
from collections.abc import Mapping, Sequence
from typing import Any, NamedTuple

from questions.models import Item
from quiz.classroom.class_aggregates import ClassAggregates
from quiz.classroom.item_levels import ItemLevel
from quiz.storage.schema import parse_marks
from scoring.statistics import (
    ItemInfo,
    ItemStatistics,
    ItemSums,
    SelfRatingStatistics,
    SkillStatistics,
    assemble_skill,
    cronbach_alpha,
    item_statistics_from_sums,
    random_guess,
    self_rating_statistics,
)


class StatsResult(NamedTuple):
    skills: list[SkillStatistics]
    self_ratings: list[SelfRatingStatistics]
    attempts: int = 0  # finished attempts covered
    imported: int = 0  # of which imported from learners' reports (self-reported)
    # Each item's label and calibrated level (quiz.classroom.item_levels), by question id.
    levels: Mapping[str, ItemLevel] = {}

    @property
    def calibrated(self) -> bool:
        """Whether any item has a calibrated level to show."""
        return any(level.calibrated is not None for level in self.levels.values())

    def level(self, question_id: str) -> tuple[float | None, float | None]:
        """An item's label level and calibrated level (None where there is none)."""
        found = self.levels.get(question_id)
        return (None, None) if found is None else (found.label, found.calibrated)


def _number(value: float | None) -> float | None:
    """A figure as JSON carries it; NaN and infinities (which JSON has no word for) as null."""
    return value if value is None or math.isfinite(value) else None


def as_data(result: StatsResult) -> dict[str, Any]:
    """The ``--format json`` contract, percentages 0..100, unrounded."""
    return {
        "attempts": result.attempts,
        "imported_attempts": result.imported,
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
                        "label_level": result.level(i.question_id)[0],
                        "calibrated_level": result.level(i.question_id)[1],
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
    "label_level",
    "calibrated_level",
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
                    *(_cell(value) for value in result.level(i.question_id)),
                    "; ".join(i.flags),
                ]
            )
    return out.getvalue()


def imported_note(result: StatsResult) -> str | None:
    """What to bear in mind of imported attempts, when there are any."""
    if not result.imported:
        return None
    return (
        f"Imported: {result.imported} of the {result.attempts} attempts were brought in from "
        "learners' reports (self-reported; a report can be edited)."
    )


def shown(value: float | None, digits: int = 1) -> str:
    """A figure as a table shows it: rounded, '-' when it cannot be computed."""
    return "-" if value is None or not math.isfinite(value) else f"{value:.{digits}f}"


def consistency_note(s: SkillStatistics) -> str:
    """Which attempts the coefficient of internal consistency was computed over."""
    if s.cic is None and s.group_attempts < 3:
        return (
            "CIC -: no three attempts were asked the same items (full-length attempts are; "
            "quick and standard ones draw items at random)"
        )
    if s.cic is None and s.group_items < 2:
        return f"CIC -: the {s.group_attempts} attempts asked the same items were asked one item"
    if s.cic is None:
        return (
            f"CIC -: the {s.group_attempts} attempts asked the same {s.group_items} items all "
            "scored the same"
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


def item_rows(
    s: SkillStatistics, levels: Mapping[str, ItemLevel] | None = None
) -> Sequence[tuple[str, ...]]:
    """Per item: id, type, n, the five figures, with ``levels``: the label and calibrated
    level, then the flags."""
    rows = []
    for i in s.items:
        level = None if levels is None else levels.get(i.question_id)
        placed = (
            ()
            if levels is None
            else (
                "-" if level is None else f"{level.label:.1f}",
                "-" if level is None or level.calibrated is None else f"{level.calibrated:.1f}",
            )
        )
        rows.append(
            (
                i.question_id,
                i.type,
                str(i.n),
                shown(i.facility),
                shown(i.sd),
                shown(i.random_guess),
                shown(i.discrimination),
                shown(i.efficiency),
                *placed,
                ", ".join(i.flags),
            )
        )
    return rows


def item_lines(s: SkillStatistics) -> list[str]:
    """The item figures as one sentence an item, for a terminal too narrow for the table."""
    return [
        f"{i.question_id} ({i.type}), n {i.n}: facility {shown(i.facility)}, SD {shown(i.sd)}, "
        f"guess {shown(i.random_guess)}, discrimination {shown(i.discrimination)}, "
        f"efficiency {shown(i.efficiency)}" + (f"; {', '.join(i.flags)}" if i.flags else "")
        for i in s.items
    ]


def _sums(joint: Mapping[tuple[float, float], int]) -> ItemSums:
    """ItemSums from the joint counts of (credit, rest): exact two-pass sums."""
    n = sum(joint.values())
    mean_x = math.fsum(x * count for (x, _), count in joint.items()) / n
    mean_r = math.fsum(r * count for (_, r), count in joint.items()) / n
    xs: dict[float, int] = {}
    rs: dict[float, int] = {}
    for (x, r), count in joint.items():
        xs[x] = xs.get(x, 0) + count
        rs[r] = rs.get(r, 0) + count
    return ItemSums(
        n=n,
        mean_x=mean_x,
        mean_rest=mean_r,
        ss_x=math.fsum(count * (x - mean_x) ** 2 for x, count in xs.items()),
        ss_rest=math.fsum(count * (r - mean_r) ** 2 for r, count in rs.items()),
        s_cross=math.fsum(count * (x - mean_x) * (r - mean_r) for (x, r), count in joint.items()),
        x_counts=sorted(xs.items()),
        rest_counts=sorted(rs.items()),
    )


def _group_credits(marks: list[str]) -> list[list[float]]:
    """The credits of attempts asked the same items, one row each, in item order."""
    return [[credit or 0.0 for _, credit in parse_marks(row)] for row in marks]


def compute_from_aggregates(
    data: ClassAggregates,
    items: Mapping[tuple[str, str], Item],
    skill_names: Mapping[str, str],
    skill: str | None = None,
) -> StatsResult:
    """Item and test figures for every skill the attempts asked (or only ``skill``), skills
    in the order of their names, from credits storage has added up."""
    order = sorted(
        (s for s in data.skills if skill is None or s == skill),
        key=lambda s: (skill_names.get(s, s).casefold(), s),
    )
    item_stats: dict[str, list[ItemStatistics]] = {}
    for question_id, skill_id in sorted(data.joint):
        item = items.get((question_id, skill_id))
        info = ItemInfo(
            question_id,
            "unknown" if item is None else item.type,
            None if item is None else random_guess(item),
        )
        item_stats.setdefault(skill_id, []).append(
            item_statistics_from_sums(info, _sums(data.joint[(question_id, skill_id)]))
        )
    skills: list[SkillStatistics] = []
    ratings: list[SelfRatingStatistics] = []
    for skill_id in order:
        rows = data.skills[skill_id]
        if rows.scores:
            # The largest group asked the same items; on a tie, more items, then by ids.
            key = min(rows.groups, key=lambda ids: (-len(rows.groups[ids]), -ids.count(","), ids))
            group = _group_credits(rows.groups[key])
            skills.append(
                assemble_skill(
                    skill_id,
                    skill_names.get(skill_id, skill_id),
                    item_stats.get(skill_id, []),
                    rows.scores,
                    cronbach_alpha(group),
                    len(group),
                    key.count(",") + 1,
                )
            )
        if any(rated is not None for rated, _ in rows.pairs):
            ratings.append(self_rating_statistics(skill_id, rows.pairs))
    return StatsResult(skills, ratings, data.attempts, data.imported)


def with_levels(result: StatsResult, levels: Mapping[str, ItemLevel]) -> StatsResult:
    """The statistics with each item's levels beside them, and the review flag added."""
    skills = []
    for skill in result.skills:
        items = []
        for item in skill.items:
            level = levels.get(item.question_id)
            flag = None if level is None else level.flag
            items.append(item if flag is None else item._replace(flags=(*item.flags, flag)))
        skills.append(skill._replace(items=tuple(items)))
    return result._replace(skills=skills, levels=dict(levels))

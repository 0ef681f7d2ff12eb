"""The report as CSV for spreadsheets: one row per skill, per response, or per role
requirement (with the O*NET credit the requirements' source asks for).

Numbers keep their full precision (a spreadsheet rounds for display); lists (and a match
item's prompt -> answer mapping) are written as JSON so a cell holding several texts can
be split without guessing. Text
that a spreadsheet would run as a formula (starting with =, +, -, @) gets a leading
apostrophe, since bank and name text is not under the reader's control.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Sequence

from quiz.report.model import Report
from scoring.models import Answer, SkillResult

SKILL_COLUMNS = (
    "skill",
    "name",
    "level",
    "level_sd",
    "interval_low",
    "interval_high",
    "band",
    "self_rated",
    "calibration",
    "calibration_note",
    "answered",
    "skipped",
)

# One row per skill a role needs: the role's own columns repeat on each of its rows.
ROLE_COLUMNS = (
    "role",
    "name",
    "onet_code",
    "open_now",
    "missing_years",
    "experience_years",
    "met",
    "borderline",
    "to_build",
    "p_meets_all",
    "not_measured",
    "skill",
    "required_level",
    "level",
    "p_meets",
    "status",
    "source",
)

RESPONSE_COLUMNS = (
    "question_id",
    "skill",
    "type",
    "text",
    "answer",
    "keyed",
    "credit",
    "explanation",
)

_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")

Cell = str | int | float | None


def render_csv(report: Report, *, per_item: bool = False, per_role: bool = False) -> str:
    if per_role:
        source = " ".join(report.sources) or None
        return write_csv(
            ROLE_COLUMNS,
            (
                [
                    role.role,
                    role.name,
                    role.onet_code,
                    "yes" if role.open_now else "no",
                    role.missing_years,
                    report.attempt.experience_years,
                    role.met,
                    role.borderline,
                    role.to_build,
                    role.p_meets_all,
                    json.dumps(role.not_measured, ensure_ascii=False),
                    gap.skill,
                    gap.required_level,
                    gap.level,
                    gap.p_meets,
                    gap.status,
                    source,
                ]
                for role in report.roles
                for gap in role.gaps
            ),
        )
    if per_item:
        return write_csv(
            RESPONSE_COLUMNS,
            (
                [
                    r.question_id,
                    r.skill,
                    r.type,
                    r.text,
                    _answer(r.answer),
                    _answer(r.keyed),
                    r.credit,
                    r.explanation,
                ]
                for r in report.responses
            ),
        )
    return write_csv(SKILL_COLUMNS, (_skill_row(skill) for skill in report.skills))


def _skill_row(skill: SkillResult) -> list[Cell]:
    low, high = skill.interval if skill.interval is not None else (None, None)
    return [
        skill.skill,
        skill.name,
        skill.level,
        skill.level_sd,
        low,
        high,
        skill.band,
        skill.self_rated,
        skill.calibration,
        skill.calibration_note,
        skill.answered,
        skill.skipped,
    ]


def write_csv(columns: Sequence[str], rows: Iterable[Sequence[Cell]]) -> str:
    """CSV text of these rows, every cell through ``_cell``: a text that a spreadsheet would
    run as a formula is written as text, so a name or bank string cannot become one."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(columns)
    for row in rows:
        writer.writerow([_cell(value) for value in row])
    return buffer.getvalue()


def _cell(value: Cell) -> str:
    if value is None:
        return ""
    if isinstance(value, str):
        return "'" + value if value.startswith(_FORMULA_STARTS) else value
    return repr(value) if isinstance(value, float) else str(value)


def _answer(value: Answer) -> Cell:
    if isinstance(value, (list, dict)):
        return json.dumps(value, ensure_ascii=False)
    return value

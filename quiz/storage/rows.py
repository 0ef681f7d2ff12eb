"""Stored rows read back: an attempt, a summary, a history line. A field that does not read
back as written marks its row damaged instead of failing the whole read."""

from __future__ import annotations

import json
import math
from collections.abc import Callable
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from quiz.storage.dialects import Unreadable
from quiz.storage.records import DAMAGED_TIME, HistoryRow, Summary

if TYPE_CHECKING:
    from quiz.storage.attempt_row import AttemptRow


class Damaged(ValueError):
    """A stored value that does not read back as what was written."""


def read_time(text: object) -> datetime | None:
    """A stored time as a moment. Every time skillquiz writes carries its zone; one without
    (kept by an older import) is read as UTC, so it compares with the others instead of
    breaking every report that sorts or filters by time."""
    if text is None or text == "":
        return None
    try:
        when = datetime.fromisoformat(str(text))
    except ValueError:
        raise Damaged(text) from None
    return when if when.tzinfo is not None else when.replace(tzinfo=UTC)


def read_skills(text: object) -> tuple[str, ...]:
    try:
        value = json.loads(str(text))
    except ValueError:
        raise Damaged(text) from None
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        raise Damaged(text)
    return tuple(value)


def read_or_flag(read: Callable[[object], Any], text: object, fallback: Any) -> tuple[Any, bool]:
    """The value ``read`` makes of ``text``, or ``fallback`` and True when it is damaged."""
    try:
        return read(text), False
    except Damaged:
        return fallback, True


def read_years(value: object) -> float | None:
    """Experience as stored: NULL, or a finite number of years from 0."""
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise Damaged(value)
    if not math.isfinite(value) or value < 0:
        raise Damaged(value)
    return float(value)


def read_source(value: object) -> str:
    """Where an attempt came from. Only "taken" reads as taken; anything else (a value
    edited by hand) reads as imported: only an attempt known to be taken here is trusted."""
    return "taken" if value == "taken" else "imported"


def read_number(value: object) -> float | None:
    return None if value is None else float(str(value))


def summary_of(row: tuple[Any, ...]) -> Summary | None:
    """The summary columns (rules_version, skills, top_role, top_role_name, top_fit)."""
    version, skills, top_role, top_name, top_fit = row
    if version is None:
        return None
    try:
        parsed = Summary.read_skills(skills)
    except (TypeError, ValueError):
        return None  # a damaged summary is one to recompute
    return Summary(
        rules_version=str(version),
        skills=parsed,
        top_role=top_role,
        top_role_name=top_name,
        top_p_meets_all=read_number(top_fit),
    )


def attempt_row(row: tuple[Any, ...]) -> AttemptRow:
    """One attempt as read; a field that cannot be read marks it damaged, not fatal."""
    from quiz.storage.attempt_row import AttemptRow  # on use: history reads none

    started, bad_start = read_or_flag(read_time, row[2], DAMAGED_TIME)
    finished, bad_finish = read_or_flag(read_time, row[3], DAMAGED_TIME)
    skills, bad_skills = read_or_flag(read_skills, row[6], ())
    experience, bad_experience = read_or_flag(read_years, row[10], None)
    try:
        seed, bad_seed = int(row[5]), False
    except (TypeError, ValueError):
        seed, bad_seed = 0, True
    return AttemptRow(
        id=int(row[0]),
        name=None if row[1] is None else str(row[1]),
        started_at=started or DAMAGED_TIME,
        finished_at=finished,
        length=str(row[4]),
        seed=seed,
        skills=skills,
        snapshot=str(row[7]),
        draw=None if row[8] is None else str(row[8]),
        questions=int(row[9]),
        experience_years=experience,
        answered=int(row[11]),
        source=read_source(row[12]),
        damaged=bad_start
        or bad_finish
        or bad_skills
        or bad_seed
        or bad_experience
        or started is None
        or any(isinstance(value, Unreadable) for value in row),
    )


def history_row(
    row: tuple[Any, ...], skill_lists: dict[object, tuple[tuple[str, ...], bool]]
) -> HistoryRow:
    """One line of history as read (see ``Reading.history`` for its columns); ``skill_lists``
    keeps the skill lists read so far, since a class's attempts name the same few."""
    started, bad_start = read_or_flag(read_time, row[2], DAMAGED_TIME)
    finished, bad_finish = read_or_flag(read_time, row[3], DAMAGED_TIME)
    listed = skill_lists.get(row[5])
    if listed is None:
        listed = read_or_flag(read_skills, row[5], ())
        if len(skill_lists) < 256 and type(row[5]) is str:
            skill_lists[row[5]] = listed
    experience, bad_experience = (
        (None, False) if row[7] is None else read_or_flag(read_years, row[7], None)
    )
    questions = int(row[6])
    name = row[1]
    return HistoryRow(
        id=int(row[0]),
        name=None if name is None else str(name),
        started_at=started or DAMAGED_TIME,
        finished_at=finished,
        length=str(row[4]),
        skills=listed[0],
        questions=questions,
        answered=questions if row[8] is None else int(row[8]),
        experience_years=experience,
        summary=summary_of(row[9:14]),
        source=read_source(row[14]),
        damaged=bad_start
        or bad_finish
        or listed[1]
        or bad_experience
        or started is None
        or type(name) is Unreadable
        or type(row[4]) is Unreadable,
    )

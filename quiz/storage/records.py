"""What history reads back: a line of history and an attempt's summary.

Named tuples, so reading the database needs neither pydantic nor scoring, and costs no
start: building a frozen dataclass costs about a millisecond, a named tuple a tenth of
that. The records other commands use are kept in modules of their own (``attempt_row``,
``new_attempt``, ``parameter_records``).
"""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Any, NamedTuple


def now() -> datetime:
    """The current time in UTC, to the second (stored as ISO 8601)."""
    return datetime.now(UTC).replace(microsecond=0)


DAMAGED_TIME = datetime.fromtimestamp(0, UTC)


class StoredSkillScore(NamedTuple):
    """One skill's result as kept for history and compare: its level on O*NET's 0-7 scale
    and the level's SD (None: not measured), and the mean self-rating (1-5).

    A named tuple, not a dataclass: history reads five of them an attempt, and a frozen
    dataclass takes several times as long to build."""

    skill: str
    name: str
    level: float | None
    level_sd: float | None
    self_rated: float | None


class Summary(NamedTuple):
    """A finished attempt's results in brief, and the scoring rules they were made with."""

    rules_version: str
    skills: tuple[StoredSkillScore, ...]
    top_role: str | None = None
    top_role_name: str | None = None
    # The top role's chance of meeting all its requirements (stored in column top_fit).
    top_p_meets_all: float | None = None

    def skills_json(self) -> str:
        return json.dumps(
            [[s.skill, s.name, s.level, s.level_sd, s.self_rated] for s in self.skills],
            separators=(",", ":"),
            ensure_ascii=False,
        )

    @staticmethod
    def read_skills(text: object) -> tuple[StoredSkillScore, ...]:
        """The per-skill part as stored; ValueError when it was damaged."""
        value: Any = json.loads(str(text))
        if not isinstance(value, list):
            raise ValueError(text)
        return tuple(map(StoredSkillScore._make, value))


class HistoryRow(NamedTuple):
    """One line of history: an attempt and its stored summary (None when there is none)."""

    id: int
    name: str | None
    started_at: datetime
    finished_at: datetime | None
    length: str
    skills: tuple[str, ...]
    questions: int
    answered: int
    experience_years: float | None
    summary: Summary | None
    damaged: bool = False
    source: str = "taken"  # as AttemptRow.source

    @property
    def finished(self) -> bool:
        return self.finished_at is not None

    @property
    def imported(self) -> bool:
        return self.source == "imported"

"""What storage hands back: attempts, summaries, history rows and graded answers.

Plain frozen dataclasses, so reading the database needs neither pydantic nor scoring.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, NamedTuple


def now() -> datetime:
    """The current time in UTC, to the second (stored as ISO 8601)."""
    return datetime.now(UTC).replace(microsecond=0)


DAMAGED_TIME = datetime.fromtimestamp(0, UTC)


@dataclass(frozen=True)
class AttemptRow:
    """One attempt as stored.

    ``snapshot`` is the digest of the shared bank snapshot it was drawn from and ``draw``
    the JSON of its draw (None for an attempt whose snapshot is the quiz as asked).
    """

    id: int
    name: str | None
    started_at: datetime
    finished_at: datetime | None
    length: str
    seed: int
    skills: tuple[str, ...]
    snapshot: str
    draw: str | None
    questions: int
    answered: int
    experience_years: float | None = None
    # True when a stored field could not be read (edited or corrupted by hand): the attempt
    # still lists, with what could be read, but cannot be scored.
    damaged: bool = False
    # "taken" here, or "imported" from a learner's report (self-reported, and editable).
    source: str = "taken"

    @property
    def finished(self) -> bool:
        return self.finished_at is not None

    @property
    def imported(self) -> bool:
        return self.source == "imported"


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


@dataclass(frozen=True)
class Summary:
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


@dataclass(frozen=True)
class StoredCredit:
    """One answer's grading: the question's skill and type, and the credit (None: skipped)."""

    skill: str
    type: str
    credit: float | None


@dataclass(frozen=True)
class HistoryRow:
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


@dataclass(frozen=True)
class NewAttempt:
    """Everything an attempt is stored with, for ``Store.import_attempt``: one made
    elsewhere (an exported report) or already complete."""

    name: str | None
    length: str
    seed: int
    skills: tuple[str, ...]
    snapshot: str
    draw: str | None
    questions: int
    started_at: datetime
    finished_at: datetime | None
    answers: dict[str, Any]
    answered_at: datetime | None = None
    experience_years: float | None = None
    graded: dict[str, StoredCredit] | None = None
    summary: Summary | None = None
    source: str = "taken"  # "imported" for an exported report brought in

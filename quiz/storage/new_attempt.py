"""What an attempt is written with: an answer's grading, and everything an attempt made
elsewhere (or already complete) is imported with."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from quiz.storage.records import Summary


@dataclass(frozen=True)
class StoredCredit:
    """One answer's grading: the question's skill and type, and the credit (None: skipped)."""

    skill: str
    type: str
    credit: float | None


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

"""What calibration reads and keeps: a stored parameter set, and one finished attempt's
credits (see ``calibrations``)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class StoredSet:
    """One stored set: its number, when it was made, from how many attempts and answers,
    the model its parameters are for, and the set itself (JSON; read it with
    scoring.parameter_sets.parse, which names any damage)."""

    id: int
    created_at: str
    attempts: int
    answers: int
    model: str
    body: str


@dataclass(frozen=True)
class FinishedCredits:
    """One finished attempt's demonstrated credits by question id (None: skipped), the
    snapshot it was drawn from and when it finished (as stored)."""

    attempt_id: int
    snapshot: str
    finished_at: str
    credits: dict[str, float | None]

"""One attempt as stored, as every command but ``history`` reads it (see ``records``)."""

from __future__ import annotations

from datetime import datetime
from typing import NamedTuple


class AttemptRow(NamedTuple):
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

"""Finished attempts recorded straight into the attempts database, for class-level tests."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime

from questions import BankSet
from quiz.attempts.session import Session
from quiz.storage import Store
from scoring.models import Answer


def record(
    store: Store,
    bank_set: BankSet,
    answers: Mapping[str, Answer],
    *,
    name: str | None = None,
    skills: Sequence[str] = ("beta",),
    length: str = "full",
    seed: int = 1,
    finished_at: datetime | None = None,
    experience_years: float | None = None,
) -> int:
    """One finished attempt at ``skills`` with these answers (a missing id is skipped)."""
    session = Session.start(
        store,
        bank_set,
        skills=skills,
        length=length,
        seed=seed,
        name=name,
        experience_years=experience_years,
    )
    session.answer_all(answers)
    store.finish(session.id, finished_at)
    return session.id

"""Attempts and answers, kept in SQLite (the default) or a shared PostgreSQL database.

A quiz can be cut short at any moment (Ctrl-C, a closed terminal, a killed process), so
each answer is written and committed before the next question is shown. The banks an
attempt was drawn from are stored once, by digest, and the attempt keeps only its draw, so
editing or deleting a bank later never changes a past result. Each finished attempt keeps
its answers' credits and a summary of its results, with the scoring rules' version, so
history and statistics never rescore; a summary made under other rules is recomputed on
demand (quiz.attempts.summaries), never shown.

May import ``scoring``, ``questions`` and the shared helpers (``quiz.errors``,
``quiz.safetext``); no other part of quiz, and never click.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from quiz.storage.calibrations import Calibrations
from quiz.storage.opening import DB_NAME, ENV_URL, Opening, default_home
from quiz.storage.reading import Reading
from quiz.storage.records import HistoryRow, StoredSkillScore, Summary, now
from quiz.storage.schema import SCHEMA_VERSION
from quiz.storage.writing import Writing

if TYPE_CHECKING:
    from quiz.storage.attempt_row import AttemptRow
    from quiz.storage.new_attempt import NewAttempt, StoredCredit
    from quiz.storage.parameter_records import FinishedCredits, StoredSet

# The records ``history`` never builds, imported when first asked for (``__getattr__``).
_ON_USE = {
    "AttemptRow": "quiz.storage.attempt_row",
    "FinishedCredits": "quiz.storage.parameter_records",
    "NewAttempt": "quiz.storage.new_attempt",
    "StoredCredit": "quiz.storage.new_attempt",
    "StoredSet": "quiz.storage.parameter_records",
}


def __getattr__(name: str) -> object:
    """A record type kept in a module of its own, imported the first time it is named."""
    module = _ON_USE.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    import importlib

    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


__all__ = [
    "DB_NAME",
    "ENV_URL",
    "SCHEMA_VERSION",
    "AttemptRow",
    "FinishedCredits",
    "HistoryRow",
    "NewAttempt",
    "Store",
    "StoredCredit",
    "StoredSet",
    "StoredSkillScore",
    "Summary",
    "default_home",
    "now",
]


class Store(Opening, Writing, Reading, Calibrations):
    """The attempts database. Open with ``Store.open()``; close (or use ``with``) when done.

    One class made of one part per job, each in its own module: the connection and its
    migrations (``connection``), opening (``opening``), writing (``writing``), reading
    (``reading``) and calibrated parameter sets (``calibrations``).
    """

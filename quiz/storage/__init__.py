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

from quiz.storage.calibrations import Calibrations, FinishedCredits, StoredSet
from quiz.storage.opening import DB_NAME, ENV_URL, Opening, default_home
from quiz.storage.reading import Reading
from quiz.storage.records import (
    AttemptRow,
    HistoryRow,
    NewAttempt,
    StoredCredit,
    StoredSkillScore,
    Summary,
    now,
)
from quiz.storage.schema import SCHEMA_VERSION
from quiz.storage.writing import Writing

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

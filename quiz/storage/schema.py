"""The attempts database's layout, version by version, and the steps between versions.

Each step runs inside the transaction that read the version (see ``Connection._migrate``
in quiz/storage/connection.py), on either engine: the DDL's ``{id}`` and ``{real}`` are
filled in by the dialect. Index i holds the step from version i to i + 1; append, never
edit, so every older database can be brought forward one step at a time.

Version 3 stores each bank snapshot once, keyed by the SHA-256 of its text, and an attempt
refers to it; an attempt made since keeps only its draw (which questions, options in which
order) beside the reference, and each finished attempt keeps its credits and a summary. An
older attempt kept its whole snapshot; moved into the
shared table it keeps exactly those bytes, with no draw, so nothing read from it changes.

Version 4 keeps a finished attempt's credits one row per skill (``graded_skills``) instead
of one per answer: class statistics over 100,000 attempts then read 500,000 short rows
rather than add up eight million, and an attempt takes less room.

Version 5 says where each attempt came from (``source``): ``taken`` here, or ``imported``
from a learner's exported report. A report is self-reported and can be edited, so class
statistics tell the two apart. Attempts imported before the column existed are found by
what import always stored: no draw, and every bank of the snapshot read from a report.
"""

from __future__ import annotations

import hashlib
import json
import math
from collections.abc import Callable, Iterable
from datetime import datetime

from quiz.storage.dialects import Database

# The tables this program owns; a database holding any of them without skillquiz's version
# is someone else's and is left alone.
TABLES = ("attempts", "answers", "snapshots", "summaries", "graded_skills")


def digest(text: str) -> str:
    """The key a snapshot is stored under: the SHA-256 of its text."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def count_questions(text: str) -> int:
    """How many questions a whole snapshot lists, read leniently (0 for a damaged one)."""
    try:
        questions = json.loads(text).get("questions", [])
    except (ValueError, AttributeError):
        return 0
    return len(questions) if isinstance(questions, list) else 0


def _to_1(db: Database) -> None:
    db.execute(
        db.ddl(
            """
            CREATE TABLE attempts (
                id {id},
                name TEXT,
                started_at TEXT NOT NULL,
                finished_at TEXT,
                length TEXT NOT NULL,
                seed BIGINT NOT NULL,
                skills TEXT NOT NULL,
                snapshot TEXT NOT NULL
            )
            """
        )
    )
    db.execute(
        """
        CREATE TABLE answers (
            attempt_id BIGINT NOT NULL REFERENCES attempts(id) ON DELETE CASCADE,
            question_id TEXT NOT NULL,
            answer TEXT NOT NULL,
            answered_at TEXT NOT NULL,
            PRIMARY KEY (attempt_id, question_id)
        )
        """
    )


def _to_2(db: Database) -> None:
    """Years of hands-on experience the person gave when starting (NULL: not said).

    Role advice depends on it (a role that needs years of work is not open to a
    beginner); attempts stored before it was asked read as not said."""
    db.execute(db.ddl("ALTER TABLE attempts ADD COLUMN experience_years {real}"))


def put_snapshot(db: Database, body: str) -> str:
    """Store a snapshot once; returns its key."""
    key = digest(body)
    db.execute(
        "INSERT INTO snapshots (digest, body) VALUES (?, ?) ON CONFLICT (digest) DO NOTHING",
        (key, body),
    )
    return key


def epoch(text: object) -> object:
    """An ISO 8601 time as whole seconds since 1970 (UTC); a value that does not read as
    one is kept as it was, for the attempt to read as damaged rather than be lost."""
    try:
        return int(datetime.fromisoformat(str(text)).timestamp())
    except ValueError:
        return text


def _answers_to_3(db: Database) -> None:
    """The answers table rebuilt for version 3."""
    # Answers are most of the database: one row each, keyed by (attempt, question) alone
    # (no rowid beside it in SQLite), the time as seconds since 1970 (UTC), and the
    # question's skill and type with the credit, written when the attempt is graded.
    db.execute(
        db.ddl(
            """
            CREATE TABLE answers_v3 (
                attempt_id BIGINT NOT NULL REFERENCES attempts(id) ON DELETE CASCADE,
                question_id TEXT NOT NULL,
                answer TEXT NOT NULL,
                answered_at BIGINT NOT NULL,
                skill TEXT,
                type TEXT,
                credit {real},
                PRIMARY KEY (attempt_id, question_id)
            ){without_rowid}
            """
        )
    )
    db.executemany(
        "INSERT INTO answers_v3 (attempt_id, question_id, answer, answered_at) VALUES (?, ?, ?, ?)",
        [
            (attempt_id, question_id, answer, epoch(answered_at))
            for attempt_id, question_id, answer, answered_at in db.rows(
                "SELECT attempt_id, question_id, answer, answered_at FROM answers"
            )
        ],
    )
    db.execute("DROP TABLE answers")
    db.execute("ALTER TABLE answers_v3 RENAME TO answers")


def _to_3(db: Database) -> None:
    db.execute("CREATE TABLE snapshots (digest TEXT PRIMARY KEY, body TEXT NOT NULL)")
    for statement in (
        "ALTER TABLE attempts ADD COLUMN snapshot_digest TEXT REFERENCES snapshots(digest)",
        # The questions drawn and the order their options were shown, as JSON; NULL when
        # the snapshot itself is the quiz as asked (older and imported attempts).
        "ALTER TABLE attempts ADD COLUMN draw TEXT",
        "ALTER TABLE attempts ADD COLUMN questions INTEGER NOT NULL DEFAULT 0",
    ):
        db.execute(db.ddl(statement))
    _answers_to_3(db)
    db.execute(
        db.ddl(
            """
            CREATE TABLE summaries (
                attempt_id BIGINT PRIMARY KEY REFERENCES attempts(id) ON DELETE CASCADE,
                rules_version TEXT NOT NULL,
                skills TEXT NOT NULL,
                top_role TEXT,
                top_role_name TEXT,
                top_fit {real}
            ){without_rowid}
            """
        )
    )
    # history reads newest first; compare and the reports look up a name's attempts.
    db.execute("CREATE INDEX attempts_by_start ON attempts (started_at, id)")
    db.execute("CREATE INDEX attempts_by_name ON attempts (name, started_at)")
    for attempt_id, text in db.rows("SELECT id, snapshot FROM attempts ORDER BY id"):
        body = str(text)
        db.execute(
            "UPDATE attempts SET snapshot_digest = ?, questions = ? WHERE id = ?",
            (put_snapshot(db, body), count_questions(body), attempt_id),
        )
    db.execute("ALTER TABLE attempts DROP COLUMN snapshot")


# One row per finished attempt and skill. ``marks`` lists the demonstrated items asked, in id
# order, each as ``id:credit`` (a skip earns 0); ``total`` is their credits added exactly
# (math.fsum), so statistics never parse a credit to find it; ``ratings`` lists the
# self-ratings the same way, a skipped one as ``id:`` (it says nothing). Question ids hold
# neither ``,`` nor ``:`` (questions.models.ItemId).
GRADED_SKILLS = """
    CREATE TABLE graded_skills (
        attempt_id BIGINT NOT NULL REFERENCES attempts(id) ON DELETE CASCADE,
        skill TEXT NOT NULL,
        marks TEXT NOT NULL,
        total {real} NOT NULL,
        ratings TEXT NOT NULL,
        PRIMARY KEY (attempt_id, skill)
    ){without_rowid}
"""


def credit_text(credit: float | None) -> str:
    """A credit as ``graded_skills`` keeps it: exact (``repr``), a whole number without its
    ``.0``, and a skip as nothing."""
    if credit is None:
        return ""
    return "0" if credit == 0 else "1" if credit == 1 else repr(float(credit))


def skill_rows(
    attempt_id: int, graded: Iterable[tuple[str, str, str, float | None]]
) -> list[tuple[int, str, str, float, str]]:
    """An attempt's ``graded_skills`` rows from its graded answers (question id, skill,
    type, credit), one per skill in id order."""
    shown: dict[str, list[tuple[str, float]]] = {}
    rated: dict[str, list[tuple[str, float | None]]] = {}
    for question_id, skill, kind, credit in graded:
        shown.setdefault(skill, [])
        rated.setdefault(skill, [])
        if kind == "likert":
            rated[skill].append((question_id, credit))
        else:
            shown[skill].append((question_id, credit or 0.0))
    return [
        (
            attempt_id,
            skill,
            ",".join(f"{q}:{credit_text(c)}" for q, c in sorted(shown[skill])),
            math.fsum(c for _, c in shown[skill]),
            ",".join(f"{q}:{credit_text(c)}" for q, c in sorted(rated[skill])),
        )
        for skill in sorted(shown)
    ]


def parse_marks(marks: str) -> list[tuple[str, float | None]]:
    """The (question id, credit) pairs of a ``marks`` or ``ratings`` list, in its order."""
    if not marks:
        return []
    pairs = []
    for mark in marks.split(","):
        question_id, _, credit = mark.partition(":")
        pairs.append((question_id, float(credit) if credit else None))
    return pairs


INSERT_SKILLS = (
    "INSERT INTO graded_skills (attempt_id, skill, marks, total, ratings) VALUES (?, ?, ?, ?, ?)"
)
_BATCH = 500  # attempts read into memory at once while moving credits


def _to_4(db: Database) -> None:
    db.execute(db.ddl(GRADED_SKILLS))
    graded = [
        int(row[0])
        for row in db.rows(
            "SELECT DISTINCT attempt_id FROM answers WHERE type IS NOT NULL ORDER BY attempt_id"
        )
    ]
    for first in range(0, len(graded), _BATCH):
        chunk = graded[first : first + _BATCH]
        rows = db.rows(
            "SELECT attempt_id, question_id, skill, type, credit FROM answers"
            " WHERE type IS NOT NULL AND attempt_id BETWEEN ? AND ?"
            " ORDER BY attempt_id, question_id",
            (chunk[0], chunk[-1]),
        )
        by_attempt: dict[int, list[tuple[str, str, str, float | None]]] = {}
        for attempt_id, question_id, skill, kind, credit in rows:
            by_attempt.setdefault(int(attempt_id), []).append(
                (str(question_id), str(skill), str(kind), None if credit is None else float(credit))
            )
        db.executemany(
            INSERT_SKILLS,
            [
                row
                for attempt_id, answers in by_attempt.items()
                for row in skill_rows(attempt_id, answers)
            ],
        )
    # The answers keep what was answered and when; the credits now live per skill.
    db.execute(
        db.ddl(
            """
            CREATE TABLE answers_v4 (
                attempt_id BIGINT NOT NULL REFERENCES attempts(id) ON DELETE CASCADE,
                question_id TEXT NOT NULL,
                answer TEXT NOT NULL,
                answered_at BIGINT NOT NULL,
                PRIMARY KEY (attempt_id, question_id)
            ){without_rowid}
            """
        )
    )
    db.execute(
        "INSERT INTO answers_v4 (attempt_id, question_id, answer, answered_at)"
        " SELECT attempt_id, question_id, answer, answered_at FROM answers"
    )
    db.execute("DROP TABLE answers")
    db.execute("ALTER TABLE answers_v4 RENAME TO answers")


# Where an attempt came from (attempts.source).
TAKEN = "taken"
IMPORTED = "imported"
SOURCES = (TAKEN, IMPORTED)
_IMPORTED_BANK = "imported report"  # the bank source quiz.classroom.importing records


def _from_a_report(body: str) -> bool:
    """Whether a snapshot is one import made: every bank read from a report."""
    try:
        banks = json.loads(body).get("banks")
    except (ValueError, AttributeError):
        return False
    return (
        isinstance(banks, list)
        and bool(banks)
        and all(isinstance(bank, dict) and bank.get("source") == _IMPORTED_BANK for bank in banks)
    )


def _to_5(db: Database) -> None:
    db.execute(f"ALTER TABLE attempts ADD COLUMN source TEXT NOT NULL DEFAULT '{TAKEN}'")
    for key, body in db.rows(
        "SELECT digest, body FROM snapshots WHERE digest IN"
        " (SELECT snapshot_digest FROM attempts WHERE draw IS NULL)"
    ):
        if _from_a_report(str(body)):
            db.execute(
                "UPDATE attempts SET source = ? WHERE snapshot_digest = ? AND draw IS NULL",
                (IMPORTED, key),
            )


MIGRATIONS: tuple[Callable[[Database], None], ...] = (_to_1, _to_2, _to_3, _to_4, _to_5)
SCHEMA_VERSION = len(MIGRATIONS)

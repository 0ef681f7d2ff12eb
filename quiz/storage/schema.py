"""The attempts database's layout, version by version, and the steps between versions.

Each step runs inside the transaction that read the version (see ``Store._prepare``), on
either engine: the DDL's ``{id}`` and ``{real}`` are filled in by the dialect. Index i holds
the step from version i to i + 1; append, never edit, so every older database can be
brought forward one step at a time.

Version 3 stores each bank snapshot once, keyed by the SHA-256 of its text, and an attempt
refers to it; an attempt made since keeps only its draw (which questions, options in which
order) beside the reference, and each finished attempt keeps its credits and a summary. An
older attempt kept its whole snapshot; moved into the
shared table it keeps exactly those bytes, with no draw, so nothing read from it changes.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable

from quiz.storage.dialects import Database

# The tables this program owns; a database holding any of them without skillquiz's version
# is someone else's and is left alone.
TABLES = ("attempts", "answers", "snapshots", "summaries")


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


def _to_3(db: Database) -> None:
    db.execute("CREATE TABLE snapshots (digest TEXT PRIMARY KEY, body TEXT NOT NULL)")
    for statement in (
        "ALTER TABLE attempts ADD COLUMN snapshot_digest TEXT REFERENCES snapshots(digest)",
        # The questions drawn and the order their options were shown, as JSON; NULL when
        # the snapshot itself is the quiz as asked (attempts from version 1).
        "ALTER TABLE attempts ADD COLUMN draw TEXT",
        "ALTER TABLE attempts ADD COLUMN questions INTEGER NOT NULL DEFAULT 0",
        # Written when the attempt is graded (at finish, or when its summary is recomputed).
        "ALTER TABLE answers ADD COLUMN skill TEXT",
        "ALTER TABLE answers ADD COLUMN type TEXT",
        "ALTER TABLE answers ADD COLUMN credit {real}",
    ):
        db.execute(db.ddl(statement))
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
            )
            """
        )
    )
    # history reads newest first; compare and the reports look up a name's attempts.
    db.execute("CREATE INDEX attempts_by_start ON attempts (started_at, id)")
    db.execute("CREATE INDEX attempts_by_name ON attempts (name, started_at)")
    rows = db.rows("SELECT id, snapshot FROM attempts ORDER BY id")
    for attempt_id, text in rows:
        body = str(text)
        key = digest(body)
        db.execute(
            "INSERT INTO snapshots (digest, body) VALUES (?, ?) ON CONFLICT (digest) DO NOTHING",
            (key, body),
        )
        db.execute(
            "UPDATE attempts SET snapshot_digest = ?, questions = ? WHERE id = ?",
            (key, count_questions(body), attempt_id),
        )
    db.execute("ALTER TABLE attempts DROP COLUMN snapshot")


MIGRATIONS: tuple[Callable[[Database], None], ...] = (_to_1, _to_2, _to_3)
SCHEMA_VERSION = len(MIGRATIONS)

"""Where each attempt came from: taken on this database, or imported from a learner's
exported report (self-reported, and editable). Kept in ``attempts.source``; attempts
imported before the column existed are found when the database is brought forward."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

from quiz.storage import NewAttempt, Store
from quiz.storage.dialects import Database
from quiz.storage.schema import MIGRATIONS

T0 = datetime(2026, 3, 1, 9, 0, tzinfo=UTC)
SKILL = {"id": "alpha", "name": "Alpha", "description": ""}


def _body(source: str) -> str:
    return json.dumps({"banks": [{"skill": SKILL, "digest": "d1", "source": source}]})


def _bare(database_url: str) -> Database:
    """A connection below the Store (no migration)."""
    if "://" not in database_url:
        from quiz.storage.dialects import SQLite

        return SQLite.connect(Path(database_url))
    import psycopg

    from quiz.storage.dialects import PostgreSQL

    return PostgreSQL(psycopg.connect(database_url, autocommit=True), database_url)


def test_attempts_imported_before_the_column_existed_are_found(database_url: str) -> None:
    db = _bare(database_url)
    for step in MIGRATIONS[:4]:
        step(db)
    db.set_version(4)
    snapshots = {
        "imported": _body("imported report"),
        "file": _body("/home/ada/banks/alpha.yaml"),
        "damaged": "{not json",
    }
    for key, body in snapshots.items():
        db.execute("INSERT INTO snapshots (digest, body) VALUES (?, ?)", (key, body))
    # (id, snapshot, draw): import stored no draw; a quiz taken here stores its draw; an
    # attempt of schema 1 kept its own snapshot (bank files), without a draw either.
    rows = [
        (1, "imported", None),
        (2, "file", '{"q": []}'),
        (3, "file", None),
        (4, "imported", '{"q": []}'),
        (5, "damaged", None),
    ]
    for attempt_id, key, draw in rows:
        db.execute(
            "INSERT INTO attempts (id, name, started_at, finished_at, length, seed, skills,"
            " snapshot_digest, draw, questions) VALUES (?, 'Ada', ?, ?, 'quick', 1,"
            " '[\"alpha\"]', ?, ?, 1)",
            (attempt_id, T0.isoformat(), (T0 + timedelta(minutes=5)).isoformat(), key, draw),
        )
    db.close()
    with Store.open(url=database_url) as store:
        assert [(a.id, a.source) for a in reversed(store.attempts())] == [
            (1, "imported"),
            (2, "taken"),
            (3, "taken"),
            (4, "taken"),
            (5, "taken"),
        ]
        assert [(row.id, row.source) for row in store.history()] == [
            (5, "taken"),
            (4, "taken"),
            (3, "taken"),
            (2, "taken"),
            (1, "imported"),
        ]


def test_an_attempt_says_whether_it_was_taken_or_imported(database_url: str) -> None:
    with Store.open(url=database_url) as store:
        taken = store.create_attempt(
            name="Sam", length="quick", seed=1, skills=["alpha"], snapshot=_body("x")
        )
        imported = store.import_attempt(
            NewAttempt(
                name="Ada",
                length="quick",
                seed=1,
                skills=("alpha",),
                snapshot=_body("imported report"),
                draw=None,
                questions=0,
                started_at=T0,
                finished_at=T0,
                answers={},
                source="imported",
            )
        )
        sources = {a.id: (a.source, a.imported) for a in store.attempts()}
        assert sources == {taken: ("taken", False), imported: ("imported", True)}


def test_a_source_edited_by_hand_is_not_trusted_as_taken(database_url: str) -> None:
    with Store.open(url=database_url) as store:
        attempt_id = store.create_attempt(
            name="Sam", length="quick", seed=1, skills=["alpha"], snapshot=_body("x")
        )
        with store.batch() as batch:
            batch._db.execute("UPDATE attempts SET source = 'TAKEN!' WHERE id = ?", (attempt_id,))
        row = store.attempt(attempt_id)
        assert row is not None and (row.source, row.damaged) == ("imported", False)

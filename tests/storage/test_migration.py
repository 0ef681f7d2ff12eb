"""Migrating a database written by skillquiz 0.1.0 (schema 1, tests/fixtures/schema1.sqlite3,
made through its command line) to the current layout: nothing in it may be lost."""

from __future__ import annotations

import json
import shutil
import sqlite3
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from questions.record_schema import validate_json
from quiz.attempts.snapshot import Snapshot, load_snapshot
from quiz.cli.main import cli
from quiz.errors import RuntimeFailure
from quiz.report.build import build_report
from quiz.storage import DB_NAME, SCHEMA_VERSION, Store
from quiz.storage.dialects import Database
from quiz.storage.schema import MIGRATIONS
from scoring.rules_version import RULES_VERSION

FIXTURE = Path(__file__).parent.parent / "fixtures" / "schema1.sqlite3"


def _schema1_rows() -> tuple[list[tuple[Any, ...]], list[tuple[Any, ...]]]:
    conn = sqlite3.connect(FIXTURE)
    attempts = conn.execute("SELECT * FROM attempts ORDER BY id").fetchall()
    answers = conn.execute("SELECT * FROM answers ORDER BY attempt_id, question_id").fetchall()
    conn.close()
    return attempts, answers


def _schema1_database(database_url: str) -> None:
    """The fixture's rows in a schema 1 database on the test's engine."""
    if "://" not in database_url:
        shutil.copyfile(FIXTURE, database_url)
        return
    import psycopg

    from quiz.storage.dialects import PostgreSQL

    db = PostgreSQL(psycopg.connect(database_url, autocommit=True), database_url)
    _build_schema1(db)
    db.close()


def _build_schema1(db: Database) -> None:
    attempts, answers = _schema1_rows()
    MIGRATIONS[0](db)
    db.set_version(1)
    db.executemany(
        "INSERT INTO attempts (id, name, started_at, finished_at, length, seed, skills,"
        " snapshot) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        attempts,
    )
    db.executemany("INSERT INTO answers VALUES (?, ?, ?, ?)", answers)
    # Ids continue after the largest ever given, as SQLite's AUTOINCREMENT does.
    db.execute("SELECT setval(pg_get_serial_sequence('attempts', 'id'), 8)")


def test_the_fixture_is_what_the_old_release_wrote() -> None:
    conn = sqlite3.connect(FIXTURE)
    assert conn.execute("PRAGMA user_version").fetchone() == (1,)
    rows = conn.execute("SELECT id, name, length, finished_at IS NOT NULL FROM attempts").fetchall()
    conn.close()
    assert rows == [
        (1, "Ana Lima", "quick", 1),
        (2, "Ana Lima", "standard", 1),
        (3, None, "quick", 1),
        (5, "Zoë Ørsted", "full", 1),
        (6, "Ben Okafor", "quick", 0),
        (7, "Ana Lima", "quick", 1),
        (8, None, "standard", 0),
    ]


def test_migration_keeps_every_attempt_answer_and_snapshot(database_url: str) -> None:
    _schema1_database(database_url)
    attempts, answers = _schema1_rows()
    with Store.open(url=database_url) as store:
        assert store.schema_version == SCHEMA_VERSION
        for old_id, name, started, finished, length, seed, skills, snapshot in attempts:
            row = store.attempt(old_id)
            assert row is not None
            assert (
                row.name,
                row.started_at,
                row.finished_at,
                row.length,
                row.seed,
                list(row.skills),
            ) == (
                name,
                datetime.fromisoformat(started),
                None if finished is None else datetime.fromisoformat(finished),
                length,
                seed,
                json.loads(skills),
            )
            assert store.snapshot(row.snapshot) == snapshot
            assert load_snapshot(store, row) == validate_json(Snapshot, snapshot)
            assert row.questions == len(json.loads(snapshot)["questions"])
            assert not row.damaged and row.experience_years is None
        for attempt_id in {answer[0] for answer in answers}:
            kept = {a[1]: json.loads(a[2]) for a in answers if a[0] == attempt_id}
            stamps = {a[1]: datetime.fromisoformat(a[3]) for a in answers if a[0] == attempt_id}
            assert store.answers(attempt_id) == kept
            assert store.answered_at(attempt_id) == stamps
        assert store.attempt(4) is None
        assert [row.id for row in store.attempts()] == [8, 7, 6, 5, 3, 2, 1]
        # A new attempt never takes the id of the deleted one.
        new = store.create_attempt(
            name="New", length="quick", seed=1, skills=["a"], snapshot="{}", draw="q"
        )
        assert new == 9


def test_migrated_attempts_are_graded_when_first_listed(database_url: str) -> None:
    _schema1_database(database_url)
    with Store.open(url=database_url) as store:
        assert store.ungraded(RULES_VERSION) == [1, 2, 3, 5, 7]
        expected = {n: build_report(store, n) for n in (1, 2, 3, 5, 7)}
    result = CliRunner(env={"COLUMNS": "200"}).invoke(
        cli, ["history", "--format", "json", "--database", database_url]
    )
    assert result.exit_code == 0, result.output
    rows = {row["id"]: row for row in json.loads(result.output)}
    assert sorted(rows) == [1, 2, 3, 5, 6, 7, 8]
    for attempt_id, report in expected.items():
        levels = rows[attempt_id]["levels"]
        assert [(s["skill"], s["level"], s["level_sd"]) for s in levels] == [
            (s.skill, s.level, s.level_sd) for s in report.skills
        ]
        assert rows[attempt_id]["top_role"]["name"] == report.roles[0].name
    assert rows[6]["levels"] is None and rows[6]["status"] == "in progress"
    with Store.open(url=database_url) as store:
        assert store.ungraded(RULES_VERSION) == []
        assert store.graded(2) == {
            r.question_id: 0.0 if r.credit is None and r.type != "likert" else r.credit
            for r in expected[2].responses
        }


def test_a_migration_that_fails_leaves_the_old_database_as_it_was(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / DB_NAME
    shutil.copyfile(FIXTURE, path)
    before = path.read_bytes()

    def broken(db: Database) -> None:
        MIGRATIONS[2](db)
        raise RuntimeFailure("stopped half way")

    monkeypatch.setattr("quiz.storage.connection.MIGRATIONS", (*MIGRATIONS[:2], broken))
    with pytest.raises(RuntimeFailure, match="stopped half way"):
        Store.open(tmp_path)
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA user_version").fetchone() == (1,)
    assert "snapshot" in [c[1] for c in conn.execute("PRAGMA table_info(attempts)")]
    conn.close()
    monkeypatch.undo()
    with Store.open(tmp_path) as store:
        assert store.schema_version == SCHEMA_VERSION
    assert path.read_bytes() != before


def test_reading_an_old_database_brings_it_forward_first(tmp_path: Path) -> None:
    shutil.copyfile(FIXTURE, tmp_path / DB_NAME)
    with Store.open(tmp_path, readonly=True) as store:
        assert store.schema_version == SCHEMA_VERSION
        assert len(store.attempts()) == 7


def test_reading_an_old_database_that_cannot_be_written_says_so(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    shutil.copyfile(FIXTURE, tmp_path / DB_NAME)

    def refuse(path: Path) -> Store:
        raise RuntimeFailure(f"cannot use the attempts database {path}: readonly database")

    monkeypatch.setattr(Store, "_open_sqlite", staticmethod(refuse))
    with pytest.raises(RuntimeFailure) as caught:
        Store.open(tmp_path, readonly=True)
    message = caught.value.message
    assert message.startswith(f"the attempts database {tmp_path / DB_NAME} has an older layout")
    assert "skillquiz take" in message and "\n" not in message


def _open_database(database_url: str) -> Database:
    """A bare connection to the test's database, below the Store (no migration)."""
    if "://" not in database_url:
        from quiz.storage.dialects import SQLite

        return SQLite.connect(Path(database_url))
    import psycopg

    from quiz.storage.dialects import PostgreSQL

    return PostgreSQL(psycopg.connect(database_url, autocommit=True), database_url)


def test_credits_kept_per_answer_move_to_one_row_per_skill(database_url: str) -> None:
    """Schema 3 kept each answer's skill, type and credit beside it; schema 4 keeps them
    per attempt and skill. Every credit arrives, the answers themselves are untouched."""
    db = _open_database(database_url)
    for step in MIGRATIONS[:3]:
        step(db)
    db.set_version(3)
    db.execute("INSERT INTO snapshots (digest, body) VALUES ('d', '{}')")
    for attempt_id, finished in ((1, "2026-05-01T10:00:00+00:00"), (2, None)):
        db.execute(
            "INSERT INTO attempts (id, name, started_at, finished_at, length, seed, skills,"
            " snapshot_digest, questions) VALUES (?, 'Ada', '2026-05-01T09:00:00+00:00', ?,"
            " 'quick', 1, '[\"alpha\", \"beta\"]', 'd', 5)",
            (attempt_id, finished),
        )
    graded = [
        (1, "a-2", '"B"', 100, "alpha", "choice", 1.0),
        (1, "a-1", '["x", "y"]', 101, "alpha", "multi", 1 / 3),
        (1, "a-self", "4", 102, "alpha", "likert", 0.75),
        (1, "a-3", "null", 106, "alpha", "choice", None),  # skipped: earns 0
        (1, "b-1", "null", 103, "beta", "numeric", None),
        (1, "b-self", "null", 104, "beta", "likert", None),
        (2, "a-1", '["x"]', 105, None, None, None),
    ]
    db.executemany(
        "INSERT INTO answers (attempt_id, question_id, answer, answered_at, skill, type,"
        " credit) VALUES (?, ?, ?, ?, ?, ?, ?)",
        graded,
    )
    db.close()
    with Store.open(url=database_url) as store:
        assert store.schema_version == SCHEMA_VERSION
        assert store._rows(
            "SELECT attempt_id, skill, marks, total, ratings"
            " FROM graded_skills ORDER BY attempt_id, skill"
        ) == [
            (1, "alpha", "a-1:0.3333333333333333,a-2:1,a-3:0", 4 / 3, "a-self:0.75"),
            (1, "beta", "b-1:0", 0.0, "b-self:"),
        ]
        assert store._rows("SELECT * FROM answers ORDER BY attempt_id, question_id") == sorted(
            row[:4] for row in graded
        )
        assert store.graded(1) == {
            "a-1": 1 / 3,
            "a-2": 1.0,
            "a-3": 0.0,
            "a-self": 0.75,
            "b-1": 0.0,
            "b-self": None,
        }
        assert store.graded(2) == {}


def test_credits_of_many_attempts_move_in_batches_across_gaps_in_ids(
    database_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("quiz.storage.schema._BATCH", 2)
    db = _open_database(database_url)
    for step in MIGRATIONS[:3]:
        step(db)
    db.set_version(3)
    db.execute("INSERT INTO snapshots (digest, body) VALUES ('d', '{}')")
    graded_ids = (1, 4, 5, 9, 10, 17)
    for attempt_id in (*graded_ids, 6, 12):  # 6 and 12 unfinished, never graded
        finished = None if attempt_id in (6, 12) else "2026-05-01T10:00:00+00:00"
        db.execute(
            "INSERT INTO attempts (id, name, started_at, finished_at, length, seed, skills,"
            " snapshot_digest, questions) VALUES (?, 'Ada', '2026-05-01T09:00:00+00:00', ?,"
            " 'quick', 1, '[\"alpha\"]', 'd', 2)",
            (attempt_id, finished),
        )
        graded = attempt_id in graded_ids
        db.executemany(
            "INSERT INTO answers (attempt_id, question_id, answer, answered_at, skill, type,"
            " credit) VALUES (?, ?, '1', 100, ?, ?, ?)",
            [
                (
                    attempt_id,
                    "a-1",
                    "alpha" if graded else None,
                    "choice" if graded else None,
                    attempt_id / 20 if graded else None,
                ),
                (
                    attempt_id,
                    "a-self",
                    "alpha" if graded else None,
                    "likert" if graded else None,
                    0.5 if graded else None,
                ),
            ],
        )
    db.close()
    with Store.open(url=database_url) as store:
        assert store._rows("SELECT attempt_id, marks FROM graded_skills ORDER BY attempt_id") == [
            (attempt_id, f"a-1:{attempt_id / 20!r}") for attempt_id in graded_ids
        ]
        assert store._rows("SELECT COUNT(*) FROM answers") == [(16,)]


def test_an_old_snapshot_that_cannot_be_read_counts_no_questions(database_url: str) -> None:
    """An attempt kept whole before schema 3 gets its number of questions from its snapshot;
    a snapshot that is not JSON, or lists no questions, counts none (history shows 0)."""
    db = _open_database(database_url)
    for step in MIGRATIONS[:2]:
        step(db)
    db.set_version(2)
    snapshots = ["not json", '{"questions": "damaged"}', '{"banks": []}', '{"questions": [1, 2]}']
    db.executemany(
        "INSERT INTO attempts (id, name, started_at, length, seed, skills, snapshot)"
        " VALUES (?, 'Ada', '2026-05-01T09:00:00+00:00', 'quick', 1, '[\"alpha\"]', ?)",
        list(enumerate(snapshots, start=1)),
    )
    db.close()
    with Store.open(url=database_url) as store:
        assert [(row.id, row.questions) for row in store.attempts()] == [
            (4, 2),
            (3, 0),
            (2, 0),
            (1, 0),
        ]

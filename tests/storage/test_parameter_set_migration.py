"""Version 6 brings a database forward with a place for calibrated parameter sets: the
attempts already there are scored with their items' labels (no set), and the first set
stored is number 1, on SQLite and PostgreSQL alike."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from test_source import _bare

from quiz.storage import SCHEMA_VERSION, Store
from quiz.storage.schema import MIGRATIONS

T0 = datetime(2026, 3, 1, 9, 0, tzinfo=UTC)


def test_attempts_from_before_parameter_sets_use_the_labels(database_url: str) -> None:
    db = _bare(database_url)
    for step in MIGRATIONS[:5]:
        step(db)
    db.set_version(5)
    db.execute("INSERT INTO snapshots (digest, body) VALUES ('d1', '{\"banks\": []}')")
    db.execute(
        "INSERT INTO attempts (id, name, started_at, finished_at, length, seed, skills,"
        " snapshot_digest, draw, questions) VALUES (1, 'Ada', ?, ?, 'quick', 1,"
        " '[\"alpha\"]', 'd1', NULL, 1)",
        (T0.isoformat(), (T0 + timedelta(minutes=5)).isoformat()),
    )
    db.close()
    with Store.open(url=database_url) as store:
        assert SCHEMA_VERSION == 6 and store.schema_version == 6
        assert store.attempt_parameter_set(1) is None
        assert store.newest_parameter_set() is None
        first = store.save_parameter_set(
            '{"schema": 1}', created_at=T0, attempts=1, answers=3, model="gpcm"
        )
        store.use_parameter_set(1, first)
        assert (first, store.attempt_parameter_set(1)) == (1, 1)
        newest = store.newest_parameter_set()
        assert newest is not None
        assert (newest.id, newest.created_at, newest.attempts, newest.answers) == (
            1,
            T0.isoformat(),
            1,
            3,
        )

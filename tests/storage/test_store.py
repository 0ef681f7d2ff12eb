"""The attempts database: answers survive at once, schema versioning, and clear failures."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

import pytest

from quiz.errors import RuntimeFailure
from quiz.storage import DB_NAME, SCHEMA_VERSION, Store


def _attempt(store: Store, name: str | None = "Sam") -> int:
    return store.create_attempt(
        name=name,
        length="quick",
        seed=7,
        skills=["alpha"],
        snapshot='{"banks": [], "questions": []}',
    )


def test_home_defaults_to_the_environment_variable(skillquiz_home: Path) -> None:
    with Store.open() as store:
        assert store.path == skillquiz_home / DB_NAME
    assert (skillquiz_home / DB_NAME).exists()


def test_an_answer_is_visible_to_another_connection_at_once(tmp_path: Path) -> None:
    with Store.open(tmp_path) as store:
        attempt_id = _attempt(store)
        store.record_answer(attempt_id, "q1", ["Waiting", "Overproduction"])
        store.record_answer(attempt_id, "q2", None)
        # A second connection sees the rows without the first closing: they were committed.
        with Store.open(tmp_path) as other:
            assert other.answers(attempt_id) == {"q1": ["Waiting", "Overproduction"], "q2": None}


def test_answering_again_replaces_the_answer(tmp_path: Path) -> None:
    with Store.open(tmp_path) as store:
        attempt_id = _attempt(store)
        store.record_answer(attempt_id, "q1", 2)
        store.record_answer(attempt_id, "q1", 4.5)
        assert store.answers(attempt_id) == {"q1": 4.5}


def test_attempt_rows_keep_what_was_started(tmp_path: Path) -> None:
    with Store.open(tmp_path) as store:
        first = _attempt(store, name=None)
        second = _attempt(store)
        store.record_answer(second, "q1", 3)
        row = store.attempt(second)
        assert row is not None
        assert (row.name, row.length, row.seed, row.skills, row.answered) == (
            "Sam",
            "quick",
            7,
            ("alpha",),
            1,
        )
        assert not row.finished
        assert store.latest(finished=True) is None
        assert store.latest(finished=False).id == second  # type: ignore[union-attr]
        store.finish(first)
        assert store.latest(finished=True).id == first  # type: ignore[union-attr]
        assert [row.id for row in store.attempts()] == [second, first]


def test_delete_removes_the_attempt_and_its_answers(tmp_path: Path) -> None:
    with Store.open(tmp_path) as store:
        attempt_id = _attempt(store)
        store.record_answer(attempt_id, "q1", 3)
        assert store.delete(attempt_id)
        assert store.attempt(attempt_id) is None
        assert store.answers(attempt_id) == {}
        assert not store.delete(attempt_id)
    conn = sqlite3.connect(tmp_path / DB_NAME)
    assert conn.execute("SELECT COUNT(*) FROM answers").fetchone() == (0,)
    conn.close()


def test_a_new_database_carries_the_schema_version(tmp_path: Path) -> None:
    with Store.open(tmp_path) as store:
        assert store.schema_version == SCHEMA_VERSION >= 1


def test_an_empty_version_zero_database_is_migrated_forward(tmp_path: Path) -> None:
    sqlite3.connect(tmp_path / DB_NAME).close()
    with Store.open(tmp_path) as store:
        assert store.schema_version == SCHEMA_VERSION
        _attempt(store)


def test_a_database_from_a_newer_version_is_refused_in_one_line(tmp_path: Path) -> None:
    conn = sqlite3.connect(tmp_path / DB_NAME)
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    conn.close()
    with pytest.raises(RuntimeFailure, match="newer skillquiz") as caught:
        Store.open(tmp_path)
    assert "\n" not in caught.value.message


def test_a_file_that_is_not_a_database_is_a_one_line_failure(tmp_path: Path) -> None:
    (tmp_path / DB_NAME).write_bytes(b"this is not sqlite at all" * 100)
    with pytest.raises(RuntimeFailure, match="cannot use the attempts database"):
        Store.open(tmp_path)


def test_a_home_that_cannot_be_created_is_a_one_line_failure(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x")
    with pytest.raises(RuntimeFailure, match="cannot open the attempts database"):
        Store.open(blocker / "home")


def test_a_damaged_row_reads_as_damaged_and_others_read_fine(tmp_path: Path) -> None:
    with Store.open(tmp_path) as store:
        good = _attempt(store, name="Good")
        bad = _attempt(store, name="Bad")
        store.record_answer(bad, "q1", 3)
    conn = sqlite3.connect(tmp_path / DB_NAME)
    conn.execute("UPDATE attempts SET skills = '{oops', started_at = 'soon' WHERE id = ?", (bad,))
    conn.execute("UPDATE answers SET answer = '' WHERE attempt_id = ?", (bad,))
    conn.commit()
    conn.close()
    with Store.open(tmp_path) as store:
        rows = {row.id: row for row in store.attempts()}
        assert rows[bad].damaged and rows[bad].name == "Bad" and rows[bad].skills == ()
        assert not rows[good].damaged and rows[good].skills == ("alpha",)
        with pytest.raises(RuntimeFailure, match=f"attempt {bad} cannot be read"):
            store.answers(bad)


def test_an_id_beyond_sqlite_integers_is_no_attempt(tmp_path: Path) -> None:
    with Store.open(tmp_path) as store:
        _attempt(store)
        assert store.attempt(10**22) is None
        assert store.attempt(-(10**22)) is None
        assert not store.delete(10**22)


def test_a_readonly_store_reads_and_refuses_writes(tmp_path: Path) -> None:
    with Store.open(tmp_path) as store:
        attempt_id = _attempt(store)
        store.record_answer(attempt_id, "q1", 3)
    with Store.open(tmp_path, readonly=True) as store:
        assert store.answers(attempt_id) == {"q1": 3}
        assert [row.id for row in store.attempts()] == [attempt_id]
        with pytest.raises(RuntimeFailure, match="cannot use the attempts database") as caught:
            store.record_answer(attempt_id, "q2", 4)
        assert "move the file away" not in caught.value.message
    with Store.open(tmp_path) as store:
        assert store.answers(attempt_id) == {"q1": 3}


def test_readonly_creates_nothing_where_there_is_no_database(tmp_path: Path) -> None:
    home = tmp_path / "home"
    with Store.open(home, readonly=True) as store:
        assert store.attempts() == []
        assert store.latest(finished=True) is None
    assert not home.exists()


def test_readonly_leaves_the_database_file_as_it_was(tmp_path: Path) -> None:
    """No WAL switch and no migration: the file's bytes do not change by reading it."""
    with Store.open(tmp_path) as store:
        attempt_id = _attempt(store)
    conn = sqlite3.connect(tmp_path / DB_NAME)
    conn.execute("PRAGMA journal_mode = DELETE")
    conn.close()
    before = (tmp_path / DB_NAME).read_bytes()
    with Store.open(tmp_path, readonly=True) as store:
        assert store.attempt(attempt_id) is not None
    assert (tmp_path / DB_NAME).read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == [DB_NAME]


@pytest.mark.parametrize("readonly", [False, True])
def test_only_a_broken_file_is_advised_to_be_moved_away(tmp_path: Path, readonly: bool) -> None:
    (tmp_path / DB_NAME).write_bytes(b"this is not sqlite at all" * 100)
    with pytest.raises(RuntimeFailure, match="move the file away"):
        Store.open(tmp_path, readonly=readonly)


def test_an_io_error_does_not_advise_throwing_data_away(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with Store.open(tmp_path) as store:
        _attempt(store)

    class Failing(sqlite3.Connection):
        def execute(self, *args: Any, **kwargs: Any) -> sqlite3.Cursor:
            raise sqlite3.OperationalError("disk I/O error")

    connect = sqlite3.connect

    def failing(*args: Any, **kwargs: Any) -> sqlite3.Connection:
        return connect(*args, **kwargs, factory=Failing)

    monkeypatch.setattr(sqlite3, "connect", failing)
    for readonly in (False, True):
        with pytest.raises(RuntimeFailure, match="disk I/O error") as caught:
            Store.open(tmp_path, readonly=readonly)
        assert "move the file away" not in caught.value.message


_READS = {
    "answers": lambda store: store.answers(1),
    "attempt": lambda store: store.attempt(1),
    "attempts": lambda store: store.attempts(),
    "latest": lambda store: store.latest(finished=True),
}


@pytest.mark.parametrize("readonly", [False, True])
@pytest.mark.parametrize("read", sorted(_READS))
def test_a_missing_table_is_a_one_line_failure_on_every_read(
    tmp_path: Path, read: str, readonly: bool
) -> None:
    with Store.open(tmp_path) as store:
        _attempt(store)
    conn = sqlite3.connect(tmp_path / DB_NAME)
    conn.execute("DROP TABLE answers")
    conn.commit()
    conn.close()
    with (
        Store.open(tmp_path, readonly=readonly) as store,
        pytest.raises(RuntimeFailure, match="no such table: answers") as caught,
    ):
        _READS[read](store)
    assert caught.value.message.startswith("cannot use the attempts database")
    assert "move the file away" not in caught.value.message


def test_a_malformed_page_is_a_one_line_failure_that_advises_moving_it(tmp_path: Path) -> None:
    with Store.open(tmp_path) as store:
        for _ in range(50):
            _attempt(store, name="x" * 500)
    conn = sqlite3.connect(tmp_path / DB_NAME)
    conn.execute("PRAGMA journal_mode = DELETE")
    page_size = conn.execute("PRAGMA page_size").fetchone()[0]
    conn.close()
    data = bytearray((tmp_path / DB_NAME).read_bytes())
    assert len(data) > 4 * page_size
    # Every page after the first (the schema) is overwritten, tables and their rows alike.
    data[page_size:] = b"\xff" * (len(data) - page_size)
    (tmp_path / DB_NAME).write_bytes(bytes(data))
    with (
        Store.open(tmp_path, readonly=True) as store,
        pytest.raises(RuntimeFailure, match="malformed") as caught,
    ):
        store.attempts()
    assert "move the file away" in caught.value.message


def test_opening_the_store_does_not_load_scoring() -> None:
    """history on an empty home reads the database only: scoring's catalog, YAML and
    pydantic would more than treble its start-up."""
    import subprocess
    import sys

    code = (
        "import sys, quiz.storage; print(sorted(m for m in sys.modules if m.startswith('scoring')))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60
    )
    assert result.stdout.strip() == "[]"


def test_a_schema_1_database_gains_experience_and_keeps_its_attempts(tmp_path: Path) -> None:
    from quiz.storage.dialects import SQLite
    from quiz.storage.schema import MIGRATIONS

    conn = sqlite3.connect(tmp_path / DB_NAME, isolation_level=None)
    MIGRATIONS[0](SQLite(conn, tmp_path / DB_NAME))
    conn.execute(
        "INSERT INTO attempts (name, started_at, length, seed, skills, snapshot)"
        " VALUES ('Old', '2026-01-02T03:04:05+00:00', 'quick', 1, '[]', '{}')"
    )
    conn.execute("PRAGMA user_version = 1")
    conn.close()
    with Store.open(tmp_path) as store:
        assert store.schema_version == SCHEMA_VERSION
        old = store.attempt(1)
        assert old is not None and old.name == "Old" and old.experience_years is None
        new = store.create_attempt(
            name=None, length="quick", seed=2, skills=[], snapshot="{}", experience_years=1.5
        )
        assert store.attempt(new).experience_years == 1.5  # type: ignore[union-attr]


def test_a_damaged_experience_marks_the_attempt_damaged(tmp_path: Path) -> None:
    with Store.open(tmp_path) as store:
        attempt_id = _attempt(store)
    conn = sqlite3.connect(tmp_path / DB_NAME)
    conn.execute("UPDATE attempts SET experience_years = 'lots'")
    conn.commit()
    conn.close()
    with Store.open(tmp_path) as store:
        attempt = store.attempt(attempt_id)
        assert attempt is not None and attempt.damaged and attempt.experience_years is None

"""Where Store.open looks, how it reads a home it cannot write, and how it names places."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from quiz.errors import RuntimeFailure
from quiz.storage import DB_NAME, Store
from quiz.storage.dialects import shown_url


def _one_attempt(store: Store, name: str = "Ada") -> int:
    attempt_id = store.create_attempt(
        name=name, length="quick", seed=1, skills=["a"], snapshot="{}", draw="q"
    )
    store.record_answer(attempt_id, "q", 1)
    return attempt_id


def test_the_url_names_the_database_and_overrides_the_environment(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, skillquiz_home: Path
) -> None:
    monkeypatch.setenv("SKILLQUIZ_DATABASE_URL", str(tmp_path / "from-env.sqlite3"))
    chosen = tmp_path / "chosen.sqlite3"
    with Store.open(url=str(chosen)) as store:
        assert (store.engine, store.path, store.where) == ("sqlite", chosen, str(chosen))
        _one_attempt(store)
    assert chosen.exists() and not (tmp_path / "from-env.sqlite3").exists()
    assert not (skillquiz_home / DB_NAME).exists()
    with Store.open() as store:
        assert store.path == tmp_path / "from-env.sqlite3"
    monkeypatch.setenv("SKILLQUIZ_DATABASE_URL", "")
    with Store.open() as store:
        assert store.path == skillquiz_home / DB_NAME


def test_a_postgresql_url_opens_postgresql(postgres_url: str) -> None:
    with Store.open(url=postgres_url) as store:
        assert (store.engine, store.where, store.path) == ("postgresql", postgres_url, None)
        attempt_id = _one_attempt(store)
    with Store.open(url=postgres_url.replace("postgresql://", "postgres://", 1)) as store:
        assert store.attempt(attempt_id) is not None


def test_a_home_that_is_a_file_is_one_line(tmp_path: Path) -> None:
    home = tmp_path / "home"
    home.write_text("not a folder")
    with pytest.raises(RuntimeFailure) as caught:
        Store.open(home)
    assert caught.value.message == (
        f"{home} is a file; the attempts are kept in a folder (set SKILLQUIZ_HOME to a folder)"
    )


def test_passwords_are_never_shown() -> None:
    assert shown_url("postgresql://ann:s3cret@db.example.org:5433/class?sslmode=require") == (
        "postgresql://ann:***@db.example.org:5433/class?sslmode=require"
    )
    assert shown_url("postgresql://ann@db/class") == "postgresql://ann@db/class"
    assert shown_url("postgresql:///class?host=/tmp/x") == "postgresql:///class?host=/tmp/x"


def test_wrong_credentials_and_no_server_are_one_line_and_hide_the_password(
    postgres_url: str,
) -> None:
    nobody = postgres_url.replace("postgresql://postgres@", "postgresql://nobody:pw@", 1)
    with pytest.raises(RuntimeFailure) as caught:
        Store.open(url=nobody)
    message = caught.value.message
    assert message.startswith("cannot connect to the attempts database postgresql://nobody:***@")
    assert "nobody" in message and "pw@" not in message and "\n" not in message
    with pytest.raises(RuntimeFailure) as caught:
        Store.open(url="postgresql://someone@/class?host=/nonexistent-socket-folder")
    assert caught.value.message.startswith(
        "cannot connect to the attempts database postgresql://someone@/class?host="
        "/nonexistent-socket-folder: "
    )
    assert "\n" not in caught.value.message


def test_a_newer_postgresql_database_is_left_alone(postgres_url: str) -> None:
    with Store.open(url=postgres_url) as store:
        _one_attempt(store)
        store._db.set_version(99)
    with pytest.raises(RuntimeFailure, match="newer skillquiz"):
        Store.open(url=postgres_url)
    import psycopg

    with psycopg.connect(postgres_url) as conn:
        assert conn.execute("SELECT COUNT(*) FROM attempts").fetchone() == (1,)
        assert conn.execute("SELECT version FROM skillquiz_schema").fetchall() == [(99,)]


def _read_only_copy_case(tmp_path: Path, wal: bool) -> Path:
    """A home whose database reads only as a file (mode=ro refused), with or without
    answers still in its write-ahead log."""
    home = tmp_path / "home"
    with Store.open(home) as store:
        _one_attempt(store, "Kept")
    if wal:
        keeper = sqlite3.connect(home / DB_NAME)
        keeper.execute("PRAGMA wal_autocheckpoint = 0")
        keeper.execute("UPDATE attempts SET name = 'In the log'")
        keeper.commit()
        # The WAL stays as long as a connection holds it; copy the files while it does.
        for name in (DB_NAME, f"{DB_NAME}-wal"):
            (tmp_path / name).write_bytes((home / name).read_bytes())
        keeper.close()
        for name in (DB_NAME, f"{DB_NAME}-wal"):
            (home / name).write_bytes((tmp_path / name).read_bytes())
        (home / f"{DB_NAME}-shm").unlink(missing_ok=True)
    return home


@pytest.mark.parametrize("wal", [True, False])
def test_the_read_only_fallback_reads_what_was_saved(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, wal: bool
) -> None:
    home = _read_only_copy_case(tmp_path, wal)
    connect = sqlite3.connect
    opened: list[str] = []

    def refusing(target: str, *args: Any, **kwargs: Any) -> sqlite3.Connection:
        # As in a folder that takes no new files: the first way in (mode=ro beside a
        # missing -shm) cannot open; the private copy and immutable ways can.
        text = str(target)
        opened.append(text)
        if text.endswith("?mode=ro") and str(home) in text:
            error = sqlite3.OperationalError("unable to open database file")
            error.sqlite_errorcode = sqlite3.SQLITE_CANTOPEN
            raise error
        opened_conn: sqlite3.Connection = connect(target, *args, **kwargs)
        return opened_conn

    monkeypatch.setattr(sqlite3, "connect", refusing)
    with Store.open(home, readonly=True) as store:
        (row,) = store.attempts()
        assert row.name == ("In the log" if wal else "Kept")
        assert store.answers(row.id) == {"q": 1}
        assert store.path == home / DB_NAME
        scratch = store._scratch
    ways = [text.rsplit("?", 1)[-1] for text in opened if "?" in text]
    assert ways == (["mode=ro", "mode=ro"] if wal else ["mode=ro", "mode=ro&immutable=1"])
    assert scratch is None or not scratch.exists()  # the private copy is removed on close


def test_stored_times_read_back_in_utc(tmp_path: Path) -> None:
    when = datetime(2026, 2, 3, 4, 5, 6, tzinfo=UTC)
    with Store.open(tmp_path) as store:
        attempt_id = store.create_attempt(
            name=None, length="full", seed=0, skills=[], snapshot="{}", started_at=when
        )
        store.record_answers(attempt_id, {"q": None}, when)
        conn = sqlite3.connect(tmp_path / DB_NAME)
        assert conn.execute("SELECT started_at FROM attempts").fetchone() == (
            "2026-02-03T04:05:06+00:00",
        )
        assert conn.execute("SELECT answered_at FROM answers").fetchone() == (
            int(when.timestamp()),
        )
        conn.close()


@pytest.mark.parametrize(
    ("column", "value"),
    [("seed", "'many'"), ("finished_at", "'later'"), ("started_at", "NULL"), ("skills", "'{'")],
)
def test_a_damaged_field_marks_the_attempt_damaged_in_every_listing(
    tmp_path: Path, column: str, value: str
) -> None:
    with Store.open(tmp_path) as store:
        bad = _one_attempt(store, "Bad")
        good = _one_attempt(store, "Good")
        store.finish(bad)
    conn = sqlite3.connect(tmp_path / DB_NAME)
    if column == "started_at":  # NOT NULL: rebuilt without the constraint is too much here
        conn.execute(f"UPDATE attempts SET started_at = '' WHERE id = {bad}")
    else:
        conn.execute(f"UPDATE attempts SET {column} = {value} WHERE id = {bad}")
    conn.commit()
    conn.close()
    with Store.open(tmp_path) as store:
        rows = {row.id: row for row in store.attempts()}
        listed = {row.id: row for row in store.history()}
        single = store.attempt(bad)
    assert single is not None and single.damaged and rows[bad].damaged
    assert not rows[good].damaged and not listed[good].damaged
    assert listed[bad].damaged == (column != "seed")  # history does not read the seed
    assert rows[good].name == "Good" and rows[bad].name == "Bad"

"""A PostgreSQL table locked by another session (a trainer's LOCK TABLE, a maintenance job)
is waited for a bounded time, as SQLite waits for its lock, then named in one line."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from quiz.cli.main import cli
from quiz.storage import Store, dialects


def test_a_connection_waits_ten_seconds_for_a_lock(postgres_url: str) -> None:
    with Store.open(url=postgres_url) as store:
        assert store._rows("SHOW lock_timeout") == [("10s",)]
    with Store.open(url=f"{postgres_url}&options=-c%20lock_timeout%3D3s") as store:
        assert store._rows("SHOW lock_timeout") == [("3s",)]  # the URL's own setting stands


@pytest.fixture
def locked(postgres_url: str, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    """The attempts table locked by another session for as long as the test runs."""
    import psycopg

    Store.open(url=postgres_url).close()  # the tables made
    monkeypatch.setattr(dialects, "LOCK_TIMEOUT", "200ms")  # the wait, made short for a test
    with psycopg.connect(postgres_url) as other:
        other.execute("LOCK TABLE attempts IN ACCESS EXCLUSIVE MODE")
        yield postgres_url
        other.rollback()


def test_history_gives_up_on_a_locked_table_in_one_line(locked: str) -> None:
    result = CliRunner().invoke(cli, ["history", "--database", locked])
    assert (result.exit_code, result.stdout, result.stderr) == (
        1,
        "",
        f"Error: cannot use the attempts database {locked}: another session has held a lock "
        "on it for 200ms; try again once it is done\n",
    )


def test_take_gives_up_on_a_locked_table_in_one_line(locked: str, bank_dir: Path) -> None:
    result = CliRunner().invoke(
        cli,
        ["take", "--bank-dir", str(bank_dir), "--skill", "beta", "--plain", "--experience", "1",
         "--database", locked],
        input="s\n",
    )  # fmt: skip
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        f"Error: cannot use the attempts database {locked}: another session has held a lock "
        "on it for 200ms; try again once it is done"
    ]

"""One attempt, one taker: a second ``take --resume`` of an attempt under way is refused
in one line before any question, a finished attempt never changes, and a database that
cannot be written fails before the first question rather than after an answer is typed."""

from __future__ import annotations

import json
import os
import shlex
import sqlite3
import subprocess
import sys
from pathlib import Path
from typing import Any

import pexpect
import pexpect.popen_spawn
import pytest
from click.testing import CliRunner

from quiz.cli.main import cli
from quiz.storage import Store

SCRIPT = Path(sys.executable).with_name("skillquiz")
TIMEOUT = 60
# research, quick, seed 5: four questions.
NEW_QUIZ = ("take", "--skill", "research", "--length", "quick", "--name", "Ada", "--seed", "5")


def _env(home: Path) -> dict[str, str]:
    return {**os.environ, "SKILLQUIZ_HOME": str(home), "COLUMNS": "100"}


def _run(home: Path, *args: str, replies: str = "") -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(SCRIPT), *args],
        input=replies,
        capture_output=True,
        text=True,
        env=_env(home),
        timeout=TIMEOUT,
    )


def _one_answer_given(home: Path, database: str) -> None:
    """An attempt with its first question skipped, left when the input ended."""
    started = _run(home, *NEW_QUIZ, "--experience", "1", "--database", database, replies="s\n")
    assert started.returncode == 1, started.stderr


def _report(home: Path, database: str) -> dict[str, Any]:
    result = _run(home, "report", "1", "--format", "json", "--database", database)
    assert result.returncode == 0, result.stderr
    data: dict[str, Any] = json.loads(result.stdout)
    return data


def test_a_second_resume_is_refused_while_the_first_runs(tmp_path: Path, database_url: str) -> None:
    _one_answer_given(tmp_path, database_url)
    first = pexpect.popen_spawn.PopenSpawn(
        [str(SCRIPT), "take", "--resume", "--database", database_url],
        env=_env(tmp_path),
        timeout=TIMEOUT,
        encoding="utf-8",
    )
    first.expect("question 2 of 4")
    second = _run(tmp_path, "take", "--resume", "1", "--database", database_url, replies="s\n")
    assert (second.returncode, second.stdout, second.stderr) == (
        1,
        "",
        "Error: attempt 1 is being taken in another session; resume it once that one has ended\n",
    )
    for _ in range(3):
        first.sendline("s")
    first.expect(pexpect.EOF)
    assert first.wait() == 0
    finished = _report(tmp_path, database_url)
    again = _run(tmp_path, "take", "--resume", "1", "--database", database_url, replies="s\n")
    assert (again.returncode, again.stderr) == (
        1,
        "Error: attempt 1 is already finished; see it with skillquiz show 1 --database "
        f"{shlex.quote(database_url)}\n",
    )
    assert _report(tmp_path, database_url) == finished


def _read_only_sqlite(monkeypatch: pytest.MonkeyPatch, path: Path) -> None:
    """The database file opens only for reading, as a file its owner may not write does
    (permissions do not stop root, who runs the tests in CI)."""
    connect = sqlite3.connect

    def read_only(target: Any, *args: Any, **kwargs: Any) -> sqlite3.Connection:
        if str(target) == str(path):
            kwargs["uri"] = True
            target = f"{path.absolute().as_uri()}?mode=ro"
        opened: sqlite3.Connection = connect(target, *args, **kwargs)
        return opened

    monkeypatch.setattr(sqlite3, "connect", read_only)


def _read_only_postgres(url: str) -> None:
    import psycopg

    name = url.split("?")[0].rsplit("/", 1)[1]
    with psycopg.connect(url, autocommit=True) as admin:
        admin.execute(f'ALTER DATABASE "{name}" SET default_transaction_read_only = on')


def test_resume_on_a_database_that_cannot_be_written_fails_before_any_question(
    tmp_path: Path, database_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    _one_answer_given(tmp_path, database_url)
    if "://" in database_url:
        _read_only_postgres(database_url)
        reason = "cannot execute UPDATE in a read-only transaction"
    else:
        _read_only_sqlite(monkeypatch, Path(database_url))
        reason = "attempt to write a readonly database"
    result = CliRunner().invoke(
        cli, ["take", "--resume", "--database", database_url], input="s\ns\ns\n"
    )
    assert result.exit_code == 1
    assert "question" not in result.stdout
    assert result.stderr == f"Error: cannot use the attempts database {database_url}: {reason}\n"
    with Store.open(url=database_url, readonly=True) as store:
        assert list(store.answers(1).values()) == [None]  # the one skip, and nothing more

"""Homes and databases that are not what they should be: a damaged text value, a FIFO where
the database should be, a home path too long for the system, a read-only home with answers
still in the write-ahead log."""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from runner import BETA_ANSWERED, Run, TakeBeta

from quiz.storage import DB_NAME

pytestmark = pytest.mark.cli_runner(columns=200)


def skillquiz(*args: str, home: Path, user: int | None = None) -> subprocess.CompletedProcess[str]:
    """The CLI in its own process (a hang is a failure after 20 s, not a stuck suite)."""
    prefix: list[str] = []
    if user is not None:
        prefix = ["setpriv", f"--reuid={user}", f"--regid={user}", "--clear-groups"]
    return subprocess.run(
        [*prefix, sys.executable, "-m", "quiz", *args],
        env={**os.environ, "SKILLQUIZ_HOME": str(home), "COLUMNS": "200"},
        capture_output=True,
        text=True,
        stdin=subprocess.DEVNULL,
        timeout=20,
        check=False,
    )


def test_a_name_that_is_not_utf8_marks_its_attempt_unreadable_and_nothing_else(
    take_beta: TakeBeta, run: Run, bank_dir: Path, skillquiz_home: Path
) -> None:
    assert take_beta(BETA_ANSWERED, "--name", "Broken").exit_code == 0
    assert take_beta(BETA_ANSWERED, "--name", "Fine").exit_code == 0
    conn = sqlite3.connect(skillquiz_home / DB_NAME)
    conn.execute("UPDATE attempts SET name = CAST(x'41ff42' AS TEXT) WHERE id = 1")
    conn.commit()
    conn.close()

    listing = run("history")
    assert listing.exit_code == 0, listing.output
    lines = listing.output.splitlines()
    bad = next(line for line in lines if line.split()[:1] == ["1"])
    good = next(line for line in lines if line.split()[:1] == ["2"])
    assert "(cannot be read)" in bad
    assert "Fine" in good and "(cannot be read)" not in good

    assert run("show", "2").exit_code == 0
    assert run("report", "2", "--format", "json").exit_code == 0
    assert run("report", "--format", "json").exit_code == 0  # the latest: attempt 2
    shown = run("show", "1")
    assert shown.exit_code == 1
    assert shown.output == (
        "Error: attempt 1 cannot be read (its stored record is damaged); "
        "delete it with skillquiz history --delete 1\n"
    )
    deleted = run("history", "--delete", "1", "--yes")
    assert deleted.exit_code == 0, deleted.output
    assert deleted.output == "Deleted attempt 1.\n"
    rows = run("history").output.splitlines()[3:]
    assert [line.split()[0] for line in rows if line[:3].strip().isdigit()] == ["2"]


def test_a_fifo_where_the_database_should_be_is_one_line_not_a_hang(skillquiz_home: Path) -> None:
    os.mkfifo(skillquiz_home / DB_NAME)
    for command in (["history"], ["show"], ["take", "--plain"]):
        done = skillquiz(*command, home=skillquiz_home)
        assert done.returncode == 1, (command, done.stderr)
        assert done.stdout == ""
        assert done.stderr == (
            f"Error: cannot open the attempts database {skillquiz_home / DB_NAME}: "
            "it is not a regular file\n"
        )


def test_a_home_path_too_long_for_the_system_is_one_short_line(tmp_path: Path) -> None:
    home = tmp_path / ("a" * 5000)
    for command in (["history"], ["take", "--plain"]):
        done = skillquiz(*command, home=home)
        assert done.returncode == 1, done.stderr
        assert "internal error" not in done.stderr
        assert len(done.stderr.splitlines()) == 1
        assert done.stderr == (
            f"Error: cannot use the skillquiz home {str(home)[:40]}... "
            f"({len(str(home)):,} characters long): File name too long; set SKILLQUIZ_HOME "
            "to a shorter path\n"
        )


@pytest.fixture
def shared_home() -> Iterator[Path]:
    """A home another user can reach (pytest's own temporary folders are private to us)."""
    top = Path(tempfile.mkdtemp(prefix="skillquiz-"))
    top.chmod(0o755)
    home = top / "home"
    home.mkdir()
    yield home
    home.chmod(0o755)
    shutil.rmtree(top)


def test_a_read_only_home_still_sees_answers_in_the_write_ahead_log(
    bank_dir: Path, shared_home: Path
) -> None:
    # A take killed mid-quiz leaves its answers in the WAL, not yet in the database file.
    script = (
        "import os\n"
        "from quiz.storage import Store\n"
        "store = Store.open()\n"
        'snapshot = \'{"banks": [], "questions": []}\'\n'
        "attempt = store.create_attempt(name='Wal', length='quick', seed=1, skills=['beta'],"
        " snapshot=snapshot)\n"
        "for number in range(7):\n"
        "    store.record_answer(attempt, f'q{number}', 1)\n"
        "os._exit(0)\n"
    )
    subprocess.run(
        [sys.executable, "-c", script],
        env={**os.environ, "SKILLQUIZ_HOME": str(shared_home)},
        check=True,
        timeout=20,
    )
    (shared_home / f"{DB_NAME}-shm").unlink()
    assert (shared_home / f"{DB_NAME}-wal").stat().st_size > 0
    for file in shared_home.iterdir():
        file.chmod(0o444)
    shared_home.chmod(0o555)
    user = 65534 if os.geteuid() == 0 else None  # permissions do not stop root
    if user is not None and skillquiz("--version", home=shared_home, user=user).returncode:
        pytest.skip("another user cannot run this Python (its folder is private)")
    done = skillquiz("history", home=shared_home, user=user)
    assert done.returncode == 0, done.stderr
    row = next(line for line in done.stdout.splitlines() if line.split()[:1] == ["1"])
    assert "Wal" in row and "in progress (7/0)" in row
    assert sorted(file.name for file in shared_home.iterdir()) == [DB_NAME, f"{DB_NAME}-wal"]

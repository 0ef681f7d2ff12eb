"""Arguments at the very ends of their range: a sensible answer or one clear line, never an
internal error."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from class_fixtures import record
from click.testing import CliRunner, Result

from questions import load_banks
from quiz.cli.main import cli
from quiz.storage import Store


def run(*args: str) -> Result:
    return CliRunner(env={"COLUMNS": "80"}).invoke(cli, list(args))


@pytest.fixture
def two_attempts() -> None:
    with Store.open() as store:
        for name in ("Ada", "Alan"):
            record(store, load_banks(), {"rs-self-01": 4}, name=name, skills=("research",))


@pytest.mark.usefixtures("two_attempts")
def test_a_limit_past_any_database_lists_every_attempt() -> None:
    every = run("history", "--all")
    for limit in ("99999999999999999999999", str(2**63), str(2**63 - 1)):
        result = run("history", "--limit", limit)
        assert (result.exit_code, result.output) == (0, every.output)
    assert len(json.loads(run("history", "--limit", "9" * 40, "--format", "json").output)) == 2


def _skillquiz(*args: str, tz: str) -> subprocess.CompletedProcess[str]:
    """The command in a process of its own, with the local time zone ``tz``."""
    env = {**os.environ, "TZ": tz, "COLUMNS": "80"}
    return subprocess.run(
        [sys.executable, "-m", "quiz", *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )


@pytest.mark.usefixtures("two_attempts")
@pytest.mark.parametrize("tz", ["UTC", "Pacific/Kiritimati", "Etc/GMT+12"])
def test_a_date_at_either_end_of_the_calendar_is_a_sensible_filter(tz: str) -> None:
    for command in ("cohort", "stats"):
        early = _skillquiz(command, "--since", "0001-01-01", "--format", "json", tz=tz)
        assert (early.returncode, early.stderr) == (0, "")
        data = json.loads(early.stdout)
        assert data["attempts"] == 2
        if command == "cohort":
            assert data["since"].startswith("0001-01-01T00:00:00")
        late = _skillquiz(command, "--since", "9999-12-31", tz=tz)
        assert (late.returncode, late.stderr) == (0, "")
        nothing = (
            "No finished attempts to report on"
            if command == "cohort"
            else ("No finished attempts yet")
        )
        assert late.stdout == f"{nothing} (since 9999-12-31).\n"


@pytest.mark.usefixtures("two_attempts")
def test_the_earliest_date_reads_in_full_in_the_report(tmp_path: Path) -> None:
    result = run("cohort", "--since", "0001-01-01")
    assert result.exit_code == 0, result.output
    assert result.output.splitlines()[2] == (
        "*2 finished attempts, each learner counted once, by their latest finished attempt; "
        "finished on or after 0001-01-01.*"
    )


def test_a_name_over_200_characters_is_refused_before_anything_starts() -> None:
    result = CliRunner().invoke(cli, ["take", "--name", "N" * 3_000_000, "--plain"], input="s\n")
    assert (result.exit_code, result.stdout, result.stderr) == (
        2,
        "",
        "Error: --name: a name of 3,000,000 characters; names are at most 200 characters\n",
    )
    kept = CliRunner().invoke(
        cli,
        ["take", "--name", "N" * 200, "--skill", "research", "--length", "quick",
         "--experience", "1", "--plain"],
        input="s\ns\ns\ns\n",
    )  # fmt: skip
    assert kept.exit_code == 0, kept.output
    with Store.open(readonly=True) as store:
        assert [a.name for a in store.attempts()] == ["N" * 200]

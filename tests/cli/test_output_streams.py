"""Output that cannot be written as is: a terminal that takes ASCII only gets ASCII, and a
full or closed stdout is one line on stderr and exit 1, never an internal error."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ASCII_TERMINALS = [{"PYTHONIOENCODING": "ascii"}, {"LC_ALL": "C", "PYTHONUTF8": "0"}]


def skillquiz(
    *args: str, home: Path, env: dict[str, str] | None = None, **options: object
) -> subprocess.CompletedProcess[bytes]:
    environment = {
        key: value
        for key, value in os.environ.items()
        if key not in ("PYTHONIOENCODING", "LC_ALL", "LANG", "PYTHONUTF8")
    }
    environment.update({"SKILLQUIZ_HOME": str(home), "COLUMNS": "80", **(env or {})})
    return subprocess.run(  # type: ignore[call-overload, no-any-return]
        [sys.executable, "-m", "quiz", *args],
        env=environment,
        capture_output="stdout" not in options,
        timeout=60,
        check=False,
        **options,
    )


@pytest.fixture
def finished(tmp_path: Path, skillquiz_home: Path) -> Path:
    answers = tmp_path / "answers.yaml"
    answers.write_text("rs-self-01: 4\n", encoding="utf-8")
    done = skillquiz(
        "take", "--skill", "research", "--length", "quick", "--answers", str(answers),
        home=skillquiz_home,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    return skillquiz_home


@pytest.mark.parametrize("env", ASCII_TERMINALS)
@pytest.mark.parametrize(
    "args",
    [["show"], ["show", "--review"], ["banks", "--questions"], ["report", "--format", "md"],
     ["roles"], ["history"], ["banks"]],
)  # fmt: skip
def test_an_ascii_terminal_gets_ascii(finished: Path, env: dict[str, str], args: list[str]) -> None:
    done = skillquiz(*args, home=finished, env=env)
    assert done.returncode == 0, done.stderr
    assert done.stderr == b""
    done.stdout.decode("ascii")  # every byte is ASCII
    assert len(done.stdout) > 200


@pytest.mark.parametrize("env", ASCII_TERMINALS)
def test_take_on_an_ascii_terminal_reaches_the_summary(
    skillquiz_home: Path, env: dict[str, str]
) -> None:
    replies = b"2\n" + b"s\n" * 40
    done = skillquiz(
        "take", "--plain", "--skill", "research", "--length", "quick",
        home=skillquiz_home, env=env, input=replies,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    text = done.stdout.decode("ascii")
    assert "Attempt 1 is saved." in text


@pytest.mark.parametrize(
    "args",
    [["history"], ["show"], ["banks", "--questions"], ["report", "--format", "md"], ["roles"]],
)
def test_a_full_stdout_is_one_line_and_exit_1(finished: Path, args: list[str]) -> None:
    with open("/dev/full", "wb") as full:
        done = skillquiz(*args, home=finished, stdout=full, stderr=subprocess.PIPE)
    assert done.returncode == 1
    reason = "No space left on device"
    assert done.stderr.decode() in (
        f"skillquiz: cannot write the output: {reason}\n",
        f"Error: cannot write the report: {reason}\n",
    )


@pytest.mark.parametrize("args", [["history"], ["show"], ["roles"]])
def test_a_closed_stdout_is_one_line_and_exit_1(finished: Path, args: list[str]) -> None:
    done = skillquiz(
        *args, home=finished, stdout=None, stderr=subprocess.PIPE, preexec_fn=lambda: os.close(1)
    )
    assert done.returncode == 1
    assert done.stderr.decode() == "skillquiz: cannot write the output: Bad file descriptor\n"


@pytest.mark.parametrize("env", ASCII_TERMINALS)
def test_text_from_outside_degrades_to_ascii_wherever_it_is_printed(
    finished: Path, tmp_path: Path, env: dict[str, str]
) -> None:
    import sqlite3

    from quiz.storage import DB_NAME

    conn = sqlite3.connect(finished / DB_NAME)
    conn.execute("UPDATE attempts SET name = ?", ("José Ñúñez – QA",))
    conn.commit()
    conn.close()
    listing = skillquiz("history", home=finished, env=env)
    assert listing.returncode == 0, listing.stderr
    assert "Jose Nunez - QA" in listing.stdout.decode("ascii")
    bank = tmp_path / "café.yaml"
    bank.write_text("schema: 1\n", encoding="utf-8")
    checked = skillquiz("validate", str(bank), home=finished, env=env)
    assert checked.returncode == 2
    # In the C locale the name's bytes cannot be read as text at all: each shows as "?".
    shown = "caf??.yaml" if env.get("LC_ALL") == "C" else "cafe.yaml"
    assert f"{tmp_path}/{shown}:1:1: " in checked.stdout.decode("ascii")

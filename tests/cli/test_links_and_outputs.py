"""Links in a bank folder are not followed out of it, a file that is not a bank is never
quoted, and report -o writes where it says: over a link (never through it), to stdout."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import BANK_BETA
from runner import Run

pytestmark = pytest.mark.cli_runner(columns=200)

SECRET = "root:$6$abcdefsecrethash:19000:0:99999:7:::\npassword: hunter2\n"


def test_a_link_out_of_the_folder_is_not_followed(run: Run, tmp_path: Path) -> None:
    outside = tmp_path / "shadow"
    outside.write_text(SECRET, encoding="utf-8")
    folder = tmp_path / "banks"
    folder.mkdir()
    (folder / "beta.yaml").write_text(BANK_BETA, encoding="utf-8")
    (folder / "same.yaml").symlink_to(folder / "beta.yaml")  # inside: read once, as beta
    (folder / "x.yaml").symlink_to(outside)
    for args in (["validate", str(folder)], ["banks", "--bank-dir", str(folder)]):
        result = run(*args)
        assert result.exit_code == 2
        assert "hunter2" not in result.output and "secrethash" not in result.output
        assert result.output.splitlines()[0] == (
            f"{folder}/x.yaml:1:1: a link to a file outside this folder; not read"
        )


def test_a_file_that_is_not_a_bank_is_not_quoted(run: Run, tmp_path: Path) -> None:
    secret = tmp_path / "secret.yaml"
    secret.write_text("password: hunter2\napi_key: abc123\n", encoding="utf-8")
    result = run("validate", str(secret))
    assert result.exit_code == 2
    assert result.output == (
        f"{secret}:1:1: not a question bank: it has none of the keys schema, skill and "
        "questions\n1 problem found\n"
    )


def _finished_attempt(run: Run, bank_dir: Path) -> None:
    taken = run(
        "take", "--bank-dir", str(bank_dir), "--skill", "beta", "--seed", "3",
        "--experience", "2", input="60\n3 1 2\n4\n1\n",
    )  # fmt: skip
    assert taken.exit_code == 0, taken.output


def test_report_force_over_a_link_replaces_the_link_not_its_target(
    run: Run, bank_dir: Path, tmp_path: Path
) -> None:
    _finished_attempt(run, bank_dir)
    target = tmp_path / "precious.txt"
    target.write_text("keep me\n", encoding="utf-8")
    link = tmp_path / "out.json"
    link.symlink_to(target)
    result = run("report", "-o", str(link), "--force")
    assert result.exit_code == 0, result.output
    assert target.read_text(encoding="utf-8") == "keep me\n"
    assert not link.is_symlink()
    assert json.loads(link.read_text(encoding="utf-8"))["attempt"]["id"] == 1


def test_report_force_keeps_a_read_only_file(run: Run, bank_dir: Path, tmp_path: Path) -> None:
    _finished_attempt(run, bank_dir)
    kept = tmp_path / "kept.md"
    kept.write_text("mine\n", encoding="utf-8")
    kept.chmod(0o444)
    result = run("report", "-o", str(kept), "--force")
    assert result.exit_code == 1
    assert result.output == (
        f"Error: {kept} is read-only; --force replaces only files you may write "
        "(make it writable first)\n"
    )
    assert kept.read_text(encoding="utf-8") == "mine\n"


def test_report_to_dev_stdout_prints_the_report(
    run: Run, bank_dir: Path, skillquiz_home: Path
) -> None:
    _finished_attempt(run, bank_dir)
    for fmt in ("json", "md"):
        done = subprocess.run(
            [sys.executable, "-m", "quiz", "report", "--format", fmt, "-o", "/dev/stdout"],
            capture_output=True,
            text=True,
            env={**os.environ, "SKILLQUIZ_HOME": str(skillquiz_home)},
            check=False,
        )
        assert done.returncode == 0, done.stderr
        assert "Beta skill" in done.stdout
        assert "--force" not in done.stderr

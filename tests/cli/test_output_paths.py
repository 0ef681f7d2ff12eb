"""``-o`` onto what is not a file to replace: a link to standard output (``/dev/stdout`` is
one) is never replaced by a regular file, even with --force while standard output is a
file; and an empty name is said to be empty, for every command that writes with -o."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from quiz.cli.main import cli
from quiz.errors import RuntimeFailure
from quiz.files import write_atomic

needs_proc = pytest.mark.skipif(
    not Path("/proc/self/fd/1").exists(), reason="needs /proc/self/fd (Linux)"
)


def skillquiz(args: list[str], stdout: Path, home: Path) -> subprocess.CompletedProcess[str]:
    """The command as a user runs it, its standard output sent to a file."""
    with stdout.open("w", encoding="utf-8") as out:
        return subprocess.run(
            [sys.executable, "-m", "quiz", *args],
            stdout=out,
            stderr=subprocess.PIPE,
            text=True,
            env={**os.environ, "SKILLQUIZ_HOME": str(home)},
            check=False,
        )


@needs_proc
@pytest.mark.parametrize("target", ["/proc/self/fd/1", "/dev/stdout", "/dev/fd/1"])
def test_gift_export_force_onto_a_link_to_stdout_keeps_the_link(
    tmp_path: Path, skillquiz_home: Path, target: str
) -> None:
    link = tmp_path / "out.gift"
    link.symlink_to(target)
    captured = tmp_path / "captured.txt"
    done = skillquiz(["gift", "export", "-o", str(link), "--force"], captured, skillquiz_home)
    assert done.returncode == 1
    assert done.stderr == (
        f"Error: cannot write {link}: it is a link to {target}, a program's open file or a "
        "device (standard output is one), not a file to replace\n"
    )
    assert link.is_symlink() and os.readlink(link) == target
    assert captured.read_text(encoding="utf-8") == ""


@needs_proc
def test_report_force_onto_a_link_to_stdout_keeps_the_link(
    tmp_path: Path, skillquiz_home: Path, bank_dir: Path
) -> None:
    taken = CliRunner().invoke(
        cli,
        ["take", "--bank-dir", str(bank_dir), "--skill", "beta", "--seed", "3",
         "--experience", "2"],
        input="60\n3 1 2\n4\n1\n",
    )  # fmt: skip
    assert taken.exit_code == 0, taken.output
    link = tmp_path / "out.md"
    link.symlink_to("/proc/self/fd/1")
    captured = tmp_path / "captured.txt"
    done = skillquiz(["report", "-o", str(link), "--force"], captured, skillquiz_home)
    assert done.returncode == 1
    assert done.stderr.startswith(f"Error: cannot write {link}: it is a link to /proc/self/fd/1")
    assert link.is_symlink()


@needs_proc
def test_write_atomic_never_puts_a_file_where_a_process_file_stands(tmp_path: Path) -> None:
    kept = tmp_path / "kept.txt"
    kept.write_text("kept\n", encoding="utf-8")
    with kept.open("rb") as stream:
        name = Path(f"/proc/self/fd/{stream.fileno()}")
        with pytest.raises(RuntimeFailure) as caught:
            write_atomic(name, "x", force=True)
    assert str(caught.value) == (
        f"cannot write {name}: it is a program's open file or a device "
        "(standard output is one), not a file to replace"
    )
    assert kept.read_text(encoding="utf-8") == "kept\n"


def test_a_link_to_an_ordinary_file_is_still_replaced_not_followed(tmp_path: Path) -> None:
    real = tmp_path / "real.md"
    real.write_text("old", encoding="utf-8")
    link = tmp_path / "link.md"
    link.symlink_to(real)
    write_atomic(link, "new", force=True)
    assert (link.is_symlink(), link.read_text(encoding="utf-8")) == (False, "new")
    assert real.read_text(encoding="utf-8") == "old"


@pytest.mark.parametrize(
    ("args", "option"),
    [
        (["gift", "export", "-o", ""], "'-o' / '--output'"),
        (["gift", "import", "q.gift", "--skill", "q", "-o", ""], "'-o' / '--output'"),
        (["report", "-o", ""], "'-o' / '--output'"),
        (["report", "--format", "md", "--force", "-o", ""], "'-o' / '--output'"),
        (["cohort", "-o", ""], "'-o' / '--output'"),
        (["take", "--report", ""], "'--report'"),
    ],
)
def test_an_empty_output_name_is_said_to_be_empty(args: list[str], option: str) -> None:
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 2
    assert result.output.splitlines()[-1] == (
        f"Error: Invalid value for {option}: needs a file name, and the name given is empty"
    )

"""``-o`` onto what is not a file to replace: standard output (``/dev/stdout``, a link to it,
``/proc/self/fd/1``) and other devices are written through, as the shell's ``>`` would, by
every command that writes with -o: what it prints without -o, the link left a link, never
"already exists"; and an empty name is said to be empty."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from quiz.cli.main import cli

needs_proc = pytest.mark.skipif(
    not Path("/proc/self/fd/1").exists(), reason="needs /proc/self/fd (Linux)"
)

GIFT = "::q1:: Two and two make {=four ~five}\n\n::q2:: Pick the even one {=2 ~3}\n"


def skillquiz(
    args: list[str], stdout: Path, home: Path, input: str | None = None
) -> subprocess.CompletedProcess[str]:
    """The command as a user runs it, its standard output sent to a file."""
    with stdout.open("w", encoding="utf-8") as out:
        return subprocess.run(
            [sys.executable, "-m", "quiz", *args],
            input=input,
            stdout=out,
            stderr=subprocess.PIPE,
            text=True,
            env={**os.environ, "SKILLQUIZ_HOME": str(home)},
            check=False,
        )


def printed(args: list[str], tmp_path: Path, home: Path) -> str:
    """What the command prints with no -o."""
    captured = tmp_path / "printed.txt"
    done = skillquiz(args, captured, home)
    assert done.returncode == 0, done.stderr
    return captured.read_text(encoding="utf-8")


def take_one(bank_dir: Path) -> None:
    taken = CliRunner().invoke(
        cli,
        ["take", "--bank-dir", str(bank_dir), "--skill", "beta", "--seed", "3",
         "--experience", "2"],
        input="60\n3 1 2\n4\n1\n",
    )  # fmt: skip
    assert taken.exit_code == 0, taken.output


@pytest.fixture
def command(request: pytest.FixtureRequest, tmp_path: Path, bank_dir: Path) -> list[str]:
    """A command that writes with -o, ready to run (an attempt taken for the reports)."""
    name = request.param
    if name == "gift import":
        (tmp_path / "q.gift").write_text(GIFT, encoding="utf-8")
        return ["gift", "import", str(tmp_path / "q.gift"), "--skill", "quiz_one"]
    if name == "gift export":
        return ["gift", "export", "--bank-dir", str(bank_dir)]
    take_one(bank_dir)
    return [name, "--format", "md"]


@needs_proc
@pytest.mark.parametrize(
    "command", ["gift export", "gift import", "report", "cohort"], indirect=True
)
def test_every_o_writes_through_to_standard_output(
    command: list[str], tmp_path: Path, skillquiz_home: Path
) -> None:
    expected = printed(command, tmp_path, skillquiz_home)
    assert expected.strip()
    captured = tmp_path / "captured.txt"
    # /dev/stdout exists, and it is no file to keep: no --force needed.
    done = skillquiz([*command, "-o", "/dev/stdout"], captured, skillquiz_home)
    assert (done.returncode, captured.read_text(encoding="utf-8")) == (0, expected), done.stderr
    assert "already exists" not in done.stderr
    link = tmp_path / "out.txt"
    link.symlink_to("/proc/self/fd/1")
    done = skillquiz([*command, "-o", str(link), "--force"], captured, skillquiz_home)
    assert (done.returncode, captured.read_text(encoding="utf-8")) == (0, expected), done.stderr
    assert link.is_symlink() and os.readlink(link) == "/proc/self/fd/1"


@needs_proc
@pytest.mark.parametrize("target", ["/proc/self/fd/1", "/dev/stdout", "/dev/fd/1"])
def test_gift_export_force_onto_a_link_to_stdout_prints_and_keeps_the_link(
    tmp_path: Path, skillquiz_home: Path, target: str
) -> None:
    expected = printed(["gift", "export"], tmp_path, skillquiz_home)
    link = tmp_path / "out.gift"
    link.symlink_to(target)
    captured = tmp_path / "captured.txt"
    done = skillquiz(["gift", "export", "-o", str(link), "--force"], captured, skillquiz_home)
    assert done.returncode == 0, done.stderr
    assert captured.read_text(encoding="utf-8") == expected
    assert link.is_symlink() and os.readlink(link) == target


@needs_proc
def test_take_report_through_a_link_to_stdout_prints_the_report(
    tmp_path: Path, skillquiz_home: Path, bank_dir: Path
) -> None:
    link = tmp_path / "results.md"
    link.symlink_to("/dev/stdout")
    captured = tmp_path / "captured.txt"
    done = skillquiz(
        ["take", "--bank-dir", str(bank_dir), "--skill", "beta", "--seed", "3",
         "--experience", "2", "--report", str(link)],
        captured, skillquiz_home, input="60\n3 1 2\n4\n1\n",
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    report = printed(["report", "--format", "md"], tmp_path, skillquiz_home)
    assert report in captured.read_text(encoding="utf-8")
    assert link.is_symlink() and os.readlink(link) == "/dev/stdout"


def test_o_dev_null_takes_the_text_and_says_what_went(bank_dir: Path) -> None:
    result = CliRunner().invoke(
        cli, ["gift", "export", "--bank-dir", str(bank_dir), "-o", "/dev/null"]
    )
    assert result.exit_code == 0, result.output
    assert result.output.splitlines()[-1] == "Exported 8 questions to /dev/null."


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


@pytest.mark.parametrize("command", ["gift export", "gift import", "report", "cohort", "take"])
def test_o_onto_a_link_to_a_missing_file_says_so_and_refuses(
    command: str, tmp_path: Path, bank_dir: Path
) -> None:
    """Not "already exists" (nothing does), and not silently past the check: one line, exit 2,
    the link left as it was; with --force the link is replaced by the file."""
    link = tmp_path / "out.md"
    link.symlink_to(tmp_path / "gone" / "out.md")
    if command == "gift import":
        (tmp_path / "q.gift").write_text(GIFT, encoding="utf-8")
        args = ["gift", "import", str(tmp_path / "q.gift"), "--skill", "quiz_one", "-o"]
    elif command == "gift export":
        args = ["gift", "export", "--bank-dir", str(bank_dir), "-o"]
    elif command == "take":
        args = ["take", "--bank-dir", str(bank_dir), "--skill", "beta", "--seed", "3",
                "--experience", "2", "--report"]  # fmt: skip
    else:
        take_one(bank_dir)
        args = [command, "--format", "md", "-o"]
    result = CliRunner().invoke(cli, [*args, str(link)], input="60\n3 1 2\n4\n1\n")
    assert (result.exit_code, result.output) == (
        2,
        f"Error: {link} is a link to {tmp_path / 'gone' / 'out.md'}, which does not exist; "
        "add --force to replace the link\n",
    )
    assert link.is_symlink() and not link.exists()
    forced = CliRunner().invoke(cli, [*args, str(link), "--force"], input="60\n3 1 2\n4\n1\n")
    assert forced.exit_code == 0, forced.output
    assert not link.is_symlink() and link.read_text(encoding="utf-8").strip()

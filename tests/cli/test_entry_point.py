"""The ``skillquiz`` entry point: exit codes and one-line messages for every command."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import click
import pytest

from quiz.cli import main as cli_module
from quiz.cli.commands.banks import banks


def run_main(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], *args: str
) -> tuple[int, str, str]:
    """Call the entry point as the ``skillquiz`` script does, and catch its exit."""
    monkeypatch.setattr(sys, "argv", ["skillquiz", *args])
    with pytest.raises(SystemExit) as exited:
        cli_module.main()
    out, err = capsys.readouterr()
    code = exited.value.code
    return (code if isinstance(code, int) else 1), out, err


def banks_raising(monkeypatch: pytest.MonkeyPatch, error: BaseException) -> None:
    def callback(**_: object) -> None:
        raise error

    monkeypatch.setattr(banks, "callback", callback)


def test_ctrl_c_in_any_command_exits_130_with_one_line(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    banks_raising(monkeypatch, KeyboardInterrupt())
    code, out, err = run_main(monkeypatch, capsys, "banks")
    assert code == 130
    assert err.strip() == "Interrupted."
    assert "Aborted!" not in err and out == ""


def test_end_of_input_in_any_command_exits_1_saying_so(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    banks_raising(monkeypatch, EOFError())
    code, _, err = run_main(monkeypatch, capsys, "banks")
    assert code == 1
    assert err.strip() == "skillquiz: input ended before an answer was read."


def test_an_unexpected_failure_is_one_line_not_a_traceback(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.delenv("SKILLQUIZ_DEBUG", raising=False)
    banks_raising(monkeypatch, ZeroDivisionError("boom"))
    code, _, err = run_main(monkeypatch, capsys, "banks")
    assert code == 1
    assert err.strip() == "skillquiz: internal error: boom (set SKILLQUIZ_DEBUG=1 for details)"


def test_an_unexpected_system_error_is_one_line_not_a_traceback(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    # An OSError that is not about writing the output falls to the same last resort.
    monkeypatch.delenv("SKILLQUIZ_DEBUG", raising=False)
    banks_raising(monkeypatch, PermissionError(13, "Permission denied", "/x"))
    code, _, err = run_main(monkeypatch, capsys, "banks")
    assert code == 1
    assert err.strip() == (
        "skillquiz: internal error: [Errno 13] Permission denied: '/x' "
        "(set SKILLQUIZ_DEBUG=1 for details)"
    )


@pytest.mark.parametrize(
    ("make_error", "expected_code", "expected_err"),
    [
        (lambda: click.ClickException("no such thing"), 1, "Error: no such thing"),
        (lambda: click.UsageError("bad option"), 2, "Error: bad option"),
    ],
)
def test_click_errors_keep_their_message_and_code(
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    make_error: Callable[[], click.ClickException],
    expected_code: int,
    expected_err: str,
) -> None:
    banks_raising(monkeypatch, make_error())
    code, _, err = run_main(monkeypatch, capsys, "banks")
    assert code == expected_code
    assert expected_err in err
    assert "Traceback" not in err


def test_a_command_that_exits_keeps_its_code(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    banks_raising(monkeypatch, click.exceptions.Exit(3))
    code, _, _ = run_main(monkeypatch, capsys, "banks")
    assert code == 3


def skillquiz(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "quiz", *args],
        capture_output=True,
        text=True,
        timeout=60,
        stdin=subprocess.DEVNULL,
        cwd=cwd,
    )


def test_help_and_version_exit_0(tmp_path: Path) -> None:
    shown = skillquiz("--help", cwd=tmp_path)
    assert shown.returncode == 0 and "skillquiz take" in shown.stdout
    version = skillquiz("--version", cwd=tmp_path)
    assert version.returncode == 0 and version.stdout.startswith("skillquiz, version ")


@pytest.mark.parametrize(
    ("args", "fragment"),
    [
        (("nosuch",), "No such command 'nosuch'"),
        (("take", "--length", "bogus"), "Invalid value for '--length'"),
        (("banks", "--format", "xml"), "Invalid value for '--format'"),
    ],
)
def test_usage_errors_exit_2_with_usage(
    tmp_path: Path, args: tuple[str, ...], fragment: str
) -> None:
    result = skillquiz(*args, cwd=tmp_path)
    assert result.returncode == 2
    assert result.stderr.startswith("Usage: skillquiz")
    assert fragment in result.stderr


def test_a_successful_command_exits_0(tmp_path: Path) -> None:
    result = skillquiz("banks", "--format", "json", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("[")

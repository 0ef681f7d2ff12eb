"""The script's entry answers ``--version``, and ``--help`` from its cache, before click is
imported, printing byte for byte what click prints (run in fresh interpreters, and the entry
in process); anything else, or output it cannot give, goes to click."""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from fresh_run import alone
from help_entries import entries

from quiz.cli import help_cache
from quiz.cli.launch import VERSION_LINE
from quiz.cli.main import cli

pytestmark = pytest.mark.usefixtures("help_run")


def test_version_is_what_clicks_version_option_prints_and_imports_no_click() -> None:
    assert CliRunner().invoke(cli, ["--version"], prog_name="skillquiz").output == VERSION_LINE
    done = alone("--version")
    assert (done.code, done.output) == (0, VERSION_LINE)
    assert "click" not in done.seen


@pytest.mark.parametrize("columns", [40, 80, 120])
@pytest.mark.parametrize("option", ["--help", "-h"])
def test_help_from_the_cache_is_clicks_help_byte_for_byte(columns: int, option: str) -> None:
    drawn = alone(option, columns=columns)
    assert drawn.code == 0
    assert "click" in drawn.seen  # the first run draws it
    assert drawn.output.startswith("Usage: skillquiz [OPTIONS] COMMAND [ARGS]...\n")
    again = alone(option, columns=columns)
    assert (again.code, again.output) == (0, drawn.output)
    assert "click" not in again.seen


def test_another_width_is_drawn_afresh_and_kept_beside_the_first() -> None:
    narrow = alone("--help", columns=40)
    wide = alone("--help", columns=120)
    assert "click" in wide.seen
    assert narrow.output != wide.output
    assert len(entries()) == 2
    assert alone("--help", columns=40).output == narrow.output


def test_a_damaged_entry_is_drawn_afresh_and_replaced() -> None:
    drawn = alone("--help")
    [entry] = entries()
    blob = entry.read_bytes()
    entry.write_bytes(blob.replace(b"Take the quiz", b"Fake the quiz"))
    again = alone("--help")
    assert "click" in again.seen
    assert again.output == drawn.output
    assert entry.read_bytes() == blob
    entry.write_bytes(blob[: len(blob) // 2])
    assert alone("--help").output == drawn.output


def test_output_in_another_encoding_goes_through_click() -> None:
    alone("--help")
    done = alone("--help", env={"PYTHONIOENCODING": "latin-1"})
    assert done.code == 0
    assert "click" in done.seen


def test_an_unwritable_cache_folder_still_gives_the_help(tmp_path: Path) -> None:
    folder = tmp_path / "cache"
    folder.mkdir()
    (folder / "skillquiz").write_text("a file where the folder would be")
    env = {"XDG_CACHE_HOME": str(folder)}
    first = alone("--help", env=env)
    second = alone("--help", env=env)
    assert (first.code, second.code) == (0, 0)
    assert first.output == second.output
    assert "click" in second.seen


def test_help_to_a_closed_stdout_is_reported_by_the_cli(tmp_path: Path) -> None:
    script = tmp_path / "skillquiz"
    script.write_text("from quiz.cli.launch import main\nmain()\n")
    command = f"{shlex.quote(sys.executable)} {shlex.quote(str(script))} --help"
    env = {**os.environ, "COLUMNS": "80"}
    for _ in range(2):  # drawn, then from the cache
        shown = subprocess.run(command, shell=True, capture_output=True, text=True, env=env)
        assert (shown.returncode, shown.stderr) == (0, "")
    closed = subprocess.run(f"{command} >&-", shell=True, capture_output=True, text=True, env=env)
    assert (closed.returncode, closed.stdout) == (1, "")
    assert closed.stderr == "skillquiz: cannot write the output: Bad file descriptor\n"


def _run_entry(monkeypatch: pytest.MonkeyPatch, *args: str) -> list[str]:
    """Run the script's entry in this process; returns what reached the click CLI (its
    arguments), or nothing when the entry answered by itself (exit 0)."""
    from quiz.cli import launch
    from quiz.cli import main as cli_main

    reached: list[str] = []
    monkeypatch.setattr(sys, "argv", ["skillquiz", *args])
    monkeypatch.setattr(cli_main, "main", lambda: reached.extend(sys.argv[1:]))
    try:
        launch.main()
    except SystemExit as exit:
        assert exit.code == 0
        assert not reached
    return reached


def test_the_entry_prints_the_version_itself(
    monkeypatch: pytest.MonkeyPatch, capfd: pytest.CaptureFixture[str]
) -> None:
    assert _run_entry(monkeypatch, "--version") == []
    assert capfd.readouterr().out == VERSION_LINE


@pytest.mark.parametrize("option", ["--help", "-h"])
def test_the_entry_prints_a_kept_help_itself_and_anything_else_goes_to_click(
    drawn_by: Path,
    monkeypatch: pytest.MonkeyPatch,
    capfd: pytest.CaptureFixture[str],
    option: str,
) -> None:
    monkeypatch.setenv("COLUMNS", "80")
    assert _run_entry(monkeypatch, option) == [option]  # nothing kept yet
    help_cache.keep("Usage: skillquiz [OPTIONS]")
    assert _run_entry(monkeypatch, option) == []
    assert capfd.readouterr().out == "Usage: skillquiz [OPTIONS]\n"
    for args in (["--help", "take"], ["take", "--help"], ["--version", "x"], ["--HELP"]):
        assert _run_entry(monkeypatch, *args) == args


@pytest.mark.parametrize(
    ("encoding", "answered"),
    [("utf-8", True), ("UTF8", True), ("utf_8", True), ("latin-1", False), ("ascii", False)],
)
def test_a_kept_help_is_printed_only_to_a_utf8_stream(
    drawn_by: Path,
    monkeypatch: pytest.MonkeyPatch,
    capfd: pytest.CaptureFixture[str],
    encoding: str,
    answered: bool,
) -> None:
    import io

    monkeypatch.setenv("COLUMNS", "80")
    help_cache.keep("Usage: skillquiz")
    stream = io.TextIOWrapper(open(os.dup(1), "wb"), encoding=encoding)  # noqa: SIM115
    monkeypatch.setattr(sys, "stdout", stream)
    assert _run_entry(monkeypatch, "--help") == ([] if answered else ["--help"])
    stream.close()
    assert capfd.readouterr().out == ("Usage: skillquiz\n" if answered else "")


def test_output_that_fails_goes_to_the_cli_to_report(monkeypatch: pytest.MonkeyPatch) -> None:
    class NoDescriptor:
        encoding = "utf-8"

        def flush(self) -> None:
            pass

        def fileno(self) -> int:
            raise OSError(9, "Bad file descriptor")

    monkeypatch.setattr(sys, "stdout", NoDescriptor())
    assert _run_entry(monkeypatch, "--version") == ["--version"]
    monkeypatch.setattr(sys, "stdout", None)
    assert _run_entry(monkeypatch, "--version") == ["--version"]


def test_a_short_write_is_carried_on_to_the_end(
    monkeypatch: pytest.MonkeyPatch, capfd: pytest.CaptureFixture[str]
) -> None:
    real_write = os.write
    monkeypatch.setattr(os, "write", lambda fd, data: real_write(fd, data[:3]))
    assert _run_entry(monkeypatch, "--version") == []
    monkeypatch.undo()
    assert capfd.readouterr().out == VERSION_LINE


@pytest.mark.parametrize("encoding", [None, "no-such-encoding"])
def test_a_stream_of_no_known_encoding_goes_to_the_cli(
    drawn_by: Path, monkeypatch: pytest.MonkeyPatch, encoding: str | None
) -> None:
    class Stream:
        def flush(self) -> None:
            pass

        def fileno(self) -> int:
            return 1

    stream = Stream()
    if encoding is not None:
        stream.encoding = encoding  # type: ignore[attr-defined]
    monkeypatch.setenv("COLUMNS", "80")
    help_cache.keep("Usage: skillquiz")
    monkeypatch.setattr(sys, "stdout", stream)
    assert _run_entry(monkeypatch, "--help") == ["--help"]


def test_a_help_drawn_without_docstrings_is_not_given_to_a_normal_run() -> None:
    bare = alone("--help", env={"PYTHONOPTIMIZE": "2"})
    assert "A skills self-assessment" not in bare.output
    normal = alone("--help")
    assert "A skills self-assessment" in normal.output
    assert "click" in normal.seen
    assert alone("--help", env={"PYTHONOPTIMIZE": "2"}).output == bare.output


def test_a_click_put_earlier_on_the_path_is_other_code(tmp_path: Path) -> None:
    import click

    early = tmp_path / "early"
    early.mkdir()
    env = {"PYTHONPATH": str(early)}
    alone("--help", env=env)
    assert "click" not in alone("--help", env=env).seen
    shutil.copytree(Path(click.__file__).parent, early / "click")
    decorators = early / "click" / "decorators.py"
    decorators.write_text(
        decorators.read_text().replace("Show this message and exit.", "Show this help and exit.")
    )
    shadowed = alone("--help", env=env)
    assert "click" in shadowed.seen
    assert "Show this help and exit." in shadowed.output


@pytest.mark.parametrize("variable", ["LANG", "COLUMNS", "LANGUAGE"])
def test_bytes_that_are_not_utf8_in_the_environment_still_give_the_help(variable: str) -> None:
    drawn = alone("--help")
    value = "8\udcff" if variable == "COLUMNS" else "en_US\udcff"
    for _ in range(2):
        done = alone("--help", env={variable: value})
        assert (done.code, done.output) == (0, drawn.output)


def test_shell_completion_is_clicks_to_answer(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("_SKILLQUIZ_COMPLETE", "bash_source")
    assert _run_entry(monkeypatch, "--version") == ["--version"]
    assert _run_entry(monkeypatch, "--help") == ["--help"]


def test_ctrl_c_while_the_cache_is_read_is_told_as_the_cli_tells_it(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from quiz.cli import launch

    def interrupted() -> bytes | None:
        raise KeyboardInterrupt

    monkeypatch.setattr(help_cache, "cached", interrupted)
    monkeypatch.setattr(sys, "argv", ["skillquiz", "--help"])
    with pytest.raises(SystemExit) as exit:
        launch.main()
    assert exit.value.code == 130
    assert capsys.readouterr() == ("", "\nInterrupted.\n")

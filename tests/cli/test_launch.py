"""The script's entry answers ``--version``, and ``--help`` from its cache, before click is
imported, printing byte for byte what click prints; an entry that no longer matches the
code, the width or its own text is never shown."""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess
import sys
import time
import types
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from fresh_run import alone

from quiz.cli import help_cache
from quiz.cli.launch import VERSION_LINE
from quiz.cli.main import cli


def _entries() -> list[Path]:
    return sorted(Path(os.environ["XDG_CACHE_HOME"], "skillquiz").glob("help-*"))


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
    assert len(_entries()) == 2
    assert alone("--help", columns=40).output == narrow.output


def test_a_damaged_entry_is_drawn_afresh_and_replaced() -> None:
    drawn = alone("--help")
    [entry] = _entries()
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


@pytest.fixture(autouse=True)
def run_started_after_the_code_was_written(monkeypatch: pytest.MonkeyPatch) -> None:
    """In process, the "run" that keeps a help is ``skillquiz --help``, and starts now,
    after this test's own code files are written (a help drawn by code changed during its
    run is not kept)."""
    from quiz.cli import launch

    monkeypatch.setattr(launch, "STARTED_NS", time.time_ns() + 10**9)
    monkeypatch.setattr(launch, "HELP_ASKED", True)


@pytest.fixture
def drawn_by(tmp_path: Path) -> Iterator[Path]:
    """A module of quiz, loaded, whose source is a file of this test's."""
    source = tmp_path / "drawing.py"
    source.write_text("WIDTH = 78\n")
    module = types.ModuleType("quiz._drawing_for_test")
    module.__file__ = str(source)
    sys.modules[module.__name__] = module
    yield source
    del sys.modules[module.__name__]


def test_an_entry_is_found_only_while_the_code_that_drew_it_is_unchanged(
    drawn_by: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COLUMNS", "80")
    help_cache.keep("Usage: skillquiz\n\n  Help.")
    assert help_cache.cached() == b"Usage: skillquiz\n\n  Help."
    drawn_by.write_text("WIDTH = 60\n")
    assert help_cache.cached() is None
    drawn_by.write_text("WIDTH = 78\n")
    assert help_cache.cached() == b"Usage: skillquiz\n\n  Help."
    drawn_by.unlink()
    assert help_cache.cached() is None


@pytest.mark.parametrize(
    ("variable", "value"), [("COLUMNS", "60"), ("LANGUAGE", "de"), ("LC_ALL", "fr_FR.UTF-8")]
)
def test_an_entry_is_found_only_for_the_width_and_language_it_was_drawn_for(
    drawn_by: Path, monkeypatch: pytest.MonkeyPatch, variable: str, value: str
) -> None:
    monkeypatch.setenv("COLUMNS", "80")
    for name in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        monkeypatch.delenv(name, raising=False)
    help_cache.keep("Usage: skillquiz")
    monkeypatch.setenv(variable, value)
    assert help_cache.cached() is None


def test_text_with_control_characters_is_never_kept(
    drawn_by: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COLUMNS", "80")
    help_cache.keep("Usage: \x1b[1mskillquiz\x1b[0m")
    assert help_cache.cached() is None
    assert _entries() == []


def test_a_help_with_a_tab_is_never_kept(drawn_by: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "80")
    help_cache.keep("Usage: skillquiz\n\tHelp.")
    assert _entries() == []


def test_entries_for_two_widths_are_kept_side_by_side_in_a_private_folder(
    drawn_by: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COLUMNS", "80")
    help_cache.keep("Usage: wide")
    monkeypatch.setenv("COLUMNS", "50")
    help_cache.keep("Usage: narrow")
    assert help_cache.cached() == b"Usage: narrow"
    monkeypatch.setenv("COLUMNS", "80")
    assert help_cache.cached() == b"Usage: wide"
    assert len(_entries()) == 2
    assert _entries()[0].parent.stat().st_mode & 0o777 == 0o700


@pytest.mark.parametrize("columns", [100, 60])
def test_the_terminals_own_width_is_part_of_the_key(
    drawn_by: Path, monkeypatch: pytest.MonkeyPatch, columns: int
) -> None:
    """Without $COLUMNS click reads the terminal's width: an entry drawn in a terminal of
    another width is not this terminal's help."""
    monkeypatch.delenv("COLUMNS", raising=False)
    widths = {"now": 80}

    def terminal_size(descriptor: int = 1) -> os.terminal_size:
        return os.terminal_size((widths["now"], 24))

    monkeypatch.setattr(os, "get_terminal_size", terminal_size)
    help_cache.keep("Usage: at 80")
    widths["now"] = columns
    assert help_cache.cached() is None
    widths["now"] = 80
    assert help_cache.cached() == b"Usage: at 80"


def test_no_terminal_and_a_terminal_are_told_apart(
    drawn_by: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("COLUMNS", raising=False)

    def no_terminal(descriptor: int = 1) -> os.terminal_size:
        raise OSError("not a terminal")

    monkeypatch.setattr(os, "get_terminal_size", no_terminal)
    help_cache.keep("Usage: in a pipe")
    assert help_cache.cached() == b"Usage: in a pipe"
    monkeypatch.setattr(os, "get_terminal_size", lambda descriptor=1: os.terminal_size((80, 24)))
    assert help_cache.cached() is None


@pytest.mark.parametrize("xdg", [None, "", "relative/cache"])
def test_without_an_absolute_xdg_cache_home_entries_go_under_the_home(
    drawn_by: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path, xdg: str | None
) -> None:
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    if xdg is None:
        monkeypatch.delenv("XDG_CACHE_HOME")
    else:
        monkeypatch.setenv("XDG_CACHE_HOME", xdg)
    help_cache.keep("Usage: skillquiz")
    [entry] = (tmp_path / "home" / ".cache" / "skillquiz").glob("help-*")
    assert entry.read_bytes().endswith(b"\n\nUsage: skillquiz")
    assert help_cache.cached() == b"Usage: skillquiz"


def test_a_help_gettext_would_translate_is_never_kept(
    drawn_by: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    import gettext

    catalogs = tmp_path / "locale"
    monkeypatch.setattr(gettext, "_default_localedir", str(catalogs))
    monkeypatch.setenv("LANGUAGE", "xx")
    help_cache.keep("Usage: skillquiz")
    [kept] = _entries()
    kept.unlink()
    (catalogs / "xx" / "LC_MESSAGES").mkdir(parents=True)
    (catalogs / "xx" / "LC_MESSAGES" / f"{gettext.textdomain()}.mo").write_bytes(b"")
    help_cache.keep("Usage: skillquiz")
    assert _entries() == []


def test_a_module_of_a_subpackage_is_part_of_the_key(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    source = tmp_path / "deep.py"
    source.write_text("A = 1\n")
    module = types.ModuleType("quiz.cli._deep_for_test")
    module.__file__ = str(source)
    monkeypatch.setitem(sys.modules, module.__name__, module)
    monkeypatch.setitem(sys.modules, "quiz._no_file_for_test", types.ModuleType("x"))
    help_cache.keep("Usage: skillquiz")
    assert help_cache.cached() == b"Usage: skillquiz"
    source.write_text("A = 2\n")
    assert help_cache.cached() is None


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


def _module_at(monkeypatch: pytest.MonkeyPatch, source: Path) -> None:
    module = types.ModuleType("quiz._placed_for_test")
    module.__file__ = str(source)
    monkeypatch.setitem(sys.modules, module.__name__, module)


def test_code_at_a_path_that_is_not_utf8_is_kept_and_checked(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    source = Path(os.fsdecode(bytes(tmp_path) + b"/dr\xffwing.py"))
    source.write_text("A = 1\n")
    _module_at(monkeypatch, source)
    help_cache.keep("Usage: skillquiz")
    assert help_cache.cached() == b"Usage: skillquiz"
    source.write_text("A = 2\n")
    assert help_cache.cached() is None


def test_code_at_a_path_with_a_line_break_is_never_kept(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    source = tmp_path / "two\nlines.py"
    source.write_text("A = 1\n")
    _module_at(monkeypatch, source)
    help_cache.keep("Usage: skillquiz")
    assert _entries() == []


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


def test_code_changed_after_the_run_started_draws_a_help_not_kept(
    drawn_by: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from quiz.cli import launch

    monkeypatch.setenv("COLUMNS", "80")
    monkeypatch.setattr(launch, "STARTED_NS", time.time_ns() - 10**9)
    help_cache.keep("Usage: drawn while the code changed")
    assert _entries() == []
    monkeypatch.delitem(sys.modules, "quiz.cli.launch")
    help_cache.keep("Usage: no start noted")
    assert _entries() == []


def test_compiled_code_without_its_source_is_part_of_the_key(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    compiled = tmp_path / "drawing.pyc"
    compiled.write_bytes(b"version 1")
    _module_at(monkeypatch, compiled)
    help_cache.keep("Usage: skillquiz")
    assert help_cache.cached() == b"Usage: skillquiz"
    compiled.write_bytes(b"version 2")
    assert help_cache.cached() is None


def test_a_translation_installed_since_the_help_was_kept_is_seen(
    drawn_by: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    import gettext

    catalogs = tmp_path / "locale"
    monkeypatch.setattr(gettext, "_default_localedir", str(catalogs))
    monkeypatch.setenv("LANGUAGE", "xx")
    help_cache.keep("Usage: skillquiz")
    assert help_cache.cached() == b"Usage: skillquiz"
    (catalogs / "xx" / "LC_MESSAGES").mkdir(parents=True)
    (catalogs / "xx" / "LC_MESSAGES" / f"{gettext.textdomain()}.mo").write_bytes(b"")
    assert help_cache.cached() is None


@pytest.mark.parametrize("replacement", ["fifo", "device", "huge"])
def test_an_entry_that_is_not_a_small_file_is_a_miss_at_once(
    drawn_by: Path, monkeypatch: pytest.MonkeyPatch, replacement: str
) -> None:
    monkeypatch.setenv("COLUMNS", "80")
    help_cache.keep("Usage: skillquiz")
    [entry] = _entries()
    entry.unlink()
    if replacement == "fifo":
        os.mkfifo(entry)
    elif replacement == "device":
        entry.symlink_to("/dev/zero")
    else:
        entry.write_bytes(b"x" * (2 << 20))
    assert help_cache.cached() is None


def test_without_a_home_nothing_is_cached_and_no_folder_is_made_here(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, bank_dir: Path
) -> None:
    from quiz.cli.file_cache import cache_dir
    from quiz.cli.main import cli

    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("HOME", raising=False)
    monkeypatch.delenv("XDG_CACHE_HOME")
    monkeypatch.setattr(os.path, "expanduser", lambda path: path)  # no user entry either
    assert cache_dir() is None
    help_cache.keep("Usage: skillquiz")
    assert help_cache.cached() is None
    for _ in range(2):
        done = CliRunner().invoke(cli, ["banks", "--bank-dir", str(bank_dir)])
        assert done.exit_code == 0, done.output
    assert sorted(path.name for path in tmp_path.iterdir()) == ["banks"]


def test_bytecode_kept_beside_the_source_is_part_of_the_key(
    drawn_by: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Python runs a module's ``.pyc`` while its record of the source's time and size
    matches, even after an edit that kept both: the help then comes from the bytecode."""
    from importlib.util import cache_from_source

    monkeypatch.setenv("COLUMNS", "80")
    compiled = Path(cache_from_source(str(drawn_by)))
    compiled.parent.mkdir(exist_ok=True)
    compiled.write_bytes(b"bytecode of the first edit")
    help_cache.keep("Usage: skillquiz")
    assert help_cache.cached() == b"Usage: skillquiz"
    compiled.write_bytes(b"bytecode of the second edit")
    assert help_cache.cached() is None
    compiled.unlink()
    assert help_cache.cached() is None


@pytest.mark.parametrize("variable", ["LANG", "COLUMNS", "LANGUAGE"])
def test_bytes_that_are_not_utf8_in_the_environment_still_give_the_help(variable: str) -> None:
    drawn = alone("--help")
    value = "8\udcff" if variable == "COLUMNS" else "en_US\udcff"
    for _ in range(2):
        done = alone("--help", env={variable: value})
        assert (done.code, done.output) == (0, drawn.output)


def test_code_changed_between_reading_and_checking_is_not_kept(
    drawn_by: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An upgrade that lands just after the sources are read for the key: the help was
    drawn by the code before it, so it must not be kept under the new bytes."""
    monkeypatch.setenv("COLUMNS", "80")
    real_key, real_stat = help_cache._key, os.stat
    upgraded: list[int] = []

    def key_then_upgrade(*args: Any) -> str | None:
        key = real_key(*args)
        upgraded.append(time.time_ns() + 2 * 10**9)  # after the run's start (the fixture)
        return key

    def stat(target: Any, *args: Any, **kwargs: Any) -> os.stat_result:
        status = real_stat(target, *args, **kwargs)
        if not upgraded or os.fspath(target) != str(drawn_by):
            return status
        times = {"st_mtime_ns": upgraded[0], "st_ctime_ns": upgraded[0]}
        return os.stat_result(tuple(status)[:10], times)

    monkeypatch.setattr(help_cache, "_key", key_then_upgrade)
    monkeypatch.setattr(os, "stat", stat)
    help_cache.keep("Usage: skillquiz")
    assert upgraded
    assert _entries() == []


def test_a_package_put_beside_a_module_it_would_shadow_is_a_miss(
    drawn_by: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COLUMNS", "80")
    folder = drawn_by.parent
    long_ago = time.time_ns() - 3600 * 10**9
    os.utime(folder, ns=(long_ago, long_ago))
    help_cache.keep("Usage: skillquiz")
    assert help_cache.cached() == b"Usage: skillquiz"
    (folder / "drawing").mkdir()  # imported instead of drawing.py from now on
    assert help_cache.cached() is None


def test_only_a_help_the_script_was_asked_for_is_kept(
    drawn_by: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from quiz.cli import launch

    monkeypatch.setenv("COLUMNS", "80")
    monkeypatch.setattr(launch, "HELP_ASKED", False)
    result = CliRunner().invoke(cli, ["--help"], prog_name="quiz-wrapper", terminal_width=60)
    assert result.exit_code == 0
    assert _entries() == []


def test_shell_completion_is_clicks_to_answer(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("_SKILLQUIZ_COMPLETE", "bash_source")
    assert _run_entry(monkeypatch, "--version") == ["--version"]
    assert _run_entry(monkeypatch, "--help") == ["--help"]


def test_the_script_and_python_m_quiz_keep_entries_of_their_own(
    drawn_by: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COLUMNS", "80")
    help_cache.keep("Usage: from the script")
    path = sys.path
    monkeypatch.setattr(sys, "path", ["/elsewhere", *path])
    assert help_cache.cached() is None
    help_cache.keep("Usage: from python -m quiz")
    assert help_cache.cached() == b"Usage: from python -m quiz"
    monkeypatch.setattr(sys, "path", path)
    assert help_cache.cached() == b"Usage: from the script"
    assert len(_entries()) == 2

"""The help cache: an entry is found only while everything that drew the help is as it was
(the code, its bytecode and folders, where click and quiz are found, Python's flags, the
width and the language), is never kept when that cannot be known, and a damaged or foreign
entry is a miss."""

from __future__ import annotations

import os
import sys
import time
import types
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from help_entries import entries, module_at

from quiz.cli import help_cache
from quiz.cli.main import cli

pytestmark = pytest.mark.usefixtures("help_run")


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
    assert entries() == []


def test_a_help_with_a_tab_is_never_kept(drawn_by: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "80")
    help_cache.keep("Usage: skillquiz\n\tHelp.")
    assert entries() == []


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
    assert len(entries()) == 2
    assert entries()[0].parent.stat().st_mode & 0o777 == 0o700


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
    [kept] = entries()
    kept.unlink()
    (catalogs / "xx" / "LC_MESSAGES").mkdir(parents=True)
    (catalogs / "xx" / "LC_MESSAGES" / f"{gettext.textdomain()}.mo").write_bytes(b"")
    help_cache.keep("Usage: skillquiz")
    assert entries() == []


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


def test_code_at_a_path_that_is_not_utf8_is_kept_and_checked(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    source = Path(os.fsdecode(bytes(tmp_path) + b"/dr\xffwing.py"))
    source.write_text("A = 1\n")
    module_at(monkeypatch, source)
    help_cache.keep("Usage: skillquiz")
    assert help_cache.cached() == b"Usage: skillquiz"
    source.write_text("A = 2\n")
    assert help_cache.cached() is None


def test_code_at_a_path_with_a_line_break_is_never_kept(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    source = tmp_path / "two\nlines.py"
    source.write_text("A = 1\n")
    module_at(monkeypatch, source)
    help_cache.keep("Usage: skillquiz")
    assert entries() == []


def test_code_changed_after_the_run_started_draws_a_help_not_kept(
    drawn_by: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from quiz.cli import launch

    monkeypatch.setenv("COLUMNS", "80")
    monkeypatch.setattr(launch, "STARTED_NS", time.time_ns() - 10**9)
    help_cache.keep("Usage: drawn while the code changed")
    assert entries() == []
    monkeypatch.delitem(sys.modules, "quiz.cli.launch")
    help_cache.keep("Usage: no start noted")
    assert entries() == []


def test_compiled_code_without_its_source_is_part_of_the_key(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    compiled = tmp_path / "drawing.pyc"
    compiled.write_bytes(b"version 1")
    module_at(monkeypatch, compiled)
    help_cache.keep("Usage: skillquiz")
    assert help_cache.cached() == b"Usage: skillquiz"
    compiled.write_bytes(b"version 2")
    assert help_cache.cached() is None


def test_a_translation_installed_since_the_help_was_kept_is_seen(
    drawn_by: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    import gettext

    catalogs = tmp_path / "locale"
    (catalogs / "xx").mkdir(parents=True)  # beside the code, made before the help is kept
    monkeypatch.setattr(gettext, "_default_localedir", str(catalogs))
    monkeypatch.setenv("LANGUAGE", "xx")
    help_cache.keep("Usage: skillquiz")
    assert help_cache.cached() == b"Usage: skillquiz"
    (catalogs / "xx" / "LC_MESSAGES").mkdir()
    (catalogs / "xx" / "LC_MESSAGES" / f"{gettext.textdomain()}.mo").write_bytes(b"")
    assert help_cache.cached() is None


@pytest.mark.parametrize("replacement", ["fifo", "device", "huge"])
def test_an_entry_that_is_not_a_small_file_is_a_miss_at_once(
    drawn_by: Path, monkeypatch: pytest.MonkeyPatch, replacement: str
) -> None:
    monkeypatch.setenv("COLUMNS", "80")
    help_cache.keep("Usage: skillquiz")
    [entry] = entries()
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
    assert entries() == []


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
    assert entries() == []


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
    assert len(entries()) == 2


def test_an_entry_is_read_up_to_its_limit_and_no_further(tmp_path: Path) -> None:
    from quiz.cli.cache_folder import read_regular

    exact, over = tmp_path / "exact", tmp_path / "over"
    exact.write_bytes(b"x" * 100)
    over.write_bytes(b"x" * 101)
    assert read_regular(str(exact), 100) == b"x" * 100
    assert read_regular(str(over), 100) is None
    assert read_regular(str(tmp_path), 100) is None
    assert read_regular(str(tmp_path / "missing"), 100) is None


def test_a_failure_inside_the_cache_is_a_miss_never_an_error(
    drawn_by: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def fails() -> str:
        raise RuntimeError("inside the cache")

    monkeypatch.setattr(help_cache, "_inputs", fails)
    help_cache.keep("Usage: skillquiz")
    assert help_cache.cached() is None
    assert entries() == []


def test_off_linux_nothing_is_kept_or_read(drawn_by: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "80")
    help_cache.keep("Usage: skillquiz")
    monkeypatch.setattr(sys, "platform", "darwin")
    assert help_cache.cached() is None
    help_cache.keep("Usage: elsewhere")
    assert len(entries()) == 1


def test_where_click_is_found_is_part_of_the_key(
    drawn_by: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """In process click is already imported, so ``find_spec`` answers from it; a fresh
    run asks the search path (test_launch.py puts a click earlier on it)."""
    import importlib.util
    from importlib.machinery import ModuleSpec

    monkeypatch.setenv("COLUMNS", "80")
    help_cache.keep("Usage: skillquiz")
    real = importlib.util.find_spec

    def elsewhere(name: str, package: str | None = None) -> ModuleSpec | None:
        if name == "click":
            return ModuleSpec("click", None, origin="/elsewhere/click/__init__.py")
        return real(name, package)

    monkeypatch.setattr(importlib.util, "find_spec", elsewhere)
    assert help_cache.cached() is None
    monkeypatch.setattr(importlib.util, "find_spec", lambda name, package=None: None)
    assert help_cache.cached() is None


def test_code_changed_just_before_the_run_started_is_not_trusted(
    drawn_by: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """File times are coarse: code changed within a tenth of a second of the start may
    still be what was changing as the run imported it."""
    from quiz.cli import launch

    monkeypatch.setenv("COLUMNS", "80")
    changed = max(drawn_by.stat().st_mtime_ns, drawn_by.stat().st_ctime_ns)
    monkeypatch.setattr(launch, "STARTED_NS", changed + 50_000_000)
    help_cache.keep("Usage: skillquiz")
    assert entries() == []
    monkeypatch.setattr(launch, "STARTED_NS", changed + 150_000_000)
    help_cache.keep("Usage: skillquiz")
    assert len(entries()) == 1

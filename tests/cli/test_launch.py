"""The script's entry answers ``--version``, and ``--help`` from its cache, before click is
imported, printing byte for byte what click prints; an entry that no longer matches the
code, the width or its own text is never shown."""

from __future__ import annotations

import os
import shlex
import subprocess
import sys
import types
from collections.abc import Iterator
from pathlib import Path

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

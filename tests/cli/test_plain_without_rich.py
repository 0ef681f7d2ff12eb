"""Output rich would draw without colour is written without importing rich's console: the
commands that print only such text in a pipe or in plain mode leave ``rich.console`` out,
and what ``quiz.cli.screen.Screen`` writes is byte for byte what rich's console writes."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from click.testing import CliRunner
from fresh_run import alone
from hypothesis import given
from hypothesis import strategies as st

from quiz.cli.console import print_styled_wrapped
from quiz.cli.main import cli
from quiz.cli.rich_console import rich_console
from quiz.cli.screen import Screen, Styled, styled


def imported(
    *args: str, stdin: str = "", code: int = 0, env: dict[str, str] | None = None
) -> set[str]:
    """The modules a ``skillquiz`` run (a fresh interpreter, output and input pipes) has
    imported when it ends, after checking it ended with ``code``."""
    done = alone(*args, stdin=stdin, env=env)
    assert done.code == code, done.output
    return set(done.seen)


def _two_attempts(bank_dir: Path) -> Path:
    answers = bank_dir.parent / "answers.yaml"
    answers.write_text("a-choice-01: Right\nb-num-01: 60\n")
    take = ["take", "--bank-dir", str(bank_dir), "--answers", str(answers), "--name", "Ann"]
    for seed in ("1", "2"):
        assert CliRunner().invoke(cli, [*take, "--seed", seed]).exit_code == 0
    return answers


PLAIN_COMMANDS = {
    # take and practice in plain mode with no input: the welcome, the first question, and
    # "input ended" (exit 1)
    "take --plain": (["take", "--plain", "--length", "quick", "--seed", "1", "--name", "B"], 1),
    "practice --plain": (["practice", "--plain", "--seed", "1"], 1),
    "roles": (["roles"], 0),
    "banks --questions": (["banks", "--questions"], 0),
    "validate": (["validate"], 0),
    "banks": (["banks"], 0),
    "stats": (["stats"], 0),
    "history": (["history"], 0),
    "compare": (["compare", "1", "2"], 0),
    "show": (["show", "1", "--review"], 0),
}


@pytest.mark.parametrize("name", sorted(PLAIN_COMMANDS))
def test_plain_output_leaves_out_rich_console(name: str, bank_dir: Path) -> None:
    _two_attempts(bank_dir)
    args, code = PLAIN_COMMANDS[name]
    modules = imported(*args, code=code)
    assert "rich.console" not in modules
    assert "rich.text" not in modules


def test_the_results_of_a_quiz_taken_from_a_file_leave_out_rich_console(bank_dir: Path) -> None:
    answers = _two_attempts(bank_dir)
    take = ["take", "--bank-dir", str(bank_dir), "--answers", str(answers), "--seed", "3"]
    modules = imported(*take)
    assert "quiz.cli.terminal_report" in modules
    assert "rich.console" not in modules


def test_a_table_rich_must_draw_still_imports_rich() -> None:
    # A table is drawn without rich here too (tests/cli/test_plain_table_commands.py);
    # ``banks`` on a stream rich draws ASCII boxes for still hands its tables to rich.
    assert "rich.console" in imported("banks", env={"PYTHONIOENCODING": "ascii"})


def _both(text: object, width: int, *, soft_wrap: bool, encoding: str = "utf-8") -> tuple[str, str]:
    """What Screen writes for ``text`` in a pipe, and what rich's console writes."""
    outputs = []
    for console in (Screen(), rich_console()):
        buffer = io.BytesIO()
        stream = io.TextIOWrapper(buffer, encoding=encoding, errors="replace")
        console.file = stream
        console.width = width
        drawn = (
            text.rich() if isinstance(text, Styled) and not isinstance(console, Screen) else text
        )
        console.print(drawn, soft_wrap=soft_wrap)
        stream.flush()
        outputs.append(buffer.getvalue().decode(encoding))
    return outputs[0], outputs[1]


# Letters, wide and combining characters, spaces (ordinary and not), newlines, control
# characters, markup-like brackets and what ASCII cannot encode.
TEXTS = st.text(
    alphabet=st.sampled_from(
        list("ab Z-[]/\n\t\x1b\r\x07\x00\u00e9\u2013\u00a0\u8aad\u0301\u2588")
    ),
    max_size=120,
)
STYLES = st.sampled_from(["", "bold", "dim", "bold yellow"])


@given(text=TEXTS, width=st.integers(min_value=5, max_value=90), soft_wrap=st.booleans())
def test_a_string_prints_as_rich_prints_it(text: str, width: int, soft_wrap: bool) -> None:
    screen, rich = _both(text, width, soft_wrap=soft_wrap)
    assert screen == rich


@given(
    parts=st.lists(st.tuples(TEXTS, STYLES), max_size=4),
    style=STYLES,
    width=st.integers(min_value=5, max_value=90),
    soft_wrap=st.booleans(),
)
def test_styled_text_prints_as_rich_prints_it(
    parts: list[tuple[str, str]], style: str, width: int, soft_wrap: bool
) -> None:
    screen, rich = _both(styled(*parts, style=style), width, soft_wrap=soft_wrap)
    assert screen == rich


@given(text=TEXTS, soft_wrap=st.booleans())
def test_what_ascii_cannot_encode_is_spelled_as_rich_spells_it(text: str, soft_wrap: bool) -> None:
    screen, rich = _both(text, 40, soft_wrap=soft_wrap, encoding="ascii")
    assert screen == rich


@given(
    parts=st.lists(st.tuples(TEXTS, STYLES), min_size=1, max_size=3),
    width=st.integers(min_value=0, max_value=90),
    hanging=st.integers(min_value=0, max_value=4),
)
def test_styled_text_wraps_as_rich_wraps_it(
    parts: list[tuple[str, str]], width: int, hanging: int
) -> None:
    from rich.text import Text

    screen, rich = Screen(), rich_console()
    written, drawn = io.StringIO(), io.StringIO()
    screen.file, rich.file = written, drawn
    screen.width = rich.width = width
    print_styled_wrapped(screen, styled(*parts), hanging=hanging)
    # As rich alone wraps it: each line of Text.wrap without its trailing blanks.
    for number, line in enumerate(styled(*parts).rich().wrap(rich, max(20, width - hanging))):
        line.rstrip()
        rich.print(Text(" " * hanging) + line if number else line, soft_wrap=True)
    assert written.getvalue() == drawn.getvalue()

"""A table written where rich would draw no colour is byte for byte what rich's ``Table``
writes through the project's console (quiz.cli.rich_console), and is handed to rich where
it would not be."""

from __future__ import annotations

import io

from hypothesis import given, settings
from hypothesis import strategies as st

from quiz.cli.plain_table import Column, Table
from quiz.cli.rich_console import rich_console
from quiz.cli.screen import Screen, Styled, styled


def _rich(table: Table, width: int, *, encoding: str = "utf-8") -> str:
    """What the console commands printed tables with prints for ``table``: rich's own table
    through rich_console, in a pipe."""
    console = rich_console()
    buffer = io.BytesIO()
    stream = io.TextIOWrapper(buffer, encoding=encoding, errors="replace")
    console.file = stream
    console.width = width
    console.print(table.rich())
    stream.flush()
    return buffer.getvalue().decode(encoding)


def _screen(table: Table, width: int, *, encoding: str = "utf-8") -> str:
    screen = Screen()
    buffer = io.BytesIO()
    stream = io.TextIOWrapper(buffer, encoding=encoding, errors="replace")
    screen.file = stream
    screen.width = width
    screen.print(table)
    stream.flush()
    return buffer.getvalue().decode(encoding)


# Words, blanks (ordinary and not), long words, wide, combining and accented characters,
# an ellipsis, a box character, newlines (and a line separator, which rich's measure splits
# at and its wrap does not), markup-like brackets and control characters.
WORD = st.text(alphabet=st.sampled_from(list("abcdefghij0123")), min_size=1, max_size=14)
ODD = st.sampled_from(
    [
        *("", " ", "  ", "\n", "\t", "\u00a0", "\u2028"),
        *("\u8aad\u66f8", "\u00e9", "e\u0301", "\u2026", "\u2501", "[b]", "\x1b"),
    ]
)
TEXT = st.lists(st.one_of(WORD, ODD, st.just(" ")), max_size=8).map("".join)
CELL = st.one_of(
    TEXT,
    st.tuples(TEXT, TEXT).map(lambda pair: styled(pair[0], "\n", (pair[1], "dim"))),
)
COLUMN = st.builds(
    Column,
    header=TEXT,
    justify=st.sampled_from(["left", "center", "right"]),
    no_wrap=st.booleans(),
    overflow=st.sampled_from(["fold", "crop", "ellipsis"]),
    ratio=st.none(),
    min_width=st.none(),
)


@st.composite
def tables(draw: st.DrawFn) -> Table:
    """A random table within what the console commands use."""
    table = Table(
        title=draw(st.one_of(st.just(""), TEXT)),
        title_justify=draw(st.sampled_from(["center", "left", "right"])),
        caption=draw(st.one_of(st.just(""), TEXT)),
        box=draw(st.sampled_from(["heavy_head", "simple_head"])),
        show_edge=draw(st.booleans()),
        pad_edge=draw(st.booleans()),
        collapse_padding=draw(st.booleans()),
        expand=draw(st.booleans()),
    )
    columns = draw(st.lists(COLUMN, min_size=1, max_size=8))
    flexible = draw(st.integers(min_value=-1, max_value=len(columns) - 1))
    for index, column in enumerate(columns):
        if index == flexible:
            column = column._replace(
                ratio=draw(st.sampled_from([None, 1, 2])),
                min_width=draw(st.sampled_from([None, 0, 3, 8])),
            )
        table.add_column(
            column.header,
            justify=column.justify,
            no_wrap=column.no_wrap,
            overflow=column.overflow,
            ratio=column.ratio,
            min_width=column.min_width,
        )
    for row in draw(st.lists(st.lists(CELL, max_size=len(columns)), max_size=5)):
        table.add_row(*row)
    return table


@settings(max_examples=400, deadline=None)
@given(table=tables(), width=st.integers(min_value=20, max_value=200))
def test_a_table_prints_as_rich_prints_it(table: Table, width: int) -> None:
    drawn = _rich(table, width)
    assert _screen(table, width) == drawn
    assert table.plain(width) in (None, drawn)  # None: the screen handed it to rich


@settings(max_examples=200, deadline=None)
@given(table=tables(), width=st.integers(min_value=1, max_value=30))
def test_a_narrow_table_prints_as_rich_prints_it(table: Table, width: int) -> None:
    drawn = _rich(table, width)
    assert _screen(table, width) == drawn
    assert table.plain(width) in (None, drawn)


@given(table=tables())
def test_a_table_in_ascii_is_left_to_rich(table: Table) -> None:
    # rich draws ASCII boxes for a stream that is not UTF: the table goes to rich whole.
    assert _screen(table, 60, encoding="ascii") == _rich(table, 60, encoding="ascii")


def test_no_wrap_columns_that_do_not_fit_are_shrunk_with_an_ellipsis() -> None:
    table = Table(title="Self-ratings", title_justify="left", box="simple_head", show_edge=False)
    table.add_column("Skill")
    for heading in ("n", "Mean", "SD", "r with score"):
        table.add_column(heading, justify="right", no_wrap=True)
    table.add_row("Attention to detail", "12", "3.4", "1.2", "0.45")
    printed = _screen(table, 30)
    assert "…" in printed
    assert printed == _rich(table, 30)


def test_styled_text_with_a_control_character_is_left_to_rich() -> None:
    table = Table()
    table.add_column("Skill")
    table.add_row(Styled((("bell\x07", ""), ("x", "dim"))))
    assert table.plain(40) is None
    assert _screen(table, 40) == _rich(table, 40)


@st.composite
def too_wide(draw: st.DrawFn) -> Table:
    """Tables of no_wrap columns with long cells, some columns of right-justified figures:
    at 20 to 60 columns rich shrinks every column and cuts with an ellipsis."""
    table = Table(
        title=draw(TEXT),
        box=draw(st.sampled_from(["heavy_head", "simple_head"])),
        show_edge=draw(st.booleans()),
        pad_edge=draw(st.booleans()),
        collapse_padding=draw(st.booleans()),
    )
    count = draw(st.integers(min_value=2, max_value=9))
    for index in range(count):
        table.add_column(draw(WORD), justify="right" if index else "left", no_wrap=True)
    for _ in range(draw(st.integers(min_value=1, max_value=4))):
        table.add_row(
            *draw(st.lists(st.text("abc 123.", min_size=4), min_size=count, max_size=count))
        )
    return table


@settings(max_examples=200, deadline=None)
@given(table=too_wide(), width=st.integers(min_value=20, max_value=60))
def test_columns_that_do_not_fit_are_cut_as_rich_cuts_them(table: Table, width: int) -> None:
    drawn = _rich(table, width)
    assert table.plain(width) == drawn
    assert _screen(table, width) == drawn

"""A table written where rich would draw no colour is byte for byte what rich's ``Table``
writes through the project's console (quiz.cli.rich_console), and is handed to rich where
it would not be."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from table_fixtures import assert_drawn_as_rich, both, printed, rich_printed, screen_printed

from quiz.cli.plain_table import Cell, Table
from quiz.cli.screen import Styled, styled

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
Spec = tuple[list[dict[str, Any]], list[list[Cell]], dict[str, Any]]
JUSTIFY = st.sampled_from(["left", "center", "right"])
COLUMN = st.fixed_dictionaries(
    {
        "header": TEXT,
        "justify": JUSTIFY,
        "no_wrap": st.booleans(),
        "overflow": st.sampled_from(["fold", "crop", "ellipsis"]),
        "ratio": st.sampled_from([None, None, None, 0, 1, 2]),
        "min_width": st.sampled_from([None, None, None, 0, 3, 8]),
    }
)


@st.composite
def tables(draw: st.DrawFn) -> Spec:
    """A random table within what the console commands use: its columns, rows and options,
    for ``both`` to build as ours and as rich's."""
    options: dict[str, Any] = {
        "title": draw(st.one_of(st.just(""), TEXT)),
        "title_justify": draw(JUSTIFY),
        "caption": draw(st.one_of(st.just(""), TEXT)),
        "caption_justify": draw(JUSTIFY),
        "box": draw(st.sampled_from(["heavy_head", "simple_head"])),
        "show_edge": draw(st.booleans()),
        "pad_edge": draw(st.booleans()),
        "collapse_padding": draw(st.booleans()),
        "expand": draw(st.booleans()),
    }
    columns = draw(st.lists(COLUMN, min_size=1, max_size=8))
    rows = draw(st.lists(st.lists(CELL, max_size=len(columns)), max_size=5))
    return columns, rows, options


@settings(max_examples=400, deadline=None)
@given(table=tables(), width=st.integers(min_value=20, max_value=200))
def test_a_table_prints_as_rich_prints_it(table: Spec, width: int) -> None:
    columns, rows, options = table
    assert_drawn_as_rich(*both(columns, rows, **options), width)


@settings(max_examples=200, deadline=None)
@given(table=tables(), width=st.integers(min_value=1, max_value=30))
def test_a_narrow_table_prints_as_rich_prints_it(table: Spec, width: int) -> None:
    columns, rows, options = table
    assert_drawn_as_rich(*both(columns, rows, **options), width)


@given(table=tables())
def test_a_table_in_ascii_is_left_to_rich(table: Spec) -> None:
    # rich draws ASCII boxes for a stream that is not UTF: the table goes to rich whole.
    columns, rows, options = table
    ours, reference = both(columns, rows, **options)
    assert screen_printed(ours, 60, encoding="ascii") == printed(reference, 60, encoding="ascii")


def test_no_wrap_columns_that_do_not_fit_are_shrunk_with_an_ellipsis() -> None:
    columns: list[dict[str, Any]] = [{"header": "Skill"}]
    for heading in ("n", "Mean", "SD", "r with score"):
        columns.append({"header": heading, "justify": "right", "no_wrap": True})
    rows: list[list[Cell]] = [["Attention to detail", "12", "3.4", "1.2", "0.45"]]
    options: dict[str, Any] = {"title_justify": "left", "box": "simple_head", "show_edge": False}
    table, reference = both(columns, rows, title="Self-ratings", **options)
    assert "…" in screen_printed(table, 30)
    assert_drawn_as_rich(table, reference, 30)


def test_styled_text_with_a_control_character_is_left_to_rich() -> None:
    table = Table()
    table.add_column("Skill")
    table.add_row(Styled((("bell\x07", ""), ("x", "dim"))))
    assert table.plain(40) is None
    assert screen_printed(table, 40) == rich_printed(table, 40)


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
    drawn = rich_printed(table, width)
    assert table.plain(width) == drawn
    assert screen_printed(table, width) == drawn


# Each case below is a table built both ways (``both``) that exercises one branch of the
# port, so that a change to that branch shows against rich's own table.


def test_no_columns_print_an_empty_line() -> None:
    table, reference = both([], [])
    assert table.plain(40) == "\n"
    assert_drawn_as_rich(table, reference, 40)


def test_a_short_row_is_filled_with_empty_cells() -> None:
    table, reference = both([{"header": "Skill"}, {"header": "Score"}], [["Recall"]])
    assert_drawn_as_rich(table, reference, 40)


def test_a_row_longer_than_the_columns_is_refused() -> None:
    # rich would add a column for it; the commands never mean to.
    table, _ = both([{"header": "Skill"}], [])
    with pytest.raises(ValueError, match=r"^a row has more cells than the table has columns$"):
        table.add_row("Recall", "3")


@pytest.mark.parametrize("justify", ["left", "right"])
def test_a_caption_is_justified(justify: str) -> None:
    columns: list[dict[str, Any]] = [{"header": "Skill"}, {"header": "Score"}]
    rows: list[list[Cell]] = [["Attention to detail", "12"]]
    table, reference = both(columns, rows, caption="Two learners", caption_justify=justify)
    assert_drawn_as_rich(table, reference, 60)


@pytest.mark.parametrize("width", [10, 11, 40])
def test_an_expanding_table_fills_the_width(width: int) -> None:
    # At 10 the one spare column goes to the first column alone, the second getting none.
    columns: list[dict[str, Any]] = [{"header": "a"}, {"header": "b"}]
    table, reference = both(columns, [["x", "y"]], expand=True)
    assert table.plain(width) == printed(reference, width)
    assert len(printed(reference, width).splitlines()[0]) == width
    assert_drawn_as_rich(table, reference, width)


@pytest.mark.parametrize("width", [30, 61])
def test_columns_with_ratios_share_an_expanding_table(width: int) -> None:
    columns: list[dict[str, Any]] = [
        {"header": "Skill"},
        {"header": "Notes", "ratio": 2},
        {"header": "n", "ratio": 1, "min_width": 4},
    ]
    table, reference = both(columns, [["Recall", "fine", "3"]], expand=True)
    assert_drawn_as_rich(table, reference, width)


def test_a_column_of_ratio_zero_after_the_others_takes_what_is_left() -> None:
    # The ratios are used up before it: rich gives it the remainder (nothing) as it is.
    columns: list[dict[str, Any]] = [{"header": "a", "ratio": 1}, {"header": "b", "ratio": 0}]
    table, reference = both(columns, [["x", "y"]], expand=True)
    assert_drawn_as_rich(table, reference, 30)


def test_a_minimum_width_widens_a_narrow_column() -> None:
    columns: list[dict[str, Any]] = [{"header": "n", "min_width": 10}, {"header": "Skill"}]
    table, reference = both(columns, [["3", "Recall"]])
    assert_drawn_as_rich(table, reference, 60)


def test_a_no_wrap_column_is_cut_rather_than_wrapped() -> None:
    columns: list[dict[str, Any]] = [{"header": "Skill", "no_wrap": True}]
    table, reference = both(columns, [["Attention to detail"]])
    assert "…" in printed(reference, 12)
    assert_drawn_as_rich(table, reference, 12)


def test_an_empty_last_column_of_no_padding_shrinks_to_nothing() -> None:
    # Collapsed padding and no edge padding leave the last column no padding at all; with
    # a minimum width of 0 it measures 0 columns wide once the table has to be narrowed.
    columns: list[dict[str, Any]] = [{"header": "Skill"}, {"header": "", "min_width": 0}]
    options: dict[str, Any] = {"collapse_padding": True, "pad_edge": False}
    table, reference = both(columns, [["Attention to detail", ""]], **options)
    assert_drawn_as_rich(table, reference, 12)


@pytest.mark.parametrize("overflow", ["fold", "ellipsis"])
def test_a_word_exactly_the_width_goes_to_a_line_of_its_own(overflow: str) -> None:
    # A column of 6 leaves 4 for the text: "bbbb" fits a line exactly, and "ccc" starts
    # the next, its blank dropped.
    columns: list[dict[str, Any]] = [{"header": "h", "overflow": overflow}]
    table, reference = both(columns, [["aaa bbbb ccc"]])
    assert_drawn_as_rich(table, reference, 8)


@pytest.mark.parametrize("cell", ["abcd", "ab d", "abcd efgh", "ab  "])
def test_a_line_exactly_the_width_is_not_divided(cell: str) -> None:
    table, reference = both([{"header": "h"}], [[cell]])
    assert_drawn_as_rich(table, reference, 8)

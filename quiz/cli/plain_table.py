"""A table the commands print (``stats``, ``banks``, ``calibrate``), laid out here where rich
would draw no colour, and handed to rich's ``Table`` everywhere else.

Importing rich's console and table and laying out a small table with them costs a start
about as much as importing click does, only to print plain text into a pipe or a log. This
module describes a table as rich's ``Table`` takes it, for the subset of features the
commands use, and writes it as rich writes it: the very same column widths (a port of
``Table._calculate_column_widths`` and ``_measure_column``; rich's ``Measurement``,
``_collapse_widths`` and ``rich._ratio`` are in quiz.cli.table_widths), the same wrapping
inside cells (``Text.wrap``), the same box characters and padding, the same title and
caption. ``Table.rich`` gives rich's own table for a colour terminal, a stream rich would
draw other box characters for, or a table outside the subset (``Table.plain`` then says
None).

The reference is rich 15's ``rich/table.py``, ``measure.py``, ``padding.py``, ``text.py``,
``containers.py``, ``segment.py``, ``_ratio.py``, ``_wrap.py`` and ``box.py``; the comments
name the rich function each piece follows. rich is imported only to measure or wrap text
of characters other than ASCII, box characters and the ellipsis (``rich.cells``,
``rich._wrap``: neither imports rich's console).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Literal, NamedTuple

from quiz.cli.screen import Drawing, Styled
from quiz.cli.table_widths import Measurement, collapse_widths, ratio_distribute, ratio_reduce
from quiz.safetext import CONTROL_CHARACTERS, visible

if TYPE_CHECKING:
    from rich.table import Table as RichTable

Justify = Literal["left", "center", "right"]
Overflow = Literal["fold", "crop", "ellipsis"]
BoxName = Literal["heavy_head", "simple_head"]
Cell = str | Styled

# rich.box: the eight rows of a box (top, head, head row, mid, row, foot row, foot,
# bottom), four characters each (left, horizontal or blank, divider, right).
_BOXES: dict[str, list[tuple[str, str, str, str]]] = {
    name: [(row[0], row[1], row[2], row[3]) for row in rows]
    for name, rows in {
        "heavy_head": ("┏━┳┓", "┃ ┃┃", "┡━╇┩", "│ ││", "├─┼┤", "├─┼┤", "│ ││", "└─┴┘"),
        "simple_head": ("    ", "    ", " ── ", "    ", "    ", "    ", "    ", "    "),
    }.items()
}
_CONTROL = frozenset(CONTROL_CHARACTERS)
_TRAILING_WHITESPACE = re.compile(r"\s+$")  # rich.text._re_whitespace
_WORD = re.compile(r"\s*\S+\s*")  # rich._wrap.re_word
# Characters rich counts as one column each, without rich: printable ASCII, the box
# characters and the ellipsis rich marks a cut with. Anything else is measured by rich.cells.
_NARROW = re.compile("[ -~\u2500-\u25fc\u2026]*")


class Column(NamedTuple):
    """One column, as ``Table.add_column`` takes it."""

    header: str
    justify: Justify = "left"
    no_wrap: bool = False
    overflow: Overflow = "ellipsis"
    ratio: int | None = None
    min_width: int | None = None


class Table(Drawing):
    """A table as rich's ``Table`` describes it (the arguments are rich's, with the box
    named rather than given), drawn by ``quiz.cli.screen.Screen``: by ``plain`` where rich
    would draw no colour, by rich (``rich``) elsewhere."""

    def __init__(
        self,
        *,
        title: str = "",
        title_justify: Justify = "center",
        caption: str = "",
        caption_justify: Justify = "center",
        box: BoxName = "heavy_head",
        show_edge: bool = True,
        pad_edge: bool = True,
        collapse_padding: bool = False,
        expand: bool = False,
    ) -> None:
        self.title = title
        self.title_justify: Justify = title_justify
        self.caption = caption
        self.caption_justify: Justify = caption_justify
        self.box: BoxName = box
        self.show_edge = show_edge
        self.pad_edge = pad_edge
        self.collapse_padding = collapse_padding
        self.expand = expand
        self.columns: list[Column] = []
        self.rows: list[tuple[Cell, ...]] = []

    def add_column(
        self,
        header: str,
        *,
        justify: Justify = "left",
        no_wrap: bool = False,
        overflow: Overflow = "ellipsis",
        ratio: int | None = None,
        min_width: int | None = None,
    ) -> None:
        self.columns.append(Column(header, justify, no_wrap, overflow, ratio, min_width))

    def add_row(self, *cells: Cell) -> None:
        """A row of cells, one a column (fewer are filled with empty cells, as rich does)."""
        if len(cells) > len(self.columns):
            raise ValueError("a row has more cells than the table has columns")
        self.rows.append((*cells, *[""] * (len(self.columns) - len(cells))))

    def rich(self) -> RichTable:
        """The same table as rich's own, for rich to draw."""
        from rich import box
        from rich.table import Table as RichTable

        table = RichTable(
            title=self.title or None,
            title_justify=self.title_justify,
            caption=self.caption or None,
            caption_justify=self.caption_justify,
            box=getattr(box, self.box.upper()),
            show_edge=self.show_edge,
            pad_edge=self.pad_edge,
            collapse_padding=self.collapse_padding,
            expand=self.expand,
        )
        for column in self.columns:
            table.add_column(
                column.header,
                justify=column.justify,
                no_wrap=column.no_wrap,
                overflow=column.overflow,
                ratio=column.ratio,
                min_width=column.min_width,
            )
        for row in self.rows:
            table.add_row(*(cell.rich() if isinstance(cell, Styled) else cell for cell in row))
        return table

    def plain(self, width: int) -> str | None:
        """What rich's console (``quiz.cli.rich_console``) prints for this table with no
        colour at ``width`` columns, every line ended; None where only rich can say (styled
        text holding a control character: rich drops some of them)."""
        cells = [_cell_text(cell) for row in self.rows for cell in row]
        if any(text is None for text in cells):
            return None
        lines = list(_Layout(self).lines(width))
        # rich_console trims each line's trailing blanks as it renders; Console.print then
        # crops every line to the width.
        return "".join(_cropped(line.rstrip(" "), width) + "\n" for line in lines)


def _cell_text(cell: Cell) -> str | None:
    """A cell's text as rich lays it out: a string with its control characters spelled out
    (as ``VisibleConsole.render_str`` does before rich sees it), styled text as it is, or
    None if it holds a control character."""
    if isinstance(cell, str):
        return visible(cell)
    text = cell.plain
    return None if _CONTROL.intersection(text) else text


class _Layout:
    """One table laid out as rich's ``Table.__rich_console__`` lays it out."""

    def __init__(self, table: Table) -> None:
        self.table = table
        self.columns = table.columns
        # Each column's cells, its header first, as ``Table._get_cells`` gives them.
        self.cells = [
            [visible(column.header)] + [_cell_text(row[index]) or "" for row in table.rows]
            for index, column in enumerate(table.columns)
        ]

    def lines(self, width: int) -> list[str]:
        """The lines of ``Table.__rich_console__`` at ``width`` (before rich_console trims
        them and Console.print crops them)."""
        table = self.table
        if not self.columns:
            return [""]
        extra = (2 if table.show_edge else 0) + len(self.columns) - 1  # Table._extra_width
        widths = self._column_widths(max(0, width - extra))
        table_width = sum(widths) + extra
        lines = []
        if table.title:
            lines += _wrapped(visible(table.title), table_width, table.title_justify, "fold")
        lines += self._rows(widths)
        if table.caption:
            lines += _wrapped(visible(table.caption), table_width, table.caption_justify, "fold")
        return lines

    def _padding(self, index: int) -> tuple[int, int]:
        """A cell's left and right padding in column ``index``: ``Table._get_cells``'s
        ``get_padding`` for the padding (0, 1)."""
        left = right = 1
        if self.table.collapse_padding and index:
            left = max(0, left - right)
        if not self.table.pad_edge:
            if index == 0:
                left = 0
            if index == len(self.columns) - 1:
                right = 0
        return left, right

    def _padding_width(self, index: int) -> int:
        """``Table._get_padding_width`` (which, collapsing, counts the right padding only)."""
        pad_left, pad_right = 1, 1
        if self.table.collapse_padding:
            pad_left = 0
            pad_right = abs(pad_left - pad_right)
        if not self.table.pad_edge:
            if index == 0:
                pad_left = 0
            if index == len(self.columns) - 1:
                pad_right = 0
        return pad_left + pad_right

    def _measure_column(self, width: int, index: int) -> Measurement:
        """``Table._measure_column``: the fewest and most columns a column's cells take,
        padding included, within ``width``."""
        if width < 1:
            return Measurement(0, 0)
        left, right = self._padding(index)
        measured = [_measure_padded(text, width, left, right) for text in self.cells[index]]
        measurement = Measurement(
            max((m.minimum for m in measured), default=1),
            max((m.maximum for m in measured), default=width),
        ).with_maximum(width)
        minimum = self.columns[index].min_width
        if minimum is not None:
            measurement = measurement.with_minimum(minimum + self._padding_width(index))
        return measurement

    def _column_widths(self, width: int) -> list[int]:
        """``Table._calculate_column_widths``: each column's width, padding included."""
        columns = self.columns
        ranges = [self._measure_column(width, index) for index in range(len(columns))]
        widths = [measured.maximum or 1 for measured in ranges]
        if self.table.expand:
            ratios = [column.ratio or 0 for column in columns if column.ratio is not None]
            if any(ratios):
                fixed = [
                    0 if column.ratio is not None else measured.maximum
                    for measured, column in zip(ranges, columns, strict=True)
                ]
                flex_minimum = [
                    1 + self._padding_width(index)
                    for index, column in enumerate(columns)
                    if column.ratio is not None
                ]
                flex_widths = iter(ratio_distribute(width - sum(fixed), ratios, flex_minimum))
                for index, column in enumerate(columns):
                    if column.ratio is not None:
                        widths[index] = fixed[index] + next(flex_widths)
        table_width = sum(widths)
        if table_width > width:
            wrapable = [not column.no_wrap for column in columns]
            widths = collapse_widths(widths, wrapable, width)
            table_width = sum(widths)
            if table_width > width:  # last resort, reduce columns evenly
                excess = table_width - width
                widths = ratio_reduce(excess, [1] * len(widths), widths, widths)
                table_width = sum(widths)
            widths = [
                self._measure_column(max(0, column_width), index).maximum or 0
                for index, column_width in enumerate(widths)
            ]
        if table_width < width and self.table.expand:
            pad_widths = ratio_distribute(width - table_width, widths)
            widths = [
                column_width + pad for column_width, pad in zip(widths, pad_widths, strict=True)
            ]
        return widths

    def _rows(self, widths: list[int]) -> list[str]:
        """``Table._render``: the edges, the header row, its separator and the rows."""
        table = self.table
        top, head, head_row, mid, _, _, foot, bottom = _BOXES[table.box]
        edge = table.show_edge
        lines = []
        if edge:
            lines.append(top[0] + top[2].join(top[1] * w for w in widths) + top[3])
        rows = list(zip(*self.cells, strict=True))
        for number, row in enumerate(rows):
            header = number == 0
            left, _, divider, right = head if header else foot if number == len(rows) - 1 else mid
            shapes = [
                _cell_lines(text, column_width, self._padding(index), self.columns[index])
                for index, (text, column_width) in enumerate(zip(row, widths, strict=True))
            ]
            height = max(1, *(len(shape) for shape in shapes))
            for index, shape in enumerate(shapes):
                blanks = [" " * widths[index]] * (height - len(shape))
                # Segment.align_bottom for the header row, align_top for the others
                shapes[index] = blanks + shape if header else shape + blanks
            for line_number in range(height):
                line = divider.join(shape[line_number] for shape in shapes)
                lines.append(left + line + right if edge else line)
            if header:
                row_left, horizontal, cross, row_right = head_row
                line = cross.join(horizontal * w for w in widths)
                lines.append(row_left + line + row_right if edge else line)
        if edge:
            lines.append(bottom[0] + bottom[2].join(bottom[1] * w for w in widths) + bottom[3])
        return lines


def _measure_padded(text: str, width: int, left: int, right: int) -> Measurement:
    """``Measurement.get`` of a cell in its ``Padding``, within ``width``."""
    if width < 1:
        return Measurement(0, 0)
    extra = left + right
    if width - extra < 1:
        measured = Measurement(width, width)
    else:
        inner = _measure_text(text, width)
        measured = Measurement(inner.minimum + extra, inner.maximum + extra)
        measured = measured.with_maximum(width)
    measured = measured.normalize().with_maximum(width)
    return Measurement(0, 0) if measured.maximum < 1 else measured.normalize()


def _measure_text(text: str, width: int) -> Measurement:
    """``Measurement.get`` of text (``Text.__rich_measure__``): its longest word and its
    longest line."""
    lines = text.splitlines()
    longest = max((_cells(line) for line in lines), default=0)
    words = text.split()
    measured = Measurement(max((_cells(word) for word in words), default=longest), longest)
    measured = measured.normalize().with_maximum(width)
    return Measurement(0, 0) if measured.maximum < 1 else measured.normalize()


def _cell_lines(text: str, width: int, padding: tuple[int, int], column: Column) -> list[str]:
    """A cell's lines at ``width`` columns: ``Padding`` around the text rendered by
    ``Console.render_lines`` (nothing at all where no column is left for the text)."""
    left, right = padding
    inner = max(0, width - left - right)
    if width < 1 or inner < 1:
        return []
    wrapped = _wrapped(text, inner, column.justify, column.overflow, no_wrap=column.no_wrap)
    return [" " * left + _sized(line, inner) + " " * right for line in wrapped]


def _wrapped(
    text: str, width: int, justify: Justify, overflow: Overflow, *, no_wrap: bool = False
) -> list[str]:
    """``Text.wrap`` (with ``Lines.justify``) of plain text: each line of ``text`` broken
    between words as rich._wrap says (a long word folded with the "fold" overflow), then
    justified and cut to ``width``. No line at all at a width below one, as
    ``Console.render`` draws nothing there."""
    if width < 1:
        return []
    lines: list[str] = []
    for line in text.split("\n"):
        if no_wrap:
            pieces = [line]
        else:
            pieces = [_rstrip_end(piece, width) for piece in _divided(line, width, overflow)]
        for piece in pieces:
            if justify == "left":
                piece = _truncated(piece, width, overflow, pad=True)
            else:
                piece = _truncated(piece.rstrip(), width, overflow)
                excess = width - _cells(piece)
                left = excess // 2 if justify == "center" else excess
                piece = " " * left + piece
                if justify == "center":
                    piece += " " * (width - _cells(piece))
            lines.append(_truncated(piece, width, overflow))
    return lines


def _divided(line: str, width: int, overflow: Overflow) -> list[str]:
    """``Text.divide`` at the offsets of ``rich._wrap.divide_line``: a line that fits is
    not divided, one of narrow characters is divided here, any other by rich."""
    if _cells(line) <= width:
        return [line]
    from itertools import pairwise

    fold = overflow == "fold"
    if _NARROW.fullmatch(line):
        breaks = _narrow_breaks(line, width, fold=fold)
    else:
        from rich._wrap import divide_line

        breaks = divide_line(line, width, fold=fold)
    offsets = [0, *breaks, len(line)]
    return [line[start:end] for start, end in pairwise(offsets)]


def _narrow_breaks(line: str, width: int, *, fold: bool) -> list[int]:
    """``rich._wrap.divide_line`` for a line whose every character takes one column: where
    to break it so that each piece fits ``width`` (a word longer than that folded across
    lines if ``fold``, else left whole for the truncation to cut)."""
    breaks: list[int] = []
    offset = 0  # the columns taken on the current line
    for word in _WORD.finditer(line):
        start = word.start()
        text = word.group()
        length = len(text.rstrip())
        if width - offset >= length:
            offset += len(text)
        elif length > width:
            if fold:  # rich.cells.chop_cells, for characters a column wide
                pieces = [text[index : index + width] for index in range(0, len(text), width)]
                for piece in pieces:
                    if start:
                        breaks.append(start)
                    start += len(piece)
                offset = len(pieces[-1])
            else:
                if start:
                    breaks.append(start)
                offset = len(text)
        elif offset and start:
            breaks.append(start)
            offset = len(text)
    return breaks


def _rstrip_end(text: str, size: int) -> str:
    """``Text.rstrip_end``: the blanks past ``size`` characters dropped."""
    if len(text) <= size:
        return text
    match = _TRAILING_WHITESPACE.search(text)
    if match is None:
        return text
    return text[: len(text) - min(len(match.group(0)), len(text) - size)]


def _truncated(text: str, width: int, overflow: Overflow, *, pad: bool = False) -> str:
    """``Text.truncate``: cut to ``width`` (an ellipsis marking the cut, unless folding or
    cropping), padded with blanks to it if ``pad``."""
    length = _cells(text)
    if length > width:
        if overflow == "ellipsis":
            return _sized(text, width - 1) + "…"
        return _sized(text, width)
    if pad and length < width:
        return text + " " * (width - length)
    return text


def _sized(text: str, total: int) -> str:
    """``rich.cells.set_cell_size``: ``text`` cut or padded to ``total`` columns."""
    if text.isascii() or (total >= 0 and _NARROW.fullmatch(text)):
        return text + " " * (total - len(text)) if len(text) < total else text[:total]
    from rich.cells import set_cell_size

    return set_cell_size(text, total)


def _cropped(line: str, width: int) -> str:
    """``Segment.adjust_line_length`` without padding: a line cut to ``width`` columns."""
    return _sized(line, width) if _cells(line) > width else line


def _cells(text: str) -> int:
    """The columns ``text`` takes, as rich counts them."""
    if text.isascii() or _NARROW.fullmatch(text):
        return len(text)
    from rich.cells import cell_len

    return cell_len(text)

"""Tables described once and built twice, as quiz.cli.plain_table's ``Table`` and as rich's
own ``Table`` straight from the same arguments (not through ``Table.rich``), and what each
prints: the plain layout is checked against a rich table it had no hand in building."""

from __future__ import annotations

import io
from typing import TYPE_CHECKING, Any

from quiz.cli.plain_table import Cell, Table
from quiz.cli.rich_console import rich_console
from quiz.cli.screen import Screen, Styled

if TYPE_CHECKING:
    from rich.console import RenderableType
    from rich.table import Table as RichTable


def printed(renderable: RenderableType, width: int, *, encoding: str = "utf-8") -> str:
    """What the console the commands print tables with (rich_console) prints for
    ``renderable`` at ``width`` columns, in a pipe."""
    return _captured(rich_console(), renderable, width, encoding)


def rich_printed(table: Table, width: int, *, encoding: str = "utf-8") -> str:
    """What rich prints for ``Table.rich``'s table."""
    return printed(table.rich(), width, encoding=encoding)


def screen_printed(table: Table, width: int, *, encoding: str = "utf-8") -> str:
    """What the project's Screen prints for ``table`` (plain, or through rich)."""
    return _captured(Screen(), table, width, encoding)


def _captured(console: Any, printable: object, width: int, encoding: str) -> str:
    """What ``console`` (rich's, or a Screen) prints for ``printable`` at ``width`` columns
    into a stream of ``encoding`` that is not a terminal."""
    buffer = io.BytesIO()
    stream = io.TextIOWrapper(buffer, encoding=encoding, errors="replace")
    console.file = stream
    console.width = width
    console.print(printable)
    stream.flush()
    return buffer.getvalue().decode(encoding)


def both(
    columns: list[dict[str, Any]], rows: list[list[Cell]], **options: Any
) -> tuple[Table, RichTable]:
    """The table of ``options`` (``Table``'s arguments), ``columns`` (``add_column``'s, the
    header as ``header``) and ``rows``, built as ours and, from the same arguments, as
    rich's."""
    from rich import box
    from rich.table import Table as RichTable

    table = Table(**options)
    theirs = {**options, "box": getattr(box, options.get("box", "heavy_head").upper())}
    reference = RichTable(**theirs)
    for column in columns:
        table.add_column(**column)
        reference.add_column(**column)
    for row in rows:
        table.add_row(*row)
        reference.add_row(*(cell.rich() if isinstance(cell, Styled) else cell for cell in row))
    return table, reference


def assert_drawn_as_rich(table: Table, reference: RichTable, width: int) -> None:
    """``table`` prints at ``width`` as rich prints ``reference``: plainly, through the
    Screen and through ``Table.rich``."""
    drawn = printed(reference, width)
    assert rich_printed(table, width) == drawn
    assert screen_printed(table, width) == drawn
    assert table.plain(width) in (None, drawn)  # None: the screen handed it to rich

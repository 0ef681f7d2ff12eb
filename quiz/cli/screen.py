"""Where a command prints: rich's console where colour or cursor codes may be drawn, and the
very same text written straight to the stream where rich would draw none.

Importing rich's console costs a start about two thirds of what importing click does. In a
pipe, a log or plain mode rich draws no colour, so a line of text comes out exactly as
written: ``Screen`` writes such lines itself, as rich would (control characters spelled
out, what the stream cannot encode spelled in ASCII, no trailing blanks), and hands rich
only what it alone can draw (a rule, a colour terminal, a line to fold). A ``Drawing`` (a
table: quiz.cli.plain_table) draws itself here as rich would, or is handed to rich.
"""

from __future__ import annotations

import os
import sys
from typing import TYPE_CHECKING, Any, NamedTuple, TextIO

from quiz.safetext import CONTROL_CHARACTERS, encodable, visible

if TYPE_CHECKING:
    from rich.console import Console
    from rich.text import Text

_CONTROL = frozenset(CONTROL_CHARACTERS)


class Styled(NamedTuple):
    """Text in parts, each with a rich style ("" for none), over a style for the whole:
    what ``rich.text.Text.assemble`` builds, without importing rich until it is drawn."""

    parts: tuple[tuple[str, str], ...]
    style: str = ""

    @property
    def plain(self) -> str:
        return "".join(text for text, _ in self.parts)

    def rstripped(self) -> Styled:
        """The text without the blanks that end it, as ``Text.rstrip`` leaves it."""
        parts = list(self.parts)
        while parts:
            text, style = parts[-1]
            kept = text.rstrip()
            if kept:
                parts[-1] = (kept, style)
                break
            parts.pop()
        return Styled(tuple(parts), self.style)

    def rich(self) -> Text:
        from rich.text import Text

        return Text.assemble(*self.parts, style=self.style)


class Drawing:
    """Something rich draws (a table) that can also draw itself as rich would with no
    colour: ``plain`` gives the text rich's console would print at a width, or None where
    only rich can say; ``rich`` gives the renderable for rich to draw."""

    def plain(self, width: int) -> str | None:
        raise NotImplementedError

    def rich(self) -> Any:
        raise NotImplementedError


def styled(*parts: str | tuple[str, str], style: str = "") -> Styled:
    """Text from parts, each a string or a (string, style) pair, as ``Text.assemble``."""
    return Styled(tuple((part, "") if isinstance(part, str) else part for part in parts), style)


class Screen:
    """A console for one stream (stdout, or stderr), set up as ``make_console`` says; rich's
    own console is made on the first thing only it can draw."""

    def __init__(self, *, stderr: bool = False, plain: bool = False) -> None:
        self._stderr = stderr
        self._plain = plain
        self._rich: Console | None = None
        self._file: TextIO | None = None
        self._width: int | None = None

    @property
    def rich(self) -> Console:
        """rich's console, as ``make_console`` sets it up, writing where this one does."""
        if self._rich is None:
            from quiz.cli.rich_console import rich_console

            made = rich_console(stderr=self._stderr, plain=self._plain)
            if self._file is not None:
                made.file = self._file
            if self._width is not None:
                made.width = self._width
            self._rich = made
        return self._rich

    @property
    def file(self) -> TextIO:
        if self._file is not None:
            return self._file
        return sys.stderr if self._stderr else sys.stdout

    @file.setter
    def file(self, file: TextIO) -> None:
        self._file = file
        if self._rich is not None:
            self._rich.file = file

    @property
    def width(self) -> int:
        if self._rich is not None:
            return self._rich.width
        return self._width if self._width is not None else _width()

    @width.setter
    def width(self, width: int) -> None:
        self._width = width
        if self._rich is not None:
            self._rich.width = width

    def print(self, *objects: Any, soft_wrap: bool = False) -> None:
        """Print as rich's ``Console.print`` does: a string as written (never markup), a
        ``Styled`` text, or anything rich can draw; folded to the width unless
        ``soft_wrap``."""
        if len(objects) <= 1 and self.width > 0 and self.draws_plain():
            item = objects[0] if objects else ""
            if isinstance(item, Drawing):
                if not soft_wrap and self._draw(item):
                    return
            else:
                text = _plain_text(item)
                if text is not None and self._write(text, soft_wrap=soft_wrap):
                    return
        drawn = [item.rich() if isinstance(item, Styled | Drawing) else item for item in objects]
        self.rich.print(*drawn, soft_wrap=soft_wrap)

    def draws_plain(self) -> bool:
        """Whether rich would draw no colour or cursor code here: plain mode, or (as rich
        decides) a stream that is not a terminal with nothing in the environment saying
        it is one."""
        if self._rich is not None:
            return self._rich.color_system is None and not self._rich.is_terminal
        if self._plain or os.environ.get("TERM") == "dumb":
            return True
        return not _maybe_terminal(self.file)

    def _draw(self, drawing: Drawing) -> bool:
        """Write what rich would draw for ``drawing`` with no colour; False, having written
        nothing, where rich would draw it otherwise: a stream it draws other box characters
        for (not UTF, or a Windows console), what the stream cannot encode, or what only
        rich can say."""
        file = self.file
        encoding = (getattr(file, "encoding", None) or "utf-8").lower()
        if not encoding.startswith("utf") or sys.platform == "win32":
            return False
        text = drawing.plain(self.width)
        if text is None or encodable(text, encoding) != text:
            return False
        file.write(text)
        file.flush()
        return True

    def _write(self, text: str, *, soft_wrap: bool) -> bool:
        """Write one printed text as rich would: folded to the width (unless ``soft_wrap``),
        what the stream cannot encode spelled in ASCII, each line without its trailing
        blanks. False, having written nothing, where rich would then crop a line that
        spelling made too wide."""
        file = self.file
        width = self.width
        lines = text if soft_wrap else folded(text, width)
        shown = encodable(lines, (getattr(file, "encoding", None) or "utf-8").lower())
        if not soft_wrap and shown != lines and not _fits(shown, width):
            return False
        file.write("\n".join(line.rstrip(" ") for line in shown.split("\n")) + "\n")
        file.flush()
        return True


def _plain_text(item: object) -> str | None:
    """What rich would print for ``item`` with no colour, or None when only rich can say:
    something other than text, or styled text holding a control character (rich drops some
    and expands tabs before the rest are spelled out)."""
    if isinstance(item, str):
        return visible(item)  # as VisibleConsole.render_str, before rich sees it
    if isinstance(item, Styled):
        text = item.plain
        return None if _CONTROL.intersection(text) else text
    return None


def _fits(text: str, width: int) -> bool:
    """Whether every line of ``text`` fits ``width`` columns."""
    return all(_cells(line) <= width for line in text.split("\n"))


def _cells(line: str) -> int:
    """The columns a line takes, as rich counts them."""
    if line.isascii():
        return len(line)
    from rich.cells import cell_len

    return cell_len(line)


def folded(text: str, width: int) -> str:
    """``text`` folded to ``width`` columns as rich's ``Text.wrap`` folds it: broken between
    words where rich._wrap says, a word longer than a line cut, blanks past the width
    dropped."""
    lines = []
    for line in text.split("\n"):
        if _cells(line) <= width:
            lines.append(line)
            continue
        from itertools import pairwise

        from rich._wrap import divide_line
        from rich.cells import cell_len, set_cell_size

        starts = [0, *divide_line(line, width, fold=True), len(line)]
        for start, end in pairwise(starts):
            piece = line[start:end]
            if len(piece) > width:  # Text.rstrip_end: blanks past the width
                blanks = len(piece) - len(piece.rstrip())
                piece = piece[: len(piece) - min(blanks, len(piece) - width)]
            if cell_len(piece) > width:  # Text.truncate, as it folds
                piece = set_cell_size(piece, width)
            lines.append(piece)
    return "\n".join(lines)


def _maybe_terminal(file: TextIO) -> bool:
    """Whether rich could take ``file`` for a terminal (or a notebook): as
    ``rich.console.Console.is_terminal`` decides, erring towards yes."""
    import builtins

    if sys.platform == "win32" or hasattr(builtins, "get_ipython"):
        return True
    if getattr(sys.stdin, "__module__", "").startswith("idlelib"):
        return False
    environ = os.environ
    if environ.get("TTY_COMPATIBLE", "") in ("0", "1"):
        return environ["TTY_COMPATIBLE"] == "1"
    if environ.get("FORCE_COLOR") is not None:
        return environ["FORCE_COLOR"] != ""
    isatty = getattr(file, "isatty", None)
    try:
        return False if isatty is None else bool(isatty())
    except ValueError:
        return False


def _width() -> int:
    """The width rich's console takes: $COLUMNS, else the terminal on stdin, stdout or
    stderr, else 80."""
    columns = os.environ.get("COLUMNS")
    if columns is not None and columns.isdigit():
        return int(columns)
    width = None
    for descriptor in (0, 1, 2):
        try:
            width = os.get_terminal_size(descriptor).columns
        except (AttributeError, ValueError, OSError):
            continue
        break
    return width or 80

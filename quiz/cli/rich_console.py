"""rich's console, set up so colour and cursor codes appear only on a real terminal, every
text it writes is visible (quiz.safetext) and no line ends in blanks. Made only for what
rich alone can draw (quiz.cli.screen writes the rest)."""

from __future__ import annotations

import os
from collections.abc import Iterable
from functools import cache
from typing import TYPE_CHECKING, Any

from quiz.safetext import encodable, visible

if TYPE_CHECKING:
    from rich.console import Console
    from rich.segment import Segment
    from rich.style import Style
    from rich.text import Text


def rich_console(*, stderr: bool = False, plain: bool = False) -> Console:
    """rich's console as ``make_console`` sets it up, for what only rich can draw."""
    console_class = _visible_console()
    if plain or os.environ.get("TERM") == "dumb":
        return console_class(
            stderr=stderr,
            no_color=True,
            highlight=False,
            emoji=False,
            markup=False,
            force_terminal=False,
            color_system=None,
        )
    return console_class(stderr=stderr, highlight=False, emoji=False, markup=False)


@cache
def _visible_console() -> type[Console]:
    """rich's Console, but every text segment it writes passes through ``visible``; the
    segments rich itself emits to move the cursor or style text are left alone."""
    from rich.console import Console, ConsoleOptions, RenderableType
    from rich.segment import Segment

    class VisibleConsole(Console):
        def render_str(self, text: str, **options: Any) -> Text:
            # Before rich builds its Text, which silently drops some control characters.
            return super().render_str(visible(text), **options)

        _rendering = False

        def render(
            self, renderable: RenderableType, options: ConsoleOptions | None = None
        ) -> Iterable[Segment]:
            # rich renders a table's cells (and any nested renderable) through render too;
            # the outermost render shows and trims what they all give, once.
            if self._rendering:
                yield from super().render(renderable, options)
                return
            self._rendering = True
            try:
                shown_segments = self._shown(super().render(renderable, options))
                plain = self.color_system is None
                yield from _without_trailing_blanks(shown_segments, plain=plain)
            finally:
                self._rendering = False

        def _shown(self, segments: Iterable[Segment]) -> Iterable[Segment]:
            for segment in segments:
                if segment.control:
                    yield segment
                    continue
                shown = encodable(visible(segment.text), self.encoding)
                yield segment if shown == segment.text else Segment(shown, segment.style)

    return VisibleConsole


def _without_trailing_blanks(segments: Iterable[Segment], *, plain: bool) -> Iterable[Segment]:
    """The segments with the blanks that end each line dropped: rich pads tables, centred
    titles and wrapped text to the width, and a line ending in spaces dirties logs, diffs
    and copied text. Blanks that show (a background colour, underline, reverse video) stay
    on a colour terminal; a line not yet ended (a prompt's "Answer: ") is left as it is."""
    from rich.segment import Segment

    line: list[Segment] = []
    for segment in segments:
        if segment.control:
            yield from line
            line = []
            yield segment
            continue
        for number, piece in enumerate(segment.text.split("\n")):
            if number:
                yield from _trimmed(line, plain=plain)
                yield Segment("\n", segment.style)
                line = []
            if piece:
                line.append(Segment(piece, segment.style))
    yield from line


def _trimmed(line: list[Segment], *, plain: bool) -> list[Segment]:
    """One line's segments with its trailing blanks dropped, as far as they do not show."""
    from rich.segment import Segment

    while line:
        last = line[-1]
        style = last.style
        if not plain and style is not None and _blank_shows(style):
            break
        text = last.text.rstrip(" ")
        if text:
            line[-1] = Segment(text, style)
            break
        line.pop()
    return line


def _blank_shows(style: Style) -> bool:
    """Whether a space in this style is seen on a colour terminal."""
    return bool(style.bgcolor or style.reverse or style.underline or style.strike)

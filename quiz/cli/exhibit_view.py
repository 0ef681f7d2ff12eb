"""An exhibit inside a question's prompt: whole when the question fits the terminal, else a
window onto it that PgDn and PgUp scroll.

A prompt taller than the terminal is cut by prompt_toolkit, which keeps the options and
drops what does not fit of the message above them: the end of the exhibit, the line saying
which keys to press, or on some terminals the question itself scrolled off the top. So when
the question, its options and the whole exhibit cannot all be seen at once, the question
and the options keep their place and the exhibit gets the rows left, as a page of it with
the lines shown counted ("lines 1-8 of 16"), never a silently cut table.
"""

from __future__ import annotations

import shutil
from typing import Any

# At least this many exhibit lines in a page, however short the terminal: fewer cannot show
# a table's header with a row under it.
MIN_PAGE = 4
# Rows kept free: the line the cursor rests on under the prompt, and a message under it.
SPARE_ROWS = 2


def terminal_rows() -> int:
    """The terminal's height now (a running prompt knows it after a resize)."""
    from prompt_toolkit.application import get_app_or_none

    app = get_app_or_none()
    if app is not None and app.is_running:
        return int(app.output.get_size().rows)
    return shutil.get_terminal_size().lines


class ExhibitPager:
    """Which part of an exhibit a prompt shows, and the keys that move it."""

    def __init__(self, exhibit: str | None, indent: int = 2) -> None:
        self._lines = [] if exhibit is None else exhibit.split("\n")
        self._indent = " " * indent
        self._top = 0
        self._page = len(self._lines)

    @property
    def empty(self) -> bool:
        return not self._lines

    def block(self, room: int) -> list[str]:
        """The exhibit as shown in ``room`` rows: whole (a blank line either side) when it
        fits, else a page of it under a line saying which lines these are and how to
        scroll."""
        if not self._lines:
            return []
        shown = [f"{self._indent}{line}".rstrip() for line in self._lines]
        if len(shown) + 2 <= room:
            self._top, self._page = 0, len(shown)
            return ["", *shown, ""]
        self._page = max(MIN_PAGE, room - 3)
        self._top = max(0, min(self._top, len(shown) - self._page))
        page = shown[self._top : self._top + self._page]
        first, last = self._top + 1, self._top + len(page)
        status = (
            f"{self._indent}Exhibit, lines {first}-{last} of {len(shown)} "
            "(PgDn and PgUp scroll it):"
        )
        return ["", status, *page, ""]

    def scroll(self, pages: int) -> None:
        """Move by whole pages, keeping a line of the last page for context."""
        step = max(1, self._page - 1)
        self._top = max(0, self._top + pages * step)

    def bindings(self) -> Any:
        """PgDn and PgUp for a prompt showing this exhibit."""
        from prompt_toolkit.key_binding import KeyBindings

        bindings = KeyBindings()

        @bindings.add("pagedown")
        def _down(event: Any) -> None:
            self.scroll(1)
            event.app.invalidate()

        @bindings.add("pageup")
        def _up(event: Any) -> None:
            self.scroll(-1)
            event.app.invalidate()

        return bindings


def attach(app: Any, pager: ExhibitPager | None) -> None:
    """Give a prompt's application the pager's keys (before any of its own)."""
    if pager is None or pager.empty:
        return
    from prompt_toolkit.key_binding import merge_key_bindings

    own = [app.key_bindings] if app.key_bindings is not None else []
    app.key_bindings = merge_key_bindings([*own, pager.bindings()])

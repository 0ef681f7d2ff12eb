"""The rich console, set up so colour and cursor codes appear only on a real terminal."""

from __future__ import annotations

import os
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from rich.console import Console


def make_console(*, stderr: bool = False, plain: bool = False) -> Console:
    """A console that degrades to plain text when output is not a terminal or NO_COLOR is set."""
    from rich.console import Console

    if plain or os.environ.get("TERM") == "dumb":
        return Console(
            stderr=stderr,
            no_color=True,
            highlight=False,
            emoji=False,
            force_terminal=False,
            color_system=None,
        )
    return Console(stderr=stderr, highlight=False, emoji=False)

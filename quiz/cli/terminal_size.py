"""The terminal's size, found as ``shutil.get_terminal_size`` finds it, without importing
shutil: shutil brings zlib, bz2, lzma and fnmatch with it, a few milliseconds of every
start of ``history`` that prints a table and never copies a file.
"""

from __future__ import annotations

import os
import sys


def _from_environment(name: str) -> int:
    try:
        return int(os.environ[name])
    except (KeyError, ValueError):
        return 0


def terminal_size(fallback: tuple[int, int] = (80, 24)) -> os.terminal_size:
    """$COLUMNS and $LINES when set to a positive number, else the size of the terminal
    on stdout, else ``fallback`` (columns, lines): as ``shutil.get_terminal_size``."""
    columns = _from_environment("COLUMNS")
    lines = _from_environment("LINES")
    if columns <= 0 or lines <= 0:
        try:
            size = os.get_terminal_size(sys.__stdout__.fileno())  # type: ignore[union-attr]
        except (AttributeError, ValueError, OSError):
            size = os.terminal_size(fallback)
        if columns <= 0:
            columns = size.columns or fallback[0]
        if lines <= 0:
            lines = size.lines or fallback[1]
    return os.terminal_size((columns, lines))

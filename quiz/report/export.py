"""Turning a report into the format asked for and putting it where it was asked.

``write_report`` is the one entry point for every command that exports (``report`` and
``take --report``), so the choice of format, the stdout rule and the safe file writing are
the same everywhere.
"""

from __future__ import annotations

import io
import os
import stat
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from quiz.errors import BadInput, RuntimeFailure
from quiz.files import write_atomic
from quiz.report.model import Report

if TYPE_CHECKING:
    from quiz.attempts.comparison import Comparison
from quiz.safetext import for_stream

FORMATS = ("html", "md", "json", "csv")

_EXTENSIONS = {
    ".html": "html",
    ".htm": "html",
    ".md": "md",
    ".markdown": "md",
    ".json": "json",
    ".csv": "csv",
}


def format_for(path: Path) -> str:
    """The format a file name asks for, from its extension (case does not matter)."""
    fmt = _EXTENSIONS.get(path.suffix.lower())
    if fmt is None:
        raise BadInput(
            f"cannot tell the report format from {path.name!r}: name it .html, .md, .json "
            "or .csv, or give --format"
        )
    return fmt


def render(
    report: Report,
    fmt: str,
    *,
    per_item: bool = False,
    per_role: bool = False,
    since: Comparison | None = None,
) -> str:
    """The report as text in one of FORMATS; ``since``, the change since the previous
    attempt, is a section of the Markdown and HTML reports."""
    if fmt == "json":
        return report.model_dump_json(indent=2) + "\n"
    if fmt == "md":
        from quiz.report.markdown import render_markdown

        return render_markdown(report, since)
    if fmt == "csv":
        from quiz.report.csvfile import render_csv

        return render_csv(report, per_item=per_item, per_role=per_role)
    if fmt == "html":
        from quiz.report.htmlpage import render_html

        return render_html(report, since)
    raise BadInput(f"unknown report format {fmt!r}; choose one of {', '.join(FORMATS)}")


def write_report(
    report: Report,
    path: Path | None,
    fmt: str,
    *,
    force: bool = False,
    per_item: bool = False,
    per_role: bool = False,
    since: Comparison | None = None,
) -> None:
    """Write the report to ``path`` atomically, or to stdout when ``path`` is None.

    HTML is a page to open or print, not something to read in a terminal, so it needs a
    path. An existing file is kept unless ``force``; failures are one-line errors.
    """
    if path is None and fmt == "html":
        raise BadInput("an HTML report is written to a file: give -o PATH, e.g. -o results.html")
    content = render(report, fmt, per_item=per_item, per_role=per_role, since=since)
    write_output(content, path, force=force)


def write_output(content: str, path: Path | None, *, force: bool = False) -> bool:
    """Write a document to ``path`` atomically, or to stdout when ``path`` is None or names
    it (``-o /dev/stdout``). Returns whether a file was written."""
    if path is None or is_stdout(path):
        _to_stdout(content)
        return False
    write_atomic(path, content, force=force)
    return True


_STDOUT_NAMES = frozenset({"/dev/stdout", "/dev/fd/1", "/proc/self/fd/1"})


def is_stdout(path: Path) -> bool:
    """Whether ``-o`` names this process's standard output (``-o /dev/stdout``), which is
    written to as it is, never replaced by a file."""
    try:
        out = os.fstat(sys.stdout.fileno())
        if stat.S_ISREG(out.st_mode) and str(path) not in _STDOUT_NAMES:
            return False  # stdout redirected to this very file: replace it as asked
        return os.path.samestat(path.stat(), out)
    except (OSError, ValueError, AttributeError, io.UnsupportedOperation):
        return False  # no file behind stdout (a test runner's buffer), or nothing at path


def _to_stdout(content: str) -> None:
    try:
        sys.stdout.write(for_stream(content, sys.stdout))
        sys.stdout.flush()
    except BrokenPipeError:
        # The reader went away (``| head``): stop quietly, as other command-line tools do.
        _drop_stdout()
    except OSError as error:
        # A full disk or a device that refuses writes: say so, and keep the text still
        # buffered from being flushed (and failing again, noisily) at exit.
        _drop_stdout()
        raise RuntimeFailure(f"cannot write the report: {error.strerror or error}") from None


def _drop_stdout() -> None:
    """Point stdout at the null device, so nothing more is written where writing failed."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        # No real file descriptor behind stdout (a test runner's buffer): nothing to redirect.
        pass

"""Turning a report into the format asked for and putting it where it was asked.

``write_report`` is the one entry point for every command that exports (``report`` and
``take --report``), so the choice of format, the stdout rule and the safe file writing are
the same everywhere.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

from quiz.errors import BadInput
from quiz.files import print_to, write_output
from quiz.report.model import Report

if TYPE_CHECKING:
    from quiz.attempts.comparison import Comparison

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
        from quiz.report.json_text import json_text

        return json_text(report) + "\n"
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
    """Write the report to ``path`` (atomically, or through it when it names a device or
    standard output: quiz.files.write_output), or to stdout when ``path`` is None.

    HTML is a page to open or print, not something to read in a terminal, so it needs a
    path. An existing file is kept unless ``force``; failures are one-line errors.
    """
    if path is None and fmt == "html":
        raise BadInput("an HTML report is written to a file: give -o PATH, e.g. -o results.html")
    content = render(report, fmt, per_item=per_item, per_role=per_role, since=since)
    if path is None:
        print_to(sys.stdout, content, "cannot write the report")
    else:
        write_output(path, content, force=force)

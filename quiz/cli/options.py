"""Options shared by several commands, so each is spelled and explained once."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import click

if TYPE_CHECKING:
    from datetime import datetime

    from questions import BankSet

F = TypeVar("F", bound=Callable[..., Any])


class OutputFile(click.Path):
    """A file to write (``-o``, ``--report``). An empty name is refused as one: click would
    read it as the current folder and say "." already exists."""

    def __init__(self) -> None:
        super().__init__(path_type=Path, dir_okay=False)

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        if isinstance(value, str) and not value:
            self.fail("needs a file name, and the name given is empty", param, ctx)
        return super().convert(value, param, ctx)


def bank_dir_option(function: F) -> F:
    return click.option(
        "--bank-dir",
        "bank_dirs",
        multiple=True,
        type=click.Path(path_type=Path),
        help="Use the banks in this folder (or file) instead of the built-in ones. Repeatable.",
    )(function)


def _check_seed(ctx: click.Context, param: click.Parameter, value: int | None) -> int | None:
    if value is not None and not 0 <= value < 2**63:
        raise click.BadParameter(f"{value} is not a whole number from 0 to {2**63 - 1}")
    return value


def seed_option(help: str) -> Callable[[F], F]:
    """``--seed N``: a whole number from 0 that fixes what is random, for this command."""
    return click.option("--seed", type=int, callback=_check_seed, help=help)


def listing_format_option(human: str, json_help: str) -> Callable[[F], F]:
    """``--format HUMAN|json`` for commands that list things: a person's view or a script's."""
    return click.option(
        "--format",
        "output_format",
        type=click.Choice([human, "json"]),
        default=human,
        show_default=True,
        help=json_help,
    )


def load_banks_or_exit(paths: tuple[Path, ...] | list[Path]) -> BankSet:
    """Load banks for a command; on problems print them all as FILE:LINE:COL and exit 2."""
    from questions.problems import BankLoadError
    from quiz.cli import bank_cache
    from quiz.errors import invalid_input

    try:
        return bank_cache.load(list(paths))
    except BankLoadError as error:
        raise invalid_input(
            error.problems,
            "the banks have",
            "fix and run again (skillquiz validate checks banks)",
        ) from None


def _since(ctx: click.Context, param: click.Parameter, value: str | None) -> object:
    """An ISO date (2026-09-01) or date and time; without a time zone, local time."""
    from datetime import datetime

    if value is None:
        return None
    try:
        when = datetime.fromisoformat(value.strip())
    except ValueError:
        raise click.BadParameter(
            f"{value[:40]!r} is not an ISO date; write it as YYYY-MM-DD, e.g. 2026-09-01"
        ) from None
    if when.tzinfo is not None:
        return when
    try:
        return when.astimezone()
    except (OverflowError, ValueError):
        # At the very ends of the calendar (0001-01-01, 9999-12-31) local time cannot be
        # worked out; a day either way changes nothing there.
        from datetime import UTC

        return when.replace(tzinfo=UTC)


def class_filter_options(function: F) -> F:
    """``--since DATE`` and ``--name PATTERN``: which finished attempts a class report covers."""
    function = click.option(
        "--name",
        "name_pattern",
        metavar="PATTERN",
        help="Only learners whose name matches, e.g. 'Ada*' (case does not matter).",
    )(function)
    return since_option(function)


def since_option(function: F) -> F:
    """``--since DATE`` alone: which finished attempts a class command reads."""
    return click.option(
        "--since",
        metavar="DATE",
        callback=_since,
        help="Only attempts finished on or after this ISO date (YYYY-MM-DD).",
    )(function)


def document_output_options(function: F) -> F:
    """``--format``, ``-o`` and ``--force`` for commands that export a document (an attempt's
    report, a class's cohort report): the same formats, chosen and written the same way."""
    function = click.option(
        "--force", is_flag=True, help="Replace the output file if it already exists."
    )(function)
    function = click.option(
        "-o",
        "--output",
        type=OutputFile(),
        help="Write to this file instead of the terminal (needed for html).",
    )(function)
    return click.option(
        "--format",
        "fmt",
        type=click.Choice(["html", "md", "json", "csv"]),
        help="Output format. Default: from -o's extension, else md.",
    )(function)


def database_option(function: F) -> F:
    """``--database URL`` for every command that reads or writes attempts."""
    from quiz.cli.hints import remember_database

    return click.option(
        "--database",
        metavar="URL",
        envvar="SKILLQUIZ_DATABASE_URL",
        callback=remember_database,
        show_envvar=True,
        help="The attempts database: a SQLite file path, or postgresql://user@host/db "
        "(a class's shared database; socket folders as ?host=/path). Default: "
        "skillquiz.sqlite3 in $SKILLQUIZ_HOME or your user data folder.",
    )(function)


def filter_note(since: datetime | None, name_pattern: str | None) -> str:
    """The filters a class report was asked for, as said after "No finished attempts"."""
    parts = []
    if since is not None:
        parts.append(f"since {since.date().isoformat()}")
    if name_pattern is not None:
        parts.append(f"by learners named {name_pattern!r}")
    return f" ({' and '.join(parts)})" if parts else ""

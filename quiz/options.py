"""Options shared by several commands, so each is spelled and explained once."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal, TypeVar

import click

if TYPE_CHECKING:
    from questions import BankSet

F = TypeVar("F", bound=Callable[..., Any])

Length = Literal["quick", "standard", "full"]
LENGTHS: tuple[Length, ...] = ("quick", "standard", "full")


def bank_dir_option(function: F) -> F:
    return click.option(
        "--bank-dir",
        "bank_dirs",
        multiple=True,
        type=click.Path(path_type=Path),
        help="Use the banks in this folder (or file) instead of the built-in ones. Repeatable.",
    )(function)


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
    from questions import BankLoadError, load_banks
    from quiz.errors import invalid_input

    try:
        return load_banks(list(paths) or None)
    except BankLoadError as error:
        raise invalid_input(
            error.problems,
            "the banks have",
            "fix and run again (skillquiz validate checks banks)",
        ) from None

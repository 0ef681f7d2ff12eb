"""Exit codes and the one-line failures the CLI shows instead of tracebacks."""

from __future__ import annotations

from collections.abc import Sequence
from typing import IO, Any

import click

from quiz.safetext import in_message

EXIT_RUNTIME = 1
EXIT_USAGE = 2
EXIT_INTERRUPTED = 130


class RuntimeFailure(click.ClickException):
    """Something went wrong at run time (no such attempt, disk full): exit 1, one line."""

    exit_code = EXIT_RUNTIME

    def format_message(self) -> str:
        return in_message(self.message)


class BadInput(click.ClickException):
    """The input given is invalid (a bank, an answers file): exit 2, one line or a list."""

    exit_code = EXIT_USAGE

    def format_message(self) -> str:
        return in_message(self.message)

    def show(self, file: IO[Any] | None = None) -> None:
        """A list of problems prints bare, so each FILE:LINE:COL starts its own line."""
        message = self.format_message()
        click.echo(message if "\n" in message else f"Error: {message}", err=True, file=file)


def plural(count: int, noun: str) -> str:
    """scoring.wording.plural, imported on use: importing scoring loads pydantic, which
    ``skillquiz --help`` (this module is imported at start-up) does without."""
    from scoring.wording import plural as counted

    return counted(count, noun)


def invalid_input(problems: Sequence[object], source: str, advice: str) -> BadInput:
    """Every problem on its own FILE:LINE:COL line, then one line saying what to do."""
    listing = "\n".join(str(problem) for problem in problems)
    return BadInput(f"{listing}\n{source} {plural(len(problems), 'problem')}; {advice}")

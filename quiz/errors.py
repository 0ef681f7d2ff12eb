"""The project's one family of errors, each with its exit code, and the codes themselves.

The core (storage, sessions, files, results, export) raises these and knows nothing of
click; the CLI layer turns them into click's exceptions in one place
(``quiz.cli.LazyGroup.invoke``), so every command shows them the same way: one line (or a
list of FILE:LINE:COL problems), never a traceback.
"""

from __future__ import annotations

from collections.abc import Sequence
from enum import IntEnum


class ExitCode(IntEnum):
    """What a skillquiz process exits with."""

    OK = 0
    RUNTIME = 1  # a runtime failure: no such attempt, a database that cannot be used
    USAGE = 2  # bad usage or invalid input (click's convention)
    INTERRUPTED = 130  # Ctrl-C, with progress saved


EXIT_RUNTIME = ExitCode.RUNTIME
EXIT_USAGE = ExitCode.USAGE
EXIT_INTERRUPTED = ExitCode.INTERRUPTED


class SkillquizError(Exception):
    """An error a person is shown as it is: ``message``, exiting with ``exit_code``."""

    exit_code: ExitCode = ExitCode.RUNTIME

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return self.message


class RuntimeFailure(SkillquizError):
    """Something went wrong at run time (no such attempt, disk full): exit 1, one line."""

    exit_code = ExitCode.RUNTIME


class BadInput(SkillquizError):
    """The input given is invalid (a bank, an answers file): exit 2, one line or a list of
    problems, each on its own line."""

    exit_code = ExitCode.USAGE


def plural(count: int, noun: str) -> str:
    """scoring.wording.plural, imported on use: importing scoring loads pydantic, which
    ``skillquiz --help`` does without."""
    from scoring.wording import plural as counted

    return counted(count, noun)


def invalid_input(problems: Sequence[object], source: str, advice: str) -> BadInput:
    """Every problem on its own FILE:LINE:COL line, then one line saying what to do."""
    listing = "\n".join(str(problem) for problem in problems)
    return BadInput(f"{listing}\n{source} {plural(len(problems), 'problem')}; {advice}")

"""The ``skillquiz`` command line: a thin layer that turns arguments into calls on the core.

Subcommands live in ``quiz.commands`` and are imported only when used, so ``--help`` and
quick commands start without loading pydantic, rich or the prompt library.
"""

from __future__ import annotations

import importlib
import importlib.util
import os
import sys

import click

from quiz.errors import EXIT_INTERRUPTED, EXIT_RUNTIME

COMMANDS: dict[str, str] = {
    "take": "quiz.commands.take:take",
    "validate": "quiz.commands.validate:validate",
    "banks": "quiz.commands.banks:banks",
    "roles": "quiz.commands.roles:roles",
    "history": "quiz.commands.history:history",
    "show": "quiz.commands.show:show",
    "report": "quiz.commands.report:report",
    "import": "quiz.commands.import_reports:import_reports",
    "stats": "quiz.commands.stats:stats",
}


def _available(target: str) -> bool:
    module = target.partition(":")[0]
    return importlib.util.find_spec(module) is not None


class LazyGroup(click.Group):
    """A group whose subcommands are imported on first use."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return [name for name, target in COMMANDS.items() if _available(target)]

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        target = COMMANDS.get(cmd_name)
        if target is None or not _available(target):
            return None
        module, _, attr = target.partition(":")
        command = getattr(importlib.import_module(module), attr)
        assert isinstance(command, click.Command)
        return command


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="skillquiz", prog_name="skillquiz")
def cli() -> None:
    """A skills self-assessment for production-technician, manufacturing and QA careers.

    Take the quiz, see which roles your results point to (with salaries, gaps and
    certifications), and export a report. Trainers can write and check their own
    question banks.

    \b
    Start here:
      skillquiz take                  take the quiz (--length quick: about 5 minutes)
      skillquiz report -o me.html     export your latest results
      skillquiz validate my-bank.yaml check a question bank you wrote
    """


def _exit_code(result: object) -> int:
    """What ``cli.main`` returned without standalone mode: an exit code, or a command's value."""
    return result if isinstance(result, int) and not isinstance(result, bool) else 0


def main() -> None:
    """Run the CLI; turn Ctrl-C, end of input and unexpected failures into one-line messages.

    Click's standalone mode would print "Aborted!" and exit 1 on Ctrl-C, so errors are
    taken here instead: 130 after Ctrl-C for every command, as for ``take``.
    """
    try:
        code = _exit_code(cli.main(prog_name="skillquiz", standalone_mode=False))
    except click.ClickException as error:
        error.show()
        code = error.exit_code
    except click.exceptions.Exit as error:  # raised while closing a context
        code = error.exit_code
    except click.Abort as error:  # click turns Ctrl-C and end of input into Abort
        if isinstance(error.__cause__, EOFError):
            click.echo("skillquiz: input ended before an answer was read.", err=True)
            code = EXIT_RUNTIME
        else:
            click.echo("Interrupted.", err=True)
            code = EXIT_INTERRUPTED
    except KeyboardInterrupt:
        click.echo("\nInterrupted.", err=True)
        code = EXIT_INTERRUPTED
    except EOFError:
        click.echo("\nskillquiz: input ended before an answer was read.", err=True)
        code = EXIT_RUNTIME
    except Exception as error:  # last resort: never show a traceback to a person
        if os.environ.get("SKILLQUIZ_DEBUG"):
            raise
        click.echo(
            f"skillquiz: internal error: {error} (set SKILLQUIZ_DEBUG=1 for details)", err=True
        )
        code = EXIT_RUNTIME
    sys.exit(code)

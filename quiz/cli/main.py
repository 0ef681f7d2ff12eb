"""The ``skillquiz`` command line: a thin layer that turns arguments into calls on the core.

Subcommands live in ``quiz.cli.commands`` and are imported only when used, so ``--help`` and
quick commands start without loading pydantic, rich or the prompt library.
"""

from __future__ import annotations

import errno
import os
import sys
from typing import IO, Any

import click

from quiz import __version__

# The exit codes of quiz.errors, repeated so that ``--help`` need not import that module
# (tests check they agree).
EXIT_RUNTIME = 1
EXIT_INTERRUPTED = 130

COMMANDS: dict[str, str] = {
    "take": "quiz.cli.commands.take:take",
    "practice": "quiz.cli.commands.practice:practice",
    "validate": "quiz.cli.commands.validate:validate",
    "banks": "quiz.cli.commands.banks:banks",
    "roles": "quiz.cli.commands.roles:roles",
    "history": "quiz.cli.commands.history:history",
    "show": "quiz.cli.commands.show:show",
    "report": "quiz.cli.commands.report:report",
    "compare": "quiz.cli.commands.compare:compare",
    "import": "quiz.cli.commands.import_reports:import_reports",
    "stats": "quiz.cli.commands.stats:stats",
    "cohort": "quiz.cli.commands.cohort:cohort",
    "calibrate": "quiz.cli.commands.calibrate:calibrate",
    "gift": "quiz.cli.commands.gift:gift",
}

# Each command's short help, as the command's own help starts (tests check they agree), so
# ``skillquiz --help`` lists the commands without importing any of them.
SHORT_HELP: dict[str, str] = {
    "take": "Take the quiz: answer questions on each skill, then see your results.",
    "practice": "Practise: after each answer, whether it was right, the best answer and why.",
    "validate": "Check question banks: the built-in ones, or the FILES and FOLDERS given.",
    "banks": "List the skills (with the ids --skill takes), how many items of each type their "
    "banks hold and how their demonstrated items spread across difficulties; with --questions, "
    "every question and the answers it takes.",
    "roles": "List the roles your results are matched against: salaries (with their caveat), "
    "the score each role needs per skill, and the certifications that lead there.",
    "history": "List past attempts, newest first (or delete one with --delete ID).",
    "show": "Show an attempt's results (the latest finished one by default).",
    "report": "Export an attempt's results as HTML, Markdown, JSON or CSV.",
    "compare": "Compare two finished attempts skill by skill, against the margin of error.",
    "stats": "Item statistics over finished attempts, as Moodle's quiz statistics report.",
    "import": "Import learners' JSON reports (skillquiz report --format json) as attempts.",
    "cohort": "A class's results: how scores spread, calibration, readiness, items to fix.",
    "calibrate": "Calibrate items from a class's finished attempts, as a new parameter set.",
    "gift": "Import and export Moodle GIFT questions.",
}


class _Shown(click.ClickException):
    """One of the project's errors (quiz.errors) as click shows an error: "Error: ..." on
    stderr, or a list of problems bare so each FILE:LINE:COL starts its own line."""

    def __init__(self, message: str, exit_code: int) -> None:
        super().__init__(message)
        setattr(self, "exit_code", exit_code)  # noqa: B010 (click declares it per class)

    def format_message(self) -> str:
        from quiz.safetext import in_message

        return in_message(self.message)

    def show(self, file: IO[Any] | None = None) -> None:
        message = self.format_message()
        click.echo(message if "\n" in message else f"Error: {message}", err=True, file=file)


# The narrowest the text beside an option (or a command) gets: the option column narrows
# first, the longer options then standing on a line of their own.
_HELP_TEXT_WIDTH = 20


class _HelpFormatter(click.HelpFormatter):
    """click's help with no line ending in spaces (in narrow terminals click writes
    "Usage: skillquiz take " alone on its line): such lines dirty logs, diffs and copies.

    And options' help that keeps its words whole in a narrow terminal: click keeps the
    option column 30 wide, which at 40 columns leaves 10 for the text beside it (past the
    right edge), and breaks the words that do not fit ("interactiv", "e;")."""

    def getvalue(self) -> str:
        return "\n".join(line.rstrip(" ") for line in super().getvalue().split("\n"))

    def write_dl(self, rows: Any, col_max: int = 30, col_spacing: int = 2) -> None:
        """click's definition list, its text beside the terms at least _HELP_TEXT_WIDTH
        wide where the terminal allows, wrapped between words only."""
        rows = list(rows)
        widest = max((len(click.unstyle(first)) for first, _ in rows), default=0)
        room = self.width - self.current_indent - col_spacing - _HELP_TEXT_WIDTH
        first_col = min(widest, col_max, max(room, 1)) + col_spacing
        text_width = max(self.width - first_col - self.current_indent, 10)
        for first, second in rows:
            self.write(f"{'':>{self.current_indent}}{first}")
            if not second:
                self.write("\n")
                continue
            if len(click.unstyle(first)) <= first_col - col_spacing:
                self.write(" " * (first_col - len(click.unstyle(first))))
            else:
                self.write("\n" + " " * (first_col + self.current_indent))
            lines = _wrapped(second, text_width) or [""]
            indent = " " * (first_col + self.current_indent)
            self.write("\n".join([lines[0], *(indent + line for line in lines[1:])]) + "\n")


def _wrapped(text: str, width: int) -> list[str]:
    """``text`` wrapped to ``width`` as click wraps it (paragraphs split at blank lines,
    the spaces typed kept), except that words stay whole: never cut, nor split at a hyphen
    ("YYYY-" / "MM-DD"); a word longer than the line stands alone."""
    import textwrap

    wrapper = textwrap.TextWrapper(
        width, replace_whitespace=False, break_long_words=False, break_on_hyphens=False
    )
    paragraphs: list[list[str]] = [[]]
    for line in text.expandtabs().splitlines():
        if line:
            paragraphs[-1].append(line if paragraphs[-1] else line.lstrip())
        elif paragraphs[-1]:
            paragraphs.append([])
    wrapped = [wrapper.fill(" ".join(lines)) for lines in paragraphs if lines]
    return "\n\n".join(wrapped).splitlines()


class _Context(click.Context):
    formatter_class = _HelpFormatter


def _with_our_help(command: click.Command) -> click.Command:
    """The command (and a group's subcommands) writing help and usage with _HelpFormatter."""
    if command.context_class is click.Context:
        command.context_class = _Context
    if isinstance(command, click.Group):
        for sub in command.commands.values():
            _with_our_help(sub)
    return command


class LazyGroup(click.Group):
    """A group whose subcommands are imported on first use, as click's documentation on lazy
    loading describes; the listing in ``--help`` comes from SHORT_HELP, so it imports none."""

    context_class = _Context

    def invoke(self, ctx: click.Context) -> Any:
        """Run the command; the project's errors become click's here, and only here."""
        try:
            return super().invoke(ctx)
        except Exception as error:
            from quiz.errors import SkillquizError

            if isinstance(error, SkillquizError):
                from quiz.cli.hints import with_database

                message = with_database(error.message, ctx)
                raise _Shown(message, int(error.exit_code)) from None
            raise

    def list_commands(self, ctx: click.Context) -> list[str]:
        return list(COMMANDS)

    def get_help(self, ctx: click.Context) -> str:
        """The help, kept for the next ``skillquiz --help`` to print before click loads."""
        text = super().get_help(ctx)
        if ctx.parent is None:
            from quiz.cli.help_cache import keep

            keep(text)
        return text

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        target = COMMANDS.get(cmd_name)
        if target is None:
            return None
        import importlib

        module, _, attr = target.partition(":")
        try:
            loaded = importlib.import_module(module)
        except ModuleNotFoundError as error:
            if error.name == module:  # listed but not installed: no such command
                return None
            raise
        command = getattr(loaded, attr)
        assert isinstance(command, click.Command)
        return _with_our_help(command)

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        """The commands and their short help, shortened to the width as click does."""
        commands: list[tuple[str, click.Command]] = []
        for name in self.list_commands(ctx):
            summary = SHORT_HELP.get(name)
            command = (
                click.Command(name, help=summary)
                if summary is not None
                else self.get_command(ctx, name)
            )
            if command is not None and not command.hidden:
                commands.append((name, command))
        if not commands:
            return
        limit = formatter.width - 6 - max(len(name) for name, _ in commands)
        with formatter.section("Commands"):
            formatter.write_dl([(name, cmd.get_short_help_str(limit)) for name, cmd in commands])


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
# Help and message given, so click does not look up their translations (two gettext calls
# that search the disk for catalogs on every start); the version given, so it does not read
# the installed package's metadata (importlib.metadata and its imports: a third of a start).
@click.version_option(
    __version__,
    prog_name="skillquiz",
    message="%(prog)s, version %(version)s",
    help="Show the version and exit.",
)
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


class _MessageStream:
    """stderr for error messages: each write passes through quiz.safetext.in_message."""

    def __init__(self, stream: IO[str]) -> None:
        self._stream = stream

    def write(self, text: str) -> int:
        from quiz.safetext import in_message

        return self._stream.write(in_message(text))

    def flush(self) -> None:
        self._stream.flush()


# Errors of writing to stdout: a full disk or quota, a closed or failing descriptor, a pipe
# whose reader left. Files the product writes itself report their own failures.
_OUTPUT_FAILURES = frozenset(
    {errno.ENOSPC, errno.EDQUOT, errno.EFBIG, errno.EIO, errno.EBADF, errno.EPIPE}
)


class _ClosedStream:
    """stdout when the process started without one: every write fails as a closed
    descriptor would, so the failure is reported instead of the output silently lost."""

    encoding = "utf-8"
    errors = "strict"

    def write(self, text: str) -> int:
        raise OSError(errno.EBADF, os.strerror(errno.EBADF))

    def flush(self) -> None:
        pass

    def isatty(self) -> bool:
        return False

    def fileno(self) -> int:
        raise OSError(errno.EBADF, os.strerror(errno.EBADF))


def _drop_stdout() -> None:
    """Send the rest of stdout to the null device, so the text still buffered does not fail
    again, noisily, when Python flushes it at exit."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, 1)
        os.close(devnull)
    except OSError:
        pass
    if isinstance(sys.stdout, _ClosedStream):
        sys.stdout = open(os.devnull, "w")  # noqa: SIM115 (kept open to the end)


def _exit_code(result: object) -> int:
    """What ``cli.main`` returned without standalone mode: an exit code, or a command's value."""
    return result if isinstance(result, int) and not isinstance(result, bool) else 0


def main() -> None:
    """Run the CLI; turn Ctrl-C, end of input and unexpected failures into one-line messages.

    Click's standalone mode would print "Aborted!" and exit 1 on Ctrl-C, so errors are
    taken here instead: 130 after Ctrl-C for every command, as for ``take``.
    """
    if sys.stdout is None:  # started with stdout closed (>&-): writing must fail, not vanish
        sys.stdout = _ClosedStream()
    encodings = {getattr(stream, "encoding", None) for stream in (sys.stdout, sys.stderr)}
    if not encodings <= {None, "utf-8", "UTF-8", "utf8"}:
        from quiz.cli.streams import prepare

        prepare()  # a terminal that cannot show everything gets ASCII spellings
    try:
        code = _exit_code(cli.main(prog_name="skillquiz", standalone_mode=False))
        sys.stdout.flush()  # what is still buffered fails here, where it can be reported
    except click.ClickException as error:
        # click's own messages quote what was typed: shown safely, long numbers cut short.
        error.show(file=_MessageStream(sys.stderr))  # type: ignore[arg-type]
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
        if isinstance(error, OSError) and error.errno in _OUTPUT_FAILURES:
            _drop_stdout()
            if error.errno != errno.EPIPE:  # a reader that went away (| head) needs no message
                reason = error.strerror or str(error)
                click.echo(f"skillquiz: cannot write the output: {reason}", err=True)
        else:
            click.echo(
                f"skillquiz: internal error: {error} (set SKILLQUIZ_DEBUG=1 for details)",
                err=True,
            )
        code = EXIT_RUNTIME
    sys.exit(code)

"""``skillquiz take``: the quiz itself, saved answer by answer so it can always be resumed.

This module reads the options and checks them; ``quiz.cli.take_dialogue`` talks to the
person, and everything done to the attempt goes through ``quiz.attempts.taking.TakeRun``.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from questions.record import Record
from quiz.attempts.lengths import (
    ADAPTIVE_MOST,
    LENGTHS,
    MINUTES_PER_QUESTION,
    PER_SKILL,
    SELF_RATINGS,
)
from quiz.cli.options import OutputFile, bank_dir_option, database_option

if TYPE_CHECKING:
    from collections.abc import Mapping

    from questions import BankSet, Item
    from quiz.attempts.taking import TakeRun
    from quiz.cli import take_dialogue
    from quiz.cli.screen import Screen
    from scoring.models import Answer

    # The banks, the skills chosen and the answers file's answers of a new quiz.
    _Plan = tuple[BankSet, list[str], dict[str, Answer] | None]


class TakeOptions(Record):
    """The command line of one ``take``, as click parsed it."""

    length: str | None
    skills: tuple[str, ...]
    seed: int | None
    name: str | None
    experience: float | None
    plain: bool
    answers_path: Path | None
    resume: str | None
    bank_dirs: tuple[Path, ...]
    report_path: Path | None
    force: bool
    database: str | None

    def refuse_resume_with_choices(self) -> None:
        """--resume continues an attempt as it was drawn: a choice of a new quiz beside it
        is a usage error, not silently ignored."""
        chosen = (self.skills, self.length, self.bank_dirs) != ((), None, ()) or any(
            value is not None for value in (self.seed, self.name, self.experience)
        )
        if self.resume is not None and chosen:
            raise click.UsageError(
                "--resume continues an attempt as it was started; it cannot be combined with "
                "--skill, --length, --seed, --bank-dir, --name or --experience"
            )


def _interactive(plain: bool, answers: Path | None) -> bool:
    """Prompts need a terminal on both ends that understands cursor codes.

    A dumb terminal (TERM=dumb, or no TERM at all: an editor's shell, some screen
    readers) would show the arrow-key prompts as escape codes, so it reads plain lines.
    """
    if plain or answers is not None:
        return False
    if os.environ.get("TERM", "").strip() in ("", "dumb"):
        return False
    return sys.stdin.isatty() and sys.stdout.isatty()


def _check_skills(bank_set: BankSet, skills: tuple[str, ...]) -> list[str]:
    valid = [skill.id for skill in bank_set.skills]
    for skill in skills:
        if skill not in valid:
            raise click.BadParameter(
                f"unknown skill {skill!r}; choose from {', '.join(valid)}", param_hint="'--skill'"
            )
    return list(dict.fromkeys(skills))


def _read_answers(path: Path, items: Mapping[str, Item]) -> dict[str, Answer]:
    from questions import InputError
    from quiz.cli.answers_file import load_answers
    from quiz.errors import invalid_input

    try:
        return load_answers(path, items)
    except InputError as error:
        raise invalid_input(error.problems, "the answers file has", "nothing was saved") from None


def _check_report_path(path: Path | None, force: bool) -> None:
    """Refuse a report path that cannot work before the quiz, not after it."""
    if path is None:
        return
    from quiz.errors import BadInput
    from quiz.report.export import FORMATS, format_for

    try:
        format_for(path)
    except BadInput:
        names = ", ".join(f".{fmt}" for fmt in FORMATS[:-1]) + f" or .{FORMATS[-1]}"
        raise BadInput(
            f"cannot tell the report format from {path.name!r}: "
            f"the --report file name must end in {names}"
        ) from None
    from quiz.files import link_to_nothing, missing_target, writes_through

    if writes_through(path):
        return  # a device or standard output, written through: nothing to replace
    target = missing_target(path)
    if target is not None and not force:
        raise link_to_nothing(path, target)
    folder = path.parent
    # Path.exists() and is_dir() raise on some names (too long, a loop of links) rather
    # than answer False: the reason then is the system's own.
    try:
        if not folder.exists():
            raise BadInput(f"cannot write the report to {path}: there is no folder {folder}")
        if not folder.is_dir():
            raise BadInput(f"cannot write the report to {path}: {folder} is not a folder")
        if path.exists() and not force:
            raise BadInput(f"{path} already exists; add --force to replace it")
    except OSError as error:
        raise BadInput(f"cannot write the report to {path}: {error.strerror or error}") from None


def _check_seed(ctx: click.Context, param: click.Parameter, value: int | None) -> int | None:
    if value is not None and not 0 <= value < 2**63:
        raise click.BadParameter(f"{value} is not a whole number from 0 to {2**63 - 1}")
    return value


def _check_name(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    """A name too long to keep is refused before anything starts, in one line."""
    from quiz.attempts.session import checked_name
    from quiz.errors import BadInput

    try:
        checked_name(value)
    except ValueError as error:
        raise BadInput(f"--name: {error}") from None
    return value


def _check_experience(
    ctx: click.Context, param: click.Parameter, value: str | None
) -> float | None:
    from quiz.cli.profile import ExperienceError, parse_experience
    from quiz.errors import BadInput

    if value is None:
        return None
    try:
        return parse_experience(value)
    except ExperienceError as error:
        # One line, as for every invalid input: the usage block would bury the reason.
        raise BadInput(f"--experience: {error}") from None


def _length_help() -> str:
    """--length's help, its counts and minutes from quiz.attempts.lengths, so the help says
    what the welcome lists and the progress counts: each skill's self-ratings, then its
    practical questions (at most ADAPTIVE_MOST of them in an adaptive quiz)."""

    def split(length: str) -> str:
        rated = SELF_RATINGS[length]
        shown = PER_SKILL[length] - rated
        ratings = "self-rating" if rated == 1 else "self-ratings"
        return f"{PER_SKILL[length]} questions a skill, {rated} {ratings} and {shown} practical"

    def minutes(length: str) -> int:
        return round(5 * PER_SKILL[length] * MINUTES_PER_QUESTION)  # the five built-in skills

    return (
        f"quick: {split('quick')} (about {minutes('quick')} minutes for all five skills); "
        f"standard: {split('standard')} (about {minutes('standard')} minutes); full: every "
        f"question; adaptive: {SELF_RATINGS['standard']} self-ratings a skill, then practical "
        "questions, each chosen from your answers, until the result is clear (at most "
        f"{ADAPTIVE_MOST}). Asked when interactive; otherwise standard, or full with --answers."
    )


@click.command()
@click.option("--length", type=click.Choice(LENGTHS), help=_length_help())
@click.option(
    "--skill",
    "skills",
    multiple=True,
    metavar="ID",
    help="Assess only this skill (repeatable; see skillquiz banks for the ids).",
)
@click.option(
    "--seed",
    type=int,
    callback=_check_seed,
    help="Fix the draw (a whole number from 0): same seed and banks, same quiz.",
)
@click.option(
    "--name",
    callback=_check_name,
    help="Your name, kept with the attempt on this computer only (at most 200 characters).",
)
@click.option(
    "--experience",
    metavar="YEARS",
    callback=_check_experience,
    help="Years of hands-on experience in production, manufacturing or quality work "
    "(a number from 0); asked at the start (whole years) when not given, except with "
    "--answers.",
)
@click.option(
    "--plain",
    is_flag=True,
    help="Numbered options read as plain lines: no arrow keys, colour or cursor codes. "
    "Chosen automatically when input or output is not a terminal.",
)
@click.option(
    "--answers",
    "answers_path",
    type=click.Path(path_type=Path, dir_okay=False),
    help="Answer from a YAML or JSON file (question id -> answer) with no prompts; "
    "questions not in the file are skipped.",
)
@click.option(
    "--resume",
    is_flag=False,
    flag_value="latest",
    default=None,
    metavar="[ATTEMPT]",
    help="Continue an unfinished attempt (the latest by default) at its next question.",
)
@bank_dir_option
@click.option(
    "--report",
    "report_path",
    type=OutputFile(),
    help="Also export the results to this file (.html, .md, .json or .csv).",
)
@click.option("--force", is_flag=True, help="Replace the --report file if it exists.")
@database_option
@click.pass_context
def take(ctx: click.Context, /, **given: Any) -> None:
    """Take the quiz: answer questions on each skill, then see your results.

    Every answer is saved the moment it is given. Ctrl-C stops (exit 130) and
    `skillquiz take --resume` continues at the next question, same questions, same
    order. In plain mode, when input ends before the quiz does, progress is saved
    and the exit code is 1; when input is not a terminal, a line that cannot be used
    stops the quiz, naming the question and the line (the answers before it are saved).

    Exit codes: 0 finished; 1 a runtime failure, or input ended in plain mode;
    2 bad usage, an invalid bank or answers file (nothing saved) or a refused line of
    piped input; 130 Ctrl-C.

    \b
    Examples:
      skillquiz take
      skillquiz take --length quick --skill data_analysis
      skillquiz take --resume
      skillquiz take --plain < replies.txt
      skillquiz take --answers answers.yaml --report results.json
    """
    from quiz.attempts.taking import TakeRun
    from quiz.cli import catalog_cache, snapshot_cache
    from quiz.cli.console import make_console
    from quiz.cli.stop_signals import stop_signals
    from quiz.storage import Store

    catalog_cache.use()
    snapshot_cache.use()
    options = TakeOptions(**given)
    options.refuse_resume_with_choices()
    _check_report_path(options.report_path, options.force)
    _check_input(options)
    interactive = _interactive(options.plain, options.answers_path)
    console = make_console(plain=not interactive)
    # A new quiz's banks and answers file are checked before the database is opened, so
    # their problems come first (exit 2) even where the home cannot be written.
    plan = None if options.resume is not None else _plan(options)
    store = Store.open(url=options.database)
    with stop_signals() as signals:
        run = TakeRun(store, hold=signals.deferred)
        try:
            _take(ctx, console, run, options, interactive, plan)
        except click.exceptions.Exit:
            if signals.received is not None:  # stopped as by Ctrl-C, by SIGTERM or SIGHUP
                ctx.exit(128 + signals.received)
            raise
        finally:
            # However the run ended (an internal error too), an attempt it started that has
            # no answer yet is not left in history as "in progress (0/N)".
            run.forget_if_empty()
            store.close()


def _check_input(options: TakeOptions) -> None:
    """Answers are read from stdin unless a file gives them: with stdin closed (<&-) there
    is nothing to read, said before anything is started."""
    from quiz.errors import RuntimeFailure

    if sys.stdin is None and options.answers_path is None:
        raise RuntimeFailure(
            "there is no input to read answers from (stdin is closed); run skillquiz take "
            "in a terminal, or give the answers with --answers FILE"
        )


def _plan(options: TakeOptions) -> _Plan:
    """The banks, the skills chosen on the command line and the answers file, all checked."""
    from quiz.cli.options import load_banks_or_exit

    bank_set = load_banks_or_exit(options.bank_dirs)
    chosen = _check_skills(bank_set, options.skills)
    path = options.answers_path
    return bank_set, chosen, _read_answers(path, bank_set.items) if path else None


def _take(
    ctx: click.Context,
    console: Screen,
    run: TakeRun,
    options: TakeOptions,
    interactive: bool,
    plan: _Plan | None,
) -> None:
    """Start or resume, answer, finish and show the results; an interruption or the end of
    input says what was kept and how to go on."""
    from quiz.cli import take_dialogue as talk
    from quiz.cli.plain import RejectedLine
    from quiz.errors import ExitCode, RuntimeFailure
    from quiz.report.build import report_of

    io = talk.Io(
        console=console,
        interactive=interactive,
        plain=None if interactive else talk.plain_asker(),
    )
    try:
        given = _begin(io, run, options, plan)
        talk.note_uncalibrated(run)
        if given is not None and run.adaptive:
            run.answer_all(given)
            talk.note_never_asked(run.unused(given))
        elif given is not None:
            talk.note_unused(run.unused(given))
            run.answer_all(given)
        else:
            ask = talk.asker(io)
            run.ask_all(talk.working_ahead(ask, run) if interactive and run.adaptive else ask)
        report = report_of(run.finish())
        talk.show_results(console, report, interactive, options.report_path, options.force, run)
    except (KeyboardInterrupt, click.Abort):
        talk.tell(talk.interrupted(run))
        ctx.exit(ExitCode.INTERRUPTED)
    except RuntimeFailure as error:
        raise run.failure_after_start(error) from None
    except RejectedLine as error:
        raise talk.rejected(run, error) from None
    except EOFError:  # plain input ran out, or Ctrl-D at a prompt
        if run.stop() is None:
            talk.tell("Input ended; nothing was saved.")
        else:
            talk.tell(f"Input ended; progress saved. Resume with: {run.resume_command()}")
        ctx.exit(ExitCode.RUNTIME)


def _begin(
    io: take_dialogue.Io, run: TakeRun, options: TakeOptions, plan: _Plan | None
) -> dict[str, Answer] | None:
    """Resume the attempt asked for, or ask the welcome questions and start a new one (or
    carry on with the unfinished one of the same name, when the person says so); returns
    the answers file's answers, if one was given."""
    from quiz.cli import take_dialogue as talk

    if plan is None:
        assert options.resume is not None
        session = run.resume(options.resume)
        path = options.answers_path
        given = _read_answers(path, run.answerable()) if path else None
        talk.say_resuming(io.console, session)
        return given
    bank_set, chosen, given = plan
    choices = talk.NewQuizChoices(
        length=options.length, seed=options.seed, name=options.name, experience=options.experience
    )
    talk.start(io, run, bank_set, chosen, given, choices)
    return given

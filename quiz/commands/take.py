"""``skillquiz take``: the quiz itself, saved answer by answer so it can always be resumed."""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import click

from quiz.options import LENGTHS, OutputFile, bank_dir_option, database_option

if TYPE_CHECKING:
    from collections.abc import Callable, Mapping

    from rich.console import Console

    from questions import BankSet, Item
    from quiz.errors import RuntimeFailure
    from quiz.report.model import Report
    from quiz.session import Question, Session
    from quiz.taking import TakeRun
    from scoring.models import Answer

RESUME_HINT = "skillquiz take --resume"


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


def _how_long(count: int) -> str:
    from quiz.errors import plural
    from quiz.session import MINUTES_PER_QUESTION

    minutes = max(1, round(count * MINUTES_PER_QUESTION))
    return f"{plural(count, 'question')}, about {plural(minutes, 'minute')}"


def _welcome(console: Console, bank_set: BankSet, skills: list[str]) -> None:
    from rich.text import Text

    from quiz.console import print_wrapped
    from quiz.session import planned_count
    from scoring.wording import join_names

    names = join_names([skill.name for skill in bank_set.skills if skill.id in skills])
    console.print(Text("skillquiz: a skills self-assessment", style="bold"))
    print_wrapped(
        console,
        f"It measures {names}: how you rate yourself, and what you show on short "
        "scenarios, calculations and ordering tasks.",
    )
    for length in LENGTHS:
        count = planned_count(bank_set, skills, length)
        print_wrapped(console, f"{length:<9} {_how_long(count)}", indent=2)
    print_wrapped(
        console,
        "Answers are saved as you go: stop with Ctrl-C and continue later with "
        f"{RESUME_HINT}. Every question can be skipped.",
    )
    print_wrapped(
        console,
        "This is for exploring careers and what to learn next, not for screening job applicants.",
        style="dim",
    )
    console.print()


def _length_choices(bank_set: BankSet, skills: list[str]) -> list[tuple[str, str]]:
    from quiz.session import planned_count

    return [
        (length, f"{length} ({_how_long(planned_count(bank_set, skills, length))})")
        for length in LENGTHS
    ]


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
    from quiz.answers_file import load_answers
    from quiz.errors import invalid_input

    try:
        return load_answers(path, items)
    except InputError as error:
        raise invalid_input(error.problems, "the answers file has", "nothing was saved") from None


def _resume_items(session: Session) -> Mapping[str, Item]:
    """The questions an answers file may name on resume: the attempt's own, as asked, and
    the built-in ones, so a file written for the whole quiz is not refused for ids this
    attempt did not ask (those are noted and ignored, as for a new attempt)."""
    from questions import BankLoadError, load_banks

    try:
        builtin = dict(load_banks().items)
    except BankLoadError:
        builtin = {}
    return {**builtin, **session.snapshot.items}


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


def _check_experience(
    ctx: click.Context, param: click.Parameter, value: str | None
) -> float | None:
    from quiz.errors import BadInput
    from quiz.profile import ExperienceError, parse_experience

    if value is None:
        return None
    try:
        return parse_experience(value)
    except ExperienceError as error:
        # One line, as for every invalid input: the usage block would bury the reason.
        raise BadInput(f"--experience: {error}") from None


@click.command()
@click.option(
    "--length",
    type=click.Choice(LENGTHS),
    help="quick: 4 questions a skill (about 5 minutes for all five skills); standard: 17 a "
    "skill (about 20 minutes); full: every question. Asked when interactive; otherwise "
    "standard, or full with --answers.",
)
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
@click.option("--name", help="Your name, kept with the attempt on this computer only.")
@click.option(
    "--experience",
    metavar="YEARS",
    callback=_check_experience,
    help="Years of hands-on experience in production, manufacturing or quality work "
    "(a number from 0); asked at the start when not given, except with --answers.",
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
def take(
    ctx: click.Context,
    length: str | None,
    skills: tuple[str, ...],
    seed: int | None,
    name: str | None,
    experience: float | None,
    plain: bool,
    answers_path: Path | None,
    resume: str | None,
    bank_dirs: tuple[Path, ...],
    report_path: Path | None,
    force: bool,
    database: str | None,
) -> None:
    """Take the quiz: answer questions on each skill, then see your results.

    Every answer is saved the moment it is given. Ctrl-C stops (exit 130) and
    `skillquiz take --resume` continues at the next question, same questions, same
    order. In plain mode, when input ends before the quiz does, progress is saved
    and the exit code is 1.

    Exit codes: 0 finished; 1 a runtime failure, or input ended in plain mode;
    2 bad usage or an invalid bank or answers file (nothing saved); 130 Ctrl-C.

    \b
    Examples:
      skillquiz take
      skillquiz take --length quick --skill data_analysis
      skillquiz take --resume
      skillquiz take --plain < replies.txt
      skillquiz take --answers answers.yaml --report results.json
    """
    from quiz.console import make_console
    from quiz.errors import ExitCode
    from quiz.storage import Store
    from quiz.taking import TakeRun

    if resume is not None and (
        skills
        or length
        or seed is not None
        or bank_dirs
        or name is not None
        or experience is not None
    ):
        raise click.UsageError(
            "--resume continues an attempt as it was started; it cannot be combined with "
            "--skill, --length, --seed, --bank-dir, --name or --experience"
        )
    _check_report_path(report_path, force)
    interactive = _interactive(plain, answers_path)
    console = make_console(plain=not interactive)
    # A new quiz's banks and answers file are checked before the database is opened, so
    # their problems come first (exit 2) even where the home cannot be written.
    plan = None if resume is not None else _plan(bank_dirs, skills, answers_path)
    from quiz.errors import RuntimeFailure

    store = Store.open(url=database)
    run = TakeRun(store)
    try:
        if plan is None:
            assert resume is not None
            session = run.resume(resume)
            given = _read_answers(answers_path, _resume_items(session)) if answers_path else None
            console.print(
                f"Resuming attempt {session.id}: {session.answered} of {session.total} answered."
            )
        else:
            bank_set, chosen, given = plan
            _start(
                console,
                run,
                interactive,
                bank_set,
                chosen,
                given,
                _Choices(length, seed, name, experience),
            )
        if given is not None:
            _note_unused(run.unused(given))
            run.answer_all(given)
        else:
            run.ask_all(_asker(interactive))
        report = run.finish()
        _finish(console, report, interactive, report_path, force, run)
    except (KeyboardInterrupt, click.Abort):
        kept = run.stop()
        if kept is None:
            click.echo("\nInterrupted; nothing was saved.", err=True)
        elif kept.attempt.finished:
            click.echo(f"\nInterrupted; your results are saved: skillquiz show {kept.id}", err=True)
        else:
            click.echo(f"\nProgress saved. Resume with: {run.resume_command()}", err=True)
        ctx.exit(ExitCode.INTERRUPTED)
    except RuntimeFailure as error:
        raise _mid_quiz(run, error) from None
    except EOFError:  # plain input ran out, or Ctrl-D at a prompt
        if run.stop() is None:
            click.echo("Input ended; nothing was saved.", err=True)
        else:
            click.echo(
                f"Input ended; progress saved. Resume with: {run.resume_command()}", err=True
            )
        ctx.exit(ExitCode.RUNTIME)
    finally:
        store.close()


def _mid_quiz(run: TakeRun, error: RuntimeFailure) -> RuntimeFailure:
    """A failure once an attempt is under way, saying what became of it: each answer was
    committed as it was given, so the ones before the failure are kept and the quiz can be
    resumed; unless the attempt itself was deleted meanwhile (history --delete elsewhere)."""
    from quiz.errors import RuntimeFailure, plural

    session = run.session
    if session is None:
        return error
    try:
        attempt = run.store.attempt(session.id)
        gone = attempt is None
        if attempt is not None and attempt.finished:
            return error  # the results are kept; the failure was after (a --report file)
    except RuntimeFailure:
        gone = False  # the database cannot say: the answers before the failure are kept
    if gone:
        return RuntimeFailure(
            f"attempt {session.id} was deleted while this quiz was running (skillquiz history "
            "--delete); nothing more can be saved to it: start again with skillquiz take"
        )
    try:
        resume = run.resume_command()
    except RuntimeFailure:
        resume = f"{RESUME_HINT} {session.id}"
    saved = plural(len(session.answers), "answer")
    return RuntimeFailure(
        f"{error.message}; the {saved} given before it are saved: resume with {resume}"
    )


def _plan(
    bank_dirs: tuple[Path, ...], skills: tuple[str, ...], answers_path: Path | None
) -> tuple[BankSet, list[str], dict[str, Answer] | None]:
    """The banks, the skills chosen on the command line and the answers file, all checked."""
    from quiz.options import load_banks_or_exit

    bank_set = load_banks_or_exit(bank_dirs)
    chosen = _check_skills(bank_set, skills)
    given = _read_answers(answers_path, bank_set.items) if answers_path else None
    return bank_set, chosen, given


@dataclass(frozen=True)
class _Choices:
    """What the command line chose for a new attempt (None: ask, or the default)."""

    length: str | None
    seed: int | None
    name: str | None
    experience: float | None


def _ask_experience(interactive: bool) -> float | None:
    """The profile question, before the first skill; None when skipped."""
    from quiz.profile import EXPERIENCE_BANDS, EXPERIENCE_QUESTION

    if interactive:
        from quiz.prompts import ask_experience

        return ask_experience()
    from quiz.plain import PlainAsker

    asker = PlainAsker(sys.stdin, _write, echo_input=not sys.stdin.isatty())
    picked = asker.choose(EXPERIENCE_QUESTION, [label for label, _ in EXPERIENCE_BANDS])
    return None if picked is None else EXPERIENCE_BANDS[picked][1]


def _start(
    console: Console,
    run: TakeRun,
    interactive: bool,
    bank_set: BankSet,
    chosen: list[str],
    given: dict[str, Answer] | None,
    choices: _Choices,
) -> None:
    """Ask the welcome questions and record a new attempt.

    The experience question comes last, just before the first skill, and is not asked
    when --experience gives it or an answers file answers for the person.
    """
    from quiz.console import print_wrapped
    from quiz.errors import plural
    from quiz.session import planned_count

    length, seed, name, experience = (
        choices.length,
        choices.seed,
        choices.name,
        choices.experience,
    )
    if given is None:
        _welcome(console, bank_set, chosen or [skill.id for skill in bank_set.skills])
    if interactive:
        from quiz import prompts

        if name is None:
            name = prompts.ask_name()
        if not chosen:
            chosen = prompts.ask_skills(bank_set.skills)
        if length is None:
            length = prompts.ask_length(_length_choices(bank_set, chosen))
    chosen = chosen or [skill.id for skill in bank_set.skills]
    length = length or ("full" if given is not None else "standard")
    if not interactive and given is None:
        # Plain mode reads answers only, so say what was chosen for the person and how to
        # choose otherwise, rather than let a name typed first be read as answer 1.
        print_wrapped(
            console,
            f"Taking the {length} quiz ({_how_long(planned_count(bank_set, chosen, length))}) "
            f"on {plural(len(chosen), 'skill')}. Choose with --length, --skill and --name.",
        )
    if experience is None and given is None:
        experience = _ask_experience(interactive)
    run.start(
        bank_set,
        skills=chosen,
        length=length,
        seed=seed,
        name=name,
        experience_years=experience,
    )


def _note_unused(unused: list[str]) -> None:
    from quiz.errors import plural

    if unused:
        click.echo(
            f"note: {plural(len(unused), 'answer')} in the file "
            f"{'are' if len(unused) != 1 else 'is'} for questions not in this quiz "
            f"(e.g. {unused[0]}); ignored",
            err=True,
        )


def _write(text: str) -> None:
    import sys

    from quiz.safetext import for_stream

    click.echo(for_stream(text, sys.stdout), nl=False)


def _asker(interactive: bool) -> Callable[[Question], Answer]:
    """How a question is put to the person: arrow-key prompts, or plain numbered lines."""
    if interactive:
        from quiz.prompts import ask_question

        return ask_question
    from quiz.plain import PlainAsker

    return PlainAsker(sys.stdin, _write, echo_input=not sys.stdin.isatty()).ask


def _finish(
    console: Console,
    report: Report,
    interactive: bool,
    report_path: Path | None,
    force: bool,
    run: TakeRun,
) -> None:
    from quiz.console import print_wrapped
    from quiz.summary import missed, render_footer, render_review, render_summary

    attempt_id = report.attempt.id
    console.print()
    render_summary(console, report, plain=not interactive)
    if interactive and missed(report):
        from quiz.prompts import ask_review

        console.print()
        if ask_review():
            render_review(console, report)
    if report_path is not None:
        from quiz.errors import SkillquizError
        from quiz.progress import since_last
        from quiz.report.export import format_for, write_report

        try:
            fmt = format_for(report_path)
            since = since_last(run.store, attempt_id) if fmt in ("md", "html") else None
            write_report(report, report_path, fmt, force=force, since=since)
        except SkillquizError:
            # The results are saved whatever happened to the file: say so, and how to
            # export them again, before the one-line reason.
            render_footer(console, attempt_id)
            raise
        console.print()
        print_wrapped(console, f"Report written to {report_path}")
    render_footer(console, attempt_id)

"""What ``take`` says to the person and asks of them: the welcome, the choices of a new
quiz (name, skills, length, experience), each question (arrow-key prompts or plain numbered
lines) and the results at the end.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

import click

from questions.record import Record
from quiz.attempts.lengths import LENGTHS
from quiz.attempts.taking import RESUME_HINT

if TYPE_CHECKING:
    from collections.abc import Callable

    from questions import BankSet
    from quiz.attempts.session import Back, QuizQuestion, Session, Turn
    from quiz.attempts.taking import TakeRun
    from quiz.cli.plain import PlainAsker
    from quiz.cli.screen import Screen
    from quiz.errors import BadInput
    from quiz.report.model import Report
    from scoring.models import Answer


def how_long(count: int) -> str:
    from quiz.attempts.lengths import MINUTES_PER_QUESTION
    from quiz.errors import plural

    minutes = max(1, round(count * MINUTES_PER_QUESTION))
    return f"{plural(count, 'question')}, about {plural(minutes, 'minute')}"


def welcome(console: Screen, bank_set: BankSet, skills: list[str]) -> None:
    from quiz.attempts.draw import planned_count
    from quiz.cli.console import print_wrapped
    from quiz.cli.screen import styled
    from scoring.wording import join_names

    names = join_names([skill.name for skill in bank_set.skills if skill.id in skills])
    console.print(styled("skillquiz: a skills self-assessment", style="bold"))
    print_wrapped(
        console,
        f"It measures {names}: how you rate yourself, and what you show on short "
        "scenarios, calculations and ordering tasks.",
    )
    for length in LENGTHS:
        count = planned_count(bank_set, skills, length)
        most = "at most " if length == "adaptive" else ""
        print_wrapped(console, f"{length:<9} {most}{how_long(count)}", indent=2)
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


def length_choices(bank_set: BankSet, skills: list[str]) -> list[tuple[str, str]]:
    from quiz.attempts.draw import planned_count

    return [
        (
            length,
            f"{length} ({'at most ' if length == 'adaptive' else ''}"
            f"{how_long(planned_count(bank_set, skills, length))})",
        )
        for length in LENGTHS
    ]


class NewQuizChoices(Record):
    """What the command line chose for a new attempt (None: ask, or the default)."""

    length: str | None
    seed: int | None
    name: str | None
    experience: float | None


class Io(Record):
    """How this run talks to the person: the console, and the one plain reader when not
    interactive (so input line numbers count every line read, the profile's too)."""

    console: Screen
    interactive: bool
    plain: PlainAsker | None


def plain_asker() -> PlainAsker:
    """Plain lines from stdin; when stdin is not a terminal, a refused line stops the quiz
    (nobody is there to retype it, and the next line is meant for the next question)."""
    from quiz.cli.plain import PlainAsker

    piped = not sys.stdin.isatty()
    return PlainAsker(sys.stdin, write_plain, echo_input=piped, strict=piped)


def ask_years(io: Io) -> float | None:
    """The profile question, before the first skill: whole years; None when skipped."""
    from quiz.cli.profile import EXPERIENCE_QUESTION

    if io.plain is None:
        from quiz.cli.prompts import ask_experience

        years = ask_experience()
    else:
        years = io.plain.ask_years(EXPERIENCE_QUESTION)
    return None if years is None else float(years)


def say_resuming(console: Screen, session: Session) -> None:
    console.print(f"Resuming attempt {session.id}: {session.answered} of {session.total} answered.")


def offer_resume(io: Io, run: TakeRun, name: str | None) -> bool:
    """Offer the unfinished attempt of this name, if any: asked when interactive (True:
    it was resumed), one line naming the command in plain mode."""
    from quiz.cli.console import print_wrapped

    left = run.unfinished_of(name)
    if left is None:
        return False
    started = f"{left.started_at.astimezone():%Y-%m-%d %H:%M}"
    what = f"attempt {left.id} ({left.answered} of {left.questions} answered, started {started})"
    if io.plain is not None:
        print_wrapped(
            io.console,
            f"You have an unfinished {what}; to carry on with it instead, stop here (Ctrl-C) "
            f"and run: skillquiz take --resume {left.id}",
        )
        return False
    from quiz.cli.prompts import ask_resume

    if not ask_resume(f"You have an unfinished {what}. Carry on with it?"):
        return False
    say_resuming(io.console, run.resume(str(left.id)))
    return True


def start(
    io: Io,
    run: TakeRun,
    bank_set: BankSet,
    chosen: list[str],
    given: dict[str, Answer] | None,
    choices: NewQuizChoices,
) -> None:
    """Ask the welcome questions and record a new attempt (or carry on with the
    unfinished one of the same name, when the person says so).

    The experience question comes last, just before the first skill, and is not asked
    when --experience gives it or an answers file answers for the person.
    """
    from quiz.attempts.draw import planned_count
    from quiz.cli.console import print_wrapped
    from quiz.errors import plural

    length, seed, name, experience = (
        choices.length,
        choices.seed,
        choices.name,
        choices.experience,
    )
    if given is None:
        welcome(io.console, bank_set, chosen or [skill.id for skill in bank_set.skills])
    if io.interactive and name is None:
        from quiz.cli.prompts import ask_name

        name = ask_name()
    if given is None and offer_resume(io, run, name):
        return
    if io.interactive:
        from quiz.cli import prompts

        if not chosen:
            chosen = prompts.ask_skills(bank_set.skills)
        if length is None:
            length = prompts.ask_length(length_choices(bank_set, chosen))
    chosen = chosen or [skill.id for skill in bank_set.skills]
    length = length or ("full" if given is not None else "standard")
    if not io.interactive and given is None:
        # Plain mode reads answers only, so say what was chosen for the person and how to
        # choose otherwise, rather than let a name typed first be read as answer 1.
        print_wrapped(
            io.console,
            f"Taking the {length} quiz ({'at most ' if length == 'adaptive' else ''}"
            f"{how_long(planned_count(bank_set, chosen, length))}) "
            f"on {plural(len(chosen), 'skill')}. Choose with --length, --skill and --name.",
        )
    if experience is None and given is None:
        experience = ask_years(io)
    run.start(
        bank_set,
        skills=chosen,
        length=length,
        seed=seed,
        name=name,
        experience_years=experience,
    )


def tell(message: str) -> None:
    """A line on stderr about the attempt, its commands carrying this run's --database."""
    from quiz.cli.hints import with_database

    click.echo(with_database(message), err=True)


def interrupted(run: TakeRun) -> str:
    """What Ctrl-C left: nothing, finished results, or progress to resume."""
    kept = run.stop()
    if kept is None:
        return "\nInterrupted; nothing was saved."
    if kept.attempt.finished:
        return f"\nInterrupted; your results are saved: skillquiz show {kept.id}"
    return f"\nProgress saved. Resume with: {run.resume_command()}"


def rejected(run: TakeRun, error: Exception) -> BadInput:
    """A line of piped input that could not be used: the quiz stops there (exit 2), and
    the answers before it are kept to resume from, once the input is put right."""
    from quiz.errors import BadInput, plural

    session = run.stop()
    if session is None:
        return BadInput(f"{error}; nothing was saved")
    saved = plural(len(session.answers), "answer")
    return BadInput(f"{error}; the {saved} before it are saved: resume with {run.resume_command()}")


def note_unused(unused: list[str]) -> None:
    from quiz.errors import plural

    if unused:
        click.echo(
            f"note: {plural(len(unused), 'answer')} in the file "
            f"{'are' if len(unused) != 1 else 'is'} for questions not in this quiz "
            f"(e.g. {unused[0]}); ignored",
            err=True,
        )


def note_never_asked(unused: list[str]) -> None:
    """An adaptive quiz from an answers file: the questions the rule never chose."""
    from quiz.errors import plural

    if unused:
        click.echo(
            f"note: the adaptive quiz never asked {plural(len(unused), 'question')} the file "
            f"answers ({', '.join(unused)}); those answers are ignored",
            err=True,
        )


def note_uncalibrated(run: TakeRun) -> None:
    """Once, at the start of an adaptive quiz: the skills chosen from labels alone, on
    stderr, wrapped to the terminal as every other note of the quiz is."""
    from quiz.attempts.adaptive_session import AdaptiveSession
    from quiz.cli.console import make_console, print_wrapped
    from scoring.adaptive_limits import UNCALIBRATED_MIN_ITEMS
    from scoring.wording import join_names

    session = run.session
    if not isinstance(session, AdaptiveSession) or not session.uncalibrated:
        return
    if session.answers and not run.started:
        return  # said when the attempt began
    names = session.uncalibrated
    print_wrapped(
        make_console(stderr=True, plain=True),
        f"note: no calibrated parameter set covers {join_names(names)} yet, so questions "
        f"are chosen from the authors' level labels and {'it' if len(names) == 1 else 'each'} "
        f"asks at least {UNCALIBRATED_MIN_ITEMS} (a trainer's skillquiz calibrate changes "
        "this)",
    )


def write_plain(text: str) -> None:
    import sys

    from quiz.safetext import for_stream

    click.echo(for_stream(text, sys.stdout), nl=False)


def asker(io: Io) -> Callable[[QuizQuestion, Turn], Answer | Back]:
    """How a question is put to the person: arrow-key prompts, or plain numbered lines;
    either may return BACK where the turn offers it."""
    if io.plain is None:
        from quiz.cli.prompts import ask_turn

        return ask_turn
    return io.plain.ask_turn


def working_ahead(
    ask: Callable[[QuizQuestion, Turn], Answer | Back], run: TakeRun
) -> Callable[[QuizQuestion, Turn], Answer | Back]:
    """``ask``, with an adaptive quiz's next choice worked out while each question is read
    (quiz.cli.collector.work_ahead), so the answer finds it ready."""
    from quiz.cli.collector import work_ahead

    def asking(question: QuizQuestion, turn: Turn) -> Answer | Back:
        work_ahead(run.anticipate())
        return ask(question, turn)

    return asking


def show_results(
    console: Screen,
    report: Report,
    interactive: bool,
    report_path: Path | None,
    force: bool,
    run: TakeRun,
) -> None:
    from quiz.cli.console import print_wrapped
    from quiz.cli.terminal_report import missed, render_footer, render_review, render_summary

    attempt_id = report.attempt.id
    console.print()
    render_summary(console, report, plain=not interactive)
    if interactive and missed(report):
        from quiz.cli.prompts import ask_review

        console.print()
        if ask_review():
            render_review(console, report)
    if report_path is not None:
        from quiz.attempts.comparison import since_last
        from quiz.errors import SkillquizError
        from quiz.report.export import format_for, write_report

        try:
            fmt = format_for(report_path)
            since = since_last(run.store, attempt_id) if fmt in ("md", "html") else None
            write_report(report, report_path, fmt, force=force, since=since)
        except SkillquizError:
            # The results are saved whatever happened to the file: say so, and how to
            # export them again, before the one-line reason.
            render_footer(console, attempt_id, review=bool(missed(report)))
            raise
        console.print()
        print_wrapped(console, f"Report written to {report_path}")
    render_footer(console, attempt_id, review=bool(missed(report)))

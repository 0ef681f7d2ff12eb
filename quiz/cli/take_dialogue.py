"""What ``take`` says to the person and asks of them: the welcome, the choices of a new
quiz (name, skills, length, experience), each question (arrow-key prompts or plain numbered
lines) and the results at the end.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import click

from quiz.attempts.lengths import LENGTHS
from quiz.attempts.taking import RESUME_HINT

if TYPE_CHECKING:
    from collections.abc import Callable

    from rich.console import Console

    from questions import BankSet
    from quiz.attempts.session import QuizQuestion
    from quiz.attempts.taking import TakeRun
    from quiz.report.model import Report
    from scoring.models import Answer


def how_long(count: int) -> str:
    from quiz.attempts.lengths import MINUTES_PER_QUESTION
    from quiz.errors import plural

    minutes = max(1, round(count * MINUTES_PER_QUESTION))
    return f"{plural(count, 'question')}, about {plural(minutes, 'minute')}"


def welcome(console: Console, bank_set: BankSet, skills: list[str]) -> None:
    from rich.text import Text

    from quiz.attempts.draw import planned_count
    from quiz.cli.console import print_wrapped
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
        print_wrapped(console, f"{length:<9} {how_long(count)}", indent=2)
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
        (length, f"{length} ({how_long(planned_count(bank_set, skills, length))})")
        for length in LENGTHS
    ]


@dataclass(frozen=True)
class NewQuizChoices:
    """What the command line chose for a new attempt (None: ask, or the default)."""

    length: str | None
    seed: int | None
    name: str | None
    experience: float | None


def ask_years(interactive: bool) -> float | None:
    """The profile question, before the first skill; None when skipped."""
    from quiz.cli.profile import EXPERIENCE_BANDS, EXPERIENCE_QUESTION

    if interactive:
        from quiz.cli.prompts import ask_experience

        return ask_experience()
    from quiz.cli.plain import PlainAsker

    asker = PlainAsker(sys.stdin, write_plain, echo_input=not sys.stdin.isatty())
    picked = asker.choose(EXPERIENCE_QUESTION, [label for label, _ in EXPERIENCE_BANDS])
    return None if picked is None else EXPERIENCE_BANDS[picked][1]


def start(
    console: Console,
    run: TakeRun,
    interactive: bool,
    bank_set: BankSet,
    chosen: list[str],
    given: dict[str, Answer] | None,
    choices: NewQuizChoices,
) -> None:
    """Ask the welcome questions and record a new attempt.

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
        welcome(console, bank_set, chosen or [skill.id for skill in bank_set.skills])
    if interactive:
        from quiz.cli import prompts

        if name is None:
            name = prompts.ask_name()
        if not chosen:
            chosen = prompts.ask_skills(bank_set.skills)
        if length is None:
            length = prompts.ask_length(length_choices(bank_set, chosen))
    chosen = chosen or [skill.id for skill in bank_set.skills]
    length = length or ("full" if given is not None else "standard")
    if not interactive and given is None:
        # Plain mode reads answers only, so say what was chosen for the person and how to
        # choose otherwise, rather than let a name typed first be read as answer 1.
        print_wrapped(
            console,
            f"Taking the {length} quiz ({how_long(planned_count(bank_set, chosen, length))}) "
            f"on {plural(len(chosen), 'skill')}. Choose with --length, --skill and --name.",
        )
    if experience is None and given is None:
        experience = ask_years(interactive)
    run.start(
        bank_set,
        skills=chosen,
        length=length,
        seed=seed,
        name=name,
        experience_years=experience,
    )


def note_unused(unused: list[str]) -> None:
    from quiz.errors import plural

    if unused:
        click.echo(
            f"note: {plural(len(unused), 'answer')} in the file "
            f"{'are' if len(unused) != 1 else 'is'} for questions not in this quiz "
            f"(e.g. {unused[0]}); ignored",
            err=True,
        )


def write_plain(text: str) -> None:
    import sys

    from quiz.safetext import for_stream

    click.echo(for_stream(text, sys.stdout), nl=False)


def asker(interactive: bool) -> Callable[[QuizQuestion], Answer]:
    """How a question is put to the person: arrow-key prompts, or plain numbered lines."""
    if interactive:
        from quiz.cli.prompts import ask_question

        return ask_question
    from quiz.cli.plain import PlainAsker

    return PlainAsker(sys.stdin, write_plain, echo_input=not sys.stdin.isatty()).ask


def show_results(
    console: Console,
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
            render_footer(console, attempt_id)
            raise
        console.print()
        print_wrapped(console, f"Report written to {report_path}")
    render_footer(console, attempt_id)

"""``skillquiz practice``: questions with the answer after each one, never saved."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import click

from quiz.cli.options import bank_dir_option, database_option, seed_option

if TYPE_CHECKING:
    from collections.abc import Callable

    from quiz.attempts.practice import Feedback, Plan, Tally
    from quiz.attempts.session import QuizQuestion
    from quiz.cli.plain import PlainAsker
    from quiz.cli.screen import Screen
    from scoring.models import Answer


def _check_count(ctx: click.Context, param: click.Parameter, value: int | None) -> int | None:
    if value is not None and value < 1:
        raise click.BadParameter(f"{value} is not a count of questions; give 1 or more")
    return value


@click.command()
@click.option(
    "--skill",
    "skills",
    multiple=True,
    metavar="ID",
    help="Practise only this skill (repeatable; see skillquiz banks for the ids).",
)
@click.option(
    "--missed",
    is_flag=False,
    flag_value="latest",
    default=None,
    metavar="[ATTEMPT]",
    help="Ask again the questions a finished attempt (the latest by default) did not get "
    "full credit on, as that attempt asked them.",
)
@click.option(
    "--count",
    type=int,
    metavar="N",
    callback=_check_count,
    help="How many questions to ask (from 1). Default: 10, or with --missed every missed one.",
)
@seed_option("Fix the order (a whole number from 0): same seed, same questions in the same order.")
@click.option(
    "--plain",
    is_flag=True,
    help="Numbered options read as plain lines: no arrow keys, colour or cursor codes. "
    "Chosen automatically when input or output is not a terminal.",
)
@bank_dir_option
@database_option
@click.pass_context
def practice(
    ctx: click.Context,
    skills: tuple[str, ...],
    missed: str | None,
    count: int | None,
    seed: int | None,
    plain: bool,
    bank_dirs: tuple[Path, ...],
    database: str | None,
) -> None:
    """Practise: after each answer, whether it was right, the best answer and why.

    Practice is not an attempt: nothing is saved, and it never shows in history,
    stats or cohort. Questions come from the banks (self-ratings left out), or with
    --missed from a finished attempt. The order is random unless --seed fixes it.
    A one-line tally ends the practice, and Ctrl-C stops with the tally so far.

    Exit codes: 0 done (or nothing to practise); 1 a runtime failure, an attempt
    still in progress, or input ended in plain mode; 2 bad usage or an invalid
    bank; 130 Ctrl-C.

    \b
    Examples:
      skillquiz practice
      skillquiz practice --skill data_analysis --count 5
      skillquiz practice --missed
      skillquiz practice --missed 3 --plain < replies.txt
    """
    from quiz.attempts.practice import Tally, plan_line
    from quiz.cli.console import make_console, print_wrapped, wants_prompts
    from quiz.errors import ExitCode

    if missed is not None and bank_dirs:
        raise click.UsageError(
            "--missed asks the questions as the attempt asked them; it cannot be combined "
            "with --bank-dir"
        )
    plan = _plan(skills, missed, count, seed, bank_dirs, database)
    if not plan.questions:
        return
    interactive = wants_prompts(plain)
    console = make_console(plain=not interactive)
    print_wrapped(console, plan_line(plan))
    if interactive:
        console.print()
    tally = Tally(total=len(plan.questions))
    try:
        _run(console, plan.questions, tally, interactive)
    except (KeyboardInterrupt, click.Abort):
        _end(console, tally, interactive)
        click.echo("Interrupted; practice is never saved.", err=True)
        ctx.exit(ExitCode.INTERRUPTED)
    except EOFError:  # plain input ran out, or Ctrl-D at a prompt
        _end(console, tally, interactive)
        click.echo("Input ended before the last question.", err=True)
        ctx.exit(ExitCode.RUNTIME)
    _end(console, tally, interactive)


def _plan(
    skills: tuple[str, ...],
    missed: str | None,
    count: int | None,
    seed: int | None,
    bank_dirs: tuple[Path, ...],
    database: str | None,
) -> Plan:
    """The questions to practise, from the banks or (with --missed) an attempt.

    An attempt is read from a read-only store, closed before the first question: practice
    writes nothing and holds no connection while a person thinks.
    """
    from quiz.attempts.practice import from_attempt, from_banks, nothing_missed
    from quiz.cli.options import load_banks_or_exit

    if missed is None:
        plan = from_banks(load_banks_or_exit(bank_dirs), skills, count, seed)
        if not plan.questions:
            click.echo("These banks hold no question with a right answer to practise.")
        return plan
    from quiz.cli import snapshot_cache
    from quiz.storage import Store

    snapshot_cache.use()
    with Store.open(url=database, readonly=True) as store:
        plan = from_attempt(store, missed, skills, count, seed)
    if not plan.questions:
        click.echo(nothing_missed(plan, filtered=bool(skills)))
    return plan


def _run(console: Screen, questions: list[QuizQuestion], tally: Tally, interactive: bool) -> None:
    """Ask with the arrow-key prompts or plain numbered lines, as ``take`` does."""
    from quiz.attempts.practice import practise

    ask: Callable[[QuizQuestion], Answer]
    if interactive:
        from quiz.cli.prompts import ask_question

        ask = ask_question
    else:
        ask = _plain_asker().ask
    practise(questions, ask, _teller(console, interactive=interactive), tally)


def _plain_asker() -> PlainAsker:
    """Plain mode's reader on stdin, as ``take`` reads: what is read is echoed when stdin
    is not a terminal, so a log of piped replies reads as a conversation."""
    import sys

    from quiz.cli.plain import PlainAsker
    from quiz.safetext import for_stream

    def write(text: str) -> None:
        click.echo(for_stream(text, sys.stdout), nl=False)

    return PlainAsker(sys.stdin, write, echo_input=not sys.stdin.isatty())


def _end(console: Screen, tally: Tally, interactive: bool) -> None:
    """The tally, after a blank line (the prompts leave one after each feedback)."""
    if not interactive:
        console.print()
    console.print(tally.line(), soft_wrap=True)


def shown_answer(question: QuizQuestion, answer: Answer) -> str | list[str]:
    """An answer (or the best one) in words: a line, or one line per pick, step (numbered)
    or pair, since option texts hold commas of their own; a number carries its unit."""
    item = question.item
    if isinstance(answer, dict):
        return [f"- {prompt} -> {picked}" for prompt, picked in answer.items()]
    if isinstance(answer, list):
        if item.type == "order":
            return [f"{number}. {step}" for number, step in enumerate(answer, start=1)]
        return answer[0] if len(answer) == 1 else [f"- {pick}" for pick in answer]
    if item.type == "numeric" and isinstance(answer, (int, float)):
        whole = isinstance(answer, int) or (answer.is_integer() and abs(answer) < 2**53)
        number = f"{int(answer):,}" if whole else f"{answer:,}"
        unit = item.unit or ""
        return f"{number}{unit}" if unit in ("", "%") else f"{number} {unit}"
    return "skipped" if answer is None else str(answer)


_STYLES = {"right": "bold green", "partly right": "bold yellow", "not right": "bold red"}


def _teller(
    console: Screen, *, interactive: bool
) -> Callable[[QuizQuestion, Answer, Feedback], None]:
    """How feedback is told: the verdict, then (unless right) the best answer, then why.

    Plain mode repeats the answer in words after the verdict, since what was typed there
    is only option numbers; the prompts have already shown it.
    """
    from quiz.cli.console import print_wrapped
    from quiz.cli.screen import styled

    def tell(question: QuizQuestion, answer: Answer, given: Feedback) -> None:
        verdict = given.verdict.capitalize()
        if given.verdict == "partly right":
            verdict += f" ({given.credit:.0%} credit)"
        console.print(styled(f"{verdict}.", style=_STYLES.get(given.verdict, "bold")))
        lines: list[tuple[str, str | list[str]]] = []
        if not interactive and answer is not None:
            lines.append(("Your answer: ", shown_answer(question, answer)))
        if given.verdict != "right":
            lines.append(("Best answer: ", shown_answer(question, given.best)))
        if given.explanation:
            lines.append(("Why: ", given.explanation))
        for label, text in lines:
            if isinstance(text, str):
                print_wrapped(console, text, indent=2, bullet=label)
                continue
            print_wrapped(console, label.rstrip(), indent=2)
            for entry in text:
                marker, _, rest = entry.partition(" ")
                print_wrapped(console, rest, indent=4, bullet=f"{marker} ")
        if interactive:  # plain mode sets each question apart itself
            console.print()

    return tell

"""``skillquiz calibrate``: item parameters from a class's finished attempts, stored as a
versioned set that later quizzes are scored and chosen with."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

import click

from quiz.cli.options import database_option, since_option

if TYPE_CHECKING:
    from quiz.storage import Store
    from scoring.parameter_sets import ParameterSet


@click.command()
@click.option(
    "--skill",
    "skills",
    multiple=True,
    metavar="ID",
    help="Only this skill (repeatable); the newest set's other skills are kept as they were.",
)
@since_option
@click.option("--dry-run", is_flag=True, help="Calibrate and show the result; store nothing.")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["table", "json"]),
    default="table",
    show_default=True,
    help="table to read; json for every item's parameters, answers and gate.",
)
@database_option
def calibrate(
    skills: tuple[str, ...],
    since: datetime | None,
    dry_run: bool,
    fmt: str,
    database: str | None,
) -> None:
    """Calibrate items from a class's finished attempts, as a new parameter set.

    Each practical item's level and slope are estimated from the answers (skips are
    not answers), starting from its author's level label: below 100 answers the
    label stands, from 300 the data lead, shrunk towards the label in between. New
    attempts are scored with the newest set, and adaptive quizzes (take --length
    adaptive) choose with it; a past attempt keeps the set it was scored with.

    \b
    Examples:
      skillquiz calibrate --dry-run
      skillquiz calibrate
      skillquiz calibrate --skill research --since 2026-09-01 --format json
    """
    from quiz.classroom.calibration import calibrate_class, class_data
    from quiz.classroom.class_aggregates import ensure_graded
    from quiz.cli.options import filter_note
    from quiz.storage import Store
    from scoring.catalog import builtin_catalog

    chosen = list(dict.fromkeys(skills))
    ensure_graded(database)
    with Store.open(url=database, readonly=dry_run) as store:
        data = class_data(store, since, chosen)
        if not data.attempts:
            click.echo(
                f"No finished attempts to calibrate from{filter_note(since, None)}; nothing stored."
            )
            return
        missing = [skill for skill in chosen if skill not in data.banks]
        if missing or not data.banks:
            what = f"skill {missing[0]}" if missing else "any practical question"
            click.echo(
                f"No finished attempt answered {what}{filter_note(since, None)}; nothing stored."
            )
            return
        previous = _previous(store) if chosen else None
        outcome = calibrate_class(
            store, data, builtin_catalog().item_calibration, dry_run=dry_run, previous=previous
        )
    _show(outcome, fmt)


def _previous(store: Store) -> ParameterSet | None:
    """The newest set, whose other skills a run on some skills keeps; a damaged one is
    named on stderr and kept out."""
    from scoring.parameter_sets import DamagedSet, parse

    newest = store.newest_parameter_set()
    if newest is None:
        return None
    try:
        return parse(newest.body)
    except DamagedSet as error:
        click.echo(
            f"note: parameter set {newest.id} cannot be read ({error}); only the skills "
            "calibrated now are in the new set",
            err=True,
        )
        return None


def _show(outcome: object, fmt: str) -> None:
    from quiz.classroom.calibration import Outcome
    from quiz.classroom.calibration_report import (
        HEADINGS,
        calibration_json,
        closing_line,
        gates_line,
        skill_rows,
    )

    assert isinstance(outcome, Outcome)
    if fmt == "json":
        click.echo(calibration_json(outcome), nl=False)
        return
    from quiz.cli.console import make_console, print_wrapped
    from quiz.cli.plain_table import Table

    console = make_console()
    run = outcome.run
    print_wrapped(
        console,
        f"Calibrated from {run.attempts:,} finished attempts ({run.answered():,} answers), "
        f"{run.method}.",
    )
    print_wrapped(console, gates_line(outcome))
    table = Table(box="simple_head", show_edge=False, pad_edge=False)
    for index, heading in enumerate(HEADINGS):
        table.add_column(heading, justify="left" if index in (0, 6) else "right", no_wrap=True)
    for row in skill_rows(outcome):
        table.add_row(*row)
    console.print(table)
    print_wrapped(
        console,
        "Labels, Shrunk, Data: items by the gate applied. Held: items open to only some "
        "adaptive quizzes, so none is asked of nearly everyone.",
    )
    print_wrapped(console, closing_line(outcome))

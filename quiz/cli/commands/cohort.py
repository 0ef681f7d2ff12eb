"""``skillquiz cohort``: a class's results in one report to read or share."""

from __future__ import annotations

import sys
from datetime import datetime
from pathlib import Path

import click

from quiz.cli.options import (
    class_filter_options,
    database_option,
    document_output_options,
    filter_note,
)
from quiz.safetext import visible


@click.command()
@document_output_options
@class_filter_options
@click.option("--names", is_flag=True, help="Name each learner (by default they are only counted).")
@click.option(
    "--all-attempts",
    is_flag=True,
    help="Count every finished attempt, not only each learner's latest.",
)
@database_option
def cohort(
    fmt: str | None,
    output: Path | None,
    force: bool,
    since: datetime | None,
    name_pattern: str | None,
    names: bool,
    all_attempts: bool,
    database: str | None,
) -> None:
    """A class's results: how scores spread, calibration, readiness, items to fix.

    Counts learners and attempts; per skill, the distribution of scores and the share
    at each level, and how many rate themselves higher or lower than they perform; per
    role, how many meet every requirement now and which requirement most often stands
    in the way; and the items skillquiz stats flags. Learners are counted, not named,
    unless --names. Each learner counts once, by their latest finished attempt.

    \b
    Examples:
      skillquiz cohort -o class.html
      skillquiz cohort --since 2026-09-01 --format json
      skillquiz cohort --names -o class.md
    """
    from quiz.classroom.class_aggregates import ensure_graded
    from quiz.classroom.cohort import build_cohort
    from quiz.cli import catalog_cache, snapshot_cache
    from quiz.errors import BadInput
    from quiz.files import print_to, write_output
    from quiz.report.cohort_render import render
    from quiz.report.export import format_for
    from quiz.storage import Store

    catalog_cache.use()
    snapshot_cache.use()
    chosen = fmt or (format_for(output) if output is not None else "md")
    if chosen == "html" and output is None:
        raise BadInput("an HTML report is written to a file: give -o PATH, e.g. -o class.html")
    ensure_graded(database)
    with Store.open(url=database, readonly=True) as store:
        result = build_cohort(
            store,
            since=since,
            name_pattern=name_pattern,
            all_attempts=all_attempts,
            names=names,
        )
    if result.attempts == 0:
        click.echo("No finished attempts to report on" + filter_note(since, name_pattern) + ".")
        return
    content = render(result, chosen)
    if output is None:
        print_to(sys.stdout, content, "cannot write the report")
        return
    if not write_output(output, content, force=force):
        return  # written through a device or standard output: no file to speak of
    click.echo(visible(f"Wrote {output} ({result.learners} learners, {chosen})."), err=True)

"""``skillquiz stats``: how each item performs over a class's finished attempts."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

import click

from quiz.cli.options import class_filter_options, database_option, filter_note
from quiz.safetext import visible

if TYPE_CHECKING:
    from quiz.classroom.itemstats import StatsResult
    from quiz.cli.plain_table import Table
    from scoring.statistics import SkillStatistics


@click.command()
@click.option("--skill", "skill", metavar="ID", help="Only this skill (its id, e.g. research).")
@class_filter_options
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["table", "json", "csv"]),
    default="table",
    show_default=True,
    help="table to read; json (percentages 0-100, unrounded) or csv (one row an item).",
)
@database_option
def stats(
    skill: str | None,
    since: datetime | None,
    name_pattern: str | None,
    fmt: str,
    database: str | None,
) -> None:
    """Item statistics over finished attempts, as Moodle's quiz statistics report.

    Per demonstrated item: facility, SD, random-guess score, discrimination index and
    discriminative efficiency, with flags for items to look at. Per skill, its items
    as one test: mean, median, SD, skewness, kurtosis, internal consistency (CIC),
    error ratio and standard error. Then how learners rate themselves.

    \b
    Examples:
      skillquiz stats
      skillquiz stats --skill research --since 2026-09-01
      skillquiz stats --format csv > items.csv
    """
    from quiz.classroom.class_aggregates import class_aggregates, ensure_graded
    from quiz.classroom.item_levels import item_levels
    from quiz.classroom.itemstats import (
        compute_from_aggregates,
        imported_note,
        render_csv,
        render_json,
        with_levels,
    )
    from quiz.classroom.stored_items import snapshot_items
    from quiz.cli import snapshot_cache
    from quiz.storage import Store

    snapshot_cache.use()
    ensure_graded(database)
    with Store.open(url=database, readonly=True) as store:
        data = class_aggregates(store, since=since, name=name_pattern)
        items, names = snapshot_items(store, data.snapshots)
        levels, unread = item_levels(store, items)
    result = with_levels(compute_from_aggregates(data, items, names, skill), levels)
    if not result.skills and not result.self_ratings:
        what = f"on {skill}" if skill else "yet"
        click.echo(f"No finished attempts {what}{filter_note(since, name_pattern)}.")
        return
    if fmt == "json":
        click.echo(render_json(result), nl=False)
    elif fmt == "csv":
        click.echo(visible(render_csv(result)), nl=False)
    else:
        _print_tables(result)
    note = imported_note(result)
    if note is not None and fmt != "json":  # JSON carries the count itself
        import shutil
        import textwrap

        width = max(40, shutil.get_terminal_size((80, 24)).columns)
        click.echo(textwrap.fill(note, width), err=fmt == "csv")
    _said_last(data.damaged, unread)


def _said_last(damaged: int, unread: str | None) -> None:
    """What could not be read, last and on stderr: the figures above stand without it."""
    if damaged:
        click.echo(
            f"Left out: {damaged} attempt(s) whose stored credits cannot be read on a "
            "skill (the other skills of those attempts still count).",
            err=True,
        )
    if unread is not None:
        click.echo(unread, err=True)


# Below this many columns the item table cannot show every figure and flag whole: each item
# is then a sentence of its own.
NARROW = 78


def _print_tables(result: object) -> None:
    from quiz.classroom.itemstats import (
        StatsResult,
        consistency_note,
        item_lines,
        shown,
        summary_line,
    )
    from quiz.cli.console import make_console
    from quiz.cli.plain_table import Table
    from quiz.cli.screen import styled

    assert isinstance(result, StatsResult)
    console = make_console()
    for skill in result.skills:
        console.print(styled((skill.name, "bold"), f" ({skill.skill})"))
        console.print(summary_line(skill))
        console.print(consistency_note(skill))
        if console.width < NARROW:
            for line in item_lines(skill):
                console.print(line)
            console.print()
            continue
        console.print(_item_table(result, skill))
    if result.self_ratings:
        table = Table(
            title="Self-ratings", title_justify="left", box="simple_head", show_edge=False
        )
        table.add_column("Skill")
        for heading in ("n", "Mean", "SD", "r with score"):
            table.add_column(heading, justify="right", no_wrap=True)
        for rating in result.self_ratings:
            table.add_row(
                rating.skill,
                str(rating.n),
                shown(rating.mean),
                shown(rating.sd),
                shown(rating.correlation_with_score, 2),
            )
        console.print(table)
    console.print(
        "Facility, SD, Guess, Discr.(imination) and Effic.(iency) in percent, as Moodle's quiz "
        "statistics; r is the correlation of self-rating with demonstrated score."
        + (
            " Label: the item's level as its author judged it; Calib.: as the newest "
            "skillquiz calibrate found it (O*NET's 0-7 scale)."
            if result.calibrated
            else ""
        ),
        soft_wrap=False,
    )


def _item_table(result: StatsResult, skill: SkillStatistics) -> Table:
    """One skill's items as a table; with a calibrated set, each item's label and
    calibrated level before its flags."""
    from quiz.classroom.itemstats import item_rows
    from quiz.cli.plain_table import Table

    table = Table(box="simple_head", show_edge=False, pad_edge=False, collapse_padding=True)
    table.add_column("Item", no_wrap=True)
    table.add_column("Type", no_wrap=True)
    placed = ("Label", "Calib.") if result.calibrated else ()
    for heading in ("n", "Facility", "SD", "Guess", "Discr.", "Effic.", *placed):
        table.add_column(heading, justify="right", no_wrap=True)
    table.add_column("Flags", ratio=1, min_width=8, overflow="fold")
    for row in item_rows(skill, result.levels if result.calibrated else None):
        table.add_row(*row)
    return table

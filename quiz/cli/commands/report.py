"""``skillquiz report``: export an attempt's results to keep, print or share."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import click

from quiz.cli.options import database_option, document_output_options
from quiz.safetext import visible

if TYPE_CHECKING:
    from quiz.attempts.comparison import Comparison
    from quiz.storage import Store


@click.command()
@click.argument("attempt", required=False, metavar="[ATTEMPT]")
@document_output_options
@click.option("--per-item", is_flag=True, help="CSV only: one row per question, not per skill.")
@click.option(
    "--per-role",
    is_flag=True,
    help="CSV only: one row per skill each role needs, with its status and whether the "
    "role is open now.",
)
@click.option("--schema", is_flag=True, help="Print the JSON Schema of the JSON report and exit.")
@click.option(
    "--rescore",
    is_flag=True,
    help="Score with the newest calibrated parameter set, not the one the attempt was scored with.",
)
@database_option
def report(
    attempt: str | None,
    fmt: str | None,
    output: Path | None,
    force: bool,
    per_item: bool,
    per_role: bool,
    schema: bool,
    rescore: bool,
    database: str | None,
) -> None:
    """Export an attempt's results as HTML, Markdown, JSON or CSV.

    ATTEMPT is an attempt id from `skillquiz history`; without it, the latest finished
    attempt. md, json and csv print to the terminal unless -o is given; an existing file is
    kept unless --force.

    \b
    Examples:
      skillquiz report -o results.html      a page to open or print
      skillquiz report 12 --format json     attempt 12 as JSON
      skillquiz report --format csv --per-item -o answers.csv
      skillquiz report --format csv --per-role -o roles.csv
      skillquiz report --schema             the JSON report's schema
    """
    from quiz.errors import BadInput

    if schema:
        _print_schema()
        return
    from quiz.report.export import format_for, write_report

    chosen = fmt or (format_for(output) if output is not None else "md")
    for flag, given in (("--per-item", per_item), ("--per-role", per_role)):
        if given and chosen != "csv":
            raise BadInput(f"{flag} applies to CSV only; add --format csv or use -o FILE.csv")
    if per_item and per_role:
        raise BadInput("choose one of --per-item and --per-role")
    if chosen == "html" and output is None:
        raise BadInput("an HTML report is written to a file: give -o PATH, e.g. -o results.html")

    from quiz.attempts.results import resolve_attempt
    from quiz.cli import catalog_cache, snapshot_cache
    from quiz.report.build import build_report
    from quiz.storage import Store

    catalog_cache.use()
    snapshot_cache.use()
    with Store.open(url=database, readonly=True) as store:
        attempt_id = resolve_attempt(store, attempt)
        result = build_report(store, attempt_id, rescore)
        since = _since(store, attempt_id) if chosen in ("md", "html") else None
    write_report(
        result, output, chosen, force=force, per_item=per_item, per_role=per_role, since=since
    )
    if output is not None:
        click.echo(visible(f"Wrote {output} (attempt {attempt_id}, {chosen})."), err=True)


def _since(store: Store, attempt_id: int) -> Comparison | None:
    from quiz.attempts.comparison import since_last

    return since_last(store, attempt_id)


def _print_schema() -> None:
    import json

    from quiz.report.json_schema import report_schema

    click.echo(json.dumps(report_schema(), indent=2))

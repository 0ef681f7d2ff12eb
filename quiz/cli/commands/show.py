"""``skillquiz show``: one attempt's results in the terminal, as at the end of ``take``."""

from __future__ import annotations

import click

from quiz.cli.options import database_option


@click.command()
@click.argument("attempt", required=False, metavar="[ATTEMPT]")
@click.option("--review", is_flag=True, help="Also list the missed questions with explanations.")
@click.option(
    "--plain", is_flag=True, help="No colour or box drawing (automatic when not a terminal)."
)
@click.option(
    "--rescore",
    is_flag=True,
    help="Score with the newest calibrated parameter set, not the one the attempt was scored with.",
)
@database_option
def show(
    attempt: str | None, review: bool, plain: bool, rescore: bool, database: str | None
) -> None:
    """Show an attempt's results (the latest finished one by default).

    \b
    Examples:
      skillquiz show
      skillquiz show 3 --review
    """
    import sys

    from quiz.attempts.results import resolve_attempt
    from quiz.cli import catalog_cache, snapshot_cache
    from quiz.cli.console import make_console, print_wrapped
    from quiz.cli.terminal_report import render_footer, render_review, render_summary
    from quiz.report.build import build_report
    from quiz.storage import Store

    catalog_cache.use()
    snapshot_cache.use()
    plain = plain or not sys.stdout.isatty()
    with Store.open(url=database, readonly=True) as store:
        attempt_id = resolve_attempt(store, attempt)
        report = build_report(store, attempt_id, rescore)
        row = store.attempt(attempt_id)
    console = make_console(plain=plain)
    render_summary(console, report, plain=plain)
    if review:
        render_review(console, report)
    if row is not None and not row.finished:
        total = report.attempt.questions or len(report.responses)
        console.print()
        print_wrapped(
            console,
            f"Attempt {attempt_id} is in progress ({row.answered} of {total} answered); "
            f"continue it with: skillquiz take --resume {attempt_id}",
        )
    else:
        from quiz.cli.terminal_report import missed

        render_footer(console, attempt_id, review=not review and bool(missed(report)), saved=False)

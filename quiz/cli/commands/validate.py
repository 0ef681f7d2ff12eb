"""``skillquiz validate``: check banks and list every problem with its place."""

from __future__ import annotations

import json
from pathlib import Path

import click

from quiz.cli.options import listing_format_option
from quiz.errors import EXIT_USAGE, plural
from quiz.safetext import visible


@click.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@listing_format_option(
    "text", "json prints the problems as a list of {file, line, column, message}."
)
def validate(paths: tuple[Path, ...], output_format: str) -> None:
    """Check question banks: the built-in ones, or the FILES and FOLDERS given.

    Prints every problem as FILE:LINE:COL: message and exits 2 when there are any,
    so it works in CI and in editors.

    \b
    Examples:
      skillquiz validate
      skillquiz validate my-banks/ extra.yaml
      skillquiz validate my-banks/ --format json
    """
    from questions.problems import BankLoadError
    from quiz.cli import bank_cache

    try:
        listed = bank_cache.summary(paths) or bank_cache.summarize(bank_cache.load(paths))
    except BankLoadError as error:
        if output_format == "json":
            click.echo(json.dumps([p.as_dict() for p in error.problems], indent=2))
        else:
            for problem in error.problems:
                click.echo(visible(str(problem)))
            click.echo(f"{plural(len(error.problems), 'problem')} found", err=True)
        raise SystemExit(EXIT_USAGE) from None
    if output_format == "json":
        click.echo("[]")
        return
    banks = len(listed.rows)
    click.echo(f"{plural(banks, 'bank')}, {plural(listed.items, 'item')}: OK")

"""``skillquiz import``: learners' exported JSON reports into the attempts database."""

from __future__ import annotations

from pathlib import Path

import click

from quiz.cli.options import bank_dir_option, database_option


@click.command(name="import")
@click.argument(
    "paths", nargs=-1, required=True, type=click.Path(path_type=Path), metavar="FILE|FOLDER..."
)
@bank_dir_option
@database_option
def import_reports(
    paths: tuple[Path, ...], bank_dirs: tuple[Path, ...], database: str | None
) -> None:
    """Import learners' JSON reports (skillquiz report --format json) as attempts.

    Each report becomes a finished attempt with the learner's name and answers, graded
    by the bank it names (the built-in banks, those given with --bank-dir, or a version
    already stored here). A folder gives every *.json file in it and its subfolders.
    Importing the same report again stores nothing new. A file that cannot be imported
    is one line, FILE: reason; the others are still imported, and the exit code is 2.
    Times without a time zone are read as UTC (a note says which files had them).
    Imported attempts are marked as such in history, cohort and stats: a report is
    self-reported and can be edited.

    \b
    Examples:
      skillquiz import reports/
      skillquiz import ada.json alan.json --bank-dir my-banks/
    """
    from quiz.classroom.importing import import_reports as run_import
    from quiz.cli import snapshot_cache
    from quiz.cli.options import load_banks_or_exit
    from quiz.errors import EXIT_USAGE, plural
    from quiz.safetext import visible
    from quiz.storage import Store

    snapshot_cache.use()
    bank_sets = [load_banks_or_exit([])]
    if bank_dirs:
        bank_sets.insert(0, load_banks_or_exit(bank_dirs))
    with Store.open(url=database) as store:
        result = run_import(store, paths, bank_sets)
    for line in (*result.notes, *result.problems):
        click.echo(visible(str(line)), err=True)
    parts = [f"Imported {plural(len(result.imported), 'attempt')}"]
    if result.duplicates:
        parts.append(f"{len(result.duplicates)} already imported")
    if result.problems:
        parts.append(f"{plural(len(result.problems), 'file')} could not be imported")
    click.echo("; ".join(parts) + ".")
    if result.problems:
        click.get_current_context().exit(EXIT_USAGE)

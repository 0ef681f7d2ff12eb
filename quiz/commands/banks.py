"""``skillquiz banks``: what the banks hold, per skill and item type."""

from __future__ import annotations

import json
from pathlib import Path

import click

from quiz.options import bank_dir_option, load_banks_or_exit


@click.command()
@bank_dir_option
@click.option(
    "--format",
    "output_format",
    type=click.Choice(["table", "json"]),
    default="table",
    show_default=True,
    help="json prints a list of {skill, name, items, by_type}.",
)
def banks(bank_dirs: tuple[Path, ...], output_format: str) -> None:
    """List the skills and how many items of each type their banks hold.

    \b
    Examples:
      skillquiz banks
      skillquiz banks --bank-dir my-banks/ --format json
    """
    from questions import ITEM_TYPES

    bank_set = load_banks_or_exit(bank_dirs)
    rows = []
    for loaded in bank_set.banks:
        by_type = {kind: 0 for kind in ITEM_TYPES}
        for item in loaded.bank.questions:
            by_type[item.type] += 1
        rows.append(
            {
                "skill": loaded.skill.id,
                "name": loaded.skill.name,
                "items": len(loaded.bank.questions),
                "by_type": by_type,
            }
        )
    if output_format == "json":
        click.echo(json.dumps(rows, indent=2))
        return
    from rich.table import Table

    from quiz.console import make_console

    table = Table(title="Question banks")
    table.add_column("Skill", no_wrap=True)
    table.add_column("Items", justify="right")
    for kind in ITEM_TYPES:
        table.add_column(kind, justify="right")
    for row in rows:
        counts = row["by_type"]
        assert isinstance(counts, dict)
        table.add_row(str(row["name"]), str(row["items"]), *(str(counts[k]) for k in ITEM_TYPES))
    make_console().print(table)

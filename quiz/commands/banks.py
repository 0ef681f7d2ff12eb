"""``skillquiz banks``: what the banks hold, per skill and item type."""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING

import click

from quiz.options import bank_dir_option, listing_format_option, load_banks_or_exit

if TYPE_CHECKING:
    from questions import BankSet, Item


@click.command()
@bank_dir_option
@listing_format_option(
    "table",
    "json prints a list of {skill, name, items, by_type}, or with --questions a list of "
    "{id, skill, type, text, answers}.",
)
@click.option(
    "--questions",
    is_flag=True,
    help="List every question with its id and the answers it takes, for writing an answers "
    "file (skillquiz take --answers). Steps to order are listed alphabetically.",
)
def banks(bank_dirs: tuple[Path, ...], output_format: str, questions: bool) -> None:
    """List the skills (with the ids --skill takes) and how many items of each type their
    banks hold; with --questions, every question and the answers it takes.

    \b
    Examples:
      skillquiz banks
      skillquiz banks --bank-dir my-banks/ --format json
      skillquiz banks --questions --format json > questions.json
    """
    from questions import ITEM_TYPES

    bank_set = load_banks_or_exit(bank_dirs)
    if questions:
        _print_questions(bank_set, output_format)
        return
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
    table.add_column("Skill (id for --skill)", no_wrap=True)
    table.add_column("Items", justify="right")
    for kind in ITEM_TYPES:
        table.add_column(kind, justify="right")
    for row in rows:
        counts = row["by_type"]
        assert isinstance(counts, dict)
        table.add_row(
            f"{row['name']}\n[dim]{row['skill']}[/dim]",
            str(row["items"]),
            *(str(counts[k]) for k in ITEM_TYPES),
        )
    make_console().print(table)


def _choices(item: Item) -> list[str]:
    """The texts an answer is made of, without revealing the key (steps go alphabetically)."""
    if item.type in ("choice", "multi"):
        return [option.text for option in item.options]
    if item.type == "order":
        return sorted(item.items, key=str.casefold)
    return []


def _answers(item: Item) -> dict[str, object]:
    """What an answers file may give for this item."""
    from questions import LIKERT_LABELS

    if item.type == "likert":
        return {"scale": {str(n): label for n, label in enumerate(LIKERT_LABELS, start=1)}}
    if item.type == "numeric":
        return {"number": True, "unit": item.unit}
    return {"steps" if item.type == "order" else "options": _choices(item)}


_HOW = {
    "likert": "a number from 1 (Strongly disagree) to 5 (Strongly agree)",
    "choice": "one option's text",
    "multi": "a list of option texts",
    "numeric": "a number",
    "order": "a list of every step's text, in order",
}


def _print_questions(bank_set: BankSet, output_format: str) -> None:
    if output_format == "json":
        rows = [
            {
                "id": item.id,
                "skill": loaded.skill.id,
                "type": item.type,
                "text": item.text,
                "answers": _answers(item),
            }
            for loaded in bank_set.banks
            for item in loaded.bank.questions
        ]
        click.echo(json.dumps(rows, indent=2, ensure_ascii=False))
        return
    from quiz.console import make_console, print_wrapped

    console = make_console()
    for loaded in bank_set.banks:
        console.print(f"\n[bold]{loaded.skill.name}[/bold] ({loaded.skill.id})")
        for item in loaded.bank.questions:
            print_wrapped(console, f"{item.id} ({item.type}): {item.text}", indent=2)
            unit = f" (in {item.unit})" if item.type == "numeric" and item.unit else ""
            print_wrapped(console, f"answer: {_HOW[item.type]}{unit}", indent=4, style="dim")
            for choice in _choices(item):
                print_wrapped(console, choice, indent=4, bullet="- ")
    console.print(
        "\nSkip a question with null, or leave its id out. The format is in the README, "
        "under 'Answering from a file'."
    )

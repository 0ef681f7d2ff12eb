"""``skillquiz banks``: what the banks hold, per skill and item type."""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING

import click

from quiz.cli.options import bank_dir_option, listing_format_option, load_banks_or_exit

if TYPE_CHECKING:
    from questions import BankSet
    from quiz.cli.plain_table import Table


@click.command()
@bank_dir_option
@listing_format_option(
    "table",
    "json prints a list of {skill, name, items, by_type, by_difficulty}, or with --questions "
    "a list of {id, skill, type, text, exhibit, difficulty, answers}.",
)
@click.option(
    "--questions",
    is_flag=True,
    help="List every question with its id and the answers it takes, for writing an answers "
    "file (skillquiz take --answers). Options are numbered as an answers file may give "
    "them; steps to order are listed alphabetically.",
)
def banks(bank_dirs: tuple[Path, ...], output_format: str, questions: bool) -> None:
    """List the skills (with the ids --skill takes), how many items of each type their
    banks hold and how their demonstrated items spread across difficulties; with
    --questions, every question and the answers it takes.

    \b
    Examples:
      skillquiz banks
      skillquiz banks --bank-dir my-banks/ --format json
      skillquiz banks --questions --format json > questions.json
    """
    from questions.kinds import ITEM_TYPES
    from quiz.cli import bank_cache

    if questions:
        _print_questions(load_banks_or_exit(bank_dirs), output_format)
        return
    # Listed from the cache of validated banks when it holds them: no YAML, no models.
    listed = bank_cache.summary(bank_dirs) or bank_cache.summarize(load_banks_or_exit(bank_dirs))
    rows = listed.rows
    if output_format == "json":
        click.echo(json.dumps(rows, indent=2))
        return
    from quiz.cli.console import make_console
    from quiz.cli.plain_table import Table
    from quiz.cli.screen import styled

    # Only the types some bank holds: seven columns do not fit 80 columns of terminal.
    kinds = [k for k in ITEM_TYPES if any(_count(row, k) for row in rows)]
    table = Table(title="Question banks")
    table.add_column("Skill (id for --skill)", no_wrap=True)
    table.add_column("Items", justify="right")
    for kind in kinds:
        table.add_column(kind, justify="right")
    for row in rows:
        table.add_row(
            styled(str(row["name"]), "\n", (str(row["skill"]), "dim")),
            str(row["items"]),
            *(str(_count(row, k)) for k in kinds),
        )
    console = make_console()
    console.print(table)
    console.print(_difficulty_table(rows))


def _difficulty_table(rows: list[dict[str, object]]) -> Table:
    """The spread of demonstrated items across difficulties, per skill: a table of its own,
    since the type counts already fill 80 columns."""
    from quiz.cli.plain_table import Table

    spreads = [row["by_difficulty"] for row in rows]
    levels = ["hard", "medium", "easy"]
    if any(isinstance(spread, dict) and spread["unrated"] for spread in spreads):
        levels.append("unrated")
    table = Table(
        title="Demonstrated items by difficulty",
        caption="The authors' estimates; self-ratings have none.",
    )
    table.add_column("Skill", no_wrap=True)
    for level in levels:
        table.add_column(level, justify="right")
    for row, spread in zip(rows, spreads, strict=True):
        assert isinstance(spread, dict)
        table.add_row(str(row["name"]), *(str(spread[level]) for level in levels))
    return table


def _count(row: dict[str, object], kind: str) -> int:
    counts = row["by_type"]
    assert isinstance(counts, dict)
    return int(counts[kind])


def _print_questions(bank_set: BankSet, output_format: str) -> None:
    from quiz.cli.item_answers import answers_taken, choices_listed, how_to_answer

    if output_format == "json":
        rows = [
            {
                "id": item.id,
                "skill": loaded.skill.id,
                "type": item.type,
                "text": item.text,
                "exhibit": item.exhibit,
                "difficulty": None if item.type == "likert" else item.difficulty,
                "answers": answers_taken(item),
            }
            for loaded in bank_set.banks
            for item in loaded.bank.questions
        ]
        click.echo(json.dumps(rows, indent=2, ensure_ascii=False))
        return
    from quiz.cli.console import make_console, print_wrapped
    from quiz.cli.plain import exhibit_lines
    from quiz.cli.screen import styled

    console = make_console()
    for loaded in bank_set.banks:
        console.print(styled("\n", (loaded.skill.name, "bold"), f" ({loaded.skill.id})"))
        for item in loaded.bank.questions:
            print_wrapped(console, f"{item.id} ({item.type}): {item.text}", indent=2)
            if item.exhibit is not None:
                for line in exhibit_lines(item.exhibit, indent=4):
                    console.print(styled(line), soft_wrap=True)
            unit = f" (in {item.unit})" if item.type == "numeric" and item.unit else ""
            print_wrapped(console, f"answer: {how_to_answer(item)}{unit}", indent=4, style="dim")
            if item.type == "match":
                print_wrapped(console, "prompts:", indent=4, style="dim")
                for pair in item.pairs:
                    print_wrapped(console, pair.prompt, indent=6, bullet="- ")
                print_wrapped(console, "answers:", indent=4, style="dim")
                for number, choice in enumerate(choices_listed(item), start=1):
                    print_wrapped(console, choice, indent=6, bullet=f"{number}. ")
                continue
            for number, choice in enumerate(choices_listed(item), start=1):
                print_wrapped(console, choice, indent=4, bullet=f"{number}. ")
    console.print(
        "\nSkip a question with null, or leave its id out. The format is in the README, "
        "under 'Answering from a file'."
    )

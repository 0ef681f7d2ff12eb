"""``skillquiz compare``: the change per skill between two finished attempts."""

from __future__ import annotations

from typing import TYPE_CHECKING

import click

from quiz.cli.options import database_option, listing_format_option

if TYPE_CHECKING:
    from quiz.attempts.comparison import Comparison
    from quiz.storage import AttemptRow, Store


def _pick(store: Store, refs: tuple[str, ...]) -> tuple[AttemptRow, AttemptRow]:
    """The two attempts to compare: both named, one named (against the one before it of
    the same name), or none (the latest finished attempt against the one before it)."""
    from quiz.attempts.comparison import previous
    from quiz.attempts.results import load_attempt, resolve_attempt
    from quiz.errors import BadInput, RuntimeFailure

    if len(refs) > 2:
        raise BadInput("compare takes two attempts at most: skillquiz compare A B")
    if len(refs) == 2:
        first, second = (load_attempt(store, resolve_attempt(store, ref)) for ref in refs)
        return first, second
    later = load_attempt(store, resolve_attempt(store, refs[0] if refs else None))
    earlier = previous(store, later)
    if earlier is None:
        who = f"named {later.name}" if later.name else "without a name"
        raise RuntimeFailure(
            f"attempt {later.id} has no earlier finished attempt {who} to compare with; "
            "name two: skillquiz compare A B"
        )
    return earlier, later


def _who(attempt: AttemptRow) -> str:
    """A name as a message shows it: visible, cut short, or "no name"."""
    from quiz.safetext import visible

    if attempt.name is None:
        return "no name"
    name = visible(attempt.name)
    return repr(name if len(name) <= 40 else f"{name[:39]}…")


def _check_names(before: AttemptRow, after: AttemptRow, any_name: bool) -> None:
    """Two attempts of different names are most likely two people: their difference is
    not anyone's progress, so comparing them takes --any-name."""
    from quiz.errors import BadInput

    if before.name != after.name and not any_name:
        raise BadInput(
            f"attempts {before.id} and {after.id} have different names ({_who(before)} and "
            f"{_who(after)}); add --any-name to compare them anyway"
        )


def _print_table(comparison: Comparison) -> None:
    from rich.cells import cell_len

    from quiz.safetext import shown_name, visible

    before, after = comparison.before, comparison.after
    if before.name == after.name:
        who = f" for {visible(shown_name(after.name))}" if after.name else ""
        heading = (
            f"Attempt {before.id} ({before.started_at.astimezone():%Y-%m-%d}) to attempt "
            f"{after.id} ({after.started_at.astimezone():%Y-%m-%d}){who}"
        )
    else:  # with --any-name: each attempt with its own name
        heading = (
            f"Attempt {before.id} ({before.started_at.astimezone():%Y-%m-%d}, {_who(before)}) "
            f"to attempt {after.id} ({after.started_at.astimezone():%Y-%m-%d}, {_who(after)})"
        )
    for line in _wrapped(heading):
        click.echo(line)
    # Padded by the columns a name takes on screen: a wide character (読) takes two.
    names = [visible(skill.name) for skill in comparison.skills]
    width = max((cell_len(name) for name in names), default=5)
    for name, skill in zip(names, comparison.skills, strict=True):
        scores = " -> ".join(
            f"{'-' if s is None else f'{s:.1f}':>3}" for s in (skill.before, skill.after)
        )
        padding = " " * (width - cell_len(name))
        click.echo(f"  {name}{padding}  {scores}  {skill.describe()}")
    for line in _wrapped(
        "Levels are on O*NET's 0-7 scale; a change counts when it lies beyond the 90% "
        "interval that both levels' uncertainty gives it."
    ):
        click.echo(line)


def _wrapped(text: str) -> list[str]:
    """A sentence folded to the terminal's width (80 in a pipe), as the other listings are."""
    import shutil
    import textwrap

    width = max(20, shutil.get_terminal_size((80, 24)).columns)
    return textwrap.wrap(text, width, break_on_hyphens=False) or [""]


@click.command()
@click.argument("attempts", nargs=-1, metavar="[A B]")
@listing_format_option("table", "table for people; json for scripts.")
@click.option(
    "--any-name",
    is_flag=True,
    help="Compare A and B even when their names differ (most likely two people).",
)
@database_option
def compare(
    attempts: tuple[str, ...], output_format: str, any_name: bool, database: str | None
) -> None:
    """Compare two finished attempts skill by skill, against the margin of error.

    Without A and B: the latest finished attempt against the one before it of the same
    name. With one: that attempt against the one before it. A and B of different names
    are refused unless --any-name.

    \b
    Examples:
      skillquiz compare
      skillquiz compare 3 7 --format json
    """
    import json

    from quiz.attempts.comparison import compare_current
    from quiz.storage import Store

    with Store.open(url=database, readonly=True) as store:
        before, after = _pick(store, attempts)
        _check_names(before, after, any_name)
        comparison = compare_current(store, before, after)
    if output_format == "json":
        click.echo(json.dumps(comparison.as_json(), indent=2))
    else:
        _print_table(comparison)

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


def _print_table(comparison: Comparison) -> None:
    from rich.cells import cell_len

    from quiz.safetext import visible

    before, after = comparison.before, comparison.after
    who = f" for {visible(after.name)}" if after.name else ""
    click.echo(
        f"Attempt {before.id} ({before.started_at.astimezone():%Y-%m-%d}) to attempt "
        f"{after.id} ({after.started_at.astimezone():%Y-%m-%d}){who}"
    )
    # Padded by the columns a name takes on screen: a wide character (読) takes two.
    names = [visible(skill.name) for skill in comparison.skills]
    width = max((cell_len(name) for name in names), default=5)
    for name, skill in zip(names, comparison.skills, strict=True):
        scores = " -> ".join(
            f"{'-' if s is None else f'{s:.0f}':>3}" for s in (skill.before, skill.after)
        )
        padding = " " * (width - cell_len(name))
        click.echo(f"  {name}{padding}  {scores}  {skill.describe()}")
    click.echo(
        "Scores run from 0 to 100; the margin of error of a change combines both scores' "
        "(± in skillquiz show)."
    )


@click.command()
@click.argument("attempts", nargs=-1, metavar="[A B]")
@listing_format_option("table", "table for people; json for scripts.")
@database_option
def compare(attempts: tuple[str, ...], output_format: str, database: str | None) -> None:
    """Compare two finished attempts skill by skill, against the margin of error.

    Without A and B: the latest finished attempt against the one before it of the same
    name. With one: that attempt against the one before it.

    \b
    Examples:
      skillquiz compare
      skillquiz compare 3 7 --format json
    """
    import json

    from quiz.attempts.comparison import compare as compare_attempts
    from quiz.attempts.comparison import current_summary
    from quiz.attempts.snapshot import SnapshotCache
    from quiz.storage import Store

    snapshots = SnapshotCache()
    with Store.open(url=database, readonly=True) as store:
        before, after = _pick(store, attempts)
        comparison = compare_attempts(
            before,
            current_summary(store, before, snapshots),
            after,
            current_summary(store, after, snapshots),
        )
    if output_format == "json":
        click.echo(json.dumps(comparison.as_json(), indent=2))
    else:
        _print_table(comparison)

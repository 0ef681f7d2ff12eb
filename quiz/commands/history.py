"""``skillquiz history``: the attempts kept on this computer, and deleting one."""

from __future__ import annotations

from typing import TYPE_CHECKING

import click

if TYPE_CHECKING:
    from collections.abc import Sequence

    from quiz.session import Snapshot
    from quiz.storage import AttemptRow, Store


def _row(store: Store, attempt: AttemptRow) -> tuple[str, ...]:
    """One line of the table; whatever is wrong with this attempt stays in its own row."""
    from pydantic import ValidationError

    from quiz.session import Snapshot

    snapshot: Snapshot | None
    try:
        snapshot = Snapshot.model_validate_json(attempt.snapshot)
    except ValidationError:
        snapshot = None
    total = len(snapshot.questions) if snapshot is not None else _total(attempt)
    return (
        str(attempt.id),
        f"{attempt.started_at.astimezone():%Y-%m-%d %H:%M}",
        attempt.name or "-",
        _skills(attempt.skills),
        attempt.length,
        _status(attempt, total),
        _top_role(store, attempt, snapshot),
    )


def _top_role(store: Store, attempt: AttemptRow, snapshot: Snapshot | None) -> str:
    """The best-fitting role of a finished attempt; '-' when there is none to show."""
    from quiz.results import assess_attempt

    if not attempt.finished:
        return "-"
    if snapshot is None or attempt.damaged:
        return _UNREADABLE
    try:
        roles = assess_attempt(store, attempt, snapshot).roles
    except Exception:
        # A listing of every attempt must not fail on one: skillquiz show names the reason.
        return _UNREADABLE
    return roles[0].name if roles else "-"


_UNREADABLE = "(cannot be read)"


def _status(attempt: AttemptRow, total: int) -> str:
    return "finished" if attempt.finished else f"in progress ({attempt.answered}/{total})"


def _total(attempt: AttemptRow) -> int:
    """How many questions a snapshot lists, read leniently for one that does not validate."""
    import json

    try:
        questions = json.loads(attempt.snapshot).get("questions", [])
    except (ValueError, AttributeError):
        return 0
    return len(questions) if isinstance(questions, list) else 0


@click.command()
@click.option(
    "--delete", "delete_id", type=int, metavar="ID", help="Delete this attempt and its answers."
)
@click.option("--yes", is_flag=True, help="Delete without asking for confirmation.")
def history(delete_id: int | None, yes: bool) -> None:
    """List past attempts, newest first (or delete one with --delete ID).

    \b
    Examples:
      skillquiz history
      skillquiz history --delete 3 --yes
    """
    from quiz.errors import RuntimeFailure
    from quiz.storage import Store

    with Store.open(readonly=delete_id is None) as store:
        if delete_id is not None:
            attempt = store.attempt(delete_id)
            if attempt is None:
                raise RuntimeFailure(f"no attempt {delete_id}; see skillquiz history")
            if not yes and not _confirm_delete(attempt):
                return
            store.delete(delete_id)
            click.echo(f"Deleted attempt {delete_id}.")
            return
        attempts = store.attempts()
        if not attempts:
            click.echo("No attempts yet; run skillquiz take to start one.")
            return
        rows = [_row(store, attempt) for attempt in attempts]
    _print_table(rows)


def _confirm_delete(attempt: AttemptRow) -> bool:
    """Ask before deleting, naming the attempt so the right one goes.

    No answer at all (no input to read) is a failure that says how to delete without
    asking; answering no is a choice, so it ends normally.
    """
    from quiz.errors import RuntimeFailure
    from quiz.safetext import visible

    started = f"{attempt.started_at.astimezone():%Y-%m-%d %H:%M}"
    who = f"{attempt.name}, " if attempt.name else ""
    status = _status(attempt, _total(attempt))
    question = (
        f"Delete attempt {attempt.id} ({who}started {started}, {status}) and all its answers?"
    )
    try:
        confirmed = click.confirm(visible(question))
    except click.Abort:
        click.echo()  # end the question's line
        raise RuntimeFailure(
            "nothing deleted: no answer was read; to delete without asking, use "
            f"skillquiz history --delete {attempt.id} --yes"
        ) from None
    if not confirmed:
        click.echo("Nothing deleted.")
    return confirmed


def _skills(skills: Sequence[str]) -> str:
    """Two skills by name; more as a count, so the table keeps to one line an attempt."""
    if len(skills) <= 2:
        return ", ".join(skill.replace("_", " ") for skill in skills)
    return f"{len(skills)} skills"


def _print_table(rows: Sequence[Sequence[str]]) -> None:
    """The attempts as a table that fits the terminal.

    Ids, dates, lengths and statuses never fold (an id cut to "…" is useless); names,
    skills and roles wrap onto more lines instead. No vertical rules, so more of the
    width is left for text.
    """
    from rich import box
    from rich.table import Table

    from quiz.console import make_console

    table = Table(
        title="Attempts",
        title_justify="left",
        box=box.SIMPLE_HEAD,
        show_edge=False,
        pad_edge=False,
        padding=0,
    )
    id_width = max(len("Id"), *(len(row[0]) for row in rows))
    table.add_column("Id", justify="right", no_wrap=True, min_width=id_width)
    table.add_column("Started", no_wrap=True, min_width=16)
    table.add_column("Name", overflow="fold", ratio=1)
    table.add_column("Skills", overflow="fold", ratio=1)
    table.add_column("Length", no_wrap=True)
    table.add_column("Status", min_width=11)
    # Role names wrap between words, never inside one ("Manufacturin g").
    longest_word = max((len(word) for row in rows for word in row[6].split()), default=1)
    table.add_column("Top role", min_width=longest_word)
    for row in rows:
        table.add_row(*row)
    make_console().print(table)

"""``skillquiz history``: the attempts kept, newest first, and deleting one.

Rows come from the stored summaries, streamed as the database reads them: nothing is
rescored (but a summary made under other scoring rules is recomputed first, never shown),
and memory stays flat however many attempts there are.
"""

from __future__ import annotations

import json
import re
import textwrap
from collections.abc import Iterator
from typing import TYPE_CHECKING, NamedTuple

import click

from quiz.cli.options import database_option, listing_format_option
from quiz.cli.terminal_size import terminal_size

if TYPE_CHECKING:
    from quiz.storage import AttemptRow, HistoryRow

DEFAULT_LIMIT = 20
MAX_LIMIT = 2**63 - 1  # the largest LIMIT both engines take
_UNREADABLE = "(cannot be read)"
# Words left out of a skill's short name: "attention to detail" is AD.
_SMALL_WORDS = frozenset({"to", "of", "and", "the", "for", "in", "on", "a", "an"})


def short_name(skill: str) -> str:
    """A skill's two- or three-letter name in the compact scores: initials of its id's
    words (critical_thinking: CT), or its first two letters when it is one word."""
    words = [word for word in re.split(r"[_\W]+", skill) if word]
    kept = [word for word in words if word.lower() not in _SMALL_WORDS] or words
    if len(kept) == 1:
        return kept[0][:2].upper()
    return "".join(word[0] for word in kept).upper()


def _status(row: HistoryRow | AttemptRow) -> str:
    if row.finished:
        return "imported" if row.imported else "finished"
    return f"in progress ({row.answered}/{row.questions})"


def _scores(row: HistoryRow) -> str:
    """Each skill's short name and score; for an attempt in progress, the skills alone."""
    summary = row.summary
    if not row.finished or row.damaged or summary is None:
        return " ".join(short_name(skill) for skill in row.skills) or "-"
    cells = []
    for skill in summary.skills:
        score = "-" if skill.level is None else f"{skill.level:.1f}"
        cells.append(f"{short_name(skill.skill)}\u00a0{score}")
    return " ".join(cells) or "-"


def _top_role(row: HistoryRow) -> str:
    if not row.finished:
        return "-"
    if row.damaged or row.summary is None:
        return _UNREADABLE
    return row.summary.top_role_name or "-"


def _experience(years: float | None) -> str:
    """The years of experience given, short enough for the length column's second line
    ("exp. 0y", "exp. <1y", "exp. 2y+"); nothing when not given."""
    if years is None:
        return ""
    if 0 < years < 1:
        return " exp.\u00a0<1y"
    return f" exp.\u00a0{int(years)}y" + ("" if years == int(years) else "+")


def _cells(row: HistoryRow, date_format: str) -> list[str]:
    from quiz.safetext import shown_name

    return [
        str(row.id),
        f"{row.started_at.astimezone():{date_format}}",
        shown_name(row.name) if row.name else "-",
        row.length + _experience(row.experience_years),
        _status(row),
        _scores(row),
        _top_role(row),
    ]


_HEADINGS = ["Id", "Started", "Name", "Length", "Status", "Levels", "Top role"]
_DATE_TIME, _DATE = "%Y-%m-%d %H:%M", "%Y-%m-%d"
# Columns: (least, most) width. Least keeps a whole word of what the column holds
# ("in progress", "Manufacturing"); ids and dates never fold.
_LIMITS = {2: (6, 36), 3: (8, 8), 4: (11, 19), 5: (6, 29), 6: (13, 30)}
# Room left over goes to each column in turn up to these widths: a name before a second
# score on a line, before a role on one line, before a status on one line.
_GROWTH = ((2, 16), (5, 11), (6, 24), (4, 19), (5, 17), (6, 30), (2, 36), (5, 29))
# Left out first when the terminal is too narrow for every column: the length matters
# least, the status most (it says which attempt to resume). Id and date always stay.
_DROP_ORDER = (3, 6, 5, 2, 4)


class _Layout(NamedTuple):
    """Which columns are shown, in order, and how wide each is."""

    columns: tuple[int, ...]
    widths: tuple[int, ...]
    date_format: str

    @property
    def width(self) -> int:
        return sum(self.widths) + len(self.widths) - 1

    def pick(self, cells: list[str]) -> list[str]:
        return [cells[column] for column in self.columns]


def _fit(total: int, id_width: int, date_width: int) -> tuple[list[int], dict[int, int]]:
    least = {0: max(2, id_width), 1: date_width} | {c: low for c, (low, _) in _LIMITS.items()}
    shown = list(range(len(_HEADINGS)))
    for column in _DROP_ORDER:
        if sum(least[c] for c in shown) + len(shown) - 1 <= total:
            break
        shown.remove(column)
    return shown, least


def _layout(total: int, id_width: int) -> _Layout:
    """Columns that fit ``total`` columns: every one on a wide terminal; on a narrow one
    the least needed are left out, then the time of day, so the id and the date stay.
    The rest wrap between words inside their column, so a row can be printed the moment
    it is read, without waiting for the widest value."""
    shown, least = _fit(total, id_width, len("2026-01-01 12:00"))
    date_format = _DATE_TIME
    if shown == [0, 1]:
        narrower, narrow_least = _fit(total, id_width, len("2026-01-01"))
        if len(narrower) > len(shown):
            shown, least, date_format = narrower, narrow_least, _DATE
    widths = {column: least[column] for column in shown}
    room = total - sum(widths.values()) - (len(shown) - 1)
    for column, most in _GROWTH:
        if column in widths and room > 0:
            grown = min(room, max(0, most - widths[column]))
            widths[column] += grown
            room -= grown
    return _Layout(tuple(shown), tuple(widths[column] for column in shown), date_format)


def _wrap(text: str, width: int) -> list[str]:
    """Lines of a cell: broken between words or after a hyphen, inside a word only when it
    is longer than the column."""
    from quiz.safetext import display_width

    if display_width(text) == len(text):  # one column a character, as textwrap counts
        lines = textwrap.wrap(text, width, break_long_words=True, break_on_hyphens=True)
    else:
        lines = _wrap_wide(text, width)
    return [line.replace("\u00a0", " ") for line in lines] or [""]


def _wrap_wide(text: str, width: int) -> list[str]:
    """``_wrap`` by the columns text takes on screen, not its characters: a CJK character
    takes two, a combining accent none (textwrap counts characters)."""
    from quiz.safetext import display_width

    lines: list[str] = []
    line = ""
    for word in filter(None, text.split(" ")):  # a no-break space keeps its words together
        joined = f"{line} {word}" if line else word
        if display_width(joined) <= width:
            line = joined
            continue
        if line:
            lines.append(line)
        line = ""
        for char in word:  # a word wider than the column is broken where it must be
            if line and display_width(line + char) > width:
                lines.append(line)
                line = ""
            line += char
    if line:
        lines.append(line)
    return lines


def _padded(text: str, width: int, *, right: bool = False) -> str:
    from quiz.safetext import display_width

    room = " " * max(0, width - display_width(text))
    return room + text if right else text + room


def _print_lines(cells: list[str], widths: tuple[int, ...]) -> None:
    wrapped = [_wrap(cell, width) for cell, width in zip(cells, widths, strict=True)]
    for index in range(max(len(lines) for lines in wrapped)):
        parts = []
        for column, lines in enumerate(wrapped):
            text = lines[index] if index < len(lines) else ""
            parts.append(_padded(text, widths[column], right=column == 0))
        click.echo(" ".join(parts).rstrip())


def _print_table(rows: Iterator[HistoryRow], id_width: int) -> int:
    """The attempts as a table that fits the terminal, printed row by row; then the
    short names of the skills shown."""
    from quiz.safetext import visible

    layout = _layout(terminal_size((80, 24)).columns, id_width)
    names: dict[str, str] = {}
    experience = imported = chance = False
    count = 0
    for row in rows:
        if count == 0:
            click.echo("Attempts")
            _print_lines(layout.pick(_HEADINGS), layout.widths)
            click.echo("-" * layout.width)
        count += 1
        cells = [visible(cell) for cell in _cells(row, layout.date_format)]
        _print_lines(layout.pick(cells), layout.widths)
        if row.summary is not None and 5 in layout.columns:
            for skill in row.summary.skills:
                names.setdefault(short_name(skill.skill), skill.name)
        experience = experience or (row.experience_years is not None and 3 in layout.columns)
        imported = imported or (row.imported and 4 in layout.columns)
        chance = chance or (_top_role(row).endswith("%)") and 6 in layout.columns)
    notes = []
    if names:
        legend = ", ".join(f"{short} {name.lower()}" for short, name in names.items())
        notes.append(f"Levels: O*NET's 0-7 scale; {legend}.")
    if experience:
        notes.append("exp.: the years of hands-on experience given.")
    if chance:
        notes.append("all met: the chance you meet every requirement of the top role.")
    if imported:
        notes.append(
            "imported: finished elsewhere and brought in from the learner's report "
            "(self-reported; not taken on this database)."
        )
    if notes:
        click.echo()
        for line in textwrap.wrap(" ".join(notes), max(20, layout.width)):
            click.echo(visible(line))
    return count


def _json_row(row: HistoryRow) -> dict[str, object]:
    summary = row.summary if row.finished and not row.damaged else None
    top = None
    if summary is not None and summary.top_role is not None:
        top = {
            "role": summary.top_role,
            "name": summary.top_role_name,
            "p_meets_all": summary.top_p_meets_all,
        }
    return {
        "id": row.id,
        "name": row.name,
        "started_at": row.started_at.isoformat(),
        "finished_at": None if row.finished_at is None else row.finished_at.isoformat(),
        "length": row.length,
        "skills": list(row.skills),
        "experience_years": row.experience_years,
        "questions": row.questions,
        "answered": row.answered,
        "source": row.source,
        "status": "unreadable"
        if row.damaged or (row.finished and summary is None)
        else ("finished" if row.finished else "in progress"),
        "levels": None
        if summary is None
        else [
            {
                "skill": skill.skill,
                "name": skill.name,
                "level": skill.level,
                "level_sd": skill.level_sd,
                "self_rated": skill.self_rated,
            }
            for skill in summary.skills
        ],
        "top_role": top,
    }


def _print_json(rows: Iterator[HistoryRow]) -> None:
    """A JSON array written one attempt a line, as each is read, a few hundred lines at a
    time (a write per line would cost more than the rest together). ASCII only (json's
    default), so no name can carry a control sequence to the terminal."""
    import sys

    out = sys.stdout
    pending = ["["]
    separator = "\n"
    for row in rows:
        pending.append(separator + json.dumps(_json_row(row)))
        separator = ",\n"
        if len(pending) >= 500:
            out.write("".join(pending))
            pending.clear()
    pending.append("\n]\n" if separator == ",\n" else "]\n")
    out.write("".join(pending))
    out.flush()


@click.command()
@click.option(
    "--limit",
    type=click.IntRange(min=1),
    default=DEFAULT_LIMIT,
    show_default=True,
    metavar="N",
    help="Show the N newest attempts.",
)
@click.option("--all", "show_all", is_flag=True, help="Show every attempt (overrides --limit).")
@listing_format_option(
    "table", "table for people; json (an array, one attempt a line) for scripts."
)
@click.option(
    "--delete", "delete_id", type=int, metavar="ID", help="Delete this attempt and its answers."
)
@click.option("--yes", is_flag=True, help="Delete without asking for confirmation.")
@database_option
def history(
    limit: int,
    show_all: bool,
    output_format: str,
    delete_id: int | None,
    yes: bool,
    database: str | None,
) -> None:
    """List past attempts, newest first (or delete one with --delete ID).

    \b
    Examples:
      skillquiz history
      skillquiz history --all --format json > attempts.json
      skillquiz history --delete 3 --yes
    """
    from quiz.attempts.summaries import current_history
    from quiz.storage import Store

    if delete_id is not None:
        _delete(delete_id, yes, database)
        return
    if limit > MAX_LIMIT:  # more than a database can hold: every attempt
        show_all = True
    with Store.open(url=database, readonly=True) as store:
        rows = current_history(store.history(None if show_all else limit), database)
        if output_format == "json":
            _print_json(rows)
            return
        if _print_table(rows, len(str(store.largest_id()))) == 0:
            from quiz.cli.hints import with_database

            click.echo(with_database("No attempts yet; run skillquiz take to start one."))


def _delete(attempt_id: int, yes: bool, database: str | None) -> None:
    from quiz.errors import RuntimeFailure
    from quiz.storage import Store

    with Store.open(url=database) as store:
        attempt = store.attempt(attempt_id)
        if attempt is None:
            raise RuntimeFailure(f"no attempt {attempt_id}; see skillquiz history")
        if not yes and not _confirm_delete(attempt):
            return
        store.delete(attempt_id)
        click.echo(f"Deleted attempt {attempt_id}.")


def _confirm_delete(attempt: AttemptRow) -> bool:
    """Ask before deleting, naming the attempt so the right one goes.

    No answer at all (no input to read) is a failure that says how to delete without
    asking; answering no is a choice, so it ends normally.
    """
    from quiz.errors import RuntimeFailure
    from quiz.safetext import shown_name, visible

    started = f"{attempt.started_at.astimezone():%Y-%m-%d %H:%M}"
    who = f"{visible(shown_name(attempt.name))}, " if attempt.name else ""
    question = (
        f"Delete attempt {attempt.id} ({who}started {started}, {_status(attempt)}) "
        "and all its answers?"
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

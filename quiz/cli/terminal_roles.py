"""Every role in the terminal: a line each in the results' first screen, then the details.

The first screen of results holds the skills' levels and one line per role (its counts of
requirements met, borderline and to build), as a table when the terminal is wide enough for one,
so the scores and the roles can be read together without scrolling. The details follow:
each role open now in full (salary, every requirement, what the quiz cannot see), each
role to grow into on one line, and the salaries' source once, as a footnote.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from quiz.report.phrases import (
    SOURCE_MARK,
    gap_text,
    not_measured,
    required,
    role_salary,
    salary_line,
    salary_notes,
)
from scoring.models import GAP_STATUSES, RoleMatch
from scoring.wording import years

if TYPE_CHECKING:
    from quiz.cli.screen import Screen
    from quiz.report.model import Report

OPEN_HEADING = "Open to you now (your experience meets theirs)"
GROW_HEADING = "To grow into (they ask for more experience)"
_COLUMNS = ("met", "borderline", "to build")
_NOT_ASSESSED = "not assessed"
_GAP = "  "


def _label(rank: int, role: RoleMatch) -> str:
    """ "1. Production Technician (entry level)"; a role to grow into says the years."""
    if not role.open_now:
        return f"{rank}. {role.name} (needs {years(role.missing_years)} more)"
    return f"{rank}. {role.name}{' (entry level)' if role.entry else ''}"


def _cells(role: RoleMatch, assessed_all: bool) -> list[str]:
    counts = [str(role.met), str(role.borderline), str(role.to_build)]
    return [*counts, *([] if assessed_all else [str(role.not_assessed)])]


def _sentence(role: RoleMatch) -> str:
    """A role's counts as a sentence, for a terminal too narrow for the table."""
    parts = [f"{role.met} met", f"{role.borderline} borderline", f"{role.to_build} to build"]
    if role.not_assessed:
        parts.append(f"{role.not_assessed} not assessed")
    return ", ".join(parts)


def _groups(report: Report) -> list[tuple[str, list[tuple[int, RoleMatch]]]]:
    ranked = list(enumerate(report.roles, start=1))
    groups = [
        (OPEN_HEADING, [(rank, role) for rank, role in ranked if role.open_now]),
        (GROW_HEADING, [(rank, role) for rank, role in ranked if not role.open_now]),
    ]
    return [(heading, roles) for heading, roles in groups if roles]


def render_role_summary(console: Screen, report: Report) -> None:
    """One line per role, grouped open now then to grow into, in the report's order."""
    from quiz.cli.console import print_wrapped
    from quiz.cli.screen import styled

    if not report.roles:
        return
    assessed_all = not any(role.not_assessed for role in report.roles)
    columns = list(_COLUMNS) if assessed_all else [*_COLUMNS, _NOT_ASSESSED]
    groups = _groups(report)
    name_width = max(len(_label(rank, role)) for _, roles in groups for rank, role in roles)
    name_width = max(name_width, *(len(heading) for heading, _ in groups))
    table_width = name_width + sum(len(_GAP) + len(column) for column in columns)
    console.print()
    for heading, roles in groups:
        if table_width > console.width:
            print_wrapped(console, heading, style="bold")
            for rank, role in roles:
                name = _label(rank, role).removeprefix(f"{rank}. ")
                print_wrapped(console, f"{name}: {_sentence(role)}", bullet=f"{rank}. ")
            continue
        first = heading == groups[0][0]
        titles = "".join(_GAP + column for column in columns) if first else ""
        header = styled(heading.ljust(name_width), (titles, "dim"), style="bold")
        console.print(header.rstripped())
        for rank, role in roles:
            cells = _cells(role, assessed_all)
            line = _label(rank, role).ljust(name_width) + "".join(
                _GAP + cell.rjust(len(column)) for cell, column in zip(cells, columns, strict=True)
            )
            console.print(styled(line))


def _requirements(role: RoleMatch) -> list[str]:
    """Every requirement of the role, to build first, then borderline, met, not assessed."""
    width = max(len(status) for status in GAP_STATUSES)
    lines = []
    for status in ("to build", "borderline", "met", "not assessed"):
        for gap in role.gaps:
            if gap.status == status:
                said = gap_text(gap) if gap.level is not None else None
                said = said or f"{gap.name}, needs {required(gap.required_level)}"
                lines.append(f"{status.ljust(width)}  {said}")
    return lines


def render_role_details(console: Screen, report: Report) -> None:
    """Each role open now in full, each role to grow into on a line, then the footnote
    naming the salaries' source and its date once."""
    from quiz.cli.console import print_wrapped
    from quiz.cli.screen import styled

    if not report.roles:
        return
    console.print(styled("\nRoles in detail", style="bold"))
    for rank, role in enumerate(report.roles, start=1):
        if not role.open_now:
            print_wrapped(
                console,
                f"{role.name}: open with {years(role.min_experience_years)} of hands-on "
                f"experience ({years(role.missing_years)} more); salary {role_salary(role)}",
                bullet=f"{rank}. ",
            )
            continue
        console.print(styled(_label(rank, role), style="bold"))
        print_wrapped(console, f"Salary: {salary_line(role)}", indent=3)
        for line in _requirements(role):
            print_wrapped(console, line, indent=3)
        print_wrapped(console, not_measured(role), indent=3, style="dim")
    for note in salary_notes(report.roles):
        mark = f"{SOURCE_MARK} " if note.startswith(f"{SOURCE_MARK} ") else ""
        print_wrapped(console, note.removeprefix(mark), bullet=mark, style="dim")

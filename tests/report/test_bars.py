"""The level bars' requirement ticks: one per level a role needs, labeled with the roles'
numbers, and no two labels on one row close enough to touch on a 320 px phone."""

from __future__ import annotations

from itertools import combinations

from report_fixtures import full_report

from questions.record import replace
from quiz.report.bars import APART_PX, LEVEL_PX, _width, build_bars
from scoring.models import RoleMatch


def needing(role: RoleMatch, name: str, level: float) -> RoleMatch:
    """The role, renamed, needing ``level`` in its first skill and nothing else."""
    gap = replace(role.gaps[0], required_level=level)
    return replace(role, name=name, gaps=[gap])


def test_close_requirements_go_to_rows_where_their_labels_clear_each_other() -> None:
    report = full_report()
    skill = report.roles[0].gaps[0].skill
    needs = [3.0, 3.0, 3.12, 3.25, 3.62, 5.0, 5.03]
    roles = [
        needing(report.roles[0], f"Role {number}", level) for number, level in enumerate(needs, 1)
    ]
    skills = [s for s in report.skills if s.skill == skill]
    (bar,) = build_bars(skills, roles)
    assert [(tick.level, tick.label) for tick in bar.ticks] == [
        (3.0, "1, 2"), (3.12, "3"), (3.25, "4"), (3.62, "5"), (5.0, "6"), (5.03, "7"),
    ]  # fmt: skip
    assert [tick.at for tick in bar.ticks] == [round(level / 7 * 100, 1) for level in needs[1:]]
    for one, other in combinations(bar.ticks, 2):
        if one.row == other.row:
            room = (_width(one.label) + _width(other.label)) / 2 + APART_PX / LEVEL_PX
            assert abs(one.level - other.level) >= room, (one, other)
    assert bar.rows == max(tick.row for tick in bar.ticks) + 1
    assert bar.description.endswith(
        "the roles need Role 1 3, Role 2 3, Role 3 3.12, Role 4 3.25, Role 5 3.62, "
        "Role 6 5, Role 7 5.03."
    )


def test_a_skill_no_role_needs_has_no_ticks() -> None:
    report = full_report()
    (bar,) = build_bars(report.skills[:1], [])
    assert (bar.ticks, bar.rows) == ((), 0)

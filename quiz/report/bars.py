"""The level bars: each skill on O*NET's 0-7 scale, with its 90% interval, the self-rating
and every role's requirement marked.

Bars are plain HTML boxes placed in percent of the scale, so they keep their text size at
any width (a phone, a printed page) where an SVG's labels would shrink. Nothing is told by
colour alone: the level is a solid mark, its interval an outlined band, the self-rating a
hollow square, and each requirement a tick labeled with the role's number in the report's
list of roles. Ticks too close to share a row of labels go to the next row, so no two
labels overlap at any width down to a phone's.
"""

from __future__ import annotations

from dataclasses import dataclass

from quiz.report import phrases
from scoring.models import RoleMatch, SkillResult

# Labels are placed for the narrowest page, a 320 px phone, where the 7 levels take about
# 270 px: a level is 38 px, a digit or a ", " of a label 7 px, its box and padding 9 px,
# and two labels on one row keep 4 px apart.
LEVEL_PX = 38.0
CHAR_PX = 7.0
BOX_PX = 9.0
APART_PX = 4.0


def _width(label: str) -> float:
    """A label's width in levels on the narrowest page."""
    return (len(label.replace(", ", ",")) * CHAR_PX + BOX_PX) / LEVEL_PX


@dataclass(frozen=True)
class Tick:
    """One or more roles' requirement at one level: where it sits, its label and row."""

    at: float  # percent of the bar
    level: float
    label: str  # the roles' numbers, e.g. "2, 3"
    row: int


@dataclass(frozen=True)
class LevelBar:
    name: str
    value: str  # e.g. "4.0 (3.0-5.0) of 7, Proficient"
    level: float | None  # percent of the bar, None when not measured
    interval: tuple[float, float] | None  # left and width, in percent
    self_rated: float | None  # percent of the bar
    ticks: tuple[Tick, ...]
    rows: int
    anchor: str | None
    description: str  # the bar in words, for a screen reader


def _percent(level: float) -> float:
    return round(max(0.0, min(7.0, level)) / 7 * 100, 1)


def _ticks(skill: str, roles: list[RoleMatch]) -> tuple[Tick, ...]:
    """The requirements of every role in the skill, equal ones sharing a tick, each label
    on the first row where it clears the label before it."""
    levels: dict[float, list[int]] = {}
    for number, role in enumerate(roles, start=1):
        for gap in role.gaps:
            if gap.skill == skill:
                levels.setdefault(gap.required_level, []).append(number)
    last_on_row: list[tuple[float, float]] = []  # each row's last label: level, width
    ticks = []
    for level in sorted(levels):
        label = ", ".join(str(number) for number in levels[level])
        width = _width(label)
        row = next(
            (
                row
                for row, (last, last_width) in enumerate(last_on_row)
                if level - last >= (last_width + width) / 2 + APART_PX / LEVEL_PX
            ),
            len(last_on_row),
        )
        if row == len(last_on_row):
            last_on_row.append((level, width))
        last_on_row[row] = (level, width)
        ticks.append(Tick(_percent(level), level, label, row))
    return tuple(ticks)


def _description(skill: SkillResult, ticks: tuple[Tick, ...], roles: list[RoleMatch]) -> str:
    said = f"{skill.name}: {phrases.level_text(skill.level, skill.interval)}"
    if skill.level is not None and skill.interval is not None:
        said = (
            f"{skill.name}: level {skill.level:.1f} of 7, 90% interval "
            f"{skill.interval[0]:.1f} to {skill.interval[1]:.1f}"
        )
    if skill.self_rated is not None:
        said += f"; self-rated {skill.self_rated:.1f}"
    needs = [
        f"{roles[int(number) - 1].name} {phrases.required(tick.level)}"
        for tick in ticks
        for number in tick.label.split(", ")
    ]
    if needs:
        said += "; the roles need " + ", ".join(needs)
    return said + "."


def build_bars(skills: list[SkillResult], roles: list[RoleMatch]) -> list[LevelBar]:
    """A bar for every skill, in the report's order; a skill not measured has no marks but
    its requirements, and says so in words."""
    bars = []
    for skill in skills:
        ticks = _ticks(skill.skill, roles)
        band = f", {skill.band}" if skill.band else ""
        interval = None
        if skill.interval is not None:
            low, high = _percent(skill.interval[0]), _percent(skill.interval[1])
            interval = (low, round(high - low, 1))
        bars.append(
            LevelBar(
                name=skill.name,
                value=phrases.level_text(skill.level, skill.interval) + band,
                level=None if skill.level is None else _percent(skill.level),
                interval=interval,
                self_rated=None if skill.self_rated is None else _percent(skill.self_rated),
                ticks=ticks,
                rows=max((tick.row + 1 for tick in ticks), default=0),
                anchor=phrases.anchor_text(skill.anchor),
                description=_description(skill, ticks, roles),
            )
        )
    return bars

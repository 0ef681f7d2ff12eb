"""The geometry of the radar chart: one axis per skill, a ring every 25 points.

Only numbers and plain strings come out of here; the template draws them, so every label
passes through the template's escaping like any other text.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from quiz.report import phrases
from scoring.models import SkillResult

WIDTH = 560
HEIGHT = 468
CENTRE_X = WIDTH / 2
CENTRE_Y = 215
RADIUS = 150
# Rings at O*NET's anchor levels (2, 4, 6) and the top of the scale; the self-rating
# (1-5) is drawn as the level it is read as (answer n as level n).
RINGS = (2, 4, 6, 7)
TOP = 7
LABEL_GAP = 18
LABEL_WRAP = 14
MIN_AXES = 3


@dataclass(frozen=True)
class Axis:
    x: float
    y: float
    label_x: float
    label_y: float
    anchor: str
    lines: tuple[str, ...]
    self_rated: str
    demonstrated: str


@dataclass(frozen=True)
class Radar:
    width: int
    height: int
    axes: tuple[Axis, ...]
    rings: tuple[str, ...]
    # Polygon points over the skills that have a score; empty when fewer than three do.
    self_points: str
    demonstrated_points: str
    ring_labels: tuple[tuple[float, float, str], ...]
    self_markers: tuple[tuple[float, float], ...]
    demonstrated_markers: tuple[tuple[float, float], ...]
    centre_x: float
    centre_y: float
    description: str


def build_radar(skills: list[SkillResult]) -> Radar | None:
    """The chart for these skills, or None when fewer than three make a shape worth drawing."""
    if len(skills) < MIN_AXES:
        return None
    count = len(skills)
    axes = []
    for index, skill in enumerate(skills):
        angle = _angle(index, count)
        x, y = _point(angle, RADIUS)
        label_x, label_y = _point(angle, RADIUS + LABEL_GAP)
        axes.append(
            Axis(
                x=x,
                y=y,
                label_x=label_x,
                label_y=label_y,
                anchor=_anchor(label_x),
                lines=(*_wrap(skill.name), *_missing(skill)),
                self_rated=phrases.level_number(skill.self_rated),
                demonstrated=phrases.level_number(skill.level),
            )
        )
    self_points = _series(skills, "self_rated")
    demonstrated_points = _series(skills, "level")
    return Radar(
        width=WIDTH,
        height=HEIGHT,
        axes=tuple(axes),
        rings=tuple(_ring_path(level, count) for level in RINGS),
        ring_labels=_ring_labels(count),
        self_points=_outline(self_points),
        demonstrated_points=_outline(demonstrated_points),
        self_markers=self_points,
        demonstrated_markers=demonstrated_points,
        centre_x=CENTRE_X,
        centre_y=CENTRE_Y,
        description=describe(skills),
    )


def describe(skills: list[SkillResult]) -> str:
    """The chart in words, for screen readers and anyone who cannot see the shape."""
    parts = [
        f"{skill.name}: "
        + (
            "not rated"
            if skill.self_rated is None
            else f"self-rated {phrases.level_number(skill.self_rated)}"
        )
        + ", "
        + (
            "not measured"
            if skill.level is None
            else f"demonstrated level {phrases.level_number(skill.level)}"
        )
        for skill in skills
    ]
    return (
        f"Radar chart of {len(skills)} skills, levels from 0 to 7 on O*NET's scale. "
        + "; ".join(parts)
        + "."
    )


def _angle(index: int, count: int) -> float:
    """Start at the top and go clockwise, as people read a clock face."""
    return -math.pi / 2 + 2 * math.pi * index / count


def _point(angle: float, distance: float) -> tuple[float, float]:
    return (
        round(CENTRE_X + distance * math.cos(angle), 1),
        round(CENTRE_Y + distance * math.sin(angle), 1),
    )


def _anchor(x: float) -> str:
    if abs(x - CENTRE_X) < 1:
        return "middle"
    return "start" if x > CENTRE_X else "end"


def _series(skills: list[SkillResult], field: str) -> tuple[tuple[float, float], ...]:
    """One point per axis that has a score; a missing one is left out, since drawing it at
    the centre would read as a zero (its axis label says "not rated" or "not measured")."""
    count = len(skills)
    points = []
    for index, skill in enumerate(skills):
        value = getattr(skill, field)
        if value is None:
            continue
        level = max(0.0, min(float(TOP), float(value)))
        points.append(_point(_angle(index, count), RADIUS * level / TOP))
    return tuple(points)


def _outline(points: tuple[tuple[float, float], ...]) -> str:
    """The polygon through a series' points; empty (markers only) when under three make no
    shape."""
    if len(points) < MIN_AXES:
        return ""
    return " ".join(f"{x},{y}" for x, y in points)


def _missing(skill: SkillResult) -> tuple[str, ...]:
    """A label line naming what this skill lacks, so an absent point is explained."""
    missing = [
        note
        for value, note in ((skill.self_rated, "not rated"), (skill.level, "not measured"))
        if value is None
    ]
    return (f"({', '.join(missing)})",) if missing else ()


def _ring_path(level: int, count: int) -> str:
    corners = [_point(_angle(index, count), RADIUS * level / TOP) for index in range(count)]
    return "M " + " L ".join(f"{x},{y}" for x, y in corners) + " Z"


def _ring_labels(count: int) -> tuple[tuple[float, float, str], ...]:
    """Label the level-4 and level-7 rings halfway between the first two axes, clear of the
    markers."""
    angle = _angle(0, count) + math.pi / count
    return tuple((*_point(angle, RADIUS * level / TOP), str(level)) for level in (4, TOP))


def _wrap(label: str) -> tuple[str, ...]:
    """Break a long skill name into at most two lines so it stays inside the chart."""
    words = label.split()
    if len(label) <= LABEL_WRAP or len(words) < 2:
        return (label,)
    best = min(
        range(1, len(words)),
        key=lambda cut: abs(len(" ".join(words[:cut])) - len(" ".join(words[cut:]))),
    )
    return (" ".join(words[:best]), " ".join(words[best:]))

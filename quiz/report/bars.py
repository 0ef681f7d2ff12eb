"""The bar chart: a pair of bars per skill, self-rated beside demonstrated.

It stands in for the radar where a radar cannot be drawn (one or two skills make no shape)
and on a phone, where the radar's labels would shrink past reading; bars are plain HTML
boxes, so they keep their text size at any width and print like any other block.
"""

from __future__ import annotations

from dataclasses import dataclass

from quiz.report import phrases
from scoring.models import SkillResult


@dataclass(frozen=True)
class Bar:
    """One series for one skill: a width in percent (None when not scored) and its label."""

    series: str
    label: str
    width: float | None
    value: str


@dataclass(frozen=True)
class SkillBars:
    name: str
    bars: tuple[Bar, Bar]


def _bar(series: str, label: str, value: float | None, missing: str) -> Bar:
    if value is None:
        return Bar(series, label, None, missing)
    return Bar(series, label, round(max(0.0, min(100.0, float(value))), 1), phrases.score(value))


def build_bars(skills: list[SkillResult]) -> list[SkillBars]:
    """Bars for every skill, in the report's order; a missing score gets a word, no bar."""
    return [
        SkillBars(
            skill.name,
            (
                _bar("self", "Self-rated", skill.self_rated, "not rated"),
                _bar("demonstrated", "Demonstrated", skill.score, "not measured"),
            ),
        )
        for skill in skills
    ]

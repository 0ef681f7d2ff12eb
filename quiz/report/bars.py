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
    # Drawn as a share of O*NET's 0-7 scale; the self-rating (1-5) as the level it is read as.
    share = max(0.0, min(100.0, float(value) / 7 * 100))
    return Bar(series, label, round(share, 1), phrases.level_number(value) + " of 7")


def build_bars(skills: list[SkillResult]) -> list[SkillBars]:
    """Bars for every skill, in the report's order; a missing score gets a word, no bar."""
    return [
        SkillBars(
            skill.name,
            (
                _bar("self", "Self-rated", skill.self_rated, "not rated"),
                _bar("demonstrated", "Demonstrated", skill.level, "not measured"),
            ),
        )
        for skill in skills
    ]

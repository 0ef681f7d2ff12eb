"""Stand-in posteriors of a skill's level for the tests of roles and advice: a normal
distribution, so the chance a level reaches a requirement can be worked out by hand."""

from __future__ import annotations

import math
from dataclasses import dataclass


@dataclass(frozen=True)
class Normal:
    mean: float
    sd: float = 0.3

    def p_at_least(self, cut: float) -> float:
        return 0.5 * math.erfc((cut - self.mean) / (self.sd * math.sqrt(2)))


@dataclass(frozen=True)
class Fixed:
    """A posterior whose chance of reaching any cut is given outright."""

    mean: float
    p: float

    def p_at_least(self, cut: float) -> float:
        return self.p


SKILLS = ("critical_thinking", "data_analysis", "attention_to_detail", "empathy", "research")


def everyone_at(level: float, sd: float = 0.3) -> dict[str, Normal]:
    """Every skill of the built-in catalog at one level."""
    return {skill: Normal(level, sd) for skill in SKILLS}

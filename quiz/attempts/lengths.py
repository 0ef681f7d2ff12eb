"""The lengths a quiz comes in, and what each asks of a skill.

Standard library only: the command line reads these for its ``--length`` choices and its
help, which must not load pydantic or the banks to show.
"""

from __future__ import annotations

from typing import Literal

Length = Literal["quick", "standard", "full", "adaptive"]
LENGTHS: tuple[Length, ...] = ("quick", "standard", "full", "adaptive")

# Questions per skill ("full": every question). A standard quiz asks 17 (3 self-ratings,
# 14 demonstrated): with fewer demonstrated items the score ranks people too loosely to
# tell a beginner from an experienced technician (bench/simulate.py: Spearman 0.75-0.82 at
# 10 a skill, 0.85-0.89 at 16, against 0.92-0.95 for every item).
PER_SKILL: dict[str, int] = {"quick": 4, "standard": 17}
# Self-ratings asked per skill: enough to compare how people see themselves with what they
# show (scoring compares them from 3 answered self-ratings on), and no more, since they add
# nothing to the demonstrated score. A quick quiz is too short to compare and says so.
SELF_RATINGS: dict[str, int] = {"quick": 1, "standard": 3}
MINUTES_PER_QUESTION = 0.25
# An adaptive quiz asks each skill's self-ratings as a standard one does, then practical
# questions one at a time, chosen from the answers so far, until the result is clear: at
# least 4 (8 before the bank is calibrated) and at most 14 (scoring.adaptive).
ADAPTIVE = "adaptive"
ADAPTIVE_MOST = 14

"""The lengths a quiz comes in, and what each asks of a skill.

Standard library only: the command line reads these for its ``--length`` choices and its
help, which must not load pydantic or the banks to show.
"""

from __future__ import annotations

from typing import Literal

from scoring.adaptive_limits import MAX_ITEMS

Length = Literal["quick", "standard", "full", "adaptive"]
LENGTHS: tuple[Length, ...] = ("quick", "standard", "full", "adaptive")

# Questions per skill ("full": every question). A standard quiz asks 17 (3 self-ratings,
# 14 demonstrated): with fewer demonstrated items the level ranks people too loosely to
# tell a beginner from an experienced technician. Spearman(true, level) per skill, exact
# labels / labels + noise (bench/simulate.py --accuracy-only --draw stratified --standard N,
# this draw, 4 x 500 people, seed 7): 14: 0.82-0.85 / 0.81-0.84; 16: 0.87-0.88 /
# 0.84-0.86; 18: 0.88-0.89 / 0.84-0.87; 20: 0.88-0.90 / 0.87-0.88; every item (30):
# 0.91-0.93 / 0.89-0.92. Scoring with the true item parameters: 0.87-0.89 at 14.
PER_SKILL: dict[str, int] = {"quick": 4, "standard": 17}
# Self-ratings asked per skill: enough to compare how people see themselves with what they
# show (scoring compares them from 3 answered self-ratings on), and no more, since they add
# nothing to the demonstrated score. A quick quiz is too short to compare and says so.
SELF_RATINGS: dict[str, int] = {"quick": 1, "standard": 3}
MINUTES_PER_QUESTION = 0.25
# An adaptive quiz asks each skill's self-ratings as a standard one does, then practical
# questions one at a time, chosen from the answers so far, until the result is clear: at
# least 4 (8 before the bank is calibrated) and at most 14 (scoring.adaptive_limits).
ADAPTIVE = "adaptive"
ADAPTIVE_MOST = MAX_ITEMS

"""Self-ratings: how a person sees a skill, scored apart from the level and compared with it.

Self-ratings are never blended into the level: how people see themselves and what they
show differ, and the difference is itself a finding. To compare the two they are put on a
stated common footing: a self-rating's answer n (1 Strongly disagree .. 5 Strongly agree,
reverse-keyed statements flipped) is read as level n on O*NET's scale. Agreeing that one
does a skill's habits is thus read as the level-4 anchors (the Proficient band), strongly
agreeing as the Advanced band, neither as the middle of Foundational. The comparison
allows for the level's uncertainty: a self-rating is said to be above or below what was
shown only when it lies outside the level's 90% interval.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Protocol

from questions.models import LIKERT_LABELS, Item, LikertItem
from scoring.catalog import ScoringRules
from scoring.models import Answer
from scoring.wording import plural

# Fewer self-ratings than this all alike can be honest; this many or more, with one of them
# worded the other way round, is straight-lining.
STRAIGHT_LINE_MIN = 4
_STEPS = len(LIKERT_LABELS) - 1


def self_rated(credits: Sequence[float]) -> float | None:
    """The mean self-rating on the answer scale, 1..5, reverse-keyed items flipped (the
    credits are 0..1, Strongly disagree..Strongly agree); None when none was answered.
    The mean is statistics.fmean's own sum (fsum, then divided), without importing that
    module (and fractions, decimal and random with it) on every start."""
    return 1 + _STEPS * (math.fsum(credits) / len(credits)) if credits else None


class Compared(Protocol):
    """What the sentence reads of a skill's result (a SkillResult has it all)."""

    @property
    def self_rated(self) -> float | None: ...
    @property
    def level(self) -> float | None: ...
    @property
    def interval(self) -> tuple[float, float] | None: ...
    @property
    def answered(self) -> int: ...
    @property
    def self_ratings_answered(self) -> int: ...
    @property
    def calibration(self) -> float | None: ...


def calibration_note(result: Compared, rules: ScoringRules) -> str | None:
    """A plain sentence on the self-rating against the level, the finding people rarely
    hear; None when there are no self-ratings. ``result.calibration`` is None when there
    are too few items of either kind to compare (the sentence says so)."""
    ratings, shown = result.self_ratings_answered, result.answered
    if not ratings:
        return None
    if result.calibration is None:
        return (
            f"Too few items to compare your self-rating with your level "
            f"({plural(ratings, 'self-rating')} and {plural(shown, 'practical question')} "
            f"answered; at least {rules.calibration_min_self_ratings} and "
            f"{rules.calibration_min_demonstrated} are needed, as a standard or full quiz asks)."
        )
    assert result.interval is not None and result.self_rated is not None  # with calibration
    low, high = result.interval
    rated = result.self_rated
    footing = (
        f"your self-ratings average {rated:.1f} of 5, read as level {rated:.1f} of 7, "
        f"and your 90% interval is {low:.1f}-{high:.1f}"
    )
    if rated > high:
        return (
            f"You rate yourself higher than you showed: {footing}; check your view against "
            "real results before relying on it."
        )
    if rated < low:
        lead = f"You showed more than you rate yourself: {footing}; "
        if result.level is not None and rules.reaches(result.level, rules.confident_from_band):
            return lead + "you can be more confident in this skill."
        return lead + "your results are a fairer guide to where you stand than your self-doubt."
    return f"Your self-rating is in line with what you showed: {footing}."


def straight_lined(responses: Sequence[tuple[Item, Answer]]) -> tuple[int, int] | None:
    """How many self-ratings were answered and the one answer given to them all, when that
    can be told from honest answers: at least STRAIGHT_LINE_MIN of them, one reverse-keyed
    among them; else None. An honest person agreeing with four positively worded
    statements gives one answer four times; only a statement worded the other way round
    makes the same answer contradict itself."""
    ratings = [
        (item, answer)
        for item, answer in responses
        if isinstance(item, LikertItem) and isinstance(answer, int)
    ]
    answers = {answer for _, answer in ratings}
    reverse = any(item.reverse for item, _ in ratings)
    if len(ratings) < STRAIGHT_LINE_MIN or len(answers) != 1 or not reverse:
        return None
    (answer,) = answers
    assert isinstance(answer, int)
    return len(ratings), answer

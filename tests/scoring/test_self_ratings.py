"""Self-ratings read on the level scale (answer n as level n) and compared with the level's
90% interval: a sentence only when the self-rating lies outside it."""

from __future__ import annotations

import pytest

from scoring import builtin_catalog
from scoring.models import SkillResult
from scoring.self_ratings import calibration_note, self_rated

RULES = builtin_catalog().scoring


def result(rated: float | None, level: float, interval: tuple[float, float]) -> SkillResult:
    return SkillResult(
        skill="empathy",
        name="Empathy",
        self_rated=rated,
        level=level,
        level_sd=0.4,
        interval=interval,
        band=RULES.band_for(level),
        answered=6,
        skipped=0,
        self_ratings_answered=0 if rated is None else 4,
        calibration=None if rated is None else round(rated - level, 1),
        calibration_note=None,
    )


def test_the_self_rating_is_the_mean_answer_with_reverse_items_already_flipped() -> None:
    assert self_rated([]) is None
    assert [self_rated([0.0]), self_rated([1.0]), self_rated([0.75, 0.25])] == [1.0, 5.0, 3.0]


@pytest.mark.parametrize(
    ("rated", "level", "interval", "note"),
    [
        (
            4.8, 3.0, (2.4, 3.6),
            "You rate yourself higher than you showed: your self-ratings average 4.8 of 5, "
            "read as level 4.8 of 7, and your 90% interval is 2.4-3.6; check your view against "
            "real results before relying on it.",
        ),
        (
            3.6, 3.0, (2.4, 3.6),
            "Your self-rating is in line with what you showed: your self-ratings average 3.6 "
            "of 5, read as level 3.6 of 7, and your 90% interval is 2.4-3.6.",
        ),
        (
            2.4, 3.0, (2.4, 3.6),
            "Your self-rating is in line with what you showed: your self-ratings average 2.4 "
            "of 5, read as level 2.4 of 7, and your 90% interval is 2.4-3.6.",
        ),
        (
            2.3, 3.0, (2.4, 3.6),
            "You showed more than you rate yourself: your self-ratings average 2.3 of 5, read "
            "as level 2.3 of 7, and your 90% interval is 2.4-3.6; your results are a fairer "
            "guide to where you stand than your self-doubt.",
        ),
        (
            2.0, 4.0, (3.4, 4.6),
            "You showed more than you rate yourself: your self-ratings average 2.0 of 5, read "
            "as level 2.0 of 7, and your 90% interval is 3.4-4.6; you can be more confident "
            "in this skill.",
        ),
        (
            2.0, 3.9, (3.3, 4.5),
            "You showed more than you rate yourself: your self-ratings average 2.0 of 5, read "
            "as level 2.0 of 7, and your 90% interval is 3.3-4.5; your results are a fairer "
            "guide to where you stand than your self-doubt.",
        ),
    ],
)  # fmt: skip
def test_the_comparison_in_words(
    rated: float, level: float, interval: tuple[float, float], note: str
) -> None:
    assert calibration_note(result(rated, level, interval), RULES) == note


def test_no_self_ratings_no_sentence() -> None:
    assert calibration_note(result(None, 3.0, (2.4, 3.6)), RULES) is None

"""A catalog number with more digits than scoring's floats hold is one problem at its line."""

from __future__ import annotations

import pytest
from test_catalog import LINES, TEXT, line_of, problems_of

HUGE = "9" * 400


@pytest.mark.parametrize(
    ("old", "key", "value", "where"),
    [
        ("empathy: {level: 2.88, importance: 2.88}", "level", "2.88", "roles #4, skills empathy"),
        ("little_experience_below: 1", "little_experience_below", "1", "scoring"),
        ("met_from: 0.90", "met_from", "0.90", "scoring decisions"),
    ],
)
def test_a_number_of_more_digits_than_scoring_takes_is_one_problem_at_its_line(
    old: str, key: str, value: str, where: str
) -> None:
    line = line_of(old)
    column = LINES[line - 1].index(key) + 1
    new = old.replace(value, HUGE, 1)
    assert problems_of(TEXT.replace(old, new, 1)) == [
        f"catalog.yaml:{line}:{column}: {where} {key}: a whole number of more than 300 digits "
        "is too large to score"
    ]

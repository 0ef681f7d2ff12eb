"""Counts, lists of names, years and salaries read as a person would write them, wherever
they appear."""

from __future__ import annotations

from typing import Any

import pytest

from quiz.errors import plural as quiz_plural
from scoring.models import Salary, one_decimal
from scoring.wording import join_names, plural, years


@pytest.mark.parametrize(
    ("names", "said"),
    [
        ([], ""),
        (["Research"], "Research"),
        (["Research", "Empathy"], "Research and Empathy"),
        (["Research", "Empathy", "Data analysis"], "Research, Empathy and Data analysis"),
    ],
)
def test_names_are_listed_as_a_sentence_lists_them(names: list[str], said: str) -> None:
    assert join_names(names) == said


@pytest.mark.parametrize(("count", "said"), [(0, "0 points"), (1, "1 point"), (2, "2 points")])
def test_counts_are_singular_only_at_one(count: int, said: str) -> None:
    assert plural(count, "point") == said
    assert quiz_plural(count, "point") == said


def test_words_for_counts_names_and_years() -> None:
    assert [years(0), years(0.5), years(1), years(2), years(1.5)] == [
        "none",
        "0.5 years",
        "1 year",
        "2 years",
        "1.5 years",
    ]
    assert [join_names([]), join_names(["A"]), join_names(["A", "B", "C"])] == [
        "",
        "A",
        "A, B and C",
    ]
    assert [plural(1, "item"), plural(0, "item")] == ["1 item", "0 items"]
    assert (one_decimal(1.26), one_decimal(None)) == (1.3, None)


def test_a_salary_reads_as_a_range_or_an_average() -> None:
    label: dict[str, Any] = {"source": "A survey", "dated": "2025", "note": "Varies."}
    assert Salary(low=35000, high=55000, **label).amount() == "USD 35,000-55,000 a year"
    assert Salary(average=42000, **label).amount() == "USD 42,000 a year"
    assert Salary(average=42000, low=1, **label).describe() == (
        "USD 42,000 a year (A survey, dated 2025)"
    )

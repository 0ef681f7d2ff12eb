"""Counts and lists of names read as a person would write them, wherever they appear."""

from __future__ import annotations

import pytest

from quiz.errors import plural as quiz_plural
from scoring.wording import join_names, plural


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

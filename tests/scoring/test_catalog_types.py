"""The rules a catalog file's values are read by, each with the whole problem its author is
told: its kind and message, as the catalog's loader prints them after the place."""

from __future__ import annotations

from typing import Any

import pytest
from pydantic import TypeAdapter, ValidationError

from scoring.anchors import Anchors
from scoring.catalog import (
    Band,
    Bands,
    Decisions,
    Money,
    Need,
    Needs,
    NextSteps,
    OnetCode,
    OnetLevel,
    Requirement,
    Texts,
    Year,
)

DEVELOPING, FOUNDATIONAL = Band(name="Developing", from_level=0), Band(name="Found", from_level=2)
TOO_LARGE = "a whole number of more than 300 digits is too large to score"


def read(kind: Any, value: Any) -> Any:
    # A new adapter each time: the rule is built from its declaration, as on first use.
    return TypeAdapter(kind).validate_python(value)


def problems(kind: Any, value: Any) -> list[tuple[str, tuple[Any, ...], str]]:
    with pytest.raises(ValidationError) as caught:
        read(kind, value)
    return [(e["type"], e["loc"], e["msg"]) for e in caught.value.errors(include_url=False)]


def test_a_level_is_a_finite_number_from_0_to_7_and_one_problem_otherwise() -> None:
    assert [read(OnetLevel, v) for v in (0, 3.5, 7)] == [0, 3.5, 7]
    assert problems(OnetLevel, 7.01) == [
        ("less_than_equal", (), "Input should be less than or equal to 7")
    ]
    assert problems(OnetLevel, -1) == [
        ("greater_than_equal", (), "Input should be greater than or equal to 0")
    ]
    assert problems(OnetLevel, float("nan")) == [
        ("finite_number", (), "Input should be a finite number")
    ]
    assert problems(OnetLevel, 10**301) == [("number_too_large", (), TOO_LARGE)]
    assert problems(OnetLevel, True) == [
        ("int_type", ("int",), "Input should be a valid integer"),
        ("float_type", ("float",), "Input should be a valid number"),
    ]


def test_the_decisions_thresholds_lie_either_side_of_one_half() -> None:
    assert read(Decisions, {"met_from": 1, "to_build_up_to": 0}) == Decisions(
        met_from=1, to_build_up_to=0
    )
    assert problems(Decisions, {"met_from": 0.5, "to_build_up_to": 0.5}) == [
        ("greater_than", ("met_from",), "Input should be greater than 0.5"),
        ("less_than", ("to_build_up_to",), "Input should be less than 0.5"),
    ]


def test_money_and_years_are_whole_numbers_in_range() -> None:
    assert (read(Money, 1), read(Year, 1900), read(Year, 2100)) == (1, 1900, 2100)
    assert problems(Money, 0) == [("greater_than", (), "Input should be greater than 0")]
    assert problems(Money, 5.0) == [("int_type", (), "Input should be a valid integer")]
    assert problems(Year, 2101) == [
        ("less_than_equal", (), "Input should be less than or equal to 2100")
    ]


def test_an_onet_code_is_written_as_onet_writes_it() -> None:
    assert read(OnetCode, "51-9061.00") == "51-9061.00"
    assert problems(OnetCode, "51-9061") == [
        (
            "string_pattern_mismatch",
            (),
            "String should match pattern '^[0-9]{2}-[0-9]{4}\\.[0-9]{2}$'",
        )
    ]


def test_lists_a_role_needs_are_never_empty() -> None:
    assert read(Texts, ["one"]) == ("one",)
    assert problems(Texts, []) == [("value_error", (), "Value error, must not be empty")]
    assert problems(Needs, {}) == [("value_error", (), "Value error, must not be empty")]


def test_bands_start_at_0_ascend_and_are_named_once() -> None:
    two = [{"name": "Developing", "from_level": 0}, {"name": "Found", "from_level": 2}]
    assert read(Bands, two) == (DEVELOPING, FOUNDATIONAL)
    for bands, message in (
        ([], "the first band must start at from_level 0"),
        ([{"name": "Developing", "from_level": 1}], "the first band must start at from_level 0"),
        ([*two, {"name": "Later", "from_level": 2}], "bands must be listed with from_level "
         "strictly ascending"),
        ([two[1], two[0]], "the first band must start at from_level 0"),
        ([*two, {"name": "developing", "from_level": 3}], "band names must be unique"),
    ):  # fmt: skip
        assert problems(Bands, bands) == [("value_error", (), f"Value error, {message}")], bands
    assert problems(Bands, [two[0], {"name": "Down", "from_level": 0}, two[1]]) == [
        ("value_error", (), "Value error, bands must be listed with from_level strictly ascending")
    ]


def test_a_band_may_have_one_or_two_next_steps() -> None:
    assert read(NextSteps, ["a"]) == ("a",)
    assert read(NextSteps, ["a", "b"]) == ("a", "b")
    assert problems(NextSteps, []) == [
        ("too_short", (), "Tuple should have at least 1 item after validation, not 0")
    ]
    assert problems(NextSteps, ["a", "b", "c"]) == [
        ("too_long", (), "Tuple should have at most 2 items after validation, not 3")
    ]


def test_a_requirement_on_the_old_score_scale_is_refused_as_a_whole() -> None:
    assert read(Need, {"level": 3.5, "importance": 4}) == Requirement(level=3.5, importance=4)
    assert problems(Need, {"required": 70, "level": 9}) == [
        (
            "value_error",
            (),
            "Value error, required (a 0-100 score) is no longer read: give level, the O*NET "
            "level (0-7) as published",
        )
    ]
    assert problems(Need, {"level": 3, "importance": 6}) == [
        ("less_than_equal", ("importance",), "Input should be less than or equal to 5")
    ]


def test_anchors_are_tasks_at_whole_levels_from_0_to_7() -> None:
    assert read(Anchors, {0: "Sweep", 7: "Design"}) == {0: "Sweep", 7: "Design"}
    assert problems(Anchors, {}) == [
        ("value_error", (), "Value error, must give at least one anchor task")
    ]
    assert problems(Anchors, {8: "Invent"}) == [
        ("less_than_equal", (8, "[key]"), "Input should be less than or equal to 7")
    ]
    assert problems(Anchors, {-1: "Nap"}) == [
        ("greater_than_equal", (-1, "[key]"), "Input should be greater than or equal to 0")
    ]

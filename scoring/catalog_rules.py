"""The rules a catalog file is validated by, as pydantic types.

scoring.catalog, scoring.anchors and scoring.calibration_gates declare each constrained
type with a ``Rule`` naming a function here; pydantic (imported by this module) is loaded
only when a catalog file is validated, never when a catalog kept validated is read.
"""

from __future__ import annotations

from itertools import pairwise
from typing import Annotated, Any, TypeVar

from pydantic import AfterValidator, BeforeValidator, Field, StrictFloat, StrictInt
from pydantic_core import PydanticCustomError

from questions.models import Text
from questions.numbers import too_large
from scoring.catalog import Band, Requirement


def _fits_a_float(value: Any) -> Any:
    """Refuse a whole number of more digits than a float holds: the finiteness check (and
    scoring) would read it as a float and fail, rather than say what is wrong."""
    if isinstance(value, int) and not isinstance(value, bool) and too_large(value):
        raise PydanticCustomError(
            "number_too_large", "a whole number of more than 300 digits is too large to score"
        )
    return value


# Checked on the union, not on the float alone, so a .nan is one problem ("a finite
# number") rather than two (not an integer, not finite).
_NUMBER = Annotated[
    StrictInt | StrictFloat, Field(allow_inf_nan=False), BeforeValidator(_fits_a_float)
]


def number(bounds: dict[str, Any] | None = None) -> Any:
    """A number (an int or a finite float), within ``bounds`` (Field's ge, gt, le, lt)."""
    return _NUMBER if bounds is None else Annotated[_NUMBER, Field(**bounds)]


def whole(bounds: dict[str, Any]) -> Any:
    """A whole number (never a bool, a float or text) within ``bounds`` (as ``number``)."""
    return Annotated[StrictInt, Field(**bounds)]


def pattern(regex: str) -> Any:
    """Text that matches ``regex`` (a SOC code, a release's month and year)."""
    return Annotated[str, Field(pattern=regex)]


T = TypeVar("T", tuple[Any, ...], dict[Any, Any])


def _not_empty(value: T) -> T:
    # An after-validator rather than min_length: pydantic reports min_length as well when
    # every entry is invalid, which would add a false "no roles" to the real problems.
    if not value:
        raise ValueError("must not be empty")
    return value


def not_empty(kind: Any) -> Any:
    """``kind`` (a tuple or dict type) with at least one entry."""
    return Annotated[kind, AfterValidator(_not_empty)]


def _ascending(bands: tuple[Band, ...]) -> tuple[Band, ...]:
    # Checked where the bands key is, so the problem is reported at its line.
    if not bands or bands[0].from_level != 0:
        raise ValueError("the first band must start at from_level 0")
    for lower, upper in pairwise(bands):
        if upper.from_level <= lower.from_level:
            raise ValueError("bands must be listed with from_level strictly ascending")
    names = [band.name.casefold() for band in bands]
    if len(set(names)) != len(names):
        raise ValueError("band names must be unique")
    return bands


def bands() -> Any:
    return Annotated[tuple[Band, ...], AfterValidator(_ascending)]


def next_steps() -> Any:
    return Annotated[tuple[Text, ...], Field(min_length=1, max_length=2)]


def _no_score_scale(data: Any) -> Any:
    if isinstance(data, dict) and "required" in data:
        raise ValueError(
            "required (a 0-100 score) is no longer read: give level, the O*NET level "
            "(0-7) as published"
        )
    return data


def requirement() -> Any:
    # Before the requirement's own keys are read, as the problem makes them moot.
    return Annotated[Requirement, BeforeValidator(_no_score_scale)]


def _some(anchors: dict[int, str]) -> dict[int, str]:
    if not anchors:
        raise ValueError("must give at least one anchor task")
    return anchors


_ANCHOR_LEVEL = Annotated[StrictInt, Field(ge=0, le=7)]


def anchors() -> Any:
    return Annotated[dict[_ANCHOR_LEVEL, Text], AfterValidator(_some)]

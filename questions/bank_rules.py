"""The rules bank text and numbers are validated by, as pydantic types.

questions.models declares each constrained type with a ``Rule`` naming a function here;
pydantic (imported by this module) is loaded only when a bank, or anything else holding
bank types, is validated.
"""

from __future__ import annotations

import math
import re
from decimal import Decimal
from typing import Annotated, Any

from pydantic import (
    AfterValidator,
    AllowInfNan,
    BeforeValidator,
    Field,
    StrictBool,
    StrictFloat,
    StrictInt,
    StringConstraints,
)
from pydantic_core import PydanticCustomError

from questions.models import (
    BIDI_CONTROLS,
    LEVEL_MAX,
    LEVEL_MIN,
    SUPPORTED_SCHEMAS,
    ZERO_WIDTH,
    ChoiceItem,
    LikertItem,
    MatchItem,
    MultiItem,
    NumericItem,
    OrderItem,
    TextItem,
    exhibit_problems,
    unique_texts,
)
from questions.numbers import too_large

# Control characters (Unicode's Cc: C0, DEL and C1) but the line break, and the above.
_REFUSED = re.compile(f"[\x00-\x09\x0b-\x1f\x7f-\x9f{BIDI_CONTROLS}{ZERO_WIDTH}]")


def _printable(text: str) -> str:
    """Refuse control characters other than line breaks: bank text reaches terminals, where
    ESC and its kin can retitle the window, clear the screen or hide what follows; and
    refuse bidi controls and zero-width characters, which make text read other than it is."""
    found = _REFUSED.search(text)
    if found is None:
        return text
    char, position = found.group(), found.start() + 1
    if char in BIDI_CONTROLS or char in ZERO_WIDTH:
        kind = "bidi control" if char in BIDI_CONTROLS else "zero-width"
        raise ValueError(
            f"a {kind} character (U+{ord(char):04X}) at character {position}; bank text "
            "holds no characters that reorder or hide the text around them"
        )
    raise ValueError(
        f"a control character (\\x{ord(char):02x}) at character {position}; bank text "
        "holds printable characters and line breaks only"
    )


# What YAML, GIFT or a terminal may take for the end of a line.
_LINE_BREAK = re.compile("[\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029]")


def _one_line(text: str) -> str:
    """Refuse a line break in a text that names something (a skill, an option, a step, an
    answer, a unit, a tag): it is shown on one line, and written into one line of GIFT,
    where a break would start a new question."""
    found = _LINE_BREAK.search(text)
    if found is not None:
        raise ValueError(
            f"a line break at character {found.start() + 1}; this text is one line "
            "(only a question's text, explanation and description may have more)"
        )
    return text


_TEXT = Annotated[
    str,
    StringConstraints(strict=True, strip_whitespace=True, min_length=1),
    AfterValidator(_printable),
]


def text() -> Any:
    return _TEXT


_NAME = Annotated[_TEXT, AfterValidator(_one_line)]


def name() -> Any:
    return _NAME


def skill_id() -> Any:
    return Annotated[str, StringConstraints(strict=True, pattern=r"^[a-z][a-z0-9]*(_[a-z0-9]+)*$")]


def item_id() -> Any:
    return Annotated[
        str, StringConstraints(strict=True, pattern=r"^[A-Za-z0-9][A-Za-z0-9_.-]*$", max_length=64)
    ]


def _bank_number(value: Any) -> Any:
    """One clear problem for a value that is not a number scoring can use: a bool, a number
    of more digits than a float holds (scoring works in floats) or text YAML did not read as
    a number ("1e3" needs a dot and a signed exponent in YAML 1.1: 1.0e+3)."""
    if isinstance(value, bool):
        raise PydanticCustomError("number_type", "should be a number, not true/false")
    if isinstance(value, int) and too_large(value):
        raise PydanticCustomError(
            "number_too_large", "a whole number of more than 300 digits is too large to score"
        )
    if isinstance(value, float) and not math.isfinite(value):
        raise PydanticCustomError("number_too_large", "should be a finite number")
    if isinstance(value, str) and _NUMERIC.fullmatch(value) and math.isfinite(float(value)):
        shown = value if len(value) <= 30 else f"{value[:20]}..."
        raise PydanticCustomError(
            "number_as_text",
            "should be a number; YAML reads {shown} as text: write {plain}, or {dotted}",
            {"shown": shown, **_spellings(value)},
        )
    if not isinstance(value, int | float):
        # One problem, not one per kind of number the union would try.
        raise PydanticCustomError("number_type", "should be a number")
    return value


# Text that Python reads as a number but YAML 1.1 does not ("1e3", "5e-2", "1.5E3").
_NUMERIC = re.compile(r"[-+]?(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:[eE][-+]?[0-9]+)?")


def _spellings(text: str) -> dict[str, str]:
    """How to write a number YAML would read: plainly (no exponent, which YAML 1.1 would read
    as text again), and with a dot and signed exponent. Both hold every digit of the float
    the text stands for (its shortest repr), so neither suggests another number."""
    exact = Decimal(repr(float(text))).normalize()
    sign, digits, exponent = exact.as_tuple()
    assert isinstance(exponent, int)  # a finite number: the caller checked
    shown = "".join(str(digit) for digit in digits)
    mantissa = f"{shown[0]}.{shown[1:] or '0'}"
    power = exponent + len(digits) - 1
    return {"plain": f"{exact:f}", "dotted": f"{'-' * sign}{mantissa}e{power:+d}"}


_NUMBER = Annotated[
    StrictInt | Annotated[StrictFloat, AllowInfNan(False)], BeforeValidator(_bank_number)
]


def number(low: float | None = None, high: float | None = None) -> Any:
    """A number, at least ``low`` and at most ``high`` where given."""
    if low is None and high is None:
        return _NUMBER
    return Annotated[_NUMBER, Field(ge=low, le=high)]


def _supported_schema(version: int) -> int:
    if version not in SUPPORTED_SCHEMAS:
        supported = ", ".join(str(v) for v in SUPPORTED_SCHEMAS)
        raise ValueError(f"schema {version} is not supported (this version reads {supported})")
    return version


def schema_version() -> Any:
    return Annotated[StrictInt, AfterValidator(_supported_schema)]


def strict_bool() -> Any:
    return StrictBool


def _check_exhibit(value: Any) -> str | None:
    """Keep an exhibit verbatim but for blank lines around it and spaces at line ends."""
    if value is None:
        return None
    if not isinstance(value, str):
        raise PydanticCustomError("string_type", "Input should be a valid string")
    lines = [line.rstrip(" ") for line in value.split("\n")]
    while lines and not lines[0].strip():
        lines.pop(0)
    while lines and not lines[-1].strip():
        lines.pop()
    if not lines:
        raise PydanticCustomError("exhibit_empty", "an exhibit needs at least one line of text")
    problems = exhibit_problems(value)
    if problems:
        # Lines are counted in the text as written, so the loader can point at each one.
        raise PydanticCustomError(
            "exhibit_lines",
            "exhibit line {first}: {reason}",
            {"first": problems[0][0], "reason": problems[0][1], "lines": problems},
        )
    return "\n".join(lines)


def exhibit() -> Any:
    return Annotated[str | None, BeforeValidator(_check_exhibit)]


def _one_decimal_level(value: float) -> float:
    """A level is a judgement against O*NET's anchors: a tenth of a level is as fine as
    anyone can judge it, so more decimals are a typo rather than precision."""
    if round(value, 1) != value:
        raise PydanticCustomError(
            "level_decimals", "a level is given to one decimal place (e.g. 3.5)"
        )
    return float(value)


def item_level() -> Any:
    return Annotated[_NUMBER, Field(ge=LEVEL_MIN, le=LEVEL_MAX), AfterValidator(_one_decimal_level)]


def _order_items(items: tuple[str, ...]) -> tuple[str, ...]:
    # A field validator, so the problem is reported at the items key's line.
    if len(items) < 3:
        raise ValueError("an order item needs at least 3 items to put in order")
    unique_texts(list(items), "item")
    return items


def order_items() -> Any:
    return Annotated[tuple[_NAME, ...], AfterValidator(_order_items)]


_ITEM = Annotated[
    LikertItem | ChoiceItem | MultiItem | NumericItem | OrderItem | TextItem | MatchItem,
    Field(discriminator="type"),
]


def item() -> Any:
    return _ITEM


def _not_empty(questions: tuple[Any, ...]) -> tuple[Any, ...]:
    if not questions:
        raise ValueError("a bank needs at least one question")
    return questions


def bank_questions() -> Any:
    return Annotated[tuple[_ITEM, ...], AfterValidator(_not_empty)]

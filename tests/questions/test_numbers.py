"""Numbers as people write them: one parser for prompts, plain mode and answers files."""

from __future__ import annotations

import pytest

from questions.numbers import NumberError, parse_number

COMMA = "use a dot for decimals, a comma only before groups of three digits"


@pytest.mark.parametrize(
    ("typed", "unit", "number"),
    [
        ("$378", "USD", 378),
        ("378 dollars", "USD", 378),
        ("USD 378", "USD", 378),
        ("378 usd", "USD", 378),
        ("US$ 378.50", "USD", 378.5),
        ("-$5", "USD", -5),
        ("+$5", "USD", 5),
        ("+5", None, 5),
        ("- 5", None, -5),
        ("0", None, 0),
        ("000", "USD", 0),
        ("- $5", "USD", -5),
        ("1,152", "USD", 1152),
        ("$1,152", "USD", 1152),
        ("1,234,567.5", None, 1234567.5),
        ("48 bottles", "bottles", 48),
        ("1 bottle", "bottles", 1),
        ("1 hr", "hrs", 1),
        ("12 a day", "units per day", 12),
        ("5 mg", "mg per kg per day", 5),
        ("5 per kg per day", "mg per kg per day", 5),
        ("48", "bottles", 48),
        ("75%", "%", 75),
        ("75 percent", "%", 75),
        ("4.5 percentage points", "percentage points", 4.5),
        ("4.5%", "percentage points", 4.5),
        ("52 units per hour", "units per hour", 52),
        ("1e3", None, 1000.0),
        (".5", None, 0.5),
        ("0" * 4400 + "9", None, 9),
    ],
)
def test_numbers_are_read_as_people_write_them(typed: str, unit: str | None, number: float) -> None:
    assert parse_number(typed, unit) == number


@pytest.mark.parametrize(
    ("typed", "unit", "reason"),
    [
        (
            "1,5",
            "%",
            "'1,5' is not a number: " + COMMA,
        ),
        (
            "1,25",
            None,
            "'1,25' is not a number: " + COMMA,
        ),
        (
            "12,3456",
            None,
            "'12,3456' is not a number: " + COMMA,
        ),
        ("4 kg", "%", "'4 kg' is not a number in %"),
        ("5 kg", "g", "'5 kg' is not a number in g"),
        ("€378", "USD", "'€378' is not a number"),
        ("378 bottles", "USD", "'378 bottles' is not a number in USD"),
        ("48/", "bottles", "'48/' is not a number in bottles"),
        ("3 bo", "box", "'3 bo' is not a number in box"),
        ("5 m", "ms", "'5 m' is not a number in ms"),
        ("5 mg per kg", "mg per kg per day", "'5 mg per kg' is not a number in mg per kg per day"),
        ("x" * 30, None, f"{'x' * 30!r} is not a number"),
        ("x" * 31, None, f"{'x' * 20!r}... (31 characters) is not a number"),
        ("lots", None, "'lots' is not a number"),
        ("nan", None, "'nan' is not a number"),
        ("inf", None, "'inf' is not a number"),
        ("", None, "'' is not a number"),
        ("-", "USD", "'-' is not a number"),
        ("$", "USD", "'$' is not a number"),
        ("1e400", None, "'1e400' is too large a number"),
        ("9" * 400, None, "'99999999999999999999'... (400 characters) is too large a number"),
    ],
)
def test_what_is_not_a_number_in_the_unit_is_refused_with_the_reason(
    typed: str, unit: str | None, reason: str
) -> None:
    with pytest.raises(NumberError) as raised:
        parse_number(typed, unit)
    assert str(raised.value) == reason


@pytest.mark.parametrize(
    "typed",
    [
        "293",
        "293 units",
        "293 unit",
        "293 per hour",
        "293 an hour",
        "293 units/hour",
        "293 units / hour",
        "293 units per hour",
        "293 Units Per Hour",
    ],
)
def test_a_rate_takes_its_unit_in_any_sensible_part(typed: str) -> None:
    assert parse_number(typed, "units per hour") == 293


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("293 hours", "'293 hours' is not a number in units per hour"),
        ("293 units per day", "'293 units per day' is not a number in units per hour"),
        ("293 per", "'293 per' is not a number in units per hour"),
    ],
)
def test_a_rate_refuses_other_units(typed: str, message: str) -> None:
    with pytest.raises(NumberError) as error:
        parse_number(typed, "units per hour")
    assert str(error.value) == message


def test_a_rate_written_with_a_slash_takes_its_parts_too() -> None:
    assert [parse_number(t, "parts/min") for t in ("5 parts", "5 part/min", "5 /min")] == [5, 5, 5]

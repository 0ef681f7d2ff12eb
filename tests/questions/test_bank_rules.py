"""The rules bank text and numbers are validated by, each with the whole problem an author
is told: its kind, and its message as the loader prints it after the place."""

from __future__ import annotations

from typing import Any

import pytest
from pydantic import TypeAdapter, ValidationError

from questions.models import (
    BankQuestions,
    Credit,
    Exhibit,
    ItemId,
    ItemLevel,
    Name,
    Number,
    OrderSteps,
    SchemaVersion,
    SkillId,
    Text,
    Tolerance,
)

SKILL_PATTERN = "String should match pattern '^[a-z][a-z0-9]*(_[a-z0-9]+)*$'"
ITEM_PATTERN = "String should match pattern '^[A-Za-z0-9][A-Za-z0-9_.-]*$'"


def read(kind: Any, value: Any) -> Any:
    # A new adapter each time: the rule is built from its declaration, as on first use.
    return TypeAdapter(kind).validate_python(value)


def problems(kind: Any, value: Any) -> list[tuple[str, str]]:
    with pytest.raises(ValidationError) as caught:
        read(kind, value)
    return [(e["type"], e["msg"]) for e in caught.value.errors(include_url=False)]


def problem(kind: Any, value: Any) -> tuple[str, str]:
    found = problems(kind, value)
    assert len(found) == 1, found
    return found[0]


CONTROL = "bank text holds printable characters and line breaks only"
HIDDEN = "bank text holds no characters that reorder or hide the text around them"


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("ab\x07c", f"a control character (\\x07) at character 3; {CONTROL}"),
        ("\x1b[2J", f"a control character (\\x1b) at character 1; {CONTROL}"),
        ("a\u202ebc", f"a bidi control character (U+202E) at character 2; {HIDDEN}"),
        ("abc\u200b", f"a zero-width character (U+200B) at character 4; {HIDDEN}"),
        ("x\ufeffy\u202e", f"a zero-width character (U+FEFF) at character 2; {HIDDEN}"),
    ],
)
def test_text_refuses_what_a_terminal_would_act_on_or_hide(value: str, message: str) -> None:
    assert problem(Text, value) == ("value_error", f"Value error, {message}")


def test_text_is_stripped_may_break_lines_and_is_never_empty() -> None:
    assert read(Text, "  two\nlines ") == "two\nlines"
    assert problem(Text, "   ") == (
        "string_too_short",
        "String should have at least 1 character",
    )
    assert problem(Text, 5) == ("string_type", "Input should be a valid string")


@pytest.mark.parametrize(
    ("value", "place"),
    [("a\nb", 2), ("ab\u2028c", 3), ("abc\u2029d", 4)],
)
def test_a_name_is_one_line(value: str, place: int) -> None:
    assert problem(Name, f" {value}") == (
        "value_error",
        f"Value error, a line break at character {place}; this text is one line (only a "
        "question's text, explanation and description may have more)",
    )
    assert read(Name, " pin gauge ") == "pin gauge"


def test_a_name_is_refused_a_control_character_before_a_line_break() -> None:
    assert problem(Name, "a\x07b\nc") == (
        "value_error",
        f"Value error, a control character (\\x07) at character 2; {CONTROL}",
    )


def test_a_skill_id_is_lower_case_words_joined_by_single_underscores() -> None:
    assert [read(SkillId, v) for v in ("gdt", "lean_six2", "a1_b2")] == [
        "gdt",
        "lean_six2",
        "a1_b2",
    ]
    for bad in ("Gdt", "lean__six", "2gdt", "lean_", "GDT"):
        assert problem(SkillId, bad) == ("string_pattern_mismatch", SKILL_PATTERN), bad
    assert problem(SkillId, b"gdt") == ("string_type", "Input should be a valid string")


def test_an_item_id_is_64_characters_of_letters_digits_and_marks_at_most() -> None:
    longest = "Q" + "a" * 63
    assert [read(ItemId, v) for v in ("g-num-01", "Z.9_x", longest)] == [
        "g-num-01", "Z.9_x", longest,
    ]  # fmt: skip
    assert problem(ItemId, longest + "b") == (
        "string_too_long",
        "String should have at most 64 characters",
    )
    for bad in ("-lead", "_lead", "a b", "é1"):
        assert problem(ItemId, bad) == ("string_pattern_mismatch", ITEM_PATTERN), bad
    # YAML's !!binary makes bytes, which lax pydantic would read as text.
    for other in (12, b"g-num-01"):
        assert problem(ItemId, other) == ("string_type", "Input should be a valid string")


def test_a_number_is_an_int_or_a_finite_float_and_one_problem_otherwise() -> None:
    assert [read(Number, v) for v in (3, -2.5, 0)] == [3, -2.5, 0]
    assert problem(Number, True) == ("number_type", "should be a number, not true/false")
    assert problem(Number, 10**301) == (
        "number_too_large",
        "a whole number of more than 300 digits is too large to score",
    )
    assert read(Number, 10**299) == 10**299
    assert problem(Number, float("inf")) == ("number_too_large", "should be a finite number")
    assert problem(Number, float("nan")) == ("number_too_large", "should be a finite number")
    assert problem(Number, "three") == ("number_type", "should be a number")
    assert problem(Number, None) == ("number_type", "should be a number")
    assert problem(Number, "1e999") == ("number_type", "should be a number")


@pytest.mark.parametrize(
    ("written", "plain", "dotted"),
    [
        ("1e3", "1000", "1.0e+3"),
        ("1.5E3", "1500", "1.5e+3"),
        ("5e-2", "0.05", "5.0e-2"),
        ("-2e3", "-2000", "-2.0e+3"),
        ("1e15", "1000000000000000", "1.0e+15"),
        ("1e16", "10000000000000000", "1.0e+16"),
        ("1e-7", "0.0000001", "1.0e-7"),
        ("1.2345678e3", "1234.5678", "1.2345678e+3"),
    ],
)
def test_a_number_yaml_read_as_text_is_told_how_to_write_it(
    written: str, plain: str, dotted: str
) -> None:
    # Both spellings are ones YAML 1.1 reads as the same number, every digit kept.
    assert problem(Number, written) == (
        "number_as_text",
        f"should be a number; YAML reads {written} as text: write {plain}, or {dotted}",
    )


def test_a_long_number_read_as_text_is_cut_short_in_the_message() -> None:
    exactly_30 = "1" * 26 + "e-10"
    assert problem(Number, exactly_30)[1].startswith(
        f"should be a number; YAML reads {exactly_30} as text: write "
    )
    longer = "1" * 27 + "e-10"
    assert problem(Number, longer)[1].startswith(
        f"should be a number; YAML reads {'1' * 20}... as text: write "
    )


def test_a_credit_is_between_0_and_1_and_a_tolerance_at_least_0() -> None:
    assert [read(Credit, v) for v in (0, 0.5, 1)] == [0, 0.5, 1]
    assert problem(Credit, 1.5) == ("less_than_equal", "Input should be less than or equal to 1")
    assert problem(Credit, -0.1) == (
        "greater_than_equal",
        "Input should be greater than or equal to 0",
    )
    assert read(Tolerance, 10**6) == 10**6
    assert problem(Tolerance, -1) == (
        "greater_than_equal",
        "Input should be greater than or equal to 0",
    )
    assert problem(Credit, True) == ("number_type", "should be a number, not true/false")


def test_a_schema_this_version_does_not_read_is_named() -> None:
    assert read(SchemaVersion, 1) == 1
    assert problem(SchemaVersion, 2) == (
        "value_error",
        "Value error, schema 2 is not supported (this version reads 1)",
    )
    assert problem(SchemaVersion, "1") == ("int_type", "Input should be a valid integer")


def test_an_exhibit_keeps_its_lines_but_blank_ones_around_it_and_end_spaces() -> None:
    assert read(Exhibit, None) is None
    assert read(Exhibit, "\n  \n  A | B  \n  C\n\n") == "  A | B\n  C"
    # Only spaces: a no-break space is the author's own, kept as written.
    assert read(Exhibit, "A\u00a0 \nB") == "A\u00a0\nB"
    assert read(Exhibit, "BOX X  \nY") == "BOX X\nY"
    assert problem(Exhibit, 5) == ("string_type", "Input should be a valid string")
    assert problem(Exhibit, " \n \n") == (
        "exhibit_empty",
        "an exhibit needs at least one line of text",
    )


def test_an_exhibit_line_that_cannot_be_shown_is_named_with_every_such_line() -> None:
    with pytest.raises(ValidationError) as caught:
        read(Exhibit, "ok\nbell \x07\nok\nbidi \u202e")
    [error] = caught.value.errors(include_url=False)
    assert error["type"] == "exhibit_lines"
    assert error["msg"] == f"exhibit line 2: {error['ctx']['lines'][0][1]}"
    assert [line for line, _ in error["ctx"]["lines"]] == [2, 4]
    assert error["ctx"]["first"] == 2


def test_an_item_level_is_on_the_onet_scale_to_one_decimal() -> None:
    assert [read(ItemLevel, v) for v in (0, 3.5, 7)] == [0.0, 3.5, 7.0]
    assert type(read(ItemLevel, 4)) is float
    assert problem(ItemLevel, 7.1) == (
        "less_than_equal",
        "Input should be less than or equal to 7",
    )
    assert problem(ItemLevel, -0.1) == (
        "greater_than_equal",
        "Input should be greater than or equal to 0",
    )
    assert problem(ItemLevel, 3.55) == (
        "level_decimals",
        "a level is given to one decimal place (e.g. 3.5)",
    )


def test_steps_to_order_are_three_or_more_one_line_texts() -> None:
    assert read(OrderSteps, ["a", "b", "c"]) == ("a", "b", "c")
    assert problem(OrderSteps, ["a", "b"]) == (
        "value_error",
        "Value error, an order item needs at least 3 items to put in order",
    )
    assert problem(OrderSteps, ["a", "b", "a"]) == (
        "value_error",
        "Value error, item texts must be unique within an item; 'a' repeats",
    )


def test_a_bank_has_at_least_one_question() -> None:
    assert problem(BankQuestions, []) == (
        "value_error",
        "Value error, a bank needs at least one question",
    )

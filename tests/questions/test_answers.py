"""Answers given as data (answers file, storage, plain mode) are checked and normalised."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from questions import parse_bank
from questions.answers import AnswerError, check_answer, keyed_answer
from questions.models import Item

BANK = """\
schema: 1
skill: {id: data_analysis, name: Data analysis}
questions:
  - id: da-self-01
    type: likert
    text: I check output figures before I trust them.
  - id: da-scn-01
    type: choice
    text: Which line is more productive per hour?
    options:
      - {text: Line B, credit: 0}
      - {text: Line C, credit: 1}
  - id: da-multi-01
    type: multi
    text: Which are wastes?
    options:
      - {text: Waiting, correct: true}
      - {text: Overproduction, correct: true}
      - {text: Kaizen, correct: false}
  - id: da-num-01
    type: numeric
    text: Defect rate in percent?
    answer: 4
    tolerance: 0.05
    unit: "%"
  - id: rs-ord-01
    type: order
    text: Lock-out steps, in order.
    items: [Shut down, Isolate, Lock and tag, Verify]
"""

ITEMS: dict[str, Item] = {item.id: item for item in parse_bank(BANK).bank.questions}


def check(item_id: str, value: object) -> object:
    return check_answer(ITEMS[item_id], value)


def refused(item_id: str, value: object) -> str:
    with pytest.raises(AnswerError) as error:
        check_answer(ITEMS[item_id], value)
    return str(error.value)


@pytest.mark.parametrize("item_id", list(ITEMS))
def test_skipping_is_always_allowed(item_id: str) -> None:
    assert check(item_id, None) is None


def test_likert_takes_one_to_five_or_the_label() -> None:
    assert [check("da-self-01", n) for n in range(1, 6)] == [1, 2, 3, 4, 5]
    assert check("da-self-01", "strongly AGREE") == 5
    assert check("da-self-01", "3") == 3


@pytest.mark.parametrize("value", [0, 6, True, 2.5, "sometimes", [3]])
def test_likert_refuses_anything_else(value: object) -> None:
    assert "whole number from 1 to 5" in refused("da-self-01", value)


def test_choice_matches_option_text_loosely_and_returns_the_bank_spelling() -> None:
    assert check("da-scn-01", "  line   c ") == "Line C"


def test_choice_names_the_answer_that_is_not_an_option() -> None:
    assert refused("da-scn-01", "Lime C") == (
        "'Lime C' is not one of the options; did you mean 'Line C'?"
    )
    # As near one option as the other: no guess.
    assert refused("da-scn-01", "Line Q") == ("'Line Q' is not one of the options")
    assert refused("da-scn-01", "Neither") == ("'Neither' is not one of the options")
    assert refused("da-scn-01", 3) == ("'3' is not one of the options")
    assert "expected option text or number" in refused("da-scn-01", [2])


def test_an_option_off_by_a_typo_is_suggested() -> None:
    assert refused("da-multi-01", ["Overproduciton"]).endswith("did you mean 'Overproduction'?")
    assert refused("rs-ord-01", ["Shut down", "Isolate", "Lock and tga", "Verify"]).endswith(
        "did you mean 'Lock and tag'?"
    )


def test_an_option_may_be_given_by_its_number_as_listed() -> None:
    assert check("da-scn-01", 2) == "Line C"
    assert check("da-scn-01", "2") == "Line C"
    assert check("da-multi-01", [3, 1]) == ["Waiting", "Kaizen"]
    # Steps are numbered as `banks --questions` lists them: alphabetically.
    assert check("rs-ord-01", [3, 1, 2, 4]) == ["Shut down", "Isolate", "Lock and tag", "Verify"]


def test_a_single_multi_pick_needs_no_list() -> None:
    assert check("da-multi-01", "waiting") == ["Waiting"]
    assert check("da-multi-01", 2) == ["Overproduction"]


NUMBERED = """\
schema: 1
skill: {id: attention_to_detail, name: Attention to detail}
questions:
  - id: ad-scn-04
    type: choice
    text: Which reading fails?
    options:
      - {text: "25.02", credit: 0}
      - {text: "24.998", credit: 1}
      - {text: "1", credit: 0}
      - {text: "None of them", credit: 0}
"""


def test_an_unquoted_number_matches_an_option_with_that_text() -> None:
    item = parse_bank(NUMBERED).bank.questions[0]
    assert check_answer(item, 24.998) == "24.998"
    assert check_answer(item, 25.020) == "25.02"
    assert check_answer(item, 4) == "None of them"
    assert check_answer(item, "1") == "1"  # quoted: the text first
    with pytest.raises(AnswerError) as error:
        check_answer(item, 1)
    assert str(error.value) == (
        "1 could be option 1 ('25.02') or the option '1'; write that option's text instead"
    )


def test_multi_returns_picks_in_the_bank_order() -> None:
    assert check("da-multi-01", ["overproduction", "Waiting"]) == ["Waiting", "Overproduction"]


@pytest.mark.parametrize(
    ("value", "reason"),
    [
        ([], "at least one option"),
        (["Waiting", "waiting"], "only once"),
        (["Muda"], "'Muda' is not one of the options"),
        ({"Waiting": 1}, "a list of option texts or numbers"),
    ],
)
def test_multi_refusals_say_why(value: object, reason: str) -> None:
    assert reason in refused("da-multi-01", value)


@pytest.mark.parametrize(
    ("value", "number"),
    [
        (4, 4),
        (4.04, 4.04),
        ("4", 4),
        ("4.5", 4.5),
        ("4 %", 4),
        ("4 percent", 4),
        ("1,250", 1250),
        ("-2", -2),
    ],
)
def test_numeric_accepts_numbers_and_numeric_text(value: object, number: float) -> None:
    assert check("da-num-01", value) == number


@pytest.mark.parametrize("value", ["four", True, "nan", float("inf"), [4], "1,25"])
def test_numeric_refuses_what_is_not_a_finite_number(value: object) -> None:
    assert "number" in refused("da-num-01", value)


def test_order_accepts_a_permutation_in_any_case() -> None:
    given_order = ["isolate", "Shut down", "Verify", "lock and tag"]
    assert check("rs-ord-01", given_order) == ["Isolate", "Shut down", "Verify", "Lock and tag"]


@pytest.mark.parametrize(
    ("value", "reason"),
    [
        (["Shut down", "Isolate", "Verify"], "missing 'Lock and tag'"),
        (["Shut down", "Shut down", "Isolate", "Verify"], "'Shut down' appears more than once"),
        (["Shut down", "Isolate", "Lock", "Verify"], "'Lock' is not one of the items"),
        ("Shut down", "a list of item texts or numbers"),
    ],
)
def test_order_refusals_say_why(value: object, reason: str) -> None:
    assert reason in refused("rs-ord-01", value)


def test_keyed_answers_have_the_answer_shape() -> None:
    assert keyed_answer(ITEMS["da-self-01"]) is None
    assert keyed_answer(ITEMS["da-scn-01"]) == "Line C"
    assert keyed_answer(ITEMS["da-multi-01"]) == ["Waiting", "Overproduction"]
    assert keyed_answer(ITEMS["da-num-01"]) == 4
    assert keyed_answer(ITEMS["rs-ord-01"]) == ["Shut down", "Isolate", "Lock and tag", "Verify"]


@given(st.sampled_from([i for i in ITEMS if i != "da-self-01"]))
def test_the_keyed_answer_is_a_valid_answer_unchanged(item_id: str) -> None:
    keyed = keyed_answer(ITEMS[item_id])
    assert check(item_id, keyed) == keyed


@given(st.permutations(["Shut down", "Isolate", "Lock and tag", "Verify"]))
def test_every_permutation_is_a_valid_order(order: list[str]) -> None:
    assert check("rs-ord-01", order) == order


@pytest.mark.parametrize("value", ["²", "٣", "9" * 5000, " 12345678901234567890 "])
def test_likert_refuses_digits_that_are_not_a_small_whole_number(value: str) -> None:
    assert "whole number from 1 to 5" in refused("da-self-01", value)


@pytest.mark.parametrize("value", ["²", "9" * 5000, float("inf")])
def test_numeric_refuses_unusable_digits_with_a_short_reason(value: object) -> None:
    reason = refused("da-num-01", value)
    assert "number" in reason and len(reason) < 120


@given(st.text())
def test_any_text_is_accepted_or_refused_with_a_reason(text: str) -> None:
    for item_id in ITEMS:
        try:
            check(item_id, text)
        except AnswerError as error:
            assert str(error)

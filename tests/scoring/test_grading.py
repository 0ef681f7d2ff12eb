"""Grading one response, worked by hand for every item type."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from questions import parse_bank
from questions.answers import AnswerError
from questions.models import Item, LikertItem
from questions.record import replace
from scoring import grade
from scoring.grading import readable_pattern

BANK = """\
schema: 1
skill: {id: research, name: Research}
questions:
  - id: self-forward
    type: likert
    text: I look things up before I act.
  - id: self-reverse
    type: likert
    text: I rarely read manuals.
    reverse: true
  - id: choice
    type: choice
    text: Where do you check a machine's safe limits first?
    options:
      - {text: The manufacturer's manual, credit: 1}
      - {text: A colleague, credit: 0.5}
      - {text: A forum post, credit: 0}
  - id: multi
    type: multi
    text: Which are lean wastes?
    options:
      - {text: Waiting, correct: true}
      - {text: Overproduction, correct: true}
      - {text: Defects, correct: true}
      - {text: Kaizen, correct: false}
      - {text: Kanban, correct: false}
  - id: numeric
    type: numeric
    text: 1,250 units, 50 failed. Defect rate in percent?
    answer: 4
    tolerance: 0.05
  - id: exact
    type: numeric
    text: 0.1 plus 0.2?
    answer: 0.3
  - id: order
    type: order
    text: Lock-out steps, in order.
    items: [Shut down, Isolate, Lock and tag, Verify]
"""

ITEMS: dict[str, Item] = {item.id: item for item in parse_bank(BANK).bank.questions}


def credit(item_id: str, answer: object) -> float | None:
    return grade(ITEMS[item_id], answer)  # type: ignore[arg-type]


def test_likert_steps_by_a_quarter() -> None:
    assert [credit("self-forward", n) for n in range(1, 6)] == [0, 0.25, 0.5, 0.75, 1]


def test_reverse_keyed_likert_flips() -> None:
    assert [credit("self-reverse", n) for n in range(1, 6)] == [1, 0.75, 0.5, 0.25, 0]


def test_choice_earns_the_chosen_options_credit() -> None:
    assert credit("choice", "The manufacturer's manual") == 1
    assert credit("choice", "A colleague") == 0.5
    assert credit("choice", "A forum post") == 0


@pytest.mark.parametrize(
    ("picked", "expected"),
    [
        (["Waiting", "Overproduction", "Defects"], 1),  # all right
        (["Waiting", "Overproduction"], 2 / 3),  # two of three right
        (["Waiting", "Overproduction", "Defects", "Kaizen"], 1 / 2),  # one wrong costs 1/2
        (["Waiting", "Kaizen"], 0),  # 1/3 - 1/2 clamps to 0
        (["Waiting", "Overproduction", "Defects", "Kaizen", "Kanban"], 0),  # ticking all
    ],
)
def test_multi_uses_signed_fractions_clamped(picked: list[str], expected: float) -> None:
    assert credit("multi", picked) == pytest.approx(expected)


@pytest.mark.parametrize(
    ("given_value", "expected"), [(4, 1), (4.05, 1), (3.95, 1), (4.06, 0), ("4", 1), (40, 0)]
)
def test_numeric_is_right_within_tolerance(given_value: object, expected: float) -> None:
    assert credit("numeric", given_value) == expected


def test_numeric_with_no_tolerance_absorbs_float_rounding() -> None:
    assert credit("exact", 0.1 + 0.2) == 1
    assert credit("exact", 0.31) == 0
    # The slack is a billionth of the answer or of 1, whichever is larger: no more.
    assert credit("exact", 0.3 + 1.5e-9) == 0


@pytest.mark.parametrize(
    ("order", "expected"),
    [
        (["Shut down", "Isolate", "Lock and tag", "Verify"], 1),
        (["Isolate", "Shut down", "Lock and tag", "Verify"], 2 / 3),  # 1 of 6 pairs out
        (["Isolate", "Lock and tag", "Shut down", "Verify"], 1 / 3),  # 2 of 6 out
        (["Verify", "Shut down", "Isolate", "Lock and tag"], 0),  # 3 of 6 out: tau 0
        (["Verify", "Isolate", "Shut down", "Lock and tag"], 0),  # 4 of 6 out: tau -1/3
        (["Verify", "Lock and tag", "Isolate", "Shut down"], 0),  # reversed: tau -1
    ],
)
def test_order_is_kendalls_tau_floored_at_zero(order: list[str], expected: float) -> None:
    assert credit("order", order) == pytest.approx(expected)


@pytest.mark.parametrize("item_id", ["choice", "multi", "numeric", "order"])
def test_a_skipped_demonstrated_item_earns_nothing(item_id: str) -> None:
    assert credit(item_id, None) == 0


def test_a_skipped_self_rating_is_left_out() -> None:
    assert credit("self-forward", None) is None


def test_an_answer_that_does_not_fit_is_refused_not_scored() -> None:
    with pytest.raises(AnswerError, match="'A book' is not one of the options"):
        credit("choice", "A book")


@given(st.integers(1, 5), st.booleans())
def test_reverse_keying_flips_every_answer(answer: int, reverse: bool) -> None:
    forward = LikertItem(id="x", type="likert", text="Statement.", reverse=reverse)
    flipped = replace(forward, reverse=not reverse)
    assert grade(flipped, answer) == 1 - (grade(forward, answer) or 0)
    assert grade(flipped, answer) == grade(forward, 6 - answer)


@given(st.permutations(["Shut down", "Isolate", "Lock and tag", "Verify"]))
def test_order_credit_is_between_0_and_1_and_1_only_when_right(order: list[str]) -> None:
    value = credit("order", order)
    assert value is not None and 0 <= value <= 1
    assert (value == 1) == (order == ["Shut down", "Isolate", "Lock and tag", "Verify"])


def test_the_authoring_guide_gives_the_order_rule_grading_uses() -> None:
    from pathlib import Path

    from scoring.grading import order_credit

    guide = (Path(__file__).parents[2] / "docs" / "authoring.md").read_text(encoding="utf-8")
    (row,) = [line for line in guide.splitlines() if line.startswith("| order   | Kendall")]
    steps = ["A", "B", "C", "D", "E"]
    swapped = order_credit(steps, ["B", "A", "C", "D", "E"])  # two neighbours swapped
    assert f"swapping two neighbours of five items: 1 - 2 x 1/10 = {swapped:g};" in row
    assert order_credit(steps, list(reversed(steps))) == 0 and "reversed earns 0" in row


@pytest.mark.parametrize(
    ("pattern", "shown"),
    [
        ("lockout*tagout", "lockout...tagout"),
        ("  lock**out  ", "lock...out"),
        ("5 \\* 4", "5 * 4"),
        ("\\** rating", "*... rating"),
    ],
)
def test_a_best_answer_pattern_reads_as_a_person_writes_it(pattern: str, shown: str) -> None:
    assert readable_pattern(pattern) == shown

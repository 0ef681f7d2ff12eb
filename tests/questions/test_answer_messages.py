"""Each refusal of an answer as the person reads it: the whole sentence, at its edges."""

from __future__ import annotations

import pytest

from questions import parse_bank
from questions.answers import AnswerError, check_answer, listed_answers, listed_steps
from questions.models import Item
from questions.numbers import TOO_LARGE

BANK = """\
schema: 1
skill: {id: alpha, name: Alpha}
questions:
  - {id: s, type: likert, text: I rate myself.}
  - id: c
    type: choice
    text: Pick.
    options: [{text: Line B, credit: 0}, {text: Line C, credit: 1}, {text: bolt, credit: 0}]
  - id: m
    type: multi
    text: Pick all.
    options: [{text: Waiting, correct: true}, {text: Kaizen, correct: false}]
  - {id: n, type: numeric, text: How many?, answer: 4, tolerance: 0}
  - id: o
    type: order
    text: In order.
    items: [beta, Alpha, gamma]
  - id: o2
    type: order
    text: In order again.
    items: [delta, Charlie, bravo]
  - id: t
    type: text
    text: Name it.
    answers: [{text: safety data sheet, credit: 1}]
  - id: x
    type: match
    text: Match them.
    pairs: [{prompt: Waiting, answer: Idle}, {prompt: Transport, answer: Moving}]
    distractors: [another]
  - id: long
    type: choice
    text: The guard is broken. What now?
    options:
      - text: >-
          Keep the line running, note the faulty guard in the shift log
          and report it at the end of the shift.
        credit: 1
      - text: >-
          Stop the line, tag the guard as faulty and tell the shift supervisor
          before anyone restarts the press
        credit: 0
"""

ITEMS: dict[str, Item] = {item.id: item for item in parse_bank(BANK).bank.questions}
# Options of 100 and 101 characters: a hint quotes up to 100 whole.
KEEP_ON = (
    "Keep the line running, note the faulty guard in the shift log"
    " and report it at the end of the shift."
)
STOP = (
    "Stop the line, tag the guard as faulty and tell the shift supervisor"
    " before anyone restarts the press"
)


def refused(item_id: str, value: object) -> str:
    with pytest.raises(AnswerError) as error:
        check_answer(ITEMS[item_id], value)
    return str(error.value)


@pytest.mark.parametrize(
    ("item_id", "value", "message"),
    [
        ("s", "1234", "a self-rating is a whole number from 1 to 5, got a 4-digit number"),
        ("s", "999", "a self-rating is a whole number from 1 to 5, got 999"),
        ("s", True, "a self-rating is a whole number from 1 to 5, got true/false (true)"),
        ("s", [3], "a self-rating is a whole number from 1 to 5, got a list"),
        ("s", {"a": 1}, "a self-rating is a whole number from 1 to 5, got a mapping"),
        ("s", 2.5, "a self-rating is a whole number from 1 to 5, got 2.5"),
        ("n", [4], "expected a number, got a list"),
        ("n", 10**301, "a whole number of more than 300 digits is too large"),
        ("c", [1], "expected option text or number, got a list"),
        ("c", "Line Q", "'Line Q' is not one of the options"),
        ("c", "Lime C", "'Lime C' is not one of the options; did you mean 'Line C'?"),
        ("c", "4", "'4' is not one of the options"),
        ("c", "0", "'0' is not one of the options"),
        ("c", "0001", "'0001' is not one of the options"),
        ("c", "LineC", "'LineC' is not one of the options; did you mean 'Line C'?"),
        ("c", "bolx", "'bolx' is not one of the options; did you mean 'bolt'?"),
        ("c", "y" * 40, f"{'y' * 40!r} is not one of the options"),
        (
            "long",
            KEEP_ON[:-1] + "!",
            f"{KEEP_ON[:20]!r}... (100 characters) is not one of the options;"
            f" did you mean {KEEP_ON!r}?",
        ),
        (
            "long",
            STOP + "!",
            f"{STOP[:20]!r}... (102 characters) is not one of the options;"
            f" did you mean {STOP[:50]!r}... (101 characters)?",
        ),
        ("m", [], "pick at least one option, or skip the question"),
        ("m", ["Waiting", "waiting"], "each option can be picked only once"),
        ("m", "x" * 41, f"{'x' * 20!r}... (41 characters) is not one of the options"),
        ("o", "beta", "expected a list of item texts or numbers, got 'beta'"),
        ("o", ["beta", "gamma"], "every item must be placed; missing 'Alpha'"),
        ("o", ["beta"], "every item must be placed; missing 'Alpha', 'gamma'"),
        ("o", ["beta", "beta", "gamma"], "'beta' appears more than once"),
        ("o", [None, "beta", "gamma"], "expected item text or number, got nothing"),
        ("t", True, "expected the answer as text, got true/false (true)"),
        ("t", "   ", "type an answer, or skip the question"),
        ("t", "y" * 1001, "an answer is at most 1,000 characters, got 1,001"),
        ("x", ["Idle"], "expected a mapping of each prompt to its answer, got a list"),
        ("x", {"Waiting": "Idle"}, "every prompt needs an answer; missing 'Transport'"),
        ("x", {"Waiting": "Idle", "waiting": "Moving"}, "'Waiting' is answered more than once"),
        ("x", {"Waitin": "Idle"}, "'Waitin' is not one of the prompts; did you mean 'Waiting'?"),
        ("x", {1: "Idle", 2: "Nothing"}, "'Nothing' is not one of the answers"),
    ],
)
def test_a_refusal_reads_as_one_whole_sentence(item_id: str, value: object, message: str) -> None:
    assert refused(item_id, value) == message


def test_edges_that_are_accepted() -> None:
    assert check_answer(ITEMS["s"], "5") == 5
    assert check_answer(ITEMS["c"], "3") == "bolt"  # the third option as listed
    assert check_answer(ITEMS["c"], "1") == "Line B"
    assert check_answer(ITEMS["c"], "003") == "bolt"
    assert check_answer(ITEMS["t"], "z" * 1000) == "z" * 1000
    assert check_answer(ITEMS["t"], 42) == "42"
    largest = TOO_LARGE - 1  # 300 nines
    assert check_answer(ITEMS["n"], largest) == largest
    assert refused("n", largest + 1) == "a whole number of more than 300 digits is too large"
    assert check_answer(ITEMS["x"], {1: 2, 2: 3}) == {"Waiting": "Idle", "Transport": "Moving"}


def test_steps_and_answers_are_listed_alphabetically_ignoring_case() -> None:
    order, match = ITEMS["o"], ITEMS["x"]
    assert order.type == "order" and match.type == "match"
    assert listed_steps(order) == ("Alpha", "beta", "gamma")
    assert listed_answers(match) == ("another", "Idle", "Moving")
    assert check_answer(order, [2, 1, 3]) == ["beta", "Alpha", "gamma"]


def test_steps_are_numbered_as_listed_whatever_their_case() -> None:
    order = ITEMS["o2"]
    assert order.type == "order"
    assert listed_steps(order) == ("bravo", "Charlie", "delta")
    assert check_answer(order, [3, 1, 2]) == ["delta", "bravo", "Charlie"]

"""Plain line mode: numbered options, typed replies, retries with reasons, end of input."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from conftest import BANK_ALPHA, BANK_BETA
from hypothesis import given
from hypothesis import strategies as st

from questions import Item, Skill, load_banks, parse_bank
from quiz.attempts.session import QuizQuestion
from quiz.cli.plain import (
    PlainAsker,
    ReplyError,
    parse_number,
    parse_positions,
    parse_reply,
    render,
)


@pytest.fixture
def items(bank_dir: Path) -> dict[str, Item]:
    return load_banks([bank_dir]).items


def question(item: Item, shown: tuple[str, ...] = ()) -> QuizQuestion:
    return QuizQuestion(
        number=3, total=8, skill=Skill(id="alpha", name="Alpha"), item=item, shown=shown
    )


def ask(q: QuizQuestion, typed: str) -> tuple[object, str]:
    out: list[str] = []
    answer = PlainAsker(io.StringIO(typed), out.append).ask(q)
    return answer, "".join(out)


def test_choice_is_shown_numbered_in_display_order(items: dict[str, Item]) -> None:
    q = question(items["a-choice-01"], shown=("Wrong", "Right", "Half right"))
    answer, shown = ask(q, "2\n")
    assert answer == "Right"
    assert "Alpha - question 3 of 8" in shown
    assert "  1. Wrong\n  2. Right\n  3. Half right" in shown
    assert "\x1b" not in shown  # no colour or cursor codes


def test_likert_lists_the_scale(items: dict[str, Item]) -> None:
    answer, shown = ask(question(items["a-self-01"]), "5\n")
    assert answer == 5
    assert "  1. Strongly disagree" in shown and "  5. Strongly agree" in shown


def test_invalid_replies_ask_again_with_the_reason(items: dict[str, Item]) -> None:
    q = question(items["a-choice-01"], shown=("Wrong", "Right", "Half right"))
    answer, shown = ask(q, "7\nabc\n\n1 2\n3\n")
    assert answer == "Half right"
    assert "Not accepted: 7 is not an option; pick a number from 1 to 3. Try again." in shown
    assert "'abc' is not a whole number" in shown
    assert "type at least one number" in shown
    assert "pick one option" in shown


def test_multi_takes_numbers_separated_by_spaces_or_commas(items: dict[str, Item]) -> None:
    q = question(items["a-multi-01"], shown=("Training", "Waiting", "Overproduction"))
    assert ask(q, "2, 3\n")[0] == ["Waiting", "Overproduction"]
    answer, shown = ask(q, "2 2\n4\n3 2\n")
    assert answer == ["Overproduction", "Waiting"]
    assert "2 is picked twice" in shown and "4 is not an option" in shown


def test_numeric_takes_a_number_with_or_without_the_unit(items: dict[str, Item]) -> None:
    q = question(items["a-num-01"])
    assert ask(q, "4\n")[0] == 4
    assert ask(q, "4.25%\n")[0] == 4.25
    answer, shown = ask(q, "1,5\nlots\nnan\n-3\n")
    assert answer == -3
    assert "use a dot for decimals" in shown and "'lots' is not a number" in shown
    assert "Type a number (in %), or s to skip." in shown


def test_order_takes_positions_as_a_permutation(items: dict[str, Item]) -> None:
    shown = ("Verify", "Shut down", "Lock and tag", "Isolate")
    q = question(items["a-order-01"], shown=shown)
    answer, text = ask(q, "2 4 3\n2 4 3 3\n2 4 3 1\n")
    assert answer == ["Shut down", "Isolate", "Lock and tag", "Verify"]
    assert text.count("give each step number from 1 to 4 exactly once") == 2


@pytest.mark.parametrize(
    "item_id", ["a-self-01", "a-choice-01", "a-multi-01", "a-num-01", "a-order-01"]
)
@pytest.mark.parametrize("typed", ["s\n", " SKIP \n"])
def test_every_type_can_be_skipped(items: dict[str, Item], item_id: str, typed: str) -> None:
    item = items[item_id]
    shown = tuple(getattr(item, "items", ())) or tuple(o.text for o in getattr(item, "options", ()))
    assert ask(question(item, shown=shown), typed)[0] is None


def test_end_of_input_raises_eof(items: dict[str, Item]) -> None:
    with pytest.raises(EOFError):
        ask(question(items["a-self-01"]), "9\n")


def test_parsers_reject_what_is_not_a_clean_answer() -> None:
    for bad in ("", "1e", "inf", "4 kg"):
        with pytest.raises(ReplyError):
            parse_number(bad, "%")
    assert parse_number("1e3") == 1000.0
    with pytest.raises(ReplyError, match="3 is missing"):
        parse_positions("1 2 4 4", 4)
    with pytest.raises(ReplyError, match="3, 4 and 5 are missing"):
        parse_positions("1 2", 5)


def test_render_shows_the_order_instruction(items: dict[str, Item]) -> None:
    q = question(items["b-order-01"], shown=("Three", "One", "Two"))
    assert "Type the numbers in the right order, e.g. 2 3 1, or s to skip." in render(q)


def shown_of(item: Item) -> tuple[str, ...]:
    return tuple(getattr(item, "items", ())) or tuple(o.text for o in getattr(item, "options", ()))


@pytest.mark.parametrize("item_id", ["a-self-01", "a-choice-01", "a-multi-01", "a-order-01"])
@pytest.mark.parametrize("typed", ["²", "³ 1", "9" * 5000, "0" * 4400 + "9"])
def test_digits_that_are_not_usable_numbers_ask_again(
    items: dict[str, Item], item_id: str, typed: str
) -> None:
    item = items[item_id]
    answer, shown = ask(question(item, shown=shown_of(item)), typed + "\ns\n")
    assert answer is None  # the second line, s, was taken
    assert shown.count("Not accepted:") == 1
    reason = next(line for line in shown.splitlines() if "Not accepted:" in line)
    assert len(reason) < 120  # a huge reply is not echoed back whole


def test_a_number_reply_refuses_odd_digits_and_reads_long_ones(items: dict[str, Item]) -> None:
    q = question(items["a-num-01"])
    answer, shown = ask(q, "²\n" + "9" * 5000 + "\n" + "0" * 4400 + "9\n")
    assert answer == 9
    assert "'²' is not a number" in shown
    assert "(5,000 characters) is too large a number" in shown


ALL_ITEMS = {
    item.id: item
    for text in (BANK_ALPHA, BANK_BETA)
    for item in parse_bank(text, "bank.yaml").bank.questions
}
ITEM_IDS = ("a-self-01", "a-choice-01", "a-multi-01", "a-num-01", "a-order-01", "b-order-01")


@given(typed=st.text(alphabet=st.characters(exclude_characters="\r\n")))
def test_any_reply_is_accepted_or_refused_with_a_reason(typed: str) -> None:
    for item_id in ITEM_IDS:
        item = ALL_ITEMS[item_id]
        try:
            parse_reply(question(item, shown=shown_of(item)), typed)
        except ReplyError as error:
            assert str(error)


@given(
    typed=st.lists(st.one_of(st.integers(-5, 12).map(str), st.sampled_from(["²", "s", "1e3"]))).map(
        " ".join
    )
)
def test_number_like_replies_are_accepted_or_refused_with_a_reason(typed: str) -> None:
    for item_id in ITEM_IDS:
        item = ALL_ITEMS[item_id]
        try:
            parse_reply(question(item, shown=shown_of(item)), typed)
        except ReplyError as error:
            assert str(error)

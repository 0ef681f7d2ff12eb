"""The interactive prompts, driven with real keys through prompt_toolkit's pipe input."""

from __future__ import annotations

from pathlib import Path

import pytest
from prompt_keys import CTRL_C, DOWN, ENTER, SPACE, UP, echoed, press, press_after

from questions import Item, Skill, load_banks, parse_bank
from questions.models import ChoiceItem, MultiItem
from quiz.attempts.session import QuizQuestion
from quiz.cli import prompts


@pytest.fixture
def items(bank_dir: Path) -> dict[str, Item]:
    return load_banks([bank_dir]).items


def question(item: Item, shown: tuple[str, ...] = ()) -> QuizQuestion:
    return QuizQuestion(
        number=2, total=8, skill=Skill(id="alpha", name="Alpha"), item=item, shown=shown
    )


def test_likert_starts_on_the_middle_of_the_scale(items: dict[str, Item]) -> None:
    q = question(items["a-self-01"])
    assert press(ENTER, lambda: prompts.ask_question(q)) == 3
    assert press(DOWN + ENTER, lambda: prompts.ask_question(q)) == 4
    assert press(UP * 2 + ENTER, lambda: prompts.ask_question(q)) == 1


def test_likert_can_be_skipped(items: dict[str, Item]) -> None:
    q = question(items["a-self-01"])
    assert press(DOWN * 3 + ENTER, lambda: prompts.ask_question(q)) is None


def test_an_answered_question_echoes_the_answer_in_words(
    items: dict[str, Item], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COLUMNS", "80")
    likert = question(items["a-self-01"])
    assert echoed(DOWN + ENTER, lambda: prompts.ask_question(likert)) == (
        "> Alpha - question 2 of 8\n  I am good at alpha.\n  Answer: Agree"
    )
    assert echoed(DOWN * 3 + ENTER, lambda: prompts.ask_question(likert)).endswith(
        "  Answer: skipped"
    )
    multi = question(items["a-multi-01"], shown=("Training", "Waiting", "Overproduction"))
    assert echoed(SPACE + DOWN + SPACE + ENTER, lambda: prompts.ask_question(multi)).endswith(
        "  Answer: - Training\n          - Waiting"
    )
    assert echoed(DOWN + SPACE + ENTER, lambda: prompts.ask_question(multi)).endswith(
        "  Answer: Waiting"
    )
    number = question(items["a-num-01"])
    assert echoed("s" + ENTER, lambda: prompts.ask_question(number)).endswith("  Answer: skipped")
    assert echoed(" 4 % " + ENTER, lambda: prompts.ask_question(number)).endswith("  Answer: 4 %")


def test_the_welcome_echoes_the_name_and_the_skills_by_name() -> None:
    skills = [Skill(id="alpha", name="Alpha"), Skill(id="beta", name="Beta")]
    assert echoed(ENTER, prompts.ask_name) == "> Your name: skipped"
    assert echoed("Ada" + ENTER, prompts.ask_name) == "> Your name: Ada"
    assert echoed(ENTER, lambda: prompts.ask_skills(skills)) == (
        "> Skills to assess: Alpha and Beta"
    )


def test_choice_returns_the_option_text_in_the_order_shown(items: dict[str, Item]) -> None:
    q = question(items["a-choice-01"], shown=("Wrong", "Half right", "Right"))
    assert press(DOWN * 2 + ENTER, lambda: prompts.ask_question(q)) == "Right"
    assert press(ENTER, lambda: prompts.ask_question(q)) == "Wrong"
    assert press(DOWN * 3 + ENTER, lambda: prompts.ask_question(q)) is None


def test_multi_ticks_with_space(items: dict[str, Item]) -> None:
    q = question(items["a-multi-01"], shown=("Training", "Waiting", "Overproduction"))
    keys = DOWN + SPACE + DOWN + SPACE + ENTER
    assert press(keys, lambda: prompts.ask_question(q)) == ["Waiting", "Overproduction"]


def test_multi_refuses_nothing_ticked_then_accepts_skip(items: dict[str, Item]) -> None:
    q = question(items["a-multi-01"], shown=("Training", "Waiting", "Overproduction"))
    # Enter with nothing ticked is refused; the prompt stays until Skip is ticked.
    keys = ENTER + DOWN * 3 + SPACE + ENTER
    assert press(keys, lambda: prompts.ask_question(q)) is None


def test_multi_refuses_skip_together_with_an_option(items: dict[str, Item]) -> None:
    q = question(items["a-multi-01"], shown=("Training", "Waiting", "Overproduction"))
    # Tick an option and Skip: refused; untick Skip and submit the option.
    keys = SPACE + DOWN * 3 + SPACE + ENTER + SPACE + ENTER
    assert press(keys, lambda: prompts.ask_question(q)) == ["Training"]


def test_numeric_accepts_only_a_number_with_its_unit(items: dict[str, Item]) -> None:
    q = question(items["a-num-01"])
    assert press("4.5" + ENTER, lambda: prompts.ask_question(q)) == 4.5
    assert press("4 %" + ENTER, lambda: prompts.ask_question(q)) == 4
    # "four" is refused; erase it and type 4.
    assert press("four" + ENTER + "\x7f" * 4 + "4" + ENTER, lambda: prompts.ask_question(q)) == 4


def test_numeric_skips_on_empty_or_s(items: dict[str, Item]) -> None:
    q = question(items["a-num-01"])
    assert press(ENTER, lambda: prompts.ask_question(q)) is None
    assert press("s" + ENTER, lambda: prompts.ask_question(q)) is None


def test_order_takes_positions_and_refuses_a_non_permutation(items: dict[str, Item]) -> None:
    shown = ("Verify", "Shut down", "Lock and tag", "Isolate")
    q = question(items["a-order-01"], shown=shown)
    expected = ["Shut down", "Isolate", "Lock and tag", "Verify"]
    assert press("2 4 3 1" + ENTER, lambda: prompts.ask_question(q)) == expected
    # "2 4 3 3" is refused and taken out of the box: the order typed next stands alone.
    keys = "2 4 3 3" + ENTER + "2 4 3 1" + ENTER
    assert press(keys, lambda: prompts.ask_question(q)) == expected


def test_a_refused_order_is_cleared_with_its_reason_shown(items: dict[str, Item]) -> None:
    shown = ("Verify", "Shut down", "Lock and tag", "Isolate")
    q = question(items["a-order-01"], shown=shown)
    answer, screen = press_after(
        "1 5 2 4" + ENTER, "Type it again.", "2 4 3 1" + ENTER, lambda: prompts.ask_question(q)
    )
    assert answer == ["Shut down", "Isolate", "Lock and tag", "Verify"]
    refusal = screen[screen.index("Not accepted:") : screen.index("Type it again.")]
    assert " ".join(refusal.split()) == (
        "Not accepted: '1 5 2 4': give each step number from 1 to 4 exactly once; 3 is missing."
    )
    assert "1 5 2 42 4 3 1" not in screen


def test_odd_digits_are_refused_under_the_prompt_not_with_a_crash(
    items: dict[str, Item],
) -> None:
    shown = ("Verify", "Shut down", "Lock and tag", "Isolate")
    q = question(items["a-order-01"], shown=shown)
    # "²" passes str.isdigit() but not int(); it is refused, erased, and the answer typed.
    keys = "²" + ENTER + "\x7f" + "2 4 3 1" + ENTER
    assert press(keys, lambda: prompts.ask_question(q)) == [
        "Shut down",
        "Isolate",
        "Lock and tag",
        "Verify",
    ]
    keys = "9" * 5000 + ENTER + "\x7f" * 5000 + "4" + ENTER
    assert press(keys, lambda: prompts.ask_question(question(items["a-num-01"]))) == 4


def test_ctrl_c_reaches_the_caller(items: dict[str, Item]) -> None:
    for item_id in ("a-self-01", "a-choice-01", "a-multi-01", "a-num-01", "a-order-01"):
        item = items[item_id]
        shown = tuple(getattr(item, "items", ())) or tuple(
            o.text for o in getattr(item, "options", ())
        )
        q = question(item, shown=shown)
        with pytest.raises(KeyboardInterrupt):
            press(DOWN + CTRL_C, lambda q=q: prompts.ask_question(q))  # type: ignore[misc]


def test_welcome_prompts() -> None:
    skills = [Skill(id="alpha", name="Alpha"), Skill(id="beta", name="Beta")]
    assert press("Ada" + ENTER, prompts.ask_name) == "Ada"
    assert press(ENTER, prompts.ask_name) is None
    assert press(ENTER, lambda: prompts.ask_skills(skills)) == ["alpha", "beta"]
    assert press(SPACE + ENTER, lambda: prompts.ask_skills(skills)) == ["beta"]
    # Unticking everything is refused until a skill is ticked again.
    assert press(
        SPACE + DOWN + SPACE + ENTER + SPACE + ENTER, lambda: prompts.ask_skills(skills)
    ) == ["beta"]
    lengths = [("quick", "Quick"), ("standard", "Standard"), ("full", "Full")]
    assert press(DOWN + ENTER, lambda: prompts.ask_length(lengths)) == "standard"
    assert press("n" + ENTER, prompts.ask_review) is False


SHIPPED_OPTIONS = sorted(
    {
        option.text
        for item in load_banks(None).items.values()
        if item.type in ("choice", "multi")
        for option in item.options
    }
)


@pytest.mark.parametrize("columns", [60, 80])
@pytest.mark.parametrize("indent", [prompts.SELECT_INDENT, prompts.CHECKBOX_INDENT])
def test_every_shipped_option_fits_the_terminal_in_full(
    monkeypatch: pytest.MonkeyPatch, columns: int, indent: int
) -> None:
    monkeypatch.setenv("COLUMNS", str(columns))
    assert any(len(text) > columns - indent for text in SHIPPED_OPTIONS)  # some need wrapping
    for text in SHIPPED_OPTIONS:
        title = prompts.option_title(text, indent)
        shown = title if isinstance(title, str) else "".join(part for _, part in title)
        lines = shown.split("\n")
        # The first line follows the pointer; later lines carry their own indent.
        assert indent + len(lines[0]) < columns, lines
        assert all(len(line) < columns for line in lines[1:]), lines
        assert all(line.startswith(" " * indent) for line in lines[1:])
        assert " ".join(shown.split()) == " ".join(text.split())  # every word, in order


LONG_OPTIONS = """\
schema: 1
skill: {id: gamma, name: Gamma}
questions:
  - id: g-choice-01
    type: choice
    text: Which is right?
    options:
      - {text: The first option is long enough to need three lines when narrow, credit: 0}
      - {text: The second option is also long enough to need more than a line, credit: 1}
  - id: g-multi-01
    type: multi
    text: Which apply?
    options:
      - {text: The first option is long enough to need three lines when narrow, correct: true}
      - {text: The second option is also long enough to need more than a line, correct: true}
      - {text: A short wrong one, correct: false}
"""


def test_a_wrapped_option_still_answers_with_its_text(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "40")
    bank = parse_bank(LONG_OPTIONS, "gamma.yaml").bank
    choice, multi = bank.questions
    assert isinstance(choice, ChoiceItem) and isinstance(multi, MultiItem)
    texts = tuple(option.text for option in choice.options)
    assert all(isinstance(prompts.option_title(t, prompts.SELECT_INDENT), list) for t in texts)
    assert press(DOWN + ENTER, lambda: prompts.ask_question(question(choice, texts))) == texts[1]
    picked = press(
        DOWN + SPACE + ENTER,
        lambda: prompts.ask_question(question(multi, (*texts, "A short wrong one"))),
    )
    assert picked == [texts[1]]


def test_experience_takes_whole_years_and_enter_skips() -> None:
    assert press("7" + ENTER, prompts.ask_experience) == 7
    assert press("0" + ENTER, prompts.ask_experience) == 0
    assert press("12 years" + ENTER, prompts.ask_experience) == 12
    assert press(ENTER, prompts.ask_experience) is None
    assert press("s" + ENTER, prompts.ask_experience) is None


def test_experience_refuses_what_is_not_whole_years_under_the_prompt() -> None:
    reason = "'2.5' is not a whole number of years; type e.g. 3"
    years, _ = press_after("2.5" + ENTER, reason, "\x7f" * 3 + "3" + ENTER, prompts.ask_experience)
    assert years == 3


def test_experience_is_echoed_in_years() -> None:
    question = "> Years of hands-on experience in production, manufacturing or quality work?"
    assert echoed("4" + ENTER, prompts.ask_experience) == f"{question} 4 years"
    assert echoed("1" + ENTER, prompts.ask_experience) == f"{question} 1 year"
    assert echoed(ENTER, prompts.ask_experience) == f"{question} skipped"

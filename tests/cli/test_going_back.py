"""Going back to the previous question: b in plain mode, a Back choice in the prompts, and
a changed answer replacing the stored one."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from click.testing import CliRunner
from prompt_keys import DOWN, ENTER, SPACE, press

from questions import Item, Skill, load_banks
from quiz.attempts.draw import draw
from quiz.attempts.session import BACK, Given, QuizQuestion, Turn
from quiz.cli import prompts
from quiz.cli.main import cli
from quiz.cli.plain import PlainAsker, render
from quiz.storage import Store

BACK_ON = Turn(back=True)


@pytest.fixture
def items(bank_dir: Path) -> dict[str, Item]:
    return load_banks([bank_dir]).items


def question(item: Item, shown: tuple[str, ...] = ()) -> QuizQuestion:
    return QuizQuestion(
        number=2, total=8, skill=Skill(id="alpha", name="Alpha"), item=item, shown=shown
    )


def plain(q: QuizQuestion, typed: str, turn: Turn | None = None) -> tuple[object, str]:
    out: list[str] = []
    answer = PlainAsker(io.StringIO(typed), out.append).ask_turn(q, turn or Turn())
    return answer, "".join(out)


# --- plain mode ------------------------------------------------------------------------


def test_plain_mode_says_b_goes_back_only_where_it_can(items: dict[str, Item]) -> None:
    q = question(items["a-self-01"])
    assert render(q, BACK_ON).splitlines()[-1] == (
        "Type a number from 1 to 5, s to skip, or b to go back to the previous question."
    )
    assert render(q).splitlines()[-1] == "Type a number from 1 to 5, or s to skip."


def test_plain_b_goes_back_where_offered_and_is_refused_where_not(items: dict[str, Item]) -> None:
    q = question(items["a-self-01"])
    assert plain(q, "b\n", BACK_ON)[0] is BACK
    answer, shown = plain(q, "b\n4\n")
    assert answer == 4
    assert "Not accepted: there is no earlier question to go back to. Try again." in shown


def test_plain_shows_the_answer_so_far_and_enter_keeps_it(items: dict[str, Item]) -> None:
    q = question(items["a-choice-01"], shown=("Wrong", "Right", "Half right"))
    kept, shown = plain(q, "\n", Turn(back=True, given=Given(answer="Half right")))
    assert kept == "Half right"
    assert shown.endswith(
        "Type a number from 1 to 3, s to skip, or b to go back to the previous question.\n"
        "Your answer so far: 3. Press Enter to keep it.\n> "
    )
    assert plain(q, "2\n", Turn(back=True, given=Given(answer="Half right")))[0] == "Right"
    order = question(items["a-order-01"], shown=("Verify", "Shut down", "Lock and tag", "Isolate"))
    given = Given(answer=["Shut down", "Isolate", "Lock and tag", "Verify"])
    assert "Your answer so far: 2 4 3 1." in plain(order, "\n", Turn(given=given))[1]
    skipped = plain(question(items["a-num-01"]), "\n", Turn(given=Given(answer=None)))
    assert skipped == (None, skipped[1])
    assert "Your answer so far: s. Press Enter to keep it." in skipped[1]


# --- the prompts -----------------------------------------------------------------------


def test_the_back_choice_returns_back_and_is_listed_only_when_offered(
    items: dict[str, Item],
) -> None:
    likert = question(items["a-self-01"])
    # The cursor starts mid-scale: two more options, Skip, then Back.
    assert press(DOWN * 4 + ENTER, lambda: prompts.ask_turn(likert, BACK_ON)) is BACK
    # Without Back, the cursor wraps from Skip to the first option.
    assert press(DOWN * 4 + ENTER, lambda: prompts.ask_turn(likert, Turn())) == 1
    choice = question(items["a-choice-01"], shown=("Wrong", "Right", "Half right"))
    assert press(DOWN * 4 + ENTER, lambda: prompts.ask_turn(choice, BACK_ON)) is BACK
    multi = question(items["a-multi-01"], shown=("Waiting", "Training", "Overproduction"))
    keys = DOWN * 4 + SPACE + ENTER
    assert press(keys, lambda: prompts.ask_turn(multi, BACK_ON)) is BACK


def test_typed_prompts_go_back_on_b(items: dict[str, Item]) -> None:
    number = question(items["a-num-01"])
    assert press("b" + ENTER, lambda: prompts.ask_turn(number, BACK_ON)) is BACK
    # Where there is nothing to go back to, b is refused under the prompt.
    assert press("b" + ENTER + "\x7f" + "4" + ENTER, lambda: prompts.ask_turn(number, Turn())) == 4
    order = question(items["a-order-01"], shown=("Verify", "Shut down", "Lock and tag", "Isolate"))
    assert press("b" + ENTER, lambda: prompts.ask_turn(order, BACK_ON)) is BACK


def test_a_question_asked_again_starts_on_its_answer_so_far(items: dict[str, Item]) -> None:
    likert = question(items["a-self-01"])
    assert press(ENTER, lambda: prompts.ask_turn(likert, Turn(given=Given(answer=5)))) == 5
    choice = question(items["a-choice-01"], shown=("Wrong", "Right", "Half right"))
    assert (
        press(ENTER, lambda: prompts.ask_turn(choice, Turn(given=Given(answer="Right")))) == "Right"
    )
    assert press(ENTER, lambda: prompts.ask_turn(choice, Turn(given=Given(answer=None)))) is None
    multi = question(items["a-multi-01"], shown=("Waiting", "Training", "Overproduction"))
    ticked = Turn(given=Given(answer=["Waiting", "Overproduction"]))
    assert press(ENTER, lambda: prompts.ask_turn(multi, ticked)) == [
        "Waiting",
        "Overproduction",
    ]
    number = question(items["a-num-01"])
    assert press(ENTER, lambda: prompts.ask_turn(number, Turn(given=Given(answer=4.5)))) == 4.5
    order = question(items["a-order-01"], shown=("Verify", "Shut down", "Lock and tag", "Isolate"))
    steps = ["Shut down", "Isolate", "Lock and tag", "Verify"]
    assert press(ENTER, lambda: prompts.ask_turn(order, Turn(given=Given(answer=steps)))) == steps


# --- the whole quiz --------------------------------------------------------------------


def first_option(item: Item) -> str:
    """A plain reply every item type accepts: option 1, the steps as shown, or 1."""
    count = len(getattr(item, "items", ()))
    return " ".join(str(n) for n in range(1, count + 1)) if count else "1"


def test_plain_b_changes_an_answer_and_the_change_is_stored(bank_dir: Path) -> None:
    questions = draw(load_banks([bank_dir]), ["beta"], "full", 6).questions
    first, second = (asked.item for asked in questions[:2])
    # Experience skipped; 1 skipped; at 2, back; 1 answered now; 2, 3, 4 skipped.
    replies = ["s", "s", "b", first_option(first), "s", "s", "s"]
    result = CliRunner().invoke(
        cli,
        ["take", "--bank-dir", str(bank_dir), "--skill", "beta", "--seed", "6"],
        input="\n".join(replies) + "\n",
    )
    assert result.exit_code == 0, result.output
    assert result.output.count(f"Beta skill - question 1 of {len(questions)}") == 2
    assert "Your answer so far: s. Press Enter to keep it." in result.output
    with Store.open() as store:
        answers = store.answers(1)
    assert answers[first.id] is not None
    assert answers[second.id] is None


MATCH_BANK = """\
schema: 1
skill: {id: gamma, name: Gamma}
questions:
  - id: g-match-01
    type: match
    text: Match each waste to its example.
    pairs:
      - {prompt: Waiting, answer: Idle operator}
      - {prompt: Transport, answer: Moving parts}
"""


def test_b_in_a_match_steps_back_a_prompt_then_a_question() -> None:
    from questions import parse_bank

    (match,) = parse_bank(MATCH_BANK, "gamma.yaml").bank.questions
    q = question(match, shown=("Moving parts", "Idle operator"))
    # Prompt 1: 1; prompt 2: b, back to prompt 1; then 2 and 1.
    answer, shown = plain(q, "1\nb\n2\n1\n", BACK_ON)
    assert answer == {"Waiting": "Idle operator", "Transport": "Moving parts"}
    assert shown.count("Waiting") == 2
    assert plain(q, "b\n", BACK_ON)[0] is BACK
    # Prompt 1: option 1; prompt 2: down past option 2 and Skip to Back; prompt 1 again,
    # starting on option 1: down to 2; prompt 2: option 1.
    keys = ENTER + DOWN * 3 + ENTER + DOWN + ENTER + ENTER
    assert press(keys, lambda: prompts.ask_turn(q, BACK_ON)) == {
        "Waiting": "Idle operator",
        "Transport": "Moving parts",
    }

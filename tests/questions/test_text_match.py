"""Short-answer (text) and match items, from the bank through the quiz to every report."""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from prompt_keys import DOWN, ENTER, echoed, press

from questions import BankLoadError, MatchItem, Skill, TextItem, parse_bank
from questions.answers import AnswerError, check_answer, keyed_answer
from quiz.attempts.session import QuizQuestion
from quiz.cli import prompts
from quiz.cli.main import cli
from quiz.cli.plain import PlainAsker, render
from scoring.grading import grade, text_matches

BANK = """\
schema: 1
skill:
  id: gamma
  name: Gamma skill
questions:
  - id: g-txt-01
    type: text
    text: What document lists a chemical's hazards and safe handling?
    answers:
      - {text: safety data sheet, credit: 1}
      - {text: SDS, credit: 1}
      - {text: "*data sheet*", credit: 0.5}
    explanation: The safety data sheet (SDS) comes with every hazardous chemical.
  - id: g-match-01
    type: match
    text: Match each waste to its example.
    pairs:
      - {prompt: Waiting, answer: Idle operator}
      - {prompt: Overproduction, answer: Parts nobody ordered}
      - {prompt: Transport, answer: Moving parts between buildings}
    distractors: [Training new staff]
    explanation: Three of the seven wastes of lean manufacturing.
"""


def bank_items() -> tuple[TextItem, MatchItem]:
    text, match = parse_bank(BANK, "gamma.yaml").bank.questions
    assert isinstance(text, TextItem) and isinstance(match, MatchItem)
    return text, match


def question(item: TextItem | MatchItem, shown: tuple[str, ...] = ()) -> QuizQuestion:
    return QuizQuestion(
        number=1, total=2, skill=Skill(id="gamma", name="Gamma skill"), item=item, shown=shown
    )


# --- the bank --------------------------------------------------------------------------


def problems(text: str) -> list[str]:
    with pytest.raises(BankLoadError) as caught:
        parse_bank(text, "bad.yaml")
    return [str(problem) for problem in caught.value.problems]


def test_a_text_item_without_a_full_credit_answer_is_refused_at_its_line() -> None:
    bank = BANK.replace("{text: safety data sheet, credit: 1}", "{text: safety sheet, credit: 0}")
    bank = bank.replace("{text: SDS, credit: 1}", "{text: SDS, credit: 0.5}")
    assert problems(bank) == [
        "bad.yaml:6:5: question g-txt-01: a text item needs one answer with credit 1 "
        "(the full-credit answer)"
    ]


def test_text_answers_must_differ_beyond_case() -> None:
    bank = BANK.replace("{text: SDS, credit: 1}", "{text: Safety  Data Sheet, credit: 1}")
    assert problems(bank) == [
        "bad.yaml:6:5: question g-txt-01: answer texts must be unique within an item; "
        "'Safety  Data Sheet' repeats"
    ]


def test_a_match_item_needs_two_pairs_and_distractors_that_match_nothing() -> None:
    one_pair = BANK.replace(
        "      - {prompt: Overproduction, answer: Parts nobody ordered}\n"
        "      - {prompt: Transport, answer: Moving parts between buildings}\n",
        "",
    )
    assert problems(one_pair) == [
        "bad.yaml:14:5: question g-match-01: a match item needs at least 2 pairs"
    ]
    clash = BANK.replace("[Training new staff]", "[idle operator]")
    assert problems(clash) == [
        "bad.yaml:14:5: question g-match-01: distractor 'idle operator' is also the answer "
        "of a pair"
    ]


def test_a_pair_without_an_answer_is_named_at_its_line() -> None:
    bank = BANK.replace("{prompt: Waiting, answer: Idle operator}", "{prompt: Waiting}")
    assert problems(bank) == [
        "bad.yaml:18:9: question g-match-01, pairs #1: missing required key 'answer'"
    ]


# --- grading ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("pattern", "reply", "matches"),
    [
        ("safety data sheet", "  Safety DATA sheet ", True),
        ("safety data sheet", "safety data sheets", False),
        ("*data sheet*", "the data sheet please", True),
        ("*data sheet*", "data sheet", True),  # a star also matches nothing
        ("lock*tag", "Lock out, tag", True),
        ("5 \\* 4", "5 * 4", True),  # an escaped star is a literal star
        ("5 \\* 4", "5 x 4", False),
        ("a.c", "abc", False),  # regular-expression characters are literal
        ("caf\u00e9", "cafe\u0301", True),  # the same letters however they are composed
    ],
)
def test_short_answers_match_as_moodle_matches_them(
    pattern: str, reply: str, matches: bool
) -> None:
    assert text_matches(pattern, reply) is matches


def test_the_first_matching_answer_gives_the_credit() -> None:
    text, _ = bank_items()
    assert [grade(text, reply) for reply in ("sds", "a data sheet", "MSDS", None)] == [
        1.0,
        0.5,
        0.0,
        0.0,
    ]


def test_match_credit_is_the_share_of_prompts_matched_right() -> None:
    _, match = bank_items()
    answer = {
        "Waiting": "Idle operator",
        "overproduction": "moving parts between buildings",
        "Transport": "Training new staff",
    }
    assert grade(match, answer) == pytest.approx(1 / 3)
    assert grade(match, keyed_answer(match)) == 1.0


def test_answers_as_data_are_checked_and_spelled_as_the_bank_spells_them() -> None:
    text, match = bank_items()
    assert check_answer(text, "  SDS ") == "SDS"
    assert check_answer(text, 42) == "42"  # a YAML file reads 42 as a number
    given = {"transport": "idle operator", "Waiting": "Idle operator", "Overproduction": "x"}
    with pytest.raises(AnswerError) as caught:
        check_answer(match, given)
    assert str(caught.value) == "'x' is not one of the answers"
    # An answer by its number as banks --questions lists them (alphabetically).
    by_number = check_answer(match, {"Waiting": 1, "Overproduction": 3, "Transport": 3})
    assert by_number == {
        "Waiting": "Idle operator",
        "Overproduction": "Parts nobody ordered",
        "Transport": "Parts nobody ordered",
    }
    with pytest.raises(AnswerError) as caught:
        check_answer(match, {"Waiting": "Idle operator"})
    assert (
        str(caught.value) == "every prompt needs an answer; missing 'Overproduction', 'Transport'"
    )
    with pytest.raises(AnswerError) as caught:
        check_answer(match, ["Idle operator"])
    assert str(caught.value) == "expected a mapping of each prompt to its answer, got a list"
    with pytest.raises(AnswerError) as caught:
        check_answer(text, "   ")
    assert str(caught.value) == "type an answer, or skip the question"
    assert keyed_answer(text) == "safety data sheet"
    assert keyed_answer(match) == {
        "Waiting": "Idle operator",
        "Overproduction": "Parts nobody ordered",
        "Transport": "Moving parts between buildings",
    }


# --- plain mode and the prompts --------------------------------------------------------

SHOWN = (
    "Training new staff",
    "Moving parts between buildings",
    "Idle operator",
    "Parts nobody ordered",
)


def plain(q: QuizQuestion, typed: str) -> tuple[object, str]:
    out: list[str] = []
    answer = PlainAsker(io.StringIO(typed), out.append).ask(q)
    return answer, "".join(out)


def test_plain_mode_numbers_the_answers_once_and_reads_one_number_per_prompt() -> None:
    _, match = bank_items()
    q = question(match, SHOWN)
    assert render(q) == (
        "Gamma skill - question 1 of 2\n"
        "Match each waste to its example.\n"
        "Answers:\n"
        "  1. Training new staff\n"
        "  2. Moving parts between buildings\n"
        "  3. Idle operator\n"
        "  4. Parts nobody ordered\n"
        "Type for each prompt the number of its answer (1 to 4), or s to skip."
    )
    answer, shown = plain(q, "3\n9\n4\n2\n")
    assert answer == {
        "Waiting": "Idle operator",
        "Overproduction": "Parts nobody ordered",
        "Transport": "Moving parts between buildings",
    }
    assert "Waiting\n> Overproduction\n> Not accepted: 9 is not an option" in shown
    assert plain(q, "3\ns\n")[0] is None  # s at any prompt skips the question


def test_plain_mode_reads_a_short_answer_as_a_line() -> None:
    text, _ = bank_items()
    answer, shown = plain(question(text), "\n  safety data sheet \n")
    assert answer == "safety data sheet"
    assert "Type your answer, or s to skip." in shown
    assert "Not accepted: type an answer, or s to skip. Try again." in shown


def test_the_prompts_ask_each_pair_among_the_answers() -> None:
    _, match = bank_items()
    keys = DOWN * 2 + ENTER + DOWN * 3 + ENTER + DOWN + ENTER
    answer = press(keys, lambda: prompts.ask_question(question(match, SHOWN)))
    assert answer == {
        "Waiting": "Idle operator",
        "Overproduction": "Parts nobody ordered",
        "Transport": "Moving parts between buildings",
    }
    skipped = press(DOWN * 4 + ENTER, lambda: prompts.ask_question(question(match, SHOWN)))
    assert skipped is None


def test_the_text_prompt_reads_a_line_and_empty_skips() -> None:
    text, _ = bank_items()
    assert press("  SDS \r", lambda: prompts.ask_question(question(text))) == "SDS"
    assert press("\r", lambda: prompts.ask_question(question(text))) is None


def test_text_and_match_answers_are_echoed_in_words(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "80")
    text, match = bank_items()
    assert echoed("  SDS \r", lambda: prompts.ask_question(question(text))).endswith(
        "  Answer: SDS"
    )
    assert echoed("\r", lambda: prompts.ask_question(question(text))).endswith("  Answer: skipped")
    keys = DOWN * 2 + ENTER + DOWN * 3 + ENTER + DOWN + ENTER
    assert echoed(keys, lambda: prompts.ask_question(question(match, SHOWN))).endswith(
        "  Answer: - Waiting: Idle operator\n"
        "          - Overproduction: Parts nobody ordered\n"
        "          - Transport: Moving parts between buildings"
    )
    skip_second = DOWN * 2 + ENTER + DOWN * 4 + ENTER
    assert echoed(skip_second, lambda: prompts.ask_question(question(match, SHOWN))).endswith(
        "  Answer: skipped"
    )


# --- the whole quiz, the answers file and the reports ---------------------------------


@pytest.fixture
def gamma_dir(tmp_path: Path) -> Path:
    folder = tmp_path / "banks"
    folder.mkdir()
    (folder / "gamma.yaml").write_text(BANK, encoding="utf-8")
    return folder


def invoke(*args: str, input: str | None = None) -> Result:
    return CliRunner().invoke(cli, list(args), input=input)


ANSWERS = """\
g-txt-01: the data sheet
g-match-01:
  Waiting: Idle operator
  Overproduction: Training new staff
  Transport: Moving parts between buildings
"""


def test_an_answers_file_gives_text_as_typed_and_match_as_a_mapping(
    gamma_dir: Path, tmp_path: Path
) -> None:
    answers = tmp_path / "answers.yaml"
    answers.write_text(ANSWERS, encoding="utf-8")
    out = tmp_path / "r.json"
    result = invoke(
        "take", "--bank-dir", str(gamma_dir), "--answers", str(answers), "--report", str(out)
    )
    assert result.exit_code == 0, result.output
    responses = {r["question_id"]: r for r in json.loads(out.read_text())["responses"]}
    assert {key: (r["answer"], r["keyed"], r["credit"]) for key, r in responses.items()} == {
        "g-txt-01": ("the data sheet", "safety data sheet", 0.5),
        "g-match-01": (
            {
                "Waiting": "Idle operator",
                "Overproduction": "Training new staff",
                "Transport": "Moving parts between buildings",
            },
            {
                "Waiting": "Idle operator",
                "Overproduction": "Parts nobody ordered",
                "Transport": "Moving parts between buildings",
            },
            pytest.approx(2 / 3),
        ),
    }

    md = invoke("report", "1", "--format", "md")
    assert "- Your answer: the data sheet\n- Best answer: safety data sheet" in md.output
    assert (
        "- Your answer: Waiting: Idle operator; Overproduction: Training new staff; "
        "Transport: Moving parts between buildings" in md.output
    )
    page = tmp_path / "r.html"
    assert invoke("report", "1", "-o", str(page)).exit_code == 0
    assert "<li>Overproduction: Training new staff</li>" in page.read_text(encoding="utf-8")
    rows = list(
        csv.DictReader(io.StringIO(invoke("report", "1", "--format", "csv", "--per-item").output))
    )
    match_row = next(row for row in rows if row.get("question_id") == "g-match-01")
    assert json.loads(match_row["answer"])["Overproduction"] == "Training new staff"


def test_a_bad_match_answer_is_named_with_its_line(gamma_dir: Path, tmp_path: Path) -> None:
    answers = tmp_path / "answers.yaml"
    answers.write_text(ANSWERS.replace("  Transport: Moving", "  Transport: Flying"), "utf-8")
    result = invoke("take", "--bank-dir", str(gamma_dir), "--answers", str(answers))
    assert result.exit_code == 2
    assert result.output == (
        f"{answers}:5:14: question g-match-01: 'Flying parts between buildings' is not one of "
        "the answers; did you mean 'Moving parts between buildings'?\n"
        "the answers file has 1 problem; nothing was saved\n"
    )


def test_a_plain_quiz_asks_both_types_and_the_review_shows_them(gamma_dir: Path) -> None:
    # Seed 7 asks the match question first, its answers shown as
    # Moving parts between buildings, Training new staff, Idle operator, Parts nobody ordered.
    result = invoke(
        "take", "--plain", "--bank-dir", str(gamma_dir), "--seed", "7", "--experience", "0",
        input="3\n4\n2\nMSDS\n",
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    # Half the match and the short answer right: a level with its 90% interval, and on
    # two answers the bands the interval spans, on the line below.
    line = (
        r"Gamma skill +[#-]+ +\d\.\d \(\d\.\d-\d\.\d\) of 7\n"
        r" +between [A-Z][a-z]+ and [A-Z][a-z]+\n"
    )
    assert re.search(line, result.output), result.output
    assert "2 answered, 0 skipped" in result.output
    review = " ".join(invoke("show", "1", "--review").output.split())
    assert (
        "Your answer: Waiting -> Idle operator; Overproduction -> Parts nobody ordered; "
        "Transport -> Training new staff "
        "Best answer: Waiting -> Idle operator; Overproduction -> Parts nobody ordered; "
        "Transport -> Moving parts between buildings (credit 67%)"
    ) in review
    assert "Your answer: MSDS Best answer: safety data sheet (credit 0%)" in review


def test_banks_questions_lists_prompts_and_answers(gamma_dir: Path) -> None:
    result = invoke("banks", "--bank-dir", str(gamma_dir), "--questions", "--format", "json")
    assert result.exit_code == 0, result.output
    assert [(row["type"], row["answers"]) for row in json.loads(result.output)] == [
        ("text", {"text": True}),
        (
            "match",
            {
                "prompts": ["Waiting", "Overproduction", "Transport"],
                "answers": [
                    "Idle operator",
                    "Moving parts between buildings",
                    "Parts nobody ordered",
                    "Training new staff",
                ],
            },
        ),
    ]


def test_the_readme_text_and_match_answers_fit_the_authoring_guide_bank(tmp_path: Path) -> None:
    root = Path(__file__).resolve().parents[2]
    guide = (root / "docs" / "authoring.md").read_text(encoding="utf-8")
    bank = next(
        block
        for block in re.findall(r"```yaml\n(.*?)```", guide, re.S)
        if "questions:\n  - id:" in block
    )
    folder = tmp_path / "banks"
    folder.mkdir()
    (folder / "preventive_maintenance.yaml").write_text(bank, encoding="utf-8")
    readme = (root / "README.md").read_text(encoding="utf-8")
    block = readme.split("the text of the answer picked for it:\n\n", 1)[1].split("\n\n")[0]
    answers = tmp_path / "answers.yaml"
    answers.write_text("\n".join(line[4:] for line in block.splitlines()) + "\n", "utf-8")
    out = tmp_path / "r.json"
    result = invoke(
        "take", "--bank-dir", str(folder), "--answers", str(answers), "--report", str(out)
    )
    assert result.exit_code == 0, result.output
    credits = {r["question_id"]: r["credit"] for r in json.loads(out.read_text())["responses"]}
    assert (credits["pm-txt-01"], credits["pm-match-01"]) == (1.0, 1.0)


def test_a_wildcard_key_reads_as_text_where_a_person_sees_it(tmp_path: Path) -> None:
    """``lockout*tagout`` is how a bank writes "any text between"; a learner reviewing a
    missed question reads ``lockout...tagout``, and the JSON keeps the pattern as written."""
    folder = tmp_path / "banks"
    folder.mkdir()
    (folder / "gamma.yaml").write_text(
        BANK.replace(
            "{text: safety data sheet, credit: 1}", '{text: "lockout*tagout", credit: 1}'
        ).replace("{text: SDS, credit: 1}", '{text: "5 \\\\* 4", credit: 1}'),
        encoding="utf-8",
    )
    answers = tmp_path / "answers.yaml"
    answers.write_text(ANSWERS.replace("the data sheet", "padlock"), encoding="utf-8")
    result = invoke(
        "take", "--bank-dir", str(folder), "--answers", str(answers), "--experience", "0"
    )
    assert result.exit_code == 0, result.output
    review = " ".join(invoke("show", "1", "--review").output.split())
    assert "Your answer: padlock Best answer: lockout...tagout (credit 0%)" in review
    markdown = invoke("report", "1", "--format", "md").output
    assert "- Best answer: lockout...tagout\n" in markdown
    data = json.loads(invoke("report", "1", "--format", "json").output)
    (text_item,) = [r for r in data["responses"] if r["question_id"] == "g-txt-01"]
    assert text_item["keyed"] == "lockout*tagout"

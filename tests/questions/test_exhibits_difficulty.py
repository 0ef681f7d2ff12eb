"""Exhibits (a block shown as written) and difficulty: how authors write them, how the
validator refuses what cannot be shown, how every screen and report shows an exhibit, and
how quizzes draw across difficulties."""

from __future__ import annotations

import io
import json
import random
from collections import Counter
from pathlib import Path

import pytest
from click.testing import CliRunner
from report_fixtures import full_report

from questions import BankSet, Item, Skill, parse_bank
from questions.models import ChoiceItem, LikertItem
from questions.record import replace
from quiz.attempts.draw import draw
from quiz.attempts.session import QuizQuestion
from quiz.cli.console import make_console
from quiz.cli.main import cli
from quiz.cli.plain import render
from quiz.cli.terminal_report import render_review
from quiz.report import export
from quiz.report.htmlpage import render_html
from quiz.report.markdown import render_markdown
from quiz.report.model import Report
from scoring.models import ResponseResult

PICK_LIST = """\
Line  Part          Ordered  Picked
1     M6 bolt            40      40
2     M8 nut             25      52
3     Washer, 6 mm       40      40"""

BANK = """\
schema: 1
skill: {id: exhibits, name: Exhibits}
questions:
  - id: ex-scn-01
    type: choice
    text: Which line of the pick list does not match the order?
    difficulty: hard
    exhibit: |
      Line  Part          Ordered  Picked
      1     M6 bolt            40      40
      2     M8 nut             25      52
      3     Washer, 6 mm       40      40
    options:
      - {text: Line 1, credit: 0}
      - {text: Line 2, credit: 1}
      - {text: Line 3, credit: 0}
    explanation: Line 2 picked 52 against 25 ordered (the digits swapped).
"""


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "bank.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def validate(path: Path) -> tuple[int, list[str]]:
    result = CliRunner().invoke(cli, ["validate", str(path)])
    return result.exit_code, result.output.splitlines()


def the_item() -> ChoiceItem:
    item = parse_bank(BANK, "bank.yaml").bank.questions[0]
    assert isinstance(item, ChoiceItem)
    return item


# --- the bank format --------------------------------------------------------------------


def test_an_exhibit_is_kept_as_written_and_the_difficulty_read() -> None:
    item = the_item()
    assert item.exhibit == PICK_LIST
    assert item.difficulty == "hard"


def test_an_exhibit_keeps_its_first_line_indent_and_drops_blank_lines_around_it() -> None:
    bank = (
        "schema: 1\nskill: {id: s, name: S}\nquestions:\n"
        "  - {id: q, type: numeric, text: How many?, answer: 1,\n"
        '     exhibit: "\\n   Part  Qty   \\n   M6    40\\n\\n"}\n'
    )
    exhibit = parse_bank(bank, "b.yaml").bank.questions[0].exhibit
    assert exhibit == "   Part  Qty\n   M6    40"


def test_difficulty_is_optional_for_an_authors_own_bank(tmp_path: Path) -> None:
    code, output = validate(write(tmp_path, BANK.replace("    difficulty: hard\n", "")))
    assert (code, output) == (0, ["1 bank, 1 item: OK"])


def test_a_wide_exhibit_line_is_refused_at_its_own_line(tmp_path: Path) -> None:
    wide = "3     Washer, 6 mm       40      40" + " " * 30 + "(checked twice)"
    path = write(tmp_path, BANK.replace("3     Washer, 6 mm       40      40", wide))
    code, output = validate(path)
    assert code == 2
    assert output[0] == (
        f"{path}:12:1: question ex-scn-01: exhibit line 4: 80 columns wide; at most 76 fit"
    )


def test_a_line_of_exactly_76_columns_is_accepted(tmp_path: Path) -> None:
    line = "3     Washer, 6 mm       40      40".ljust(76, ".")
    code, _ = validate(write(tmp_path, BANK.replace("3     Washer, 6 mm       40      40", line)))
    assert code == 0


def test_wide_characters_count_two_columns(tmp_path: Path) -> None:
    line = "3     " + "螺" * 36  # 6 + 72 = 78 columns in a terminal, 42 characters
    code, output = validate(
        write(tmp_path, BANK.replace("3     Washer, 6 mm       40      40", line))
    )
    assert code == 2
    assert output[0].endswith("exhibit line 4: 78 columns wide; at most 76 fit")


def test_a_tab_in_an_exhibit_is_refused_at_its_line(tmp_path: Path) -> None:
    path = write(tmp_path, BANK.replace("2     M8 nut", "2\tM8 nut"))
    code, output = validate(path)
    assert code == 2
    assert output[0] == (
        f"{path}:11:1: question ex-scn-01: exhibit line 3: a tab; line the columns up with spaces"
    )


def test_every_bad_line_of_an_exhibit_is_listed(tmp_path: Path) -> None:
    bank = BANK.replace("1     M6 bolt", "1\tM6 bolt").replace(
        "40      40\n    options", "4" * 77 + "\n    options"
    )
    path = write(tmp_path, bank)
    code, output = validate(path)
    assert code == 2
    assert output[:2] == [
        f"{path}:10:1: question ex-scn-01: exhibit line 2: a tab; line the columns up with spaces",
        f"{path}:12:1: question ex-scn-01: exhibit line 4: 102 columns wide; at most 76 fit",
    ]


def test_an_exhibit_not_written_as_a_block_is_refused_at_its_key(tmp_path: Path) -> None:
    bank = BANK.replace(
        "    exhibit: |\n      Line  Part          Ordered  Picked\n", '    exhibit: "a\\tb"\n'
    )
    bank = "\n".join(line for line in bank.splitlines() if not line.startswith("      ")) + "\n"
    path = write(tmp_path, bank)
    code, output = validate(path)
    assert code == 2
    assert output[0] == (
        f"{path}:8:5: question ex-scn-01: exhibit line 1: a tab; line the columns up with spaces"
    )


def test_an_unknown_difficulty_is_refused_at_its_line(tmp_path: Path) -> None:
    path = write(tmp_path, BANK.replace("difficulty: hard", "difficulty: tricky"))
    code, output = validate(path)
    assert code == 2
    assert output[0] == (
        f"{path}:7:5: question ex-scn-01, difficulty: 'tricky' is not a difficulty; "
        "use easy, medium or hard"
    )


def test_a_self_rating_has_no_difficulty(tmp_path: Path) -> None:
    bank = BANK + "  - {id: ex-self-01, type: likert, text: I check twice., difficulty: easy}\n"
    path = write(tmp_path, bank)
    code, output = validate(path)
    assert code == 2
    assert output[0] == (
        f"{path}:18:58: question ex-self-01: unknown key 'difficulty' "
        "(a self-rating has no difficulty; only demonstrated items do)"
    )


def test_an_empty_exhibit_is_refused(tmp_path: Path) -> None:
    bank = BANK.split("    exhibit: |")[0] + '    exhibit: "  "\n' + BANK.split("40      40\n")[-1]
    code, output = validate(write(tmp_path, bank))
    assert code == 2
    assert output[0].endswith(
        "question ex-scn-01, exhibit: an exhibit needs at least one line of text"
    )


# --- showing an exhibit -----------------------------------------------------------------


def a_question(item: Item) -> QuizQuestion:
    shown = tuple(option.text for option in item.options) if isinstance(item, ChoiceItem) else ()
    return QuizQuestion(
        number=1, total=1, skill=Skill(id="ex", name="Exhibits"), item=item, shown=shown
    )


def indented(exhibit: str, indent: int) -> list[str]:
    return [" " * indent + line for line in exhibit.splitlines()]


def contains_run(lines: list[str], run: list[str]) -> bool:
    return any(lines[i : i + len(run)] == run for i in range(len(lines)))


def test_plain_mode_shows_the_exhibit_unwrapped_between_text_and_options() -> None:
    lines = render(a_question(the_item())).splitlines()
    assert lines[:9] == [
        "Exhibits - question 1 of 1",
        "Which line of the pick list does not match the order?",
        "",
        *indented(PICK_LIST, 2),
        "",
        "  1. Line 1",
    ]


def test_the_prompt_shows_the_exhibit_unwrapped_on_a_narrow_terminal(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from quiz.cli.prompt_layout import question_message

    monkeypatch.setenv("COLUMNS", "44")
    lines = question_message(a_question(the_item())).splitlines()
    assert contains_run(lines, ["", *indented(PICK_LIST, 2)])
    # The question text itself is still wrapped to the terminal.
    assert lines[1:3] == ["  Which line of the pick list does not", "  match the order?"]


def report_with_exhibit(exhibit: str) -> Report:
    report = full_report()
    response = ResponseResult(
        question_id="ex-scn-01",
        skill="attention_to_detail",
        type="choice",
        text="Which line of the pick list does not match the order?",
        exhibit=exhibit,
        answer="Line 1",
        keyed="Line 2",
        credit=0,
        explanation="Line 2 picked 52 against 25 ordered.",
    )
    return replace(report, responses=[response])


def test_the_review_shows_the_exhibit_as_written() -> None:
    console = make_console(plain=True)
    stream = io.StringIO()
    console.file = stream
    console.width = 50  # narrower than the exhibit: the terminal folds, rich must not
    render_review(console, report_with_exhibit(PICK_LIST))
    lines = stream.getvalue().splitlines()
    assert contains_run(lines, ["", *indented(PICK_LIST, 5), ""])


def test_markdown_puts_the_exhibit_in_a_fenced_block() -> None:
    markdown = render_markdown(report_with_exhibit(PICK_LIST))
    assert f"\n```text\n{PICK_LIST}\n```\n" in markdown


def test_markdown_fence_outgrows_backticks_in_the_exhibit() -> None:
    exhibit = "Code   Meaning\n```    three backticks on the label\n<b>    as printed"
    markdown = render_markdown(report_with_exhibit(exhibit))
    assert f"\n````text\n{exhibit}\n````\n" in markdown


def test_html_puts_the_exhibit_in_pre_escaped() -> None:
    page = render_html(report_with_exhibit("Part   Qty\n<M6>   40 & 2"))
    assert '<pre class="exhibit" tabindex="0" aria-label="Exhibit for question 1">' in page
    assert "Part   Qty\n&lt;M6&gt;   40 &amp; 2</pre>" in page


def test_the_json_report_carries_the_exhibit() -> None:
    data = json.loads(export.render(report_with_exhibit(PICK_LIST), "json"))
    assert data["responses"][0]["exhibit"] == PICK_LIST


# --- drawing across difficulties --------------------------------------------------------


def graded_bank(
    levels: dict[str, int], types: tuple[str, ...] = ("choice", "numeric", "order")
) -> BankSet:
    """Eight self-ratings and demonstrated items of the given difficulties, types in turn."""
    lines = ["schema: 1", "skill: {id: graded, name: Graded}", "questions:"]
    lines.extend(f"  - {{id: l{n}, type: likert, text: Self {n}}}" for n in range(8))
    number = 0
    for level, count in levels.items():
        for _ in range(count):
            kind = types[number % len(types)]
            body = {
                "choice": "options: [{text: Right, credit: 1}, {text: Wrong, credit: 0}]",
                "numeric": "answer: 1",
                "order": "items: [A, B, C]",
            }[kind]
            difficulty = "" if level == "unrated" else f", difficulty: {level}"
            lines.append(
                f"  - {{id: d{number}, type: {kind}, text: Item {number}{difficulty}, {body}}}"
            )
            number += 1
    return BankSet(banks=(parse_bank("\n".join(lines) + "\n", "graded.yaml"),))


def asked(bank: BankSet, length: str, seed: int) -> list[Item]:
    return [question.item for question in draw(bank, ["graded"], length, seed).questions]


def level(item: Item) -> str:
    return getattr(item, "difficulty", None) or "unrated"


def test_a_quick_quiz_holds_a_hard_item_even_when_hard_items_are_few() -> None:
    bank = graded_bank({"easy": 12, "medium": 12, "hard": 1})
    for seed in range(40):
        items = asked(bank, "quick", seed)
        assert len(items) == 4
        assert Counter(level(item) for item in items)["hard"] == 1
        assert [item.type for item in items].count("likert") == 1


def test_a_quick_quiz_mixes_difficulties_and_types() -> None:
    bank = graded_bank({"easy": 6, "medium": 9, "hard": 9})
    for seed in range(40):
        demonstrated = [item for item in asked(bank, "quick", seed) if item.type != "likert"]
        assert sorted(level(item) for item in demonstrated) == ["easy", "hard", "medium"]
        assert len({item.type for item in demonstrated}) == 3


def test_a_standard_quiz_keeps_type_shares_and_spreads_difficulty() -> None:
    bank = graded_bank({"easy": 6, "medium": 12, "hard": 12})  # 8 likert, 10 of each type
    for seed in range(20):
        items = asked(bank, "standard", seed)
        assert Counter(item.type for item in items) == {
            "likert": 3,
            "choice": 5,
            "numeric": 5,
            "order": 4,
        }
        # 14 demonstrated items in the bank's proportions (2.8 easy, 5.6 medium, 5.6 hard).
        levels = Counter(level(item) for item in items if item.type != "likert")
        # Type quotas come first, so a level may land one away from its share, never more.
        assert levels["easy"] in {2, 3}
        assert levels["medium"] in {5, 6, 7} and levels["hard"] in {5, 6, 7}
        assert sum(levels.values()) == 14


def test_a_bank_without_difficulties_still_draws_every_type_for_quick() -> None:
    bank = graded_bank({"unrated": 12})
    for seed in range(20):
        items = asked(bank, "quick", seed)
        assert len(items) == 4
        assert len({item.type for item in items}) == 4


def test_the_same_seed_draws_the_same_items() -> None:
    bank = graded_bank({"easy": 6, "medium": 9, "hard": 9})
    assert asked(bank, "standard", 3) == asked(bank, "standard", 3)
    assert len({tuple(i.id for i in asked(bank, "standard", s)) for s in range(10)}) > 1
    random.seed(0)  # the draw never uses the global generator
    first = asked(bank, "quick", 5)
    random.seed(1)
    assert asked(bank, "quick", 5) == first


# --- banks shows the spread -------------------------------------------------------------


def test_banks_json_counts_demonstrated_items_by_difficulty(tmp_path: Path) -> None:
    bank = BANK + (
        "  - {id: ex-self-01, type: likert, text: I check twice.}\n"
        "  - {id: ex-num-01, type: numeric, text: How many?, answer: 2, difficulty: easy}\n"
        "  - {id: ex-num-02, type: numeric, text: How many more?, answer: 3}\n"
    )
    write(tmp_path, bank)
    result = CliRunner().invoke(cli, ["banks", "--bank-dir", str(tmp_path), "--format", "json"])
    assert result.exit_code == 0, result.output
    row = json.loads(result.output)[0]
    assert row["by_difficulty"] == {"hard": 1, "medium": 0, "easy": 1, "unrated": 1}


def test_banks_table_shows_the_spread_per_skill(tmp_path: Path) -> None:
    write(tmp_path, BANK)
    result = CliRunner().invoke(cli, ["banks", "--bank-dir", str(tmp_path)], terminal_width=80)
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    header = next(line for line in lines if "medium" in line)
    assert [cell.strip() for cell in header.split("┃")[1:-1]] == ["Skill", "hard", "medium", "easy"]
    row = next(line for line in lines if line.startswith("│ Exhibits") and "│    1 │" in line)
    assert [cell.strip() for cell in row.split("│")[1:-1]] == ["Exhibits", "1", "0", "0"]
    assert max(len(line) for line in lines) <= 80


def test_banks_questions_lists_the_exhibit_and_difficulty(tmp_path: Path) -> None:
    write(tmp_path, BANK)
    runner = CliRunner()
    result = runner.invoke(
        cli, ["banks", "--questions", "--bank-dir", str(tmp_path), "--format", "json"]
    )
    row = json.loads(result.output)[0]
    assert (row["exhibit"], row["difficulty"]) == (PICK_LIST, "hard")
    text = runner.invoke(cli, ["banks", "--questions", "--bank-dir", str(tmp_path)]).output
    assert contains_run(text.splitlines(), indented(PICK_LIST, 4))


def test_the_authoring_guide_exhibit_example_loads() -> None:
    guide = Path(__file__).resolve().parents[2] / "docs" / "authoring.md"
    section = guide.read_text(encoding="utf-8").split("## Exhibits")[1]
    example = section.split("```yaml\n")[1].split("```")[0]
    bank = "schema: 1\nskill: {id: pm, name: PM}\nquestions:\n" + example
    item = parse_bank(bank, str(guide)).bank.questions[0]
    assert item.exhibit is not None and item.exhibit.startswith("Line  Date")
    assert not isinstance(item, LikertItem) and item.difficulty == "medium"


def test_options_naming_exhibit_lines_keep_their_number_order() -> None:
    bank = BANK.replace(
        "      - {text: Line 1, credit: 0}\n      - {text: Line 2, credit: 1}\n"
        "      - {text: Line 3, credit: 0}\n",
        "".join(f"      - {{text: Line {n}, credit: {int(n == 2)}}}\n" for n in (10, 3, 1, 2, 11)),
    )
    bank_set = BankSet(banks=(parse_bank(bank, "bank.yaml"),))
    for seed in range(10):
        (question,) = draw(bank_set, ["exhibits"], "full", seed).questions
        assert question.shown == ("Line 1", "Line 2", "Line 3", "Line 10", "Line 11")


def test_other_options_of_an_exhibit_item_are_still_shuffled() -> None:
    bank = BANK.replace("{text: Line 1,", "{text: Neither line,")
    bank_set = BankSet(banks=(parse_bank(bank, "bank.yaml"),))
    orders = {draw(bank_set, ["exhibits"], "full", seed).questions[0].shown for seed in range(20)}
    assert len(orders) > 1

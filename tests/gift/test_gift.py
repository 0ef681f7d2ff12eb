"""skillquiz gift import / export, on GIFT files written the way Moodle's documentation
writes them (tests/data/gift), on broken files, and round-tripping the built-in banks."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st
from runner import Run

from questions import load_banks, parse_bank
from questions.models import Bank, Item, MatchItem, OrderItem
from questions.record import Record, field_values, to_data
from questions.record_schema import validate
from quiz.cli.main import cli
from quiz.gift import export_banks, import_texts
from quiz.gift.exporter import question_gift
from quiz.gift.reader import read_gift_bytes

DATA = Path(__file__).parent.parent / "data" / "gift"


@pytest.fixture
def data(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The GIFT files copied to a folder the test runs in, so messages name them briefly."""
    for path in DATA.iterdir():
        shutil.copy(path, tmp_path / path.name)
    monkeypatch.chdir(tmp_path)
    return tmp_path


def bank_of(text: str) -> Bank:
    return parse_bank(text, "imported.yaml").bank


# --- import ----------------------------------------------------------------------------


def test_every_question_type_escape_title_and_category_imports_as_expected(
    run: Run, data: Path
) -> None:
    result = run("gift",
        "import", "workshop.gift", "--skill", "workshop_safety", "--name", "Workshop safety",
        "-o", "bank.yaml",
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    assert result.output == (
        "workshop.gift:97:1: essay question skipped: it cannot be scored\n"
        "workshop.gift:99:1: description question skipped: it cannot be scored\n"
        "Imported 22 questions into bank.yaml, 2 questions skipped.\n"
    )
    written = (data / "bank.yaml").read_text(encoding="utf-8")
    assert written == (data / "workshop.expected.yaml").read_text(encoding="utf-8")
    assert CliRunner().invoke(cli, ["validate", "bank.yaml"]).exit_code == 0


def _fields(value: Any) -> Any:
    """A record as dicts of its fields, its tuples kept as tuples."""
    if isinstance(value, tuple):
        return tuple(_fields(part) for part in value)
    return {k: _fields(v) for k, v in field_values(value)} if isinstance(value, Record) else value


def _without_defaults(item: Item) -> dict[str, Any]:
    """An item's fields, leaving out those that keep their default."""
    defaults = type(item)._defaults
    return {
        name: value
        for name, value in _fields(item).items()
        if name not in defaults or value != defaults[name]
    }


def test_the_imported_bank_holds_what_the_gift_says() -> None:
    items = {
        item.id: _without_defaults(item)
        for item in bank_of((DATA / "workshop.expected.yaml").read_text("utf-8")).questions
    }
    assert list(items) == [
        "lockout-01", "ws-scn-01", "guard-check", "ppe-for-grinding", "fire-exits", "ws-scn-02",
        "sds", "ws-txt-01", "torque", "cycle-time", "pressure-range", "scrap-rate", "signs",
        "ws-match-01", "escapes-every-one", "html-question", "markdown", "plain-text",
        "shift-report", "calibration", "lockout-01-2", "defaut",
    ]  # fmt: skip
    assert items["lockout-01"]["options"] == (
        {"text": "Switch the conveyor to slow speed", "credit": 0},
        {"text": "Isolate the power and fit your own lock", "credit": 1},
        {"text": "Tell the operator you are going in", "credit": 0.25},
        {"text": "Reach in quickly while it is stopped", "credit": 0},  # -50% earns 0
    )
    assert items["lockout-01"]["tags"] == ("Workshop/Safety",)
    assert items["defaut"]["tags"] == ("Workshop/Quality",)
    assert items["guard-check"]["text"] == (
        "A fixed guard is held on with screws so that it _____ when the machine runs."
    )
    assert items["escapes-every-one"]["text"] == (
        "Which of these lines are written with GIFT's special characters { } ~ = # : and a "
        "backslash \\ in them?\nPick the ratio."
    )
    assert [option["text"] for option in items["escapes-every-one"]["options"]] == [
        "1:2 = one to two",
        "50% ~ half",
        "C#{sharp}",
    ]
    assert items["html-question"]["text"] == (
        "The gauge reads 3 & a half bar < the 4 bar limit.\nIs the system within its limit?"
    )
    assert items["markdown"]["text"] == "Which two words describe a calibrated gauge?"
    assert items["shift-report"]["text"].startswith("During the night shift the line stopped")
    assert (items["pressure-range"]["answer"], items["pressure-range"]["tolerance"]) == (7, 1)
    assert items["scrap-rate"] == {
        "id": "scrap-rate",
        "type": "numeric",
        "text": "50 of 1,250 parts were scrapped. What is the scrap rate in percent?",
        "answer": 4,
        "explanation": "4: Right: 50 / 1250 = 0.04.\n"
        "Also accepted for 50% credit in the source: 4 ± 0.5 (Close; check your rounding.)\n"
        "Any other answer: Divide the scrap by the total made.",
        "tags": ("Workshop/Safety",),
    }
    assert items["signs"]["distractors"] == ("Temporary works",)
    assert items["fire-exits"]["explanation"] == (
        "Fire exits must open from the inside at all times.\n"
        '"True": Exits stay usable whenever anyone could be inside.\n'
        '"False": Right.'
    )
    assert items["sds"]["answers"] == (
        {"text": "safety data sheet", "credit": 1},
        {"text": "SDS", "credit": 1},
        {"text": "*data sheet*", "credit": 0.5},
    )


def test_windows_line_endings_and_a_bom_read_the_same(data: Path) -> None:
    plain = import_texts([("f.gift", (data / "workshop.gift").read_bytes())], "w_s")
    windows = import_texts([("f.gift", (data / "windows.gift").read_bytes())], "w_s")
    assert (data / "windows.gift").read_bytes()[:5] == b"\xef\xbb\xbf//"
    assert b"\r\n" in (data / "windows.gift").read_bytes()
    assert windows.bank_text == plain.bank_text
    assert [str(p) for p in windows.warnings] == [str(p) for p in plain.warnings]


def test_bad_questions_are_located_and_the_others_still_converted(run: Run, data: Path) -> None:
    result = run(
        "gift", "import", "broken.gift", "latin1.gift", "--skill", "broken", "-o", "bank.yaml"
    )
    assert result.exit_code == 0
    assert result.output == (
        "broken.gift:5:47: this '{' is never closed before the blank line that ends the "
        "question (write a literal brace as \\{); question skipped\n"
        "broken.gift:10:2: a matching question needs at least 2 pairs, this has 1; "
        "question skipped\n"
        "broken.gift:13:55: 'one thousand' is not a number, a number:tolerance or a min..max "
        "range; question skipped\n"
        "broken.gift:15:44: the answer set is empty; question skipped\n"
        "broken.gift:17:37: a '}' without its '{' (write a literal brace as \\}); "
        "question skipped\n"
        "broken.gift:19:1: a multi item needs at least one option with correct: false; "
        "question skipped\n"
        "latin1.gift:3:27: not UTF-8 text (save the file as UTF-8); this question is skipped\n"
        "Imported 4 questions into bank.yaml, 7 questions skipped.\n"
    )
    bank = bank_of((data / "bank.yaml").read_text("utf-8"))
    assert [item.id for item in bank.questions] == [
        "good-first",
        "good-last",
        "good-one",
        "good-two",
    ]
    assert to_data(bank.questions[2])["options"][0]["text"] == "N\u00b7m"


def test_a_50_mb_file_is_one_problem_and_other_files_still_convert(run: Run, data: Path) -> None:
    with (data / "huge.gift").open("wb") as stream:
        block = b"::q::Which is right?{=Yes ~No}\n\n" * 1024
        for _ in range(50 * 1024 * 1024 // len(block) + 1):
            stream.write(block)
    alone = run("gift", "import", "huge.gift", "--skill", "huge")
    assert alone.exit_code == 2
    assert alone.output == (
        "huge.gift:1:1: the file is over 10 MB, the limit\nNothing could be imported.\n"
    )
    with_other = run(
        "gift", "import", "huge.gift", "broken.gift", "--skill", "huge", "-o", "b.yaml"
    )
    assert with_other.exit_code == 0
    assert with_other.output.startswith("broken.gift:5:47: ")
    assert "huge.gift:1:1: the file is over 10 MB, the limit\n" in with_other.output


def test_nothing_importable_exits_2_naming_each_question(run: Run, data: Path) -> None:
    (data / "essays.gift").write_text(
        "::one::Describe your last shift.{}\n\n::two::Welcome to the quiz.\n", "utf-8"
    )
    result = run("gift", "import", "essays.gift", "--skill", "notes")
    assert result.exit_code == 2
    assert result.output == (
        "essays.gift:1:1: essay question skipped: it cannot be scored\n"
        "essays.gift:3:1: description question skipped: it cannot be scored\n"
        "Nothing could be imported.\n"
    )


def test_usage_problems_are_one_line(run: Run, data: Path) -> None:
    missing = run("gift", "import", "nowhere.gift", "--skill", "x")
    assert (missing.exit_code, missing.output) == (
        2,
        "nowhere.gift:1:1: cannot read: no such file\nNothing could be imported.\n",
    )
    folder = run("gift", "import", ".", "--skill", "x")
    assert (folder.exit_code, folder.output) == (
        2,
        ".:1:1: cannot read: a folder\nNothing could be imported.\n",
    )
    (data / "bank.yaml").write_text("kept\n", "utf-8")
    exists = run("gift", "import", "workshop.gift", "--skill", "x", "-o", "bank.yaml")
    assert (exists.exit_code, exists.output) == (
        2,
        "Error: bank.yaml already exists; add --force to replace it\n",
    )
    assert (data / "bank.yaml").read_text("utf-8") == "kept\n"
    bad_skill = run("gift", "import", "workshop.gift", "--skill", "Not An Id")
    assert bad_skill.exit_code == 2
    assert "a skill id is snake_case" in bad_skill.output
    assert "Traceback" not in bad_skill.output


@pytest.mark.parametrize(
    ("gift", "text"),
    [
        ("\\~ \\= \\# \\{ \\} \\: \\\\ done{=a}", "~ = # { } : \\ done"),
        ("Line one\\nline two{=a}", "Line one\nline two"),
        ("A \\\\n is a backslash and n{=a}", "A \\n is a backslash and n"),
        ("::no title end Question?{=a}", "no title end Question?"),
        ("::::Empty title?{=a}", "Empty title?"),
        ("[html]A &lt;b&gt; tag and <i>italics</i>{=a}", "A <b> tag and italics"),
        ("[html]<script>alert(1)</script>Safe?{=a}", "Safe?"),
    ],
)
def test_escapes_titles_and_formats(gift: str, text: str) -> None:
    (question,) = read_gift_bytes(gift.encode()).questions
    assert question.text == text


def test_comments_between_and_inside_questions_are_dropped() -> None:
    gift = (
        "// a heading\n// another\n\n"
        "::q1:: First?{\n// a note inside\n=yes\n~no}\n"
        "\n// between\n\n"
        "::q2:: Second?{=yes ~no}\n"
    )
    questions = read_gift_bytes(gift.encode()).questions
    assert [(q.title, q.text, [a.text for a in q.answers]) for q in questions] == [
        ("q1", "First?", ["yes", "no"]),
        ("q2", "Second?", ["yes", "no"]),
    ]


# --- export ----------------------------------------------------------------------------

SMALL = """\
schema: 1
skill: {id: shop, name: Shop floor}
questions:
  - id: sh-self-01
    type: likert
    text: I keep my bench tidy.
  - id: sh-ord-01
    type: order
    text: Put the lockout steps in order.
    items: [Shut down, Isolate, Lock and tag, Verify]
    difficulty: hard
    tags: [safety]
  - id: sh-num-01
    type: numeric
    text: "Defect rate: 50 of 1,250 failed. In percent?"
    answer: 4
    tolerance: 0.05
    unit: "%"
  - id: sh-multi-01
    type: multi
    text: Which of these are wastes? Pick all that apply.
    exhibit: |
      Waste        Example
      Waiting      idle operator
    options:
      - {text: Waiting, correct: true}
      - {text: Overproduction, correct: true}
      - {text: Training, correct: false}
    explanation: Two of the seven wastes; training is not one.
"""


def test_export_writes_gift_moodle_reads_with_a_comment_for_the_rest() -> None:
    exported = export_banks([bank_of(SMALL)])
    assert exported.count == 3
    assert exported.notes == [
        "shop: 1 self-rating item left out (GIFT has no scale question): sh-self-01"
    ]
    assert exported.text == (
        "// Shop floor (shop)\n"
        "$CATEGORY: $course$/top/skillquiz/Shop floor\n"
        "\n"
        '// skillquiz: {"difficulty": "hard", "tags": ["safety"], "type": "order"}\n'
        "::sh-ord-01::[plain]Put the lockout steps in order.{\n"
        "\t=Shut down -> 1\n"
        "\t=Isolate -> 2\n"
        "\t=Lock and tag -> 3\n"
        "\t=Verify -> 4\n"
        "}\n"
        "\n"
        '// skillquiz: {"tags": [], "unit": "%"}\n'
        "::sh-num-01::[plain]Defect rate\\: 50 of 1,250 failed. In percent?{\n"
        "\t#4:0.05\n"
        "}\n"
        "\n"
        '// skillquiz: {"tags": []}\n'
        "::sh-multi-01::[html]<p>Which of these are wastes? Pick all that apply.</p>"
        "<pre>Waste        Example\\nWaiting      idle operator</pre>{\n"
        "\t~%50%Waiting\n"
        "\t~%50%Overproduction\n"
        "\t~%-100%Training\n"
        "\t####Two of the seven wastes; training is not one.\n"
        "}\n"
    )


def test_exported_items_come_back_unchanged_and_order_is_matching_without_the_comment() -> None:
    bank = bank_of(SMALL)
    exported = export_banks([bank])
    back = bank_of(import_texts([("s.gift", exported.text.encode())], "shop", "Shop floor")
                   .bank_text or "")  # fmt: skip
    assert list(back.questions) == list(bank.questions[1:])
    # Moodle ignores // comments: to it, the order item is a matching question.
    order = bank.questions[1]
    assert isinstance(order, OrderItem)
    moodle_view = "\n".join(
        line for line in question_gift(order).split("\n") if not line.startswith("//")
    )
    (item,) = bank_of(import_texts([("m.gift", moodle_view.encode())], "shop").bank_text or "")\
        .questions  # fmt: skip
    assert isinstance(item, MatchItem)
    assert [(pair.prompt, pair.answer) for pair in item.pairs] == [
        ("Shut down", "1"),
        ("Isolate", "2"),
        ("Lock and tag", "3"),
        ("Verify", "4"),
    ]


def test_every_built_in_bank_round_trips() -> None:
    """Export then import: every item GIFT can hold comes back equal; only self-ratings
    are left out (GIFT has no scale question)."""
    figures = {}
    for loaded in load_banks().banks:
        bank = loaded.bank
        exported = export_banks([bank])
        result = import_texts([("x.gift", exported.text.encode())], bank.skill.id)
        assert result.problems == [] and result.warnings == []
        back = {item.id: item for item in bank_of(result.bank_text or "").questions}
        kept = [item for item in bank.questions if item.type != "likert"]
        unchanged = [item.id for item in kept if back.get(item.id) == item]
        assert unchanged == [item.id for item in kept]
        figures[bank.skill.id] = (len(unchanged), len(bank.questions) - len(kept))
    assert all(skipped == 7 for _, skipped in figures.values())
    assert sum(unchanged for unchanged, _ in figures.values()) >= 100


def test_export_notes_a_matching_question_moodle_would_find_too_small() -> None:
    bank = bank_of(
        "schema: 1\nskill: {id: s, name: S}\nquestions:\n"
        "  - id: m1\n    type: match\n    text: Match them.\n"
        "    pairs: [{prompt: A, answer: '1'}, {prompt: B, answer: '2'}]\n"
    )
    assert export_banks([bank]).notes == [
        "m1: exported, but Moodle's editing form asks a matching question for at least "
        "3 answers; add a distractor to edit it there"
    ]


def test_export_notes_a_credit_that_is_not_one_of_moodles_grades() -> None:
    bank = bank_of(
        "schema: 1\nskill: {id: s, name: S}\nquestions:\n"
        "  - id: c1\n    type: choice\n    text: Pick.\n"
        "    options: [{text: A, credit: 1}, {text: B, credit: 0.35}, {text: C, credit: 0.5}]\n"
    )
    assert export_banks([bank]).notes == [
        "c1: exported, but 35% is not one of Moodle's answer grades; import the file in "
        "Moodle with 'Match grades' set to the nearest grade"
    ]


def test_export_command_writes_a_file_and_refuses_an_unknown_skill(run: Run, data: Path) -> None:
    result = run("gift", "export", "--skill", "data_analysis", "-o", "da.gift")
    assert result.exit_code == 0, result.output
    assert result.output.endswith(" to da.gift.\n")
    assert (
        (data / "da.gift")
        .read_text("utf-8")
        .startswith(
            "// Data analysis (data_analysis)\n$CATEGORY: $course$/top/skillquiz/Data analysis\n"
        )
    )
    again = run("gift", "import", "da.gift", "--skill", "data_analysis", "-o", "da.yaml")
    assert again.exit_code == 0, again.output
    unknown = run("gift", "export", "--skill", "welding")
    assert unknown.exit_code == 2
    assert "no bank for skill 'welding'" in unknown.output


_GIFT_TEXT = (
    st.lists(
        st.sampled_from([*"aZ0 :~=#{}\\%-.[]<>/&;*_é\"'", "::", "####", "[html]", "//", "  "]),
        min_size=1,
        max_size=20,
    )
    .map("".join)
    .map(lambda text: text.strip() or "x")
    .filter(lambda text: "->" not in text)  # left out of export with a note (GIFT's arrow)
)


@settings(max_examples=150, deadline=None)
@given(text=_GIFT_TEXT, option=_GIFT_TEXT, answer=_GIFT_TEXT, explanation=_GIFT_TEXT)
def test_any_text_survives_export_and_import(
    text: str, option: str, answer: str, explanation: str
) -> None:
    """GIFT's special characters, HTML-like text and runs of spaces come back as written."""
    bank = validate(
        Bank,
        {
            "schema": 1,
            "skill": {"id": "s", "name": "S"},
            "questions": [
                {
                    "id": "c1",
                    "type": "choice",
                    "text": text,
                    "options": [{"text": f"A {option}", "credit": 1}, {"text": "B", "credit": 0}],
                    "explanation": explanation,
                },
                {
                    "id": "t1",
                    "type": "text",
                    "text": text,
                    "answers": [{"text": answer, "credit": 1}],
                },
                {
                    "id": "m1",
                    "type": "multi",
                    "text": text,
                    "exhibit": f"  {option}\n{answer}",
                    "options": [
                        {"text": f"A {option}", "correct": True},
                        {"text": "B", "correct": False},
                    ],
                },
            ],
        },
    )
    exported = export_banks([bank])
    back = bank_of(import_texts([("p.gift", exported.text.encode())], "s", "S").bank_text or "")
    assert back.questions == bank.questions


def test_an_items_level_goes_to_moodle_and_back() -> None:
    bank = bank_of(
        "schema: 1\nskill: {id: s, name: S}\nquestions:\n"
        "  - {id: n1, type: numeric, text: How many?, answer: 4, level: 3.5}\n"
        "  - {id: n2, type: numeric, text: How many more?, answer: 5}\n"
    )
    exported = export_banks([bank])
    assert '// skillquiz: {"level": 3.5, "tags": []}' in exported.text.splitlines()
    result = import_texts([("x.gift", exported.text.encode())], "s")
    back = bank_of(result.bank_text or "").questions
    assert [getattr(item, "level", None) for item in back] == [3.5, None]


def test_two_questions_without_a_blank_line_between_say_what_ends_one(
    run: Run, tmp_path: Path
) -> None:
    gift = tmp_path / "run-on.gift"
    gift.write_text("::A:: One? {=yes ~no}\n::B:: Two? {#2}\n", encoding="utf-8")
    result = run("gift", "import", str(gift), "--skill", "run_on", "-o", str(tmp_path / "b.yaml"))
    assert result.exit_code == 2
    assert result.output == (
        f"{gift}:2:12: a second answer block; a question has one, and a blank line ends it "
        "(escape braces as \\{ \\}); question skipped\n"
        "Nothing could be imported.\n"
    )

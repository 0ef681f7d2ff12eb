"""Nothing from outside the program can drive the terminal or restyle the output.

Bank text with control characters is refused at its line; file names, attempt names, answers
files and stored rows are printed with control characters spelled out (ESC as ``\\x1b``);
square brackets in any text print as written, never as rich markup.
"""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from runner import Run

from quiz.safetext import CONTROL_CHARACTERS, visible
from quiz.storage import DB_NAME

pytestmark = pytest.mark.cli_runner(columns=200)

EVIL = "Eve\x1b]0;pwned\x07\x1b[2J\x9b31m"
SHOWN = "Eve\\x1b]0;pwned\\x07\\x1b[2J\\x9b31m"


def assert_safe(text: str) -> None:
    assert not CONTROL_CHARACTERS & set(text), repr(text)


BANK = """\
schema: 1
skill:
  id: gamma
  name: Gamma
questions:
  - id: g-choice-01
    type: choice
    text: Which?
    options:
      - {text: Right, credit: 1}
      - {text: Wrong, credit: 0}
"""


def test_visible_spells_out_every_control_character_but_newline() -> None:
    assert visible("a\x1b[2Jb\nc\x07\x7f\x9b\td") == "a\\x1b[2Jb\nc\\x07\\x7f\\x9b\\x09d"
    assert visible("Straße – ok") == "Straße – ok"


@pytest.mark.parametrize(
    ("line", "text", "where", "shown", "at"),
    [
        (4, 'name: "Gam\\e]0;pwned\\ama"', "skill name", "\\x1b", 4),
        (8, 'text: "Which\\e[2J?"', "question g-choice-01, text", "\\x1b", 6),
        (10, '- {text: "Right\\x9b", credit: 1}', "question g-choice-01, options #1, text",
         "\\x9b", 6),
        (8, 'text: "Which\\x7f?"', "question g-choice-01, text", "\\x7f", 6),
        (8, 'text: "Which\\t?"', "question g-choice-01, text", "\\x09", 6),
        (8, 'text: "Which\\r?"', "question g-choice-01, text", "\\x0d", 6),
    ],
)  # fmt: skip
def test_control_characters_in_bank_text_are_refused_at_their_line(
    run: Run, tmp_path: Path, line: int, text: str, where: str, shown: str, at: int
) -> None:
    lines = BANK.splitlines()
    indent = len(lines[line - 1]) - len(lines[line - 1].lstrip())
    lines[line - 1] = " " * indent + text
    bank = tmp_path / "gamma.yaml"
    bank.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = run("validate", str(bank))
    assert result.exit_code == 2
    assert_safe(result.output)
    file, number, column, message = result.output.splitlines()[0].split(":", 3)
    assert (file, number, column.isdigit()) == (str(bank), str(line), True)
    assert message == (
        f" {where}: a control character ({shown}) at character {at}; bank text holds "
        "printable characters and line breaks only"
    )


def test_newlines_in_bank_text_are_fine(run: Run, tmp_path: Path) -> None:
    bank = tmp_path / "gamma.yaml"
    bank.write_text(BANK.replace("text: Which?", "text: |\n      Which\n      one?"), "utf-8")
    assert run("validate", str(bank)).output == "1 bank, 1 item: OK\n"


def test_a_file_name_with_escapes_is_shown_not_obeyed(run: Run, tmp_path: Path) -> None:
    bank = tmp_path / f"{EVIL}.yaml"
    bank.write_text("schema: 1\n", encoding="utf-8")
    for args in (["validate", str(bank)], ["banks", "--bank-dir", str(bank)]):
        result = run(*args)
        assert result.exit_code == 2
        assert_safe(result.output)
        assert f"{tmp_path}/{SHOWN}.yaml:1:1: missing required key 'skill'" in result.output


def test_a_stored_name_with_escapes_is_shown_not_obeyed(
    run: Run, bank_dir: Path, skillquiz_home: Path
) -> None:
    # take keeps no control characters in a name, but a database is only a file: it may
    # have been edited, or filled by another program.
    taken = run(
        "take", "--bank-dir", str(bank_dir), "--skill", "beta", "--seed", "3",
        "--experience", "2", "--name", "Eve", input="60\n3 1 2\n4\n1\n",
    )  # fmt: skip
    assert taken.exit_code == 0, taken.output
    conn = sqlite3.connect(skillquiz_home / DB_NAME)
    conn.execute("UPDATE attempts SET name = ?", (EVIL,))
    conn.commit()
    conn.close()
    for args in (
        ["history"],
        ["show"],
        ["show", "--plain"],
        ["report", "--format", "md"],
        ["report", "--format", "csv"],
        ["history", "--delete", "1"],
    ):
        result = run(*args, input="n\n")
        assert result.exit_code == 0, (args, result.output)
        assert_safe(result.output)
    assert SHOWN in run("history").output
    assert SHOWN in run("history", "--delete", "1", input="n\n").output


def test_an_answers_file_with_escapes_is_shown_not_obeyed(
    run: Run, bank_dir: Path, tmp_path: Path
) -> None:
    answers = tmp_path / "answers.yaml"
    answers.write_text(
        f'"b-{EVIL}": 4\nb-choice-01: "Agree\\e[2J"\n'.replace(EVIL, "x\\e[2J"), encoding="utf-8"
    )
    result = run("take", "--bank-dir", str(bank_dir), "--skill", "beta", "--answers", str(answers))
    assert result.exit_code == 2
    assert_safe(result.output)
    assert "\\x1b[2J" in result.output


def test_a_typed_reply_with_escapes_is_echoed_safely(run: Run, bank_dir: Path) -> None:
    result = run(
        "take", "--bank-dir", str(bank_dir), "--skill", "beta", "--seed", "3",
        "--experience", "2", "--plain", input="\x1b[2J\ns\ns\ns\ns\n",
    )  # fmt: skip
    assert result.exit_code == 2, result.output  # piped: a refused line stops the quiz
    assert_safe(result.output)
    assert "\\x1b[2J" in result.stdout  # echoed as read
    assert "'\\x1b[2J'" in result.stderr  # and quoted in the reason


def test_click_usage_errors_are_shown_safely(tmp_path: Path) -> None:
    for args in ([EVIL], ["take", "--length", EVIL], ["show", EVIL]):
        done = subprocess.run(
            [sys.executable, "-m", "quiz", *args],
            capture_output=True,
            text=True,
            env={**os.environ, "SKILLQUIZ_HOME": str(tmp_path)},
            stdin=subprocess.DEVNULL,
            check=False,
        )
        assert done.returncode == 2, done.stderr
        assert_safe(done.stdout + done.stderr)
        assert SHOWN in done.stderr


MARKUP_BANK = """\
schema: 1
skill:
  id: welding
  name: Welding [advanced] [/] [link=https://example.com/p]here[/link]
questions:
  - id: w-choice-01
    type: choice
    text: "Which [bold]rod[/bold]? [/]"
    options:
      - {text: "[red]E6013[/red]", credit: 1}
      - {text: "E7018 [dim]", credit: 0}
  - id: w-self-01
    type: likert
    text: I weld [b]well[/b].
"""


def test_square_brackets_in_banks_print_as_written(run: Run, tmp_path: Path) -> None:
    folder = tmp_path / "banks"
    folder.mkdir()
    (folder / "welding.yaml").write_text(MARKUP_BANK, encoding="utf-8")
    name = "Welding [advanced] [/] [link=https://example.com/p]here[/link]"
    listing = run("banks", "--bank-dir", str(folder))
    assert listing.exit_code == 0, listing.output
    assert name in listing.output
    questions = run("banks", "--bank-dir", str(folder), "--questions")
    assert questions.exit_code == 0, questions.output
    for text in (name, "Which [bold]rod[/bold]? [/]", "[red]E6013[/red]", "E7018 [dim]"):
        assert text in questions.output
    taken = run(
        "take", "--bank-dir", str(folder), "--plain", "--experience", "1", "--name", "[b]Al[/b]",
        input="1\n1\n",
    )  # fmt: skip
    assert taken.exit_code == 0, taken.output
    assert "[red]E6013[/red]" in taken.output and name in taken.output
    shown = run("show", "--review")
    assert shown.exit_code == 0, shown.output
    assert name in shown.output
    assert "[b]Al[/b]" in run("history").output


def test_import_and_report_messages_show_file_names_safely(
    run: Run, bank_dir: Path, tmp_path: Path
) -> None:
    bad = tmp_path / f"{EVIL}.json"
    bad.write_text("{}", encoding="utf-8")
    imported = run("import", str(bad))
    assert imported.exit_code == 2
    assert_safe(imported.output)
    assert SHOWN in imported.output
    taken = run(
        "take", "--bank-dir", str(bank_dir), "--skill", "beta", "--seed", "3",
        "--experience", "2", input="60\n3 1 2\n4\n1\n",
    )  # fmt: skip
    assert taken.exit_code == 0, taken.output
    written = run("report", "-o", str(tmp_path / f"{EVIL}.md"))
    assert written.exit_code == 0, written.output
    assert_safe(written.output)
    assert SHOWN in written.output

"""``skillquiz take --answers FILE``: a YAML or JSON file of answers taken without prompts,
answers outside the quiz noted, every problem in a file named by place with nothing saved,
files that are not regular files refused, and the report written at the end."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from runner import Run
from take_fixtures import attempt_count, stored, write

from quiz.storage import Store


def run_skillquiz(*args: str) -> subprocess.CompletedProcess[str]:
    """The real entry point in a child process, so a read that blocks fails by timeout."""
    command = [sys.executable, "-m", "quiz", *args]
    return subprocess.run(
        command, capture_output=True, text=True, timeout=30, stdin=subprocess.DEVNULL
    )


def test_answers_file_answers_without_prompts(run: Run, bank_dir: Path, tmp_path: Path) -> None:
    answers = write(
        tmp_path / "answers.yaml",
        "a-self-01: 4\n"
        "a-choice-01: Right\n"
        "a-multi-01: [Waiting, Overproduction]\n"
        "a-num-01: 4\n"
        "a-order-01: [Shut down, Isolate, Lock and tag, Verify]\n"
        "b-num-01: null\n",
    )
    result = run("take", "--bank-dir", str(bank_dir), "--answers", str(answers))
    assert result.exit_code == 0, result.output
    assert "question 1 of" not in result.output  # no prompts
    snapshot, stored_answers = stored()
    assert len(snapshot.questions) == 11  # --answers defaults to the full length
    assert stored_answers["a-choice-01"] == "Right"
    assert stored_answers["a-order-01"] == ["Shut down", "Isolate", "Lock and tag", "Verify"]
    assert stored_answers["a-num-01"] == 4
    assert stored_answers["b-num-01"] is None
    assert stored_answers["b-choice-01"] is None  # not in the file: skipped
    assert len(stored_answers) == 11


def test_answers_file_in_json(run: Run, bank_dir: Path, tmp_path: Path) -> None:
    answers = write(tmp_path / "a.json", json.dumps({"b-num-01": 60, "b-choice-01": "Agree"}))
    result = run("take", "--bank-dir", str(bank_dir), "--skill", "beta", "--answers", str(answers))
    assert result.exit_code == 0, result.output
    assert stored()[1]["b-num-01"] == 60


def test_answers_for_questions_outside_the_quiz_are_noted(
    run: Run, bank_dir: Path, tmp_path: Path
) -> None:
    answers = write(tmp_path / "a.yaml", "b-num-01: 60\na-num-01: 4\n")
    result = run("take", "--bank-dir", str(bank_dir), "--skill", "beta", "--answers", str(answers))
    assert result.exit_code == 0
    assert "1 answer in the file is for questions not in this quiz (e.g. a-num-01)" in result.stderr


def test_resume_with_a_whole_quiz_answers_file_ignores_questions_not_asked(
    run: Run, tmp_path: Path
) -> None:
    first = run("take", "--skill", "empathy", "--length", "quick", "--plain", input="s\ns\n")
    assert first.exit_code == 1  # input ended after one skip: progress saved
    answers = tmp_path / "all.yaml"
    answers.write_text("ct-self-01: 4\nem-self-01: 5\nem-self-02: 2\n", encoding="utf-8")
    result = run("take", "--resume", "--answers", str(answers))
    assert result.exit_code == 0, result.output
    assert "for questions not in this quiz" in result.output
    with Store.open() as store:
        stored = dict(store.answers(1))
    assert "ct-self-01" not in stored


def test_report_is_written_at_the_end(run: Run, bank_dir: Path, tmp_path: Path) -> None:
    out = tmp_path / "results.json"
    answers = write(tmp_path / "a.yaml", "b-num-01: 60\n")
    result = run(
        "take", "--bank-dir", str(bank_dir), "--answers", str(answers), "--report", str(out)
    )
    assert result.exit_code == 0, result.output
    data = json.loads(out.read_text())
    assert data["schema_version"] == 3 and data["attempt"]["id"] == 1
    again = run(
        "take", "--bank-dir", str(bank_dir), "--answers", str(answers), "--report", str(out)
    )
    assert again.exit_code == 2 and "already exists; add --force" in again.output
    assert attempt_count() == 1
    forced = run(
        "take",
        "--bank-dir",
        str(bank_dir),
        "--answers",
        str(answers),
        "--report",
        str(out),
        "--force",
    )
    assert forced.exit_code == 0
    assert json.loads(out.read_text())["attempt"]["id"] == 2


@pytest.mark.parametrize(
    ("name", "text", "message"),
    [
        ("a.yaml", "b-num-01: 60\nzz-99: 1\n", "a.yaml:2:1: unknown question id 'zz-99'"),
        ("a.yaml", "b-self-01: 7\n", "a.yaml:1:12: question b-self-01: "),
        ("a.yaml", "b-order-01: [One, Two]\n", "a.yaml:1:13: question b-order-01: "),
        ("a.yaml", "b-choice-01: Maybe\n", "question b-choice-01: 'Maybe' is not one of"),
        ("a.yaml", "- b-num-01\n", "a.yaml:1:1: an answers file maps question ids to answers"),
        ("a.yaml", "b-num-01: [1\n", "a.yaml:2:1: YAML syntax"),
        ("a.json", '{"b-num-01": 60,\n "b-num-01": 61}', "a.json:2:"),
        ("a.json", '{"b-num-01": 60,\n "zz": 1}', "a.json:2:2: unknown question id 'zz'"),
        ("a.json", '{"b-num-01": }', "a.json:1:14: JSON syntax"),
        ("a.json", '{"b-num-01": "sixty"}', "question b-num-01"),
        ("a.yaml", 'b-self-01: "²"\n', "a.yaml:1:12: question b-self-01: a self-rating is"),
        ("a.yaml", f'b-self-01: "{"9" * 5000}"\n', "question b-self-01: a self-rating is"),
        ("a.json", f'{{"b-self-01": {"9" * 5000}}}', "question b-self-01: a self-rating is"),
        (
            "a.json",
            f'{{"b-num-01": {"9" * 5000}}}',
            "question b-num-01: '99999999999999999999'... (5,000 characters) is too large",
        ),
        (
            "a.json",
            f'{{"b-num-01": 60,\n "b-self-01": {"9" * 5000}}}',
            "a.json:2:15: question b-self",
        ),
        ("a.yaml", f"b-num-01: {'9' * 5000}\n", "a.yaml:1:"),
    ],
)
def test_bad_answers_files_exit_2_naming_the_place_and_save_nothing(
    run: Run, bank_dir: Path, tmp_path: Path, name: str, text: str, message: str
) -> None:
    answers = write(tmp_path / name, text)
    result = run("take", "--bank-dir", str(bank_dir), "--answers", str(answers))
    assert result.exit_code == 2, result.output
    assert message in result.output
    assert "nothing was saved" in result.output
    assert "Traceback" not in result.output
    assert attempt_count() == 0


def test_every_problem_in_an_answers_file_is_listed(
    run: Run, bank_dir: Path, tmp_path: Path
) -> None:
    answers = write(tmp_path / "a.yaml", "x-1: 1\nb-self-01: 0\nb-num-01: 60\ny-2: 2\n")
    result = run("take", "--bank-dir", str(bank_dir), "--answers", str(answers))
    assert (result.exit_code, result.output.splitlines()) == (
        2,
        [
            f"{answers}:1:1: unknown question id 'x-1'",
            f"{answers}:2:12: question b-self-01: a self-rating is a whole number from 1 to 5, "
            "got 0",
            f"{answers}:4:1: unknown question id 'y-2'",
            "the answers file has 3 problems; nothing was saved",
        ],
    )


def test_a_wrong_answer_is_pointed_at_where_it_is_not_at_its_question_id(
    run: Run, bank_dir: Path, tmp_path: Path
) -> None:
    """Line and column of the wrong value: the answer, the element of a list, the prompt
    or the answer of a match; an id nobody asks is the id's own place."""
    answers = write(
        tmp_path / "answers.yaml",
        "a-self-01:   9\n"
        "a-choice-01: Rihgt\n"
        "a-multi-01: [Waiting, Overproductoin]\n"
        "a-order-01:\n"
        "  - Shut down\n"
        "  - Isolate\n"
        "  - Isolate\n"
        "  - Verify\n"
        "b-num-01: sixty\n"
        "zz-01: 1\n",
    )
    result = run("take", "--bank-dir", str(bank_dir), "--answers", str(answers))
    assert (result.exit_code, result.output.splitlines()) == (
        2,
        [
            f"{answers}:1:14: question a-self-01: a self-rating is a whole number from 1 to 5, "
            "got 9",
            f"{answers}:2:14: question a-choice-01: 'Rihgt' is not one of the options; "
            "did you mean 'Right'?",
            f"{answers}:3:23: question a-multi-01: 'Overproductoin' is not one of the options; "
            "did you mean 'Overproduction'?",
            f"{answers}:7:5: question a-order-01: 'Isolate' appears more than once",
            f"{answers}:9:11: question b-num-01: 'sixty' is not a number",
            f"{answers}:10:1: unknown question id 'zz-01'",
            "the answers file has 6 problems; nothing was saved",
        ],
    )
    assert attempt_count() == 0


def test_a_missing_answers_file_is_one_line(run: Run, bank_dir: Path, tmp_path: Path) -> None:
    result = run("take", "--bank-dir", str(bank_dir), "--answers", str(tmp_path / "none.yaml"))
    assert result.exit_code == 2
    assert "none.yaml:1:1: cannot read" in result.output


def test_a_missing_answers_file_says_so(run: Run, tmp_path: Path) -> None:
    missing = tmp_path / "answers.yaml"
    result = run("take", "--answers", str(missing))
    assert result.exit_code == 2
    assert f"{missing}:1:1: cannot read: no such file" in result.output


@pytest.mark.parametrize("suffix", [".json", ".yaml"])
def test_an_answers_fifo_is_refused_not_waited_on(
    bank_dir: Path, tmp_path: Path, suffix: str
) -> None:
    fifo = tmp_path / f"answers{suffix}"
    os.mkfifo(fifo)
    result = run_skillquiz("take", "--bank-dir", str(bank_dir), "--answers", str(fifo))
    assert result.returncode == 2, result.stderr
    assert f"{fifo}:1:1: cannot read: not a regular file" in result.stderr
    assert "Traceback" not in result.stderr
    assert attempt_count() == 0


def test_an_answers_link_to_dev_zero_is_refused_not_read_forever(
    bank_dir: Path, tmp_path: Path
) -> None:
    link = tmp_path / "answers.json"
    link.symlink_to("/dev/zero")
    result = run_skillquiz("take", "--bank-dir", str(bank_dir), "--answers", str(link))
    assert result.returncode == 2, result.stderr
    assert f"{link}:1:1: cannot read: not a regular file" in result.stderr
    assert attempt_count() == 0


def test_an_oversized_json_answers_file_says_the_limit_as_banks_do(
    run: Run, bank_dir: Path, tmp_path: Path
) -> None:
    from questions.yamlsource import MAX_FILE_BYTES

    answers = write(tmp_path / "a.json", " " * MAX_FILE_BYTES + "{}")
    result = run("take", "--bank-dir", str(bank_dir), "--answers", str(answers))
    assert result.exit_code == 2
    assert f"a.json:1:1: file is over {MAX_FILE_BYTES:,} bytes, the limit" in result.output


def test_a_control_character_in_an_answers_file_is_one_line_at_its_place(
    run: Run, bank_dir: Path, tmp_path: Path
) -> None:
    answers = write(tmp_path / "a.yaml", 'b-num-01: 60\nb-self-01: "\x1b]0;title\x07"\n')
    result = run("take", "--bank-dir", str(bank_dir), "--answers", str(answers))
    assert result.exit_code == 2
    assert result.output == (
        f"{answers}:2:13: YAML syntax: a control character (U+001B) is not allowed\n"
        "the answers file has 1 problem; nothing was saved\n"
    )

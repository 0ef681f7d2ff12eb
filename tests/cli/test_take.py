"""``skillquiz take`` in plain mode and with --answers, through click's CliRunner."""

from __future__ import annotations

import io
import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from questions import MultiItem, load_banks
from quiz.attempts.draw import draw
from quiz.attempts.snapshot import Snapshot, load_snapshot
from quiz.cli.main import cli
from quiz.storage import Store


def run(*args: str, input: str | None = None) -> Result:
    return CliRunner().invoke(cli, ["take", *args], input=input)


def stored(attempt_id: int = 1) -> tuple[Snapshot, dict[str, object]]:
    with Store.open() as store:
        attempt = store.attempt(attempt_id)
        assert attempt is not None
        return load_snapshot(store, attempt), dict(store.answers(attempt_id))


def attempt_count() -> int:
    with Store.open() as store:
        return len(store.attempts())


def skip_all(count: int) -> str:
    return "s\n" * count


def test_plain_quiz_from_start_to_results(bank_dir: Path) -> None:
    result = run("--bank-dir", str(bank_dir), "--length", "quick", "--seed", "4", input=skip_all(9))
    assert result.exit_code == 0, result.output
    assert "Alpha skill - question 1 of 8" in result.output
    assert "Beta skill - question 8 of 8" in result.output
    assert "\x1b" not in result.output
    assert "not for screening" in result.output
    lines = result.output.rstrip().splitlines()
    assert lines[-3:] == [
        "Attempt 1 is saved.",
        "What you missed, with the best answers and why: skillquiz show 1 --review",
        "Export it with: skillquiz report 1 -o results.html",
    ]
    snapshot, answers = stored()
    assert answers == {q.item.id: None for q in snapshot.questions}
    with Store.open() as store:
        assert store.attempt(1).finished  # type: ignore[union-attr]


def test_plain_answers_are_stored_as_data(bank_dir: Path) -> None:
    # Seed 4 puts each option in a known place: read it back from the snapshot and answer
    # by position, then check what was stored is the text at that position.
    snapshot = draw(load_banks([bank_dir]), ["alpha", "beta"], "quick", 4)
    replies: list[str] = []
    expected: dict[str, object] = {}
    for asked in snapshot.questions:
        kind = asked.item.type
        if kind == "likert":
            replies.append("4")
            expected[asked.item.id] = 4
        elif kind == "choice":
            replies.append("2")
            expected[asked.item.id] = asked.shown[1]
        elif isinstance(asked.item, MultiItem):
            replies.append("3 1")
            picked = {asked.shown[2], asked.shown[0]}
            # Stored in the bank's option order, whatever order they were typed in.
            expected[asked.item.id] = [o.text for o in asked.item.options if o.text in picked]
        elif kind == "numeric":
            replies.append("4.5")
            expected[asked.item.id] = 4.5
        else:
            count = len(asked.shown)
            replies.append(" ".join(str(n) for n in range(count, 0, -1)))
            expected[asked.item.id] = list(reversed(asked.shown))
    result = run(
        "--bank-dir",
        str(bank_dir),
        "--length",
        "quick",
        "--seed",
        "4",
        input="s\n" + "\n".join(replies) + "\n",
    )
    assert result.exit_code == 0, result.output
    stored_snapshot, answers = stored()
    assert stored_snapshot == snapshot
    assert answers == expected


def test_end_of_input_saves_progress_and_resume_continues(bank_dir: Path) -> None:
    result = run("--bank-dir", str(bank_dir), "--length", "quick", input="s\ns\ns\ns\n")
    assert result.exit_code == 1
    assert "Input ended; progress saved. Resume with: skillquiz take --resume" in result.stderr
    assert "Traceback" not in result.output
    snapshot, answers = stored()
    assert sorted(answers) == sorted(q.item.id for q in snapshot.questions[:3])
    again = run("--resume", input=skip_all(5))
    assert again.exit_code == 0, again.output
    assert "Resuming attempt 1: 3 of 8 answered." in again.output
    assert "question 4 of 8" in again.output and "question 3 of 8" not in again.output
    assert len(stored()[1]) == 8


def test_a_refused_piped_line_stops_the_quiz_naming_the_question_and_line(
    bank_dir: Path,
) -> None:
    # Line 1 skips the experience question, lines 2-3 skip questions 1-2, line 4 is bad:
    # were the next line read for question 3 instead, every later answer would shift by one.
    replies = "s\ns\ns\nzero\n" + skip_all(4)
    result = run("--bank-dir", str(bank_dir), "--skill", "beta", "--seed", "2", input=replies)
    assert result.exit_code == 2, result.output
    snapshot, answers = stored()
    third = snapshot.questions[2].item.id
    assert result.stderr == (
        f"Error: input line 4: question 3 of 4 ({third}): 'zero' is not a whole number; "
        "the 2 answers before it are saved: resume with skillquiz take --resume\n"
    )
    assert "Not accepted" not in result.output
    assert sorted(answers) == sorted(q.item.id for q in snapshot.questions[:2])
    again = run("--resume", input=skip_all(2))
    assert again.exit_code == 0, again.output
    assert "Resuming attempt 1: 2 of 4 answered." in again.output


def test_a_refused_first_line_saves_nothing(bank_dir: Path) -> None:
    result = run("--bank-dir", str(bank_dir), "--skill", "beta", input="ten\n" + skip_all(4))
    assert result.exit_code == 2
    assert result.stderr == (
        "Error: input line 1: the experience question: 'ten' is not a number of years; "
        "type whole years, e.g. 3; nothing was saved\n"
    )
    assert attempt_count() == 0


def test_ctrl_c_saves_and_exits_130(bank_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from quiz.cli import plain

    calls = {"n": 0}
    real = plain.PlainAsker.ask_turn

    def interrupt_on_third(self: plain.PlainAsker, question: object, turn: object) -> object:
        calls["n"] += 1
        if calls["n"] == 3:
            raise KeyboardInterrupt
        return real(self, question, turn)  # type: ignore[arg-type]

    monkeypatch.setattr(plain.PlainAsker, "ask_turn", interrupt_on_third)
    result = run("--bank-dir", str(bank_dir), input=skip_all(10))
    assert result.exit_code == 130
    assert "Progress saved. Resume with: skillquiz take --resume" in result.stderr
    assert len(stored()[1]) == 2


@pytest.mark.parametrize("word", ["LATEST", " Latest "])
def test_resume_latest_in_any_case_continues_the_latest_attempt(bank_dir: Path, word: str) -> None:
    run("--bank-dir", str(bank_dir), "--skill", "beta", input="s\ns\n")
    again = run("--resume", word, input=skip_all(3))
    assert again.exit_code == 0, again.output
    assert "Resuming attempt 1: 1 of 4 answered." in again.output
    assert attempt_count() == 1


def test_resume_names_an_older_attempt_when_it_is_not_the_latest(bank_dir: Path) -> None:
    run("--bank-dir", str(bank_dir), "--skill", "beta", input="s\ns\n")
    run("--bank-dir", str(bank_dir), "--skill", "beta", input="s\ns\n")
    result = run("--resume", "1", input="s\n")
    assert result.exit_code == 1
    assert "Resume with: skillquiz take --resume 1" in result.stderr


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--resume",), "no attempt in progress to resume"),
        (("--resume", "9"), "no attempt 9; see skillquiz history"),
    ],
)
def test_resume_without_an_attempt_is_a_runtime_failure(
    args: tuple[str, ...], message: str
) -> None:
    result = run(*args)
    assert result.exit_code == 1
    assert message in result.output


def test_a_finished_attempt_cannot_be_resumed(bank_dir: Path) -> None:
    run("--bank-dir", str(bank_dir), "--skill", "beta", input=skip_all(5))
    result = run("--resume", "1")
    assert result.exit_code == 1
    assert "attempt 1 is already finished; see it with skillquiz show 1" in result.output


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--resume", "abc"), "'abc' is not an attempt id"),
        (("--resume", "--skill", "beta"), "cannot be combined"),
        (("--resume", "--name", "Zed"), "cannot be combined"),
        (("--resume", "1", "--name", "Zed"), "cannot be combined"),
        (("--skill", "gamma"), "unknown skill 'gamma'; choose from alpha, beta"),
        (("--length", "short"), "'short' is not one of"),
        (("--seed", "-1"), "--seed"),
        (("--report", "out.txt"), "cannot tell the report format from 'out.txt'"),
    ],
)
def test_bad_usage_exits_2_without_starting(
    bank_dir: Path, args: tuple[str, ...], message: str
) -> None:
    result = run("--bank-dir", str(bank_dir), *args) if "--resume" not in args else run(*args)
    assert result.exit_code == 2, result.output
    assert message in result.output
    assert "Traceback" not in result.output
    assert attempt_count() == 0


def test_a_broken_bank_is_reported_with_file_and_line(bank_dir: Path) -> None:
    (bank_dir / "beta.yaml").write_text("schema: 1\nskill: {id: beta, name: Beta}\nquestions: []\n")
    result = run("--bank-dir", str(bank_dir), input=skip_all(20))
    assert result.exit_code == 2
    assert f"{bank_dir / 'beta.yaml'}:3:" in result.output
    assert attempt_count() == 0


def test_same_seed_same_quiz(bank_dir: Path) -> None:
    for _ in range(2):
        run("--bank-dir", str(bank_dir), "--seed", "11", input="s\ns\n")
    assert stored(1)[0] == stored(2)[0]


@pytest.mark.parametrize("replies", ["", "s\n"])
def test_input_ending_before_the_first_answer_keeps_no_attempt(
    bank_dir: Path, replies: str
) -> None:
    result = run("--bank-dir", str(bank_dir), input=replies)
    assert result.exit_code == 1
    assert "Input ended; nothing was saved." in result.stderr
    assert "progress saved" not in result.output
    assert attempt_count() == 0


def test_ctrl_c_before_the_first_answer_keeps_no_attempt(
    bank_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from quiz.cli import plain

    def interrupt(self: plain.PlainAsker, question: object, turn: object) -> object:
        raise KeyboardInterrupt

    monkeypatch.setattr(plain.PlainAsker, "ask_turn", interrupt)
    result = run("--bank-dir", str(bank_dir), input=skip_all(3))
    assert result.exit_code == 130
    assert "Interrupted; nothing was saved." in result.stderr
    assert attempt_count() == 0


def test_control_characters_are_taken_out_of_names(bank_dir: Path) -> None:
    name = "\x1b[2J\x1b]0;pwned\x07Ada\u200b Lovelace\r\n\x9b31m"
    result = run("--bank-dir", str(bank_dir), "--skill", "beta", "--name", name, input=skip_all(5))
    assert result.exit_code == 0, result.output
    with Store.open() as store:
        kept = store.attempt(1).name  # type: ignore[union-attr]
    assert kept == "[2J]0;pwnedAda Lovelace31m"
    assert "\x1b" not in result.output and "Results for [2J]0;pwnedAda Lovelace31m" in result.output
    run("--bank-dir", str(bank_dir), "--skill", "beta", "--name", "\x1b\x07 ", input=skip_all(5))
    with Store.open() as store:
        assert store.attempt(2).name is None  # type: ignore[union-attr]


def test_an_unwritable_home_is_a_one_line_failure(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, bank_dir: Path
) -> None:
    blocker = tmp_path / "blocker"
    blocker.write_text("")
    monkeypatch.setenv("SKILLQUIZ_HOME", str(blocker / "home"))
    result = run("--bank-dir", str(bank_dir), input="")
    assert result.exit_code == 1
    assert "cannot open the attempts database" in result.output
    assert len(result.output.strip().splitlines()) == 1


@pytest.mark.parametrize(
    ("broken", "message"),
    [
        ("bank", "beta.yaml:3:"),
        ("answers", "a.yaml:1:1:"),
    ],
)
def test_bank_and_answers_problems_come_before_an_unwritable_home(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, bank_dir: Path, broken: str, message: str
) -> None:
    blocker = tmp_path / "blocker"
    blocker.write_text("")
    monkeypatch.setenv("SKILLQUIZ_HOME", str(blocker / "home"))
    if broken == "bank":
        (bank_dir / "beta.yaml").write_text(
            "schema: 1\nskill: {id: beta, name: Beta}\nquestions: []\n"
        )
    answers = write(tmp_path / "a.yaml", "x-1: 1\n" if broken == "answers" else "{}\n")
    result = run("--bank-dir", str(bank_dir), "--answers", str(answers))
    assert result.exit_code == 2, result.output
    assert message in result.output
    assert "attempts database" not in result.output


# --answers ---------------------------------------------------------------------------


def write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def test_answers_file_answers_without_prompts(bank_dir: Path, tmp_path: Path) -> None:
    answers = write(
        tmp_path / "answers.yaml",
        "a-self-01: 4\n"
        "a-choice-01: Right\n"
        "a-multi-01: [Waiting, Overproduction]\n"
        "a-num-01: 4\n"
        "a-order-01: [Shut down, Isolate, Lock and tag, Verify]\n"
        "b-num-01: null\n",
    )
    result = run("--bank-dir", str(bank_dir), "--answers", str(answers))
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


def test_answers_file_in_json(bank_dir: Path, tmp_path: Path) -> None:
    answers = write(tmp_path / "a.json", json.dumps({"b-num-01": 60, "b-choice-01": "Agree"}))
    result = run("--bank-dir", str(bank_dir), "--skill", "beta", "--answers", str(answers))
    assert result.exit_code == 0, result.output
    assert stored()[1]["b-num-01"] == 60


def test_answers_for_questions_outside_the_quiz_are_noted(bank_dir: Path, tmp_path: Path) -> None:
    answers = write(tmp_path / "a.yaml", "b-num-01: 60\na-num-01: 4\n")
    result = run("--bank-dir", str(bank_dir), "--skill", "beta", "--answers", str(answers))
    assert result.exit_code == 0
    assert "1 answer in the file is for questions not in this quiz (e.g. a-num-01)" in result.stderr


@pytest.mark.parametrize(
    ("name", "text", "message"),
    [
        ("a.yaml", "b-num-01: 60\nzz-99: 1\n", "a.yaml:2:1: unknown question id 'zz-99'"),
        ("a.yaml", "b-self-01: 7\n", "a.yaml:1:1: question b-self-01: "),
        ("a.yaml", "b-order-01: [One, Two]\n", "a.yaml:1:1: question b-order-01: "),
        ("a.yaml", "b-choice-01: Maybe\n", "question b-choice-01: 'Maybe' is not one of"),
        ("a.yaml", "- b-num-01\n", "a.yaml:1:1: an answers file maps question ids to answers"),
        ("a.yaml", "b-num-01: [1\n", "a.yaml:2:1: YAML syntax"),
        ("a.json", '{"b-num-01": 60,\n "b-num-01": 61}', "a.json:2:"),
        ("a.json", '{"b-num-01": 60,\n "zz": 1}', "a.json:2:2: unknown question id 'zz'"),
        ("a.json", '{"b-num-01": }', "a.json:1:14: JSON syntax"),
        ("a.json", '{"b-num-01": "sixty"}', "question b-num-01"),
        ("a.yaml", 'b-self-01: "²"\n', "a.yaml:1:1: question b-self-01: a self-rating is"),
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
            "a.json:2:2: question b-self",
        ),
        ("a.yaml", f"b-num-01: {'9' * 5000}\n", "a.yaml:1:"),
    ],
)
def test_bad_answers_files_exit_2_naming_the_place_and_save_nothing(
    bank_dir: Path, tmp_path: Path, name: str, text: str, message: str
) -> None:
    answers = write(tmp_path / name, text)
    result = run("--bank-dir", str(bank_dir), "--answers", str(answers))
    assert result.exit_code == 2, result.output
    assert message in result.output
    assert "nothing was saved" in result.output
    assert "Traceback" not in result.output
    assert attempt_count() == 0


def test_every_problem_in_an_answers_file_is_listed(bank_dir: Path, tmp_path: Path) -> None:
    answers = write(tmp_path / "a.yaml", "x-1: 1\nb-self-01: 0\nb-num-01: 60\ny-2: 2\n")
    result = run("--bank-dir", str(bank_dir), "--answers", str(answers))
    assert result.exit_code == 2
    assert "a.yaml:1:1:" in result.output and "a.yaml:2:1:" in result.output
    assert "a.yaml:4:1:" in result.output and "3 problems" in result.output


def test_a_missing_answers_file_is_one_line(bank_dir: Path, tmp_path: Path) -> None:
    result = run("--bank-dir", str(bank_dir), "--answers", str(tmp_path / "none.yaml"))
    assert result.exit_code == 2
    assert "none.yaml:1:1: cannot read" in result.output


def test_report_is_written_at_the_end(bank_dir: Path, tmp_path: Path) -> None:
    out = tmp_path / "results.json"
    answers = write(tmp_path / "a.yaml", "b-num-01: 60\n")
    result = run("--bank-dir", str(bank_dir), "--answers", str(answers), "--report", str(out))
    assert result.exit_code == 0, result.output
    data = json.loads(out.read_text())
    assert data["schema_version"] == 3 and data["attempt"]["id"] == 1
    again = run("--bank-dir", str(bank_dir), "--answers", str(answers), "--report", str(out))
    assert again.exit_code == 2 and "already exists; add --force" in again.output
    assert attempt_count() == 1
    forced = run(
        "--bank-dir", str(bank_dir), "--answers", str(answers), "--report", str(out), "--force"
    )
    assert forced.exit_code == 0
    assert json.loads(out.read_text())["attempt"]["id"] == 2


def test_invalid_bank_dir_lists_problems_and_starts_nothing(tmp_path: Path) -> None:
    bank = tmp_path / "broken.yaml"
    bank.write_text(
        "schema: 1\nskill: {id: broken, name: Broken}\nquestions:\n"
        "  - {id: b1, type: essay, text: Describe a fault}\n",
        encoding="utf-8",
    )
    result = run("--bank-dir", str(tmp_path), input="")
    assert result.exit_code == 2
    first = result.stderr.splitlines()[0]
    assert first.startswith(f"{bank}:4:5: question b1: unknown item type 'essay'")
    assert "Traceback" not in result.output
    assert attempt_count() == 0


def test_report_names_take_cannot_use_are_refused_before_the_quiz(
    bank_dir: Path, tmp_path: Path
) -> None:
    for path, message in [
        (tmp_path / "r.pdf", "the --report file name must end in .html, .md, .json or .csv"),
        (tmp_path / "none" / "r.html", f"there is no folder {tmp_path / 'none'}"),
        (write(tmp_path / "file", "") / "r.html", f"{tmp_path / 'file'} is not a folder"),
        (tmp_path / ("n" * 300) / "x.json", "File name too long"),
    ]:
        result = run("--bank-dir", str(bank_dir), "--report", str(path), input=skip_all(20))
        assert result.exit_code == 2, result.output
        assert message in result.output
        assert "--format" not in result.output
        assert "question 1 of" not in result.output
        assert len(result.output.strip().splitlines()) == 1
    assert attempt_count() == 0


def test_a_report_that_cannot_be_written_still_ends_with_the_saved_attempt(
    bank_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from quiz.report import export

    out = tmp_path / "r.json"

    def disk_full(*args: object, **kwargs: object) -> None:
        from quiz.errors import RuntimeFailure

        raise RuntimeFailure(f"cannot write {out}: No space left on device")

    monkeypatch.setattr(export, "write_report", disk_full)
    result = run(
        "--bank-dir", str(bank_dir), "--skill", "beta", "--report", str(out), input=skip_all(5)
    )
    assert result.exit_code == 1
    assert "Attempt 1 is saved." in result.stdout
    assert "skillquiz report 1 -o results.html" in result.stdout
    assert result.stderr.strip() == f"Error: cannot write {out}: No space left on device"
    with Store.open() as store:
        assert store.attempt(1).finished  # type: ignore[union-attr]


@pytest.mark.parametrize(("term", "interactive"), [("xterm", True), ("dumb", False), (None, False)])
def test_a_dumb_terminal_gets_plain_lines(
    monkeypatch: pytest.MonkeyPatch, term: str | None, interactive: bool
) -> None:
    import sys

    from quiz.cli.commands.take import _interactive

    monkeypatch.setattr(sys.stdin, "isatty", lambda: True)
    monkeypatch.setattr(sys.stdout, "isatty", lambda: True)
    if term is None:
        monkeypatch.delenv("TERM", raising=False)
    else:
        monkeypatch.setenv("TERM", term)
    assert _interactive(False, None) is interactive
    assert _interactive(True, None) is False


def test_plain_output_keeps_commands_whole_and_has_no_trailing_spaces(bank_dir: Path) -> None:
    result = CliRunner(env={"COLUMNS": "60"}).invoke(
        cli, ["take", "--bank-dir", str(bank_dir), "--skill", "beta"], input=skip_all(5)
    )
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert all(line == line.rstrip() for line in lines)
    assert any("skillquiz take --resume." in line for line in lines)
    assert "Export it with: skillquiz report 1 -o results.html" in lines


def run_skillquiz(*args: str) -> subprocess.CompletedProcess[str]:
    """The real entry point in a child process, so a read that blocks fails by timeout."""
    command = [sys.executable, "-m", "quiz", *args]
    return subprocess.run(
        command, capture_output=True, text=True, timeout=30, stdin=subprocess.DEVNULL
    )


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
    bank_dir: Path, tmp_path: Path
) -> None:
    from questions.yamlsource import MAX_FILE_BYTES

    answers = write(tmp_path / "a.json", " " * MAX_FILE_BYTES + "{}")
    result = run("--bank-dir", str(bank_dir), "--answers", str(answers))
    assert result.exit_code == 2
    assert f"a.json:1:1: file is over {MAX_FILE_BYTES:,} bytes, the limit" in result.output


def test_a_missing_answers_file_says_so(tmp_path: Path) -> None:
    missing = tmp_path / "answers.yaml"
    result = run("--answers", str(missing))
    assert result.exit_code == 2
    assert f"{missing}:1:1: cannot read: no such file" in result.output


def test_resume_with_a_whole_quiz_answers_file_ignores_questions_not_asked(tmp_path: Path) -> None:
    first = run("--skill", "empathy", "--length", "quick", "--plain", input="s\ns\n")
    assert first.exit_code == 1  # input ended after one skip: progress saved
    answers = tmp_path / "all.yaml"
    answers.write_text("ct-self-01: 4\nem-self-01: 5\nem-self-02: 2\n", encoding="utf-8")
    result = run("--resume", "--answers", str(answers))
    assert result.exit_code == 0, result.output
    assert "for questions not in this quiz" in result.output
    with Store.open() as store:
        stored = dict(store.answers(1))
    assert "ct-self-01" not in stored


def test_plain_mode_says_what_it_will_ask_and_how_to_choose(bank_dir: Path) -> None:
    result = run("--bank-dir", str(bank_dir), "--skill", "beta", input="")
    said = " ".join(result.output.split())  # as read, whatever the wrapping
    assert "Taking the standard quiz (4 questions, about 1 minute) on 1 skill." in said
    assert "Choose with --length, --skill and --name." in said


def stored_experience(attempt_id: int = 1) -> float | None:
    with Store.open() as store:
        attempt = store.attempt(attempt_id)
        assert attempt is not None
        return attempt.experience_years


def test_experience_is_asked_before_the_first_skill_and_stored(bank_dir: Path) -> None:
    result = run("--bank-dir", str(bank_dir), "--skill", "beta", input="4\n" + skip_all(4))
    assert result.exit_code == 0, result.output
    asked = result.output.index("Years of hands-on experience")
    assert asked < result.output.index("Beta skill - question 1 of 4")
    assert (
        "Years of hands-on experience in production, manufacturing or quality work?\n"
        "Type a whole number of years (0 for none), or press Enter to skip.\n> 4\n"
    ) in result.output
    assert stored_experience() == 4.0


@pytest.mark.parametrize(
    ("typed", "years"), [("5", 5.0), ("0", 0.0), ("12 years", 12.0), ("", None), ("s", None)]
)
def test_experience_is_stored_as_the_whole_years_typed(
    bank_dir: Path, typed: str, years: float | None
) -> None:
    result = run("--bank-dir", str(bank_dir), "--skill", "beta", input=f"{typed}\n" + skip_all(4))
    assert result.exit_code == 0, result.output
    assert stored_experience() == years


@pytest.mark.parametrize(
    ("typed", "reason"),
    [
        ("2.5", "'2.5' is not a whole number of years; type e.g. 3"),
        ("-1", "'-1' is not a number of years; type whole years, e.g. 3"),
        ("71", "71 is more than 70 years"),
        ("3-5", "'3-5' is not a number of years; type whole years, e.g. 3"),
    ],
)
def test_experience_that_is_not_whole_years_is_refused_with_the_reason(
    typed: str, reason: str
) -> None:
    from quiz.cli.plain import PlainAsker

    said: list[str] = []
    asker = PlainAsker(io.StringIO(f"{typed}\n3\n"), said.append)
    assert asker.ask_years("Years?") == 3
    assert f"Not accepted: {reason}. Try again.\n" in said


def test_experience_answered_as_a_band_keeps_its_stored_years(bank_dir: Path) -> None:
    """Attempts that answered the earlier bands ("3-5 years", stored as 3) read as before."""
    answers = bank_dir.parent / "a.yaml"
    answers.write_text("b-num-01: 60\n", encoding="utf-8")
    run("--bank-dir", str(bank_dir), "--answers", str(answers), "--experience", "3")
    with Store.open() as store:
        path = store.path
    assert path is not None
    with sqlite3.connect(path) as db:  # as an attempt of the "Under 1 year" band was kept
        db.execute("UPDATE attempts SET experience_years = 0.5 WHERE id = 1")
    shown = CliRunner().invoke(cli, ["show", "1"])
    assert stored_experience() == 0.5
    assert "0.5 years" in " ".join(shown.output.split()), shown.output


def test_experience_skipped_is_stored_as_not_given(bank_dir: Path) -> None:
    result = run("--bank-dir", str(bank_dir), "--skill", "beta", input=skip_all(5))
    assert result.exit_code == 0, result.output
    assert stored_experience() is None


def test_experience_on_the_command_line_is_not_asked(bank_dir: Path) -> None:
    result = run(
        "--bank-dir", str(bank_dir), "--skill", "beta", "--experience", "2.5", input=skip_all(4)
    )
    assert result.exit_code == 0, result.output
    assert "Years of hands-on experience" not in result.output
    assert stored_experience() == 2.5


def test_an_answers_file_takes_experience_from_the_command_line_only(
    bank_dir: Path, tmp_path: Path
) -> None:
    answers = tmp_path / "a.yaml"
    answers.write_text("b-num-01: 60\n", encoding="utf-8")
    result = run("--bank-dir", str(bank_dir), "--skill", "beta", "--answers", str(answers))
    assert result.exit_code == 0, result.output
    assert stored_experience() is None
    run("--bank-dir", str(bank_dir), "--answers", str(answers), "--experience", "0")
    assert stored_experience(2) == 0.0


@pytest.mark.parametrize(
    ("value", "reason"),
    [
        ("-1", "'-1' is not a number of years from 0 to 70"),
        ("abc", "'abc' is not a number of years"),
        ("1e400", "'1e400' is not a number of years from 0 to 70"),
        ("nan", "'nan' is not a number of years from 0 to 70"),
        ("71", "'71' is not a number of years from 0 to 70"),
    ],
)
def test_bad_experience_is_refused_in_one_line(bank_dir: Path, value: str, reason: str) -> None:
    result = run("--bank-dir", str(bank_dir), "--experience", value, input=skip_all(20))
    assert result.exit_code == 2
    assert result.stderr == f"Error: --experience: {reason}\n"
    assert "Traceback" not in result.output
    assert attempt_count() == 0


def test_resume_cannot_change_experience(bank_dir: Path) -> None:
    run("--bank-dir", str(bank_dir), "--skill", "beta", input="s\ns\n")
    result = run("--resume", "--experience", "3", input=skip_all(3))
    assert result.exit_code == 2
    assert "cannot be combined with" in result.output
    assert "--experience" in result.output

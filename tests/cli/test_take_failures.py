"""``skillquiz take`` when something is wrong: bad usage or a broken bank stops it before
it starts, a refused or missing reply and Ctrl-C keep what was answered and say how to
resume, an unwritable home or report is one line, and when the database fails under a
running quiz the message says what is saved and how to go on (an attempt deleted while its
quiz runs is named as such, with no SQL error text)."""

from __future__ import annotations

from pathlib import Path

import pytest
from runner import BETA_ANSWERED, Run, TakeBeta
from take_fixtures import attempt_count, skip_all, stored, write

from quiz.errors import RuntimeFailure
from quiz.storage import Store


def test_a_refused_piped_line_stops_the_quiz_naming_the_question_and_line(
    run: Run,
    bank_dir: Path,
) -> None:
    # Line 1 skips the experience question, lines 2-3 skip questions 1-2, line 4 is bad:
    # were the next line read for question 3 instead, every later answer would shift by one.
    replies = "s\ns\ns\nzero\n" + skip_all(4)
    result = run(
        "take", "--bank-dir", str(bank_dir), "--skill", "beta", "--seed", "2", input=replies
    )
    assert result.exit_code == 2, result.output
    snapshot, answers = stored()
    third = snapshot.questions[2].item.id
    assert result.stderr == (
        f"Error: input line 4: question 3 of 4 ({third}): 'zero' is not a whole number; "
        "the 2 answers before it are saved: resume with skillquiz take --resume\n"
    )
    assert "Not accepted" not in result.output
    assert sorted(answers) == sorted(q.item.id for q in snapshot.questions[:2])
    again = run("take", "--resume", input=skip_all(2))
    assert again.exit_code == 0, again.output
    assert "Resuming attempt 1: 2 of 4 answered." in again.output


def test_a_refused_first_line_saves_nothing(run: Run, bank_dir: Path) -> None:
    result = run(
        "take", "--bank-dir", str(bank_dir), "--skill", "beta", input="ten\n" + skip_all(4)
    )
    assert result.exit_code == 2
    assert result.stderr == (
        "Error: input line 1: the experience question: 'ten' is not a number of years; "
        "type whole years, e.g. 3; nothing was saved\n"
    )
    assert attempt_count() == 0


@pytest.mark.parametrize("replies", ["", "s\n"])
def test_input_ending_before_the_first_answer_keeps_no_attempt(
    run: Run, bank_dir: Path, replies: str
) -> None:
    result = run("take", "--bank-dir", str(bank_dir), input=replies)
    assert result.exit_code == 1
    assert "Input ended; nothing was saved." in result.stderr
    assert "progress saved" not in result.output
    assert attempt_count() == 0


def test_ctrl_c_saves_and_exits_130(
    run: Run, bank_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from quiz.cli import plain

    calls = {"n": 0}
    real = plain.PlainAsker.ask_turn

    def interrupt_on_third(self: plain.PlainAsker, question: object, turn: object) -> object:
        calls["n"] += 1
        if calls["n"] == 3:
            raise KeyboardInterrupt
        return real(self, question, turn)  # type: ignore[arg-type]

    monkeypatch.setattr(plain.PlainAsker, "ask_turn", interrupt_on_third)
    result = run("take", "--bank-dir", str(bank_dir), input=skip_all(10))
    assert result.exit_code == 130
    assert "Progress saved. Resume with: skillquiz take --resume" in result.stderr
    assert len(stored()[1]) == 2


def test_ctrl_c_before_the_first_answer_keeps_no_attempt(
    run: Run, bank_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from quiz.cli import plain

    def interrupt(self: plain.PlainAsker, question: object, turn: object) -> object:
        raise KeyboardInterrupt

    monkeypatch.setattr(plain.PlainAsker, "ask_turn", interrupt)
    result = run("take", "--bank-dir", str(bank_dir), input=skip_all(3))
    assert result.exit_code == 130
    assert "Interrupted; nothing was saved." in result.stderr
    assert attempt_count() == 0


def test_resume_names_an_older_attempt_when_it_is_not_the_latest(run: Run, bank_dir: Path) -> None:
    run("take", "--bank-dir", str(bank_dir), "--skill", "beta", input="s\ns\n")
    run("take", "--bank-dir", str(bank_dir), "--skill", "beta", input="s\ns\n")
    result = run("take", "--resume", "1", input="s\n")
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
    run: Run, args: tuple[str, ...], message: str
) -> None:
    result = run("take", *args)
    assert result.exit_code == 1
    assert message in result.output


def test_a_finished_attempt_cannot_be_resumed(run: Run, bank_dir: Path) -> None:
    run("take", "--bank-dir", str(bank_dir), "--skill", "beta", input=skip_all(5))
    result = run("take", "--resume", "1")
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
    run: Run, bank_dir: Path, args: tuple[str, ...], message: str
) -> None:
    result = (
        run("take", "--bank-dir", str(bank_dir), *args)
        if "--resume" not in args
        else run("take", *args)
    )
    assert result.exit_code == 2, result.output
    assert message in result.output
    assert "Traceback" not in result.output
    assert attempt_count() == 0


def test_a_broken_bank_is_reported_with_file_and_line(run: Run, bank_dir: Path) -> None:
    (bank_dir / "beta.yaml").write_text("schema: 1\nskill: {id: beta, name: Beta}\nquestions: []\n")
    result = run("take", "--bank-dir", str(bank_dir), input=skip_all(20))
    assert result.exit_code == 2
    assert f"{bank_dir / 'beta.yaml'}:3:" in result.output
    assert attempt_count() == 0


def test_invalid_bank_dir_lists_problems_and_starts_nothing(run: Run, tmp_path: Path) -> None:
    bank = tmp_path / "broken.yaml"
    bank.write_text(
        "schema: 1\nskill: {id: broken, name: Broken}\nquestions:\n"
        "  - {id: b1, type: essay, text: Describe a fault}\n",
        encoding="utf-8",
    )
    result = run("take", "--bank-dir", str(tmp_path), input="")
    assert result.exit_code == 2
    first = result.stderr.splitlines()[0]
    assert first.startswith(f"{bank}:4:5: question b1: unknown item type 'essay'")
    assert "Traceback" not in result.output
    assert attempt_count() == 0


def test_an_unwritable_home_is_a_one_line_failure(
    run: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, bank_dir: Path
) -> None:
    blocker = tmp_path / "blocker"
    blocker.write_text("")
    monkeypatch.setenv("SKILLQUIZ_HOME", str(blocker / "home"))
    result = run("take", "--bank-dir", str(bank_dir), input="")
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
    run: Run,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    bank_dir: Path,
    broken: str,
    message: str,
) -> None:
    blocker = tmp_path / "blocker"
    blocker.write_text("")
    monkeypatch.setenv("SKILLQUIZ_HOME", str(blocker / "home"))
    if broken == "bank":
        (bank_dir / "beta.yaml").write_text(
            "schema: 1\nskill: {id: beta, name: Beta}\nquestions: []\n"
        )
    answers = write(tmp_path / "a.yaml", "x-1: 1\n" if broken == "answers" else "{}\n")
    result = run("take", "--bank-dir", str(bank_dir), "--answers", str(answers))
    assert result.exit_code == 2, result.output
    assert message in result.output
    assert "attempts database" not in result.output


def test_report_names_take_cannot_use_are_refused_before_the_quiz(
    run: Run, bank_dir: Path, tmp_path: Path
) -> None:
    for path, message in [
        (tmp_path / "r.pdf", "the --report file name must end in .html, .md, .json or .csv"),
        (tmp_path / "none" / "r.html", f"there is no folder {tmp_path / 'none'}"),
        (write(tmp_path / "file", "") / "r.html", f"{tmp_path / 'file'} is not a folder"),
        (tmp_path / ("n" * 300) / "x.json", "File name too long"),
    ]:
        result = run("take", "--bank-dir", str(bank_dir), "--report", str(path), input=skip_all(20))
        assert result.exit_code == 2, result.output
        assert message in result.output
        assert "--format" not in result.output
        assert "question 1 of" not in result.output
        assert len(result.output.strip().splitlines()) == 1
    assert attempt_count() == 0


def test_a_report_that_cannot_be_written_still_ends_with_the_saved_attempt(
    run: Run, bank_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from quiz.report import export

    out = tmp_path / "r.json"

    def disk_full(*args: object, **kwargs: object) -> None:
        from quiz.errors import RuntimeFailure

        raise RuntimeFailure(f"cannot write {out}: No space left on device")

    monkeypatch.setattr(export, "write_report", disk_full)
    result = run(
        "take",
        "--bank-dir",
        str(bank_dir),
        "--skill",
        "beta",
        "--report",
        str(out),
        input=skip_all(5),
    )
    assert result.exit_code == 1
    assert "Attempt 1 is saved." in result.stdout
    assert "skillquiz report 1 -o results.html" in result.stdout
    assert result.stderr.strip() == f"Error: cannot write {out}: No space left on device"
    with Store.open() as store:
        assert store.attempt(1).finished  # type: ignore[union-attr]


@pytest.mark.cli_runner(columns=200)
def test_a_database_failure_mid_quiz_says_the_answers_are_saved_and_how_to_resume(
    take_beta: TakeBeta, bank_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    record = Store.record_answer
    calls: list[str] = []

    def failing_third(self: Store, attempt_id: int, question_id: str, answer: object) -> None:
        calls.append(question_id)
        if len(calls) == 3:
            raise RuntimeFailure("cannot use the attempts database /x/db: disk I/O error")
        record(self, attempt_id, question_id, answer)  # type: ignore[arg-type]

    monkeypatch.setattr(Store, "record_answer", failing_third)
    result = take_beta(BETA_ANSWERED, "--plain", experience="2")
    assert result.exit_code == 1
    assert result.output.splitlines()[-1] == (
        "Error: cannot use the attempts database /x/db: disk I/O error; the 2 answers given "
        "before it are saved: resume with skillquiz take --resume"
    )
    monkeypatch.setattr(Store, "record_answer", record)
    with Store.open() as store:
        assert len(store.answers(1)) == 2


@pytest.mark.cli_runner(columns=200)
def test_an_attempt_deleted_while_its_quiz_runs_is_named_as_deleted(
    take_beta: TakeBeta, bank_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    record = Store.record_answer
    calls: list[str] = []

    def deleted_after_first(self: Store, attempt_id: int, question_id: str, answer: object) -> None:
        calls.append(question_id)
        if len(calls) == 2:  # skillquiz history --delete 1 --yes, from another terminal
            with Store.open() as other:
                other.delete(attempt_id)
        record(self, attempt_id, question_id, answer)  # type: ignore[arg-type]

    monkeypatch.setattr(Store, "record_answer", deleted_after_first)
    result = take_beta(BETA_ANSWERED, "--plain", experience="2")
    assert result.exit_code == 1
    assert "FOREIGN KEY" not in result.output
    assert result.output.splitlines()[-1] == (
        "Error: attempt 1 was deleted while this quiz was running (skillquiz history "
        "--delete); nothing more can be saved to it: start again with skillquiz take"
    )

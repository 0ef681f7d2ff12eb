"""``skillquiz take`` in plain mode: the quiz from start to results, what is stored of the
replies, resuming, the same seed giving the same quiz, names made safe, plain lines at any
width and on a dumb terminal."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from runner import Run
from take_fixtures import attempt_count, skip_all, stored

from questions import MultiItem, load_banks
from quiz.attempts.draw import draw
from quiz.storage import Store


def test_plain_quiz_from_start_to_results(run: Run, bank_dir: Path) -> None:
    result = run(
        "take", "--bank-dir", str(bank_dir), "--length", "quick", "--seed", "4", input=skip_all(9)
    )
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


def test_plain_answers_are_stored_as_data(run: Run, bank_dir: Path) -> None:
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
        "take",
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


def test_end_of_input_saves_progress_and_resume_continues(run: Run, bank_dir: Path) -> None:
    result = run("take", "--bank-dir", str(bank_dir), "--length", "quick", input="s\ns\ns\ns\n")
    assert result.exit_code == 1
    assert "Input ended; progress saved. Resume with: skillquiz take --resume" in result.stderr
    assert "Traceback" not in result.output
    snapshot, answers = stored()
    assert sorted(answers) == sorted(q.item.id for q in snapshot.questions[:3])
    again = run("take", "--resume", input=skip_all(5))
    assert again.exit_code == 0, again.output
    assert "Resuming attempt 1: 3 of 8 answered." in again.output
    assert "question 4 of 8" in again.output and "question 3 of 8" not in again.output
    assert len(stored()[1]) == 8


@pytest.mark.parametrize("word", ["LATEST", " Latest "])
def test_resume_latest_in_any_case_continues_the_latest_attempt(
    run: Run, bank_dir: Path, word: str
) -> None:
    run("take", "--bank-dir", str(bank_dir), "--skill", "beta", input="s\ns\n")
    again = run("take", "--resume", word, input=skip_all(3))
    assert again.exit_code == 0, again.output
    assert "Resuming attempt 1: 1 of 4 answered." in again.output
    assert attempt_count() == 1


def test_same_seed_same_quiz(run: Run, bank_dir: Path) -> None:
    for _ in range(2):
        run("take", "--bank-dir", str(bank_dir), "--seed", "11", input="s\ns\n")
    assert stored(1)[0] == stored(2)[0]


def test_control_characters_are_taken_out_of_names(run: Run, bank_dir: Path) -> None:
    name = "\x1b[2J\x1b]0;pwned\x07Ada\u200b Lovelace\r\n\x9b31m"
    result = run(
        "take", "--bank-dir", str(bank_dir), "--skill", "beta", "--name", name, input=skip_all(5)
    )
    assert result.exit_code == 0, result.output
    with Store.open() as store:
        kept = store.attempt(1).name  # type: ignore[union-attr]
    assert kept == "[2J]0;pwnedAda Lovelace31m"
    assert "\x1b" not in result.output and "Results for [2J]0;pwnedAda Lovelace31m" in result.output
    run(
        "take",
        "--bank-dir",
        str(bank_dir),
        "--skill",
        "beta",
        "--name",
        "\x1b\x07 ",
        input=skip_all(5),
    )
    with Store.open() as store:
        assert store.attempt(2).name is None  # type: ignore[union-attr]


def test_plain_mode_says_what_it_will_ask_and_how_to_choose(run: Run, bank_dir: Path) -> None:
    result = run("take", "--bank-dir", str(bank_dir), "--skill", "beta", input="")
    said = " ".join(result.output.split())  # as read, whatever the wrapping
    assert "Taking the standard quiz (4 questions, about 1 minute) on 1 skill." in said
    assert "Choose with --length, --skill and --name." in said


@pytest.mark.cli_runner(columns=60)
def test_plain_output_keeps_commands_whole_and_has_no_trailing_spaces(
    run: Run, bank_dir: Path
) -> None:
    result = run("take", "--bank-dir", str(bank_dir), "--skill", "beta", input=skip_all(5))
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert all(line == line.rstrip() for line in lines)
    assert any("skillquiz take --resume." in line for line in lines)
    assert "Export it with: skillquiz report 1 -o results.html" in lines


@pytest.mark.parametrize(("term", "interactive"), [("xterm", True), ("dumb", False), (None, False)])
def test_a_dumb_terminal_gets_plain_lines(
    monkeypatch: pytest.MonkeyPatch, term: str | None, interactive: bool
) -> None:

    from quiz.cli.commands.take import _interactive

    monkeypatch.setattr(sys.stdin, "isatty", lambda: True)
    monkeypatch.setattr(sys.stdout, "isatty", lambda: True)
    if term is None:
        monkeypatch.delenv("TERM", raising=False)
    else:
        monkeypatch.setenv("TERM", term)
    assert _interactive(False, None) is interactive
    assert _interactive(True, None) is False

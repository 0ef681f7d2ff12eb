"""``skillquiz practice``: feedback after each answer, a tally, and nothing ever saved."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from questions import Item, load_banks, parse_bank
from quiz.attempts.practice import Feedback, Tally, feedback, from_banks
from quiz.cli.main import cli
from quiz.storage import Store

# The alpha bank's answers for a finished attempt: a half-right choice, a right multi, a
# wrong number, a skipped order item; self-ratings, which practice never asks, answered.
ANSWERS = """\
a-self-01: 4
a-self-02: 2
a-choice-01: Half right
a-choice-02: Blue
a-multi-01: [Waiting, Overproduction]
a-num-01: 5
a-order-01: null
"""
MISSED = {"a-choice-01", "a-num-01", "a-order-01"}
TEXTS = {
    "a-choice-01": "Which is the alpha answer?",
    "a-choice-02": "Which colour is the sky on a clear day?",
    "a-multi-01": "Which of these are wastes in lean manufacturing?",
    "a-num-01": "1,250 units were made and 50 failed. Defect rate in percent?",
    "a-order-01": "Put the lockout steps in order.",
}


def run(*args: str, input: str | None = None, database: str | None = None) -> Result:
    where = ["--database", database] if database is not None else []
    return CliRunner(env={"COLUMNS": "80"}).invoke(cli, [*args, *where], input=input)


def take(bank_dir: Path, tmp_path: Path, database: str | None = None) -> None:
    """Attempt 1: the alpha bank, finished from ANSWERS."""
    answers = tmp_path / "answers.yaml"
    answers.write_text(ANSWERS, encoding="utf-8")
    result = run(
        "take",
        "--bank-dir",
        str(bank_dir),
        "--skill",
        "alpha",
        "--answers",
        str(answers),
        "--experience",
        "1",
        database=database,
    )
    assert result.exit_code == 0, result.output


def asked(output: str) -> set[str]:
    """The ids of the questions an output shows, known by their texts."""
    return {qid for qid, text in TEXTS.items() if f"\n{text}\n" in output}


@pytest.fixture
def items(bank_dir: Path) -> dict[str, Item]:
    return load_banks([bank_dir]).items


# -- feedback and the tally -------------------------------------------------------------


def test_feedback_says_right_partly_right_not_right_or_skipped(items: dict[str, Item]) -> None:
    item = items["a-choice-01"]
    why = "Right is right."
    assert feedback(item, "Right") == Feedback(
        verdict="right", credit=1.0, best="Right", explanation=why
    )
    assert feedback(item, "Half right") == Feedback(
        verdict="partly right", credit=0.5, best="Right", explanation=why
    )
    assert feedback(item, "Wrong") == Feedback(
        verdict="not right", credit=0.0, best="Right", explanation=why
    )
    assert feedback(item, None) == Feedback(
        verdict="skipped", credit=0.0, best="Right", explanation=why
    )


def test_feedback_gives_each_type_its_keyed_answer(items: dict[str, Item]) -> None:
    assert feedback(items["a-multi-01"], ["Waiting"]).best == ["Waiting", "Overproduction"]
    assert feedback(items["a-num-01"], 4.04) == Feedback(
        verdict="right", credit=1.0, best=4, explanation="50 / 1250 = 4%."
    )
    order = feedback(items["a-order-01"], ["Isolate", "Shut down", "Lock and tag", "Verify"])
    assert order.verdict == "partly right"
    assert order.best == ["Shut down", "Isolate", "Lock and tag", "Verify"]


def test_a_short_answer_key_reads_without_its_wildcards() -> None:
    bank = parse_bank(
        """\
schema: 1
skill: {id: gamma, name: Gamma}
questions:
  - id: g-txt-01
    type: text
    text: What is the procedure that isolates energy before maintenance called?
    answers: [{text: "lockout*tagout", credit: 1}, {text: LOTO, credit: 1}]
"""
    )
    item = bank.bank.questions[0]
    assert feedback(item, "LOTO") == Feedback(
        verdict="right", credit=1.0, best="lockout...tagout", explanation=None
    )
    assert feedback(item, "padlock").verdict == "not right"


@pytest.mark.parametrize(
    ("verdicts", "line"),
    [
        ([], "Tally: no question answered (of 5)."),
        (["right"] * 5, "Tally: 5 of 5 right."),
        (
            ["right", "skipped", "partly right", "not right", "right"],
            "Tally: 2 of 5 right, 1 partly right, 1 not right, 1 skipped.",
        ),
        (
            ["not right", "skipped"],
            "Tally: 0 of 2 right, 1 not right, 1 skipped; 3 of 5 not asked.",
        ),
    ],
)
def test_the_tally_is_one_line(verdicts: list[str], line: str) -> None:
    tally = Tally(total=5)
    for verdict in verdicts:
        tally.add(Feedback(verdict=verdict, credit=0.0, best=None, explanation=None))  # type: ignore[arg-type]
    assert tally.line() == line


def test_practice_from_the_banks_leaves_out_self_ratings(bank_dir: Path) -> None:
    bank_set = load_banks([bank_dir])
    questions = from_banks(bank_set, ["alpha", "beta"], 50, seed=1).questions
    demonstrated = {i.id for i in bank_set.items.values() if i.type != "likert"}
    assert sorted(q.item.id for q in questions) == sorted(demonstrated)
    assert [q.number for q in questions] == list(range(1, len(demonstrated) + 1))


def test_the_order_is_random_unless_a_seed_fixes_it(bank_dir: Path) -> None:
    bank_set = load_banks([bank_dir])

    def order(seed: int | None) -> list[tuple[str, tuple[str, ...]]]:
        return [(q.item.id, q.shown) for q in from_banks(bank_set, ["alpha"], None, seed).questions]

    assert order(7) == order(7)
    assert len({tuple(order(None)) for _ in range(20)}) > 1


# -- the command, in plain mode ---------------------------------------------------------


def test_plain_practice_from_question_to_tally(bank_dir: Path, skillquiz_home: Path) -> None:
    result = run(
        "practice", "--bank-dir", str(bank_dir), "--skill", "beta", "--seed", "1",
        input="1\n3 1 2\n75\n",
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    assert result.stdout == (
        "Practice: 3 questions, on Beta skill. After each answer: right or not, the best\n"
        "answer and why. Nothing is saved; Ctrl-C stops.\n"
        "\n"
        "Beta skill - question 1 of 3\n"
        "Which is the beta answer?\n"
        "  1. Agree\n"
        "  2. Disagree\n"
        "Type a number from 1 to 2, or s to skip.\n"
        "> 1\n"
        "Right.\n"
        "  Your answer: Agree\n"
        "\n"
        "Beta skill - question 2 of 3\n"
        "Count up.\n"
        "  1. One\n"
        "  2. Three\n"
        "  3. Two\n"
        "Type the numbers in the right order, e.g. 2 3 1, or s to skip.\n"
        "> 3 1 2\n"
        "Partly right (33% credit).\n"
        "  Your answer:\n"
        "    1. Two\n"
        "    2. One\n"
        "    3. Three\n"
        "  Best answer:\n"
        "    1. One\n"
        "    2. Two\n"
        "    3. Three\n"
        "\n"
        "Beta skill - question 3 of 3\n"
        "How many minutes in an hour?\n"
        "Type a number, or s to skip.\n"
        "> 75\n"
        "Not right.\n"
        "  Your answer: 75\n"
        "  Best answer: 60\n"
        "\n"
        "Tally: 1 of 3 right, 1 partly right, 1 not right.\n"
    )
    assert list(skillquiz_home.iterdir()) == []  # no database made, let alone written


def test_feedback_gives_the_reason_and_units(bank_dir: Path) -> None:
    result = run(
        "practice", "--bank-dir", str(bank_dir), "--skill", "alpha", "--seed", "2",
        "--count", "5", input="s\n" * 5,
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    assert (
        "Skipped.\n  Best answer: 4%\n  Why: 50 / 1250 = 4%.\n" in result.stdout
    )  # no "Your answer" for a skip
    assert (
        "Skipped.\n  Best answer:\n    - Waiting\n    - Overproduction\n"
        "  Why: Waiting and overproduction are two of the seven wastes.\n"
    ) in result.stdout
    assert result.stdout.endswith("\nTally: 0 of 5 right, 5 skipped.\n")


GAMMA = """\
schema: 1
skill: {id: gamma, name: Gamma}
questions:
  - id: g-txt-01
    type: text
    text: What is the procedure that isolates energy before maintenance called?
    answers:
      - {text: "lockout*tagout", credit: 1}
      - {text: LOTO, credit: 1}
      - {text: "*lock*", credit: 0.5}
  - id: g-match-01
    type: match
    text: Match each task to how often it is done.
    pairs:
      - {prompt: Check the forks, answer: Every shift}
      - {prompt: Change the oil, answer: Every year}
    distractors: [Every hour]
    explanation: Forks are checked before each shift; oil lasts a year.
"""


def test_short_answers_and_matches_read_back_in_words(tmp_path: Path) -> None:
    (tmp_path / "gamma.yaml").write_text(GAMMA, encoding="utf-8")
    result = run("practice", "--bank-dir", str(tmp_path), "--seed", "1", input="padlock\n1\n1\n")
    assert result.exit_code == 0, result.output
    assert result.stdout.split("\n> ", 1)[1] == (
        "padlock\n"
        "Partly right (50% credit).\n"
        "  Your answer: padlock\n"
        "  Best answer: lockout...tagout\n"
        "\n"
        "Gamma - question 2 of 2\n"
        "Match each task to how often it is done.\n"
        "Answers:\n"
        "  1. Every year\n"
        "  2. Every shift\n"
        "  3. Every hour\n"
        "Type for each prompt the number of its answer (1 to 3), or s to skip.\n"
        "Check the forks\n"
        "> 1\n"
        "Change the oil\n"
        "> 1\n"
        "Partly right (50% credit).\n"
        "  Your answer:\n"
        "    - Check the forks -> Every year\n"
        "    - Change the oil -> Every year\n"
        "  Best answer:\n"
        "    - Check the forks -> Every shift\n"
        "    - Change the oil -> Every year\n"
        "  Why: Forks are checked before each shift; oil lasts a year.\n"
        "\n"
        "Tally: 0 of 2 right, 2 partly right.\n"
    )


def test_count_caps_the_questions_and_seed_fixes_them(bank_dir: Path) -> None:
    args = ("practice", "--bank-dir", str(bank_dir), "--count", "2", "--seed", "9")
    first, again = run(*args, input="s\ns\n"), run(*args, input="s\ns\n")
    assert first.exit_code == 0, first.output
    assert first.stdout == again.stdout
    assert "question 2 of 2" in first.stdout and "question 3" not in first.stdout


def test_ctrl_c_ends_with_the_tally_so_far_and_exit_130(
    bank_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from quiz.cli import plain

    calls = {"n": 0}
    real = plain.PlainAsker.ask

    def interrupt_on_third(self: plain.PlainAsker, question: object) -> object:
        calls["n"] += 1
        if calls["n"] == 3:
            raise KeyboardInterrupt
        return real(self, question)  # type: ignore[arg-type]

    monkeypatch.setattr(plain.PlainAsker, "ask", interrupt_on_third)
    result = run("practice", "--bank-dir", str(bank_dir), "--skill", "beta", input="s\ns\ns\n")
    assert result.exit_code == 130
    assert result.stdout.endswith("\nTally: 0 of 2 right, 2 skipped; 1 of 3 not asked.\n")
    assert result.stderr == "Interrupted; practice is never saved.\n"


def test_input_ending_early_ends_with_the_tally_and_exit_1(bank_dir: Path) -> None:
    result = run("practice", "--bank-dir", str(bank_dir), "--skill", "beta", input="s\n")
    assert result.exit_code == 1
    assert result.stdout.endswith("\nTally: 0 of 1 right, 1 skipped; 2 of 3 not asked.\n")
    assert result.stderr == "Input ended before the last question.\n"


def test_an_unknown_skill_is_bad_input(bank_dir: Path) -> None:
    result = run("practice", "--bank-dir", str(bank_dir), "--skill", "gamma")
    assert result.exit_code == 2
    assert result.stderr == (
        "Error: --skill: no skill 'gamma' in the banks; choose from alpha, beta\n"
    )


def test_a_count_below_one_says_what_count_is(bank_dir: Path) -> None:
    result = run("practice", "--bank-dir", str(bank_dir), "--count", "0")
    assert result.exit_code == 2
    assert result.stderr.splitlines()[-1] == (
        "Error: Invalid value for '--count': 0 is not a count of questions; give 1 or more"
    )


def test_banks_of_self_ratings_only_have_nothing_to_practise(tmp_path: Path) -> None:
    (tmp_path / "mood.yaml").write_text(
        "schema: 1\nskill: {id: mood, name: Mood}\n"
        "questions:\n  - {id: m-self-01, type: likert, text: I keep calm.}\n",
        encoding="utf-8",
    )
    result = run("practice", "--bank-dir", str(tmp_path))
    assert (result.exit_code, result.output) == (
        0,
        "These banks hold no question with a right answer to practise.\n",
    )


# -- --missed ----------------------------------------------------------------------------


def test_missed_asks_only_what_the_attempt_missed(bank_dir: Path, tmp_path: Path) -> None:
    take(bank_dir, tmp_path)
    result = run("practice", "--missed", "--seed", "3", input="s\ns\ns\n")
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith(
        "Practice: the 3 questions attempt 1 missed, on Alpha skill. After each answer:\n"
        "right or not, the best answer and why. Nothing is saved; Ctrl-C stops.\n"
    )
    assert asked(result.stdout) == MISSED
    assert result.stdout.endswith("\nTally: 0 of 3 right, 3 skipped.\n")


def test_missed_reads_the_attempts_own_questions_not_the_banks(
    bank_dir: Path, tmp_path: Path
) -> None:
    take(bank_dir, tmp_path)
    bank = bank_dir / "alpha.yaml"
    bank.write_text(
        bank.read_text(encoding="utf-8").replace(TEXTS["a-num-01"], "A changed question?"),
        encoding="utf-8",
    )
    result = run("practice", "--missed", "1", input="s\ns\ns\n")
    assert result.exit_code == 0, result.output
    assert asked(result.stdout) == MISSED
    assert "A changed question?" not in result.stdout


def test_missed_with_a_skill_and_a_count(bank_dir: Path, tmp_path: Path) -> None:
    take(bank_dir, tmp_path)
    result = run("practice", "--missed", "--skill", "alpha", "--count", "1", input="s\n")
    assert result.exit_code == 0, result.output
    assert len(asked(result.stdout) & MISSED) == 1
    assert result.stdout.endswith("\nTally: 0 of 1 right, 1 skipped.\n")
    other = run("practice", "--missed", "--skill", "beta")
    assert other.exit_code == 2
    assert other.stderr == ("Error: --skill: no skill 'beta' in attempt 1; choose from alpha\n")


def test_missed_with_nothing_missed_is_one_line(bank_dir: Path, tmp_path: Path) -> None:
    answers = tmp_path / "right.yaml"
    answers.write_text(
        "a-choice-01: Right\na-choice-02: Blue\na-multi-01: [Waiting, Overproduction]\n"
        "a-num-01: 4\na-order-01: [Shut down, Isolate, Lock and tag, Verify]\n",
        encoding="utf-8",
    )
    took = run("take", "--bank-dir", str(bank_dir), "--skill", "alpha", "--answers", str(answers))
    assert took.exit_code == 0, took.output
    result = run("practice", "--missed")
    assert (result.exit_code, result.output) == (
        0,
        "Attempt 1 earned full credit on every question: nothing to practise.\n",
    )


def test_missed_refuses_an_attempt_in_progress_in_one_line(bank_dir: Path) -> None:
    started = run(
        "take", "--bank-dir", str(bank_dir), "--skill", "beta", "--experience", "0", input="s\n"
    )
    assert started.exit_code == 1  # input ended: one answer saved, attempt 1 in progress
    result = run("practice", "--missed", "1")
    assert result.exit_code == 1
    assert result.stderr == (
        "Error: attempt 1 is still in progress (1 of 4 answered): finish it with skillquiz "
        "take --resume 1, then practise what it missed\n"
    )


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (["--missed"], 1, "Error: no finished attempt yet; run skillquiz take\n"),
        (["--missed", "7"], 1, "Error: no attempt 7; see skillquiz history\n"),
        (
            ["--missed", "x"],
            2,
            "Error: 'x' is not an attempt id; ids are numbers (see skillquiz history)\n",
        ),
    ],
)
def test_missed_without_such_an_attempt_is_one_line(
    args: list[str], code: int, message: str, skillquiz_home: Path
) -> None:
    result = run("practice", *args)
    assert (result.exit_code, result.stderr) == (code, message)
    assert list(skillquiz_home.iterdir()) == []  # read only: no database made


def test_missed_cannot_take_banks(bank_dir: Path) -> None:
    result = run("practice", "--missed", "--bank-dir", str(bank_dir))
    assert result.exit_code == 2
    assert result.stderr.splitlines()[-1] == (
        "Error: --missed asks the questions as the attempt asked them; it cannot be "
        "combined with --bank-dir"
    )


# -- nothing saved -------------------------------------------------------------------------


def row_counts(url: str) -> dict[str, int]:
    """Every table of the database with its number of rows."""
    with Store.open(url=url, readonly=True) as store:
        listing = (
            "SELECT name FROM sqlite_master WHERE type = 'table'"
            if store.engine == "sqlite"
            else "SELECT table_name FROM information_schema.tables"
            " WHERE table_schema = current_schema()"
        )
        tables = sorted(str(row[0]) for row in store.query(listing))
        return {
            table: int(next(iter(store.query(f"SELECT COUNT(*) FROM {table}")))[0])
            for table in tables
        }


def test_practice_writes_nothing_and_changes_no_statistics(
    bank_dir: Path, tmp_path: Path, database_url: str
) -> None:
    take(bank_dir, tmp_path, database=database_url)
    counts = row_counts(database_url)
    views = [
        ["history", "--format", "json"],
        ["stats", "--format", "json"],
        ["cohort", "--format", "json"],
    ]
    before = [run(*view, database=database_url).stdout for view in views]
    for args in (["--missed"], ["--missed", "1", "--seed", "4"]):
        practised = run("practice", *args, input="s\n" * 3, database=database_url)
        assert practised.exit_code == 0, practised.output
        assert "Tally: " in practised.stdout
    assert row_counts(database_url) == counts
    assert counts["attempts"] == 1 and counts["answers"] == 7
    assert [run(*view, database=database_url).stdout for view in views] == before

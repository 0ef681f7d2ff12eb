"""``skillquiz take --length adaptive`` on the shipped banks: each question's heading says
the skill ends when the answer is clear, without a calibrated set the quiz says so once
and asks at least 8 practical questions, and from an answers file it names the questions
it never asked."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner
from take_fixtures import stored

from questions import load_banks
from questions.answers import keyed_answer
from questions.loader import builtin_bank_dir
from quiz.cli.main import cli

UNCALIBRATED = (
    "note: no calibrated parameter set covers Research yet, so questions are chosen from the "
    "authors' level labels and it asks at least 8 (a trainer's skillquiz calibrate changes "
    "this)"
)


def _take(*args: str, input: str | None = None) -> tuple[int, str, str]:
    result = CliRunner(env={"COLUMNS": "200"}).invoke(
        cli,
        ["take", "--length", "adaptive", "--skill", "research", "--experience", "1", *args],
        input=input,
    )
    return result.exit_code, result.stdout, result.stderr


def test_headings_say_the_skill_ends_when_the_answer_is_clear() -> None:
    """Help, welcome and headings count alike: 3 self-ratings, then at most 14 practical
    questions, 17 in all."""
    code, out, err = _take("--plain", "--seed", "3", input="s\n" * 40)
    assert code == 0, out + err
    lines = out.splitlines()
    headings = [line for line in lines if line.startswith("Research - ")]
    # Skips decide nothing, so the skill runs to the cap of 14 after its self-ratings.
    assert headings == [f"Research - about you, {n} of 3" for n in (1, 2, 3)] + [
        f"Research - practical question {n} of at most 14 "
        "(this skill ends when the answer is clear)"
        for n in range(1, 15)
    ]
    assert "  adaptive  at most 17 questions, about 4 minutes" in lines
    assert "  standard  17 questions, about 4 minutes" in lines
    assert err.splitlines() == [UNCALIBRATED]
    help_text = " ".join(CliRunner().invoke(cli, ["take", "--help"]).output.split())
    assert (
        "standard: 17 questions a skill, 3 self-ratings and 14 practical (about 21 minutes); "
        "full: every question; adaptive: 3 self-ratings a skill, then practical questions, "
        "each chosen from your answers, until the result is clear (at most 14)."
    ) in help_text


def test_the_uncalibrated_note_is_wrapped_to_the_terminal() -> None:
    result = CliRunner(env={"COLUMNS": "60"}).invoke(
        cli,
        ["take", "--length", "adaptive", "--skill", "research", "--experience", "1"],
        input="s\n" * 40,
    )
    assert result.exit_code == 0, result.output
    assert result.stderr.splitlines() == [
        "note: no calibrated parameter set covers Research yet, so",
        "questions are chosen from the authors' level labels and it",
        "asks at least 8 (a trainer's skillquiz calibrate changes",
        "this)",
    ]


def test_the_lengths_counts_agree_with_the_adaptive_rules() -> None:
    """A standard quiz asks each skill's self-ratings and as many practical questions as
    an adaptive one asks at most, the cap the adaptive rules stop at."""
    from quiz.attempts.lengths import ADAPTIVE_MOST, PER_SKILL, SELF_RATINGS
    from scoring.adaptive import Rules
    from scoring.adaptive_limits import MAX_ITEMS

    assert (PER_SKILL["standard"], SELF_RATINGS["standard"], ADAPTIVE_MOST) == (17, 3, 14)
    assert ADAPTIVE_MOST == MAX_ITEMS == Rules().max_items


def test_the_adaptive_cap_is_set_in_one_place(monkeypatch: pytest.MonkeyPatch) -> None:
    """The lengths take the cap from the scoring rules' own number: changed there, the
    help and the headings follow."""
    import importlib

    from quiz.attempts import lengths
    from scoring import adaptive_limits

    monkeypatch.setattr(adaptive_limits, "MAX_ITEMS", 9)
    try:
        assert importlib.reload(lengths).ADAPTIVE_MOST == 9
    finally:
        monkeypatch.undo()
        importlib.reload(lengths)
    assert lengths.ADAPTIVE_MOST == 14


@pytest.fixture
def research_answers(tmp_path: Path) -> tuple[Path, set[str]]:
    """Every research question answered as keyed (self-ratings 4)."""
    bank = next(b for b in load_banks([builtin_bank_dir()]).banks if b.skill.id == "research")
    answers = {
        item.id: 4 if item.type == "likert" else keyed_answer(item) for item in bank.bank.questions
    }
    path = tmp_path / "answers.yaml"
    path.write_text(yaml.safe_dump(answers), encoding="utf-8")
    return path, set(answers)


def test_an_answers_file_names_the_questions_never_asked(
    research_answers: tuple[Path, set[str]],
) -> None:
    path, every = research_answers
    code, out, err = _take("--answers", str(path), "--seed", "3")
    assert code == 0, out + err
    snapshot, answers = stored()
    asked = {question.item.id for question in snapshot.questions}
    practical = [q for q in snapshot.questions if q.item.type != "likert"]
    assert 8 <= len(practical) <= 14 and set(answers) == asked
    never = sorted(every - asked)
    assert err.splitlines() == [
        UNCALIBRATED,
        f"note: the adaptive quiz never asked {len(never)} questions the file answers "
        f"({', '.join(never)}); those answers are ignored",
    ]

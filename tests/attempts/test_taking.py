"""The take workflow without a terminal: start, resume, answer, finish, drop an empty attempt."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

import pytest

from questions import load_banks
from questions.answers import keyed_answer
from quiz.attempts.session import BACK, QuizQuestion, Turn
from quiz.attempts.taking import TakeRun
from quiz.errors import RuntimeFailure
from quiz.report.build import build_report, report_of
from quiz.storage import Store


def _start(store: Store, bank_dir: Path, **options: object) -> TakeRun:
    run = TakeRun(store)
    run.start(load_banks([bank_dir]), skills=["beta"], length="full", seed=3, **options)  # type: ignore[arg-type]
    return run


def test_a_run_answers_finishes_and_keeps_the_grading(bank_dir: Path) -> None:
    with Store.open() as store:
        run = _start(store, bank_dir, name="Ada", experience_years=1.0)
        asked: list[str] = []

        def ask(question: object, turn: object) -> object:
            asked.append(question.item.id)  # type: ignore[attr-defined]
            return None

        run.ask_all(ask)
        report = report_of(run.finish())
        assert sorted(asked) == ["b-choice-01", "b-num-01", "b-order-01", "b-self-01"]
        assert report.attempt.name == "Ada" and report.attempt.finished_at is not None
        summary = store.summary(report.attempt.id)
        assert summary is not None
        assert [s.skill for s in summary.skills] == [s.skill for s in report.skills]
        assert set(store.graded(report.attempt.id)) == set(asked)


def test_an_interrupted_new_attempt_without_answers_is_forgotten(bank_dir: Path) -> None:
    with Store.open() as store:
        run = _start(store, bank_dir)
        assert run.stop() is None
        assert store.attempts() == []


def test_an_interrupted_attempt_with_an_answer_is_kept_and_says_how_to_resume(
    bank_dir: Path,
) -> None:
    with Store.open() as store:
        first = _start(store, bank_dir)
        first.answer_all({"b-num-01": 60})
        kept = first.stop()
        assert kept is not None and store.attempt(kept.id) is not None
        assert first.resume_command() == "skillquiz take --resume"
        second = _start(store, bank_dir)
        second.answer_all({})
        assert first.resume_command() == f"skillquiz take --resume {kept.id}"


def test_resuming_continues_the_latest_unfinished_attempt(bank_dir: Path) -> None:
    with Store.open() as store:
        started = _start(store, bank_dir)
        assert started.session is not None
        started.session.answer("b-num-01", 60)
        run = TakeRun(store)
        session = run.resume("latest")
        assert (session.id, session.answered, session.total) == (started.session.id, 1, 4)
        assert run.stop() is session  # resumed, so kept even without new answers


def test_resume_refuses_a_finished_attempt_or_none(bank_dir: Path) -> None:
    with Store.open() as store:
        with pytest.raises(RuntimeFailure, match="no attempt in progress to resume"):
            TakeRun(store).resume("latest")
        run = _start(store, bank_dir)
        run.answer_all({})
        attempt_id = run.finish().attempt.id
        with pytest.raises(RuntimeFailure) as caught:
            TakeRun(store).resume(str(attempt_id))
        assert caught.value.message == (
            f"attempt {attempt_id} is already finished; see it with skillquiz show {attempt_id}"
        )


def test_resuming_asks_the_same_questions_with_the_same_options(bank_dir: Path) -> None:
    with Store.open() as store:
        started = _start(store, bank_dir)
        assert started.session is not None
        started.session.answer("b-num-01", 60)
        resumed = TakeRun(store).resume("latest")
        assert resumed.questions == started.session.questions


def test_resuming_an_attempt_with_damaged_questions_names_it(bank_dir: Path) -> None:
    with Store.open() as store:
        started = _start(store, bank_dir)
        assert started.session is not None
        started.session.answer("b-num-01", 60)
        attempt_id = started.session.id
    conn = sqlite3.connect(Path(os.environ["SKILLQUIZ_HOME"]) / "skillquiz.sqlite3")
    conn.execute("UPDATE snapshots SET body = '{\"banks\": 3}'")
    conn.commit()
    conn.close()
    with Store.open() as store, pytest.raises(RuntimeFailure) as caught:
        TakeRun(store).resume("latest")
    assert caught.value.message == (
        f"attempt {attempt_id} cannot be read (a problem in its stored questions); "
        f"delete it with skillquiz history --delete {attempt_id}"
    )


@pytest.mark.parametrize(
    ("length", "seed", "experience", "resume_at"),
    [
        ("standard", 8, 4, 30),  # resumed part way: the snapshot read back from storage
        ("standard", 9, None, None),  # one sitting: the quiz as drawn, kept in memory
        ("quick", 10, 0, None),
        ("full", 11, 12, None),
    ],
)
def test_the_report_at_finish_is_the_one_show_gives_later(
    length: str, seed: int, experience: float | None, resume_at: int | None
) -> None:
    banks = load_banks()
    skills = [loaded.skill.id for loaded in banks.banks]
    with Store.open() as store:
        run = TakeRun(store)
        session = run.start(
            banks, skills=skills, length=length, seed=seed, experience_years=experience
        )
        for number, question in enumerate(session.questions):
            if number == resume_at:
                run = TakeRun(store)
                session = run.resume("latest")
            item = question.item
            given = 4 if item.type == "likert" else keyed_answer(item) if number % 3 else None
            session.answer(item.id, given)
        report = report_of(run.finish())
        assert report.attempt.finished_at is not None
        assert report == build_report(store, report.attempt.id)


def test_back_asks_the_previous_question_again_and_a_changed_answer_replaces_it(
    bank_dir: Path,
) -> None:
    """Skips 1 and 2, back from 3 to 1, 1 kept, 2 changed, then on to the end: the new
    answer is stored (committed as it is given), the others kept, and each question asked
    again offers its answer so far."""
    with Store.open() as store:
        run = _start(store, bank_dir)
        session = run.session
        assert session is not None
        ids = [q.item.id for q in session.questions]
        first_replies = {ids[0]: None, ids[1]: None}
        log: list[tuple[str, bool, object]] = []
        script = iter([None, None, BACK, BACK, "keep", "changed", None, None])

        def ask(question: QuizQuestion, turn: Turn) -> object:
            given = turn.given.answer if turn.given is not None else "-"
            log.append((question.item.id, turn.back, given))
            reply = next(script)
            if reply == "keep":
                assert turn.given is not None
                return turn.given.answer
            if reply == "changed":
                assert store.answers(session.id) == first_replies  # stored before going back
                return keyed_answer(question.item)
            return reply

        run.ask_all(ask)
        assert log == [
            (ids[0], False, "-"),
            (ids[1], True, "-"),
            (ids[2], True, "-"),
            (ids[1], True, None),
            (ids[0], False, None),
            (ids[1], True, None),
            (ids[2], True, "-"),
            (ids[3], True, "-"),
        ]
        answers = store.answers(session.id)
        assert answers == {
            ids[0]: None,
            ids[1]: keyed_answer(session.snapshot.items[ids[1]]),
            ids[2]: None,
            ids[3]: None,
        }


def test_no_way_back_from_the_first_question_or_in_an_adaptive_quiz(bank_dir: Path) -> None:
    with Store.open() as store:
        fixed = _start(store, bank_dir).session
        assert fixed is not None and fixed.allows_back
        assert [fixed.turn(i).back for i in range(4)] == [False, True, True, True]
        run = TakeRun(store)
        adaptive = run.start(load_banks([bank_dir]), skills=["beta"], length="adaptive", seed=3)
        assert not adaptive.allows_back
        backs = []
        # An adaptive quiz knows its next question only once the last is answered.
        while (index := adaptive.position()) is not None:
            backs.append(adaptive.turn(index).back)
            adaptive.answer(adaptive.questions[index].item.id, None)
        assert backs == [False] * 4

"""An adaptive quiz interrupted and resumed goes on exactly as one taken in a single
sitting: the same questions with the same headings, and the same draw stored."""

from __future__ import annotations

from pathlib import Path

from questions import load_banks
from questions.answers import keyed_answer
from questions.loader import builtin_bank_dir
from questions.models import Item
from quiz.attempts.session import QuizQuestion, Turn
from quiz.attempts.taking import TakeRun
from quiz.storage import Store
from scoring.models import Answer

SKILLS = ["research", "empathy"]


def _reply(item: Item) -> Answer:
    """Self-ratings 3; a practical question answered as keyed or skipped by its id."""
    if item.type == "likert":
        return 3
    return keyed_answer(item) if sum(map(ord, item.id)) % 3 else None


def _take(home: Path, stop_after: int | None) -> tuple[list[tuple[int, int, str]], str]:
    """Take the quiz with seed 11, leaving after ``stop_after`` answers and resuming once;
    every question asked as (number, total, heading), and the draw stored at the end."""
    banks = load_banks([builtin_bank_dir()])
    shown: list[tuple[int, int, str]] = []

    def ask(question: QuizQuestion, _turn: Turn) -> Answer:
        if stop_after is not None and len(shown) == stop_after:
            raise KeyboardInterrupt
        shown.append((question.number, question.total, question.heading))
        return _reply(question.item)

    with Store.open(home) as store:
        run = TakeRun(store)
        run.start(banks, skills=SKILLS, length="adaptive", seed=11)
        try:
            run.ask_all(ask)
        except KeyboardInterrupt:
            run.stop()
    with Store.open(home) as store:
        run = TakeRun(store)
        session = run.resume("latest") if stop_after is not None else None
        if session is not None:
            stop_after = None
            run.ask_all(ask)
        (attempt,) = store.attempts()
        return shown, attempt.draw or ""


def test_a_resumed_adaptive_quiz_asks_what_one_sitting_asks(tmp_path: Path) -> None:
    whole, draw = _take(tmp_path / "whole", None)
    assert len(whole) > 20
    for leave in (2, 5, 9, len(whole) - 1):
        resumed, resumed_draw = _take(tmp_path / f"left-{leave}", leave)
        assert (resumed, resumed_draw) == (whole, draw)

"""Many takers on one SQLite file: a write transaction takes the write lock when it begins
and holds it only for its writes, so takers wait their turn briefly (within the busy
timeout) and never fail at once on a read that had to become a write."""

from __future__ import annotations

from pathlib import Path

import pytest

from questions import load_banks
from quiz.attempts.adaptive_session import AdaptiveSession
from quiz.errors import RuntimeFailure
from quiz.storage import Store
from scoring.models import Answer


def _attempt(store: Store) -> int:
    return store.create_attempt(name=None, length="quick", seed=1, skills=["beta"], snapshot="{}")


def _no_waiting(store: Store) -> Store:
    """A connection that is refused at once where it would wait for the write lock."""
    store._db.execute("PRAGMA busy_timeout = 0")
    return store


def test_a_write_transaction_holds_the_write_lock_from_its_start(tmp_path: Path) -> None:
    """Writing an answer reads first (is the attempt unfinished?). Begun DEFERRED, a second
    connection could commit between that read and the write, and the write would then
    fail at once with "database is locked" (SQLite does not wait to turn a stale read into
    a write, whatever the busy timeout). Begun IMMEDIATE, the second connection waits."""
    path = tmp_path / "attempts.sqlite3"
    with Store.open(url=str(path)) as first, Store.open(url=str(path)) as second:
        attempt = _attempt(first)
        _no_waiting(second)
        with first.batch():
            assert first.attempt(attempt) is not None  # a read inside the transaction
            with pytest.raises(RuntimeFailure) as refused:
                second.record_answer(attempt, "b-num-01", 60)
            first.record_answer(attempt, "b-self-01", 4)
        second.record_answer(attempt, "b-num-01", 60)  # its turn, once the first committed
        assert refused.value.message == (
            f"cannot use the attempts database {path}: database is locked"
        )
        assert first.answers(attempt) == {"b-self-01": 4, "b-num-01": 60}


def test_an_adaptive_taker_holds_no_lock_while_it_chooses(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Choosing the next question takes far longer than writing it; chosen inside the write
    transaction, a class of takers queues behind every choice, past the busy timeout.
    Another connection writes, refused at once were the lock held, at every choice: when
    the quiz starts, after each answer, and through a whole answers file."""
    path = tmp_path / "attempts.sqlite3"
    banks = load_banks()
    with Store.open(url=str(path)) as taker, Store.open(url=str(path)) as other:
        elsewhere = _attempt(other)
        _no_waiting(other)
        choices: list[str] = []
        choose = AdaptiveSession._next

        def choosing(session: AdaptiveSession, answers: dict[str, Answer]) -> object:
            other.record_answer(elsewhere, f"q{len(choices)}", None)  # refused if locked
            choices.append(f"q{len(choices)}")
            return choose(session, answers)

        monkeypatch.setattr(AdaptiveSession, "_next", choosing)
        one = AdaptiveSession.begin(taker, banks, skills=["research"], seed=1)
        while (question := one.next_question()) is not None:
            one.answer(question.item.id, None)
        AdaptiveSession.begin(taker, banks, skills=["research"], seed=2).answer_all({})
        # Each quiz: its start, the self-ratings answered, 14 practical questions.
        assert len(choices) == 2 * 16
        assert sorted(other.answers(elsewhere)) == sorted(choices)
        assert len(taker.answers(one.id)) == 17

"""One session at a time takes an attempt, and a finished attempt never changes: answers
from two sessions would mix, and the second to finish would grade it again."""

from __future__ import annotations

import json
from datetime import UTC, datetime

import pytest

from quiz.errors import RuntimeFailure
from quiz.storage import Store, StoredCredit, StoredSkillScore, Summary

BODY = json.dumps({"banks": [], "questions": []})
GRADED = {"q1": StoredCredit("alpha", "choice", 1.0)}
SUMMARY = Summary("1", (StoredSkillScore("alpha", "Alpha", 100.0, 0.0, None),))


def _attempt(store: Store) -> int:
    return store.create_attempt(
        name="Sam", length="quick", seed=1, skills=["alpha"], snapshot=BODY, questions=1
    )


def test_a_second_session_cannot_take_an_attempt_held_by_the_first(database_url: str) -> None:
    with Store.open(url=database_url) as first:
        attempt_id = _attempt(first)
        first.claim(attempt_id)
        first.claim(attempt_id)  # the holder may ask again
        with Store.open(url=database_url) as second:
            with pytest.raises(RuntimeFailure) as caught:
                second.claim(attempt_id)
            assert caught.value.message == (
                f"attempt {attempt_id} is being taken in another session; resume it once "
                "that one has ended"
            )
            other = _attempt(second)
            second.claim(other)  # another attempt is free
    with Store.open(url=database_url) as third:
        third.claim(attempt_id)  # the first session ended: free again


def test_a_finished_attempt_takes_no_more_answers_and_no_second_grading(
    database_url: str,
) -> None:
    with Store.open(url=database_url) as store:
        attempt_id = _attempt(store)
        store.record_answer(attempt_id, "q1", "Right")
        store.finish(attempt_id, graded=GRADED, summary=SUMMARY)
        with pytest.raises(RuntimeFailure) as caught:
            store.record_answer(attempt_id, "q1", "Wrong")
        assert caught.value.message == (
            f"attempt {attempt_id} is finished (or gone); its answers can no longer change"
        )
        with pytest.raises(RuntimeFailure, match="already finished"):
            store.finish(attempt_id, datetime(2030, 1, 1, tzinfo=UTC), graded={}, summary=SUMMARY)
        with pytest.raises(RuntimeFailure) as claimed:
            store.claim(attempt_id)
        assert claimed.value.message == (
            f"attempt {attempt_id} is already finished; see it with skillquiz show {attempt_id}"
        )
        assert store.answers(attempt_id) == {"q1": "Right"}
        assert store.graded(attempt_id) == {"q1": 1.0}
        assert store.summary(attempt_id) == SUMMARY


def test_finishing_lets_go_of_the_attempt(database_url: str) -> None:
    with Store.open(url=database_url) as first:
        attempt_id = _attempt(first)
        first.claim(attempt_id)
        first.finish(attempt_id, graded=GRADED, summary=SUMMARY)
        with (
            Store.open(url=database_url) as second,
            pytest.raises(RuntimeFailure, match="already finished; see it"),
        ):
            second.claim(attempt_id)

"""take when the database fails under it: the message says what is saved and how to go on,
and an attempt deleted while its quiz runs is named as such (no SQL error text)."""

from __future__ import annotations

from pathlib import Path

import pytest
from runner import BETA_ANSWERED, TakeBeta

from quiz.errors import RuntimeFailure
from quiz.storage import Store

pytestmark = pytest.mark.cli_runner(columns=200)


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

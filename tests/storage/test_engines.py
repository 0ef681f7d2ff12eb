"""The storage layer on both engines: SQLite and a real PostgreSQL (skipped, with the
reason, where no server is available). Every test here runs once per engine."""

from __future__ import annotations

import hashlib
import json
import subprocess
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from quiz.errors import RuntimeFailure
from quiz.storage import (
    SCHEMA_VERSION,
    AttemptRow,
    NewAttempt,
    Store,
    StoredCredit,
    StoredSkillScore,
    Summary,
)

# A snapshot as storage reads it: its questions' ids, skills and types (the rest is the
# session's business).
BODY = json.dumps(
    {
        "banks": [],
        "questions": [
            {"skill": "alpha", "item": {"id": "q1", "type": "choice"}},
            {"skill": "alpha", "item": {"id": "q2", "type": "likert"}},
            {"skill": "beta", "item": {"id": "q3", "type": "numeric"}},
        ],
    }
)
SUMMARY = Summary(
    rules_version="1",
    skills=(
        StoredSkillScore("alpha", "Alpha skill", 4.2, 0.61, 3.5),
        StoredSkillScore("beta", "Beta skill", None, None, 2.0),
    ),
    top_role="tech",
    top_role_name="Technician",
    top_p_meets_all=0.87,
)
GRADED = {
    "q1": StoredCredit(skill="alpha", type="choice", credit=1.0),
    "q2": StoredCredit(skill="alpha", type="likert", credit=None),
    "q3": StoredCredit(skill="beta", type="numeric", credit=0.0),
}
CREDITS = {"q1": 1.0, "q2": None, "q3": 0.0}
T0 = datetime(2026, 3, 4, 5, 6, 7, tzinfo=UTC)


def _attempt(store: Store, name: str | None = "Sam", **extra: object) -> int:
    options: dict[str, object] = {
        "name": name,
        "length": "quick",
        "seed": 7,
        "skills": ["alpha"],
        "snapshot": BODY,
        "draw": "q1:1.0,q2,q3",
        "questions": 3,
    }
    options.update(extra)
    return store.create_attempt(**options)  # type: ignore[arg-type]


def _finished(store: Store, name: str, when: datetime) -> int:
    attempt_id = _attempt(store, name=name, started_at=when)
    store.record_answers(attempt_id, {"q1": "Right", "q2": None, "q3": 4}, when)
    store.finish(attempt_id, when + timedelta(minutes=5), graded=GRADED, summary=SUMMARY)
    return attempt_id


def test_an_attempt_reads_back_as_it_was_stored(database_url: str) -> None:
    with Store.open(url=database_url) as store:
        attempt_id = _attempt(store, started_at=T0, experience_years=2.5)
        store.record_answer(attempt_id, "q1", ["Waiting", "Overproduction"])
        assert store.attempt(attempt_id) == AttemptRow(
            id=attempt_id,
            name="Sam",
            started_at=T0,
            finished_at=None,
            length="quick",
            seed=7,
            skills=("alpha",),
            snapshot=hashlib.sha256(BODY.encode()).hexdigest(),
            draw="q1:1.0,q2,q3",
            questions=3,
            answered=1,
            experience_years=2.5,
        )
        assert type(attempt_id) is int and attempt_id == 1
        assert store.snapshot(hashlib.sha256(BODY.encode()).hexdigest()) == BODY
        assert store.snapshot("0" * 64) is None


def test_stored_times_are_the_clock_at_the_moment_in_utc(database_url: str) -> None:
    before = datetime.now(UTC).replace(microsecond=0)
    with Store.open(url=database_url) as store:
        attempt_id = _attempt(store)
        store.record_answer(attempt_id, "q1", 3)
        store.finish(attempt_id)
        row = store.attempt(attempt_id)
        answered = store.answered_at(attempt_id)["q1"]
    after = datetime.now(UTC)
    assert row is not None and row.finished_at is not None
    for stamp in (row.started_at, answered, row.finished_at):
        assert before <= stamp <= after
        assert stamp.utcoffset() == timedelta(0)


def test_given_times_are_kept_to_the_second(database_url: str) -> None:
    with Store.open(url=database_url) as store:
        attempt_id = _finished(store, "Ada", T0)
        row = store.attempt(attempt_id)
        assert row is not None
        assert (row.started_at, row.finished_at) == (T0, T0 + timedelta(minutes=5))
        assert store.answered_at(attempt_id) == {"q1": T0, "q2": T0, "q3": T0}


def test_every_answer_is_visible_to_another_connection_at_once(database_url: str) -> None:
    with Store.open(url=database_url) as store:
        attempt_id = _attempt(store)
        store.record_answer(attempt_id, "q1", ["Waiting", "Overproduction"])
        store.record_answer(attempt_id, "q2", None)
        store.record_answer(attempt_id, "q3", 4.5)
        with Store.open(url=database_url) as other:
            assert other.answers(attempt_id) == {
                "q1": ["Waiting", "Overproduction"],
                "q2": None,
                "q3": 4.5,
            }
        store.record_answer(attempt_id, "q3", 2)
        with Store.open(url=database_url, readonly=True) as other:
            assert other.answers(attempt_id)["q3"] == 2


def test_attempts_drawn_from_the_same_banks_share_one_snapshot(database_url: str) -> None:
    with Store.open(url=database_url) as store:
        first = _attempt(store)
        second = _attempt(store, draw="q2")
        other = _attempt(store, snapshot='{"banks": [1], "questions": []}')
        rows = [store.attempt(i) for i in (first, second, other)]
        keys = [row.snapshot for row in rows if row is not None]
        assert keys[0] == keys[1] != keys[2]
        assert store._rows("SELECT COUNT(*) FROM snapshots") == [(2,)]


def test_finishing_keeps_the_credits_and_the_summary(database_url: str) -> None:
    with Store.open(url=database_url) as store:
        attempt_id = _finished(store, "Ada", T0)
        unfinished = _attempt(store)
    with Store.open(url=database_url, readonly=True) as store:
        assert store.summary(attempt_id) == SUMMARY
        assert store.graded(attempt_id) == CREDITS
        assert store.summary(unfinished) is None and store.graded(unfinished) == {}


def test_a_second_grading_replaces_the_first(database_url: str) -> None:
    newer = Summary(rules_version="2", skills=(), top_role=None)
    with Store.open(url=database_url) as store:
        attempt_id = _finished(store, "Ada", T0)
        assert store.ungraded("1") == [] and store.ungraded("2") == [attempt_id]
        store.save_grading(attempt_id, {"q1": StoredCredit("alpha", "choice", 0.5)}, newer)
        assert store.summary(attempt_id) == newer
        assert store.graded(attempt_id) == {"q1": 0.5}
        assert store.ungraded("2") == []


def test_finishing_twice_is_refused_and_keeps_the_first_finish(database_url: str) -> None:
    with Store.open(url=database_url) as store:
        attempt_id = _attempt(store)
        store.finish(attempt_id, T0, graded=GRADED, summary=SUMMARY)
        with pytest.raises(RuntimeFailure) as caught:
            store.finish(attempt_id, T0 + timedelta(days=1), graded={}, summary=SUMMARY)
        assert caught.value.message == (
            f"attempt {attempt_id} was already finished (or is gone); its results stay as "
            f"they were: skillquiz show {attempt_id}"
        )
        row = store.attempt(attempt_id)
        assert row is not None and row.finished_at == T0
        assert store.graded(attempt_id) == CREDITS


def test_history_is_newest_first_with_summaries_and_a_limit(database_url: str) -> None:
    with Store.open(url=database_url) as store:
        old = _finished(store, "Old", T0)
        new = _finished(store, "New", T0 + timedelta(days=2))
        middle = _attempt(store, name="Middle", started_at=T0 + timedelta(days=1))
        store.record_answer(middle, "q1", 1)
    with Store.open(url=database_url, readonly=True) as store:
        rows = list(store.history())
        assert [row.id for row in rows] == [new, middle, old]
        assert [row.summary for row in rows] == [SUMMARY, None, SUMMARY]
        assert [(row.answered, row.questions) for row in rows] == [(3, 3), (1, 3), (3, 3)]
        assert [row.finished for row in rows] == [True, False, True]
        assert [row.id for row in store.history(limit=2)] == [new, middle]


def test_delete_takes_the_answers_and_the_summary_with_it(database_url: str) -> None:
    with Store.open(url=database_url) as store:
        attempt_id = _finished(store, "Ada", T0)
        kept = _finished(store, "Bo", T0)
        assert store.delete(attempt_id)
        assert not store.delete(attempt_id)
        assert not store.delete(10**22)
        assert store.attempt(attempt_id) is None and store.attempt(10**22) is None
        assert store._rows("SELECT COUNT(*) FROM answers WHERE attempt_id = ?", (attempt_id,)) == [
            (0,)
        ]
        assert store.summary(attempt_id) is None and store.summary(kept) == SUMMARY
        assert store.graded(attempt_id) == {} and store.graded(kept) == CREDITS


def test_two_gradings_of_one_attempt_at_once_both_succeed(database_url: str) -> None:
    """Two trainers' commands may regrade the same attempt at the same moment on a shared
    database: the second waits for the first, then its grading is the one kept."""
    import threading

    with Store.open(url=database_url) as store:
        attempt_id = _finished(store, "Ada", T0)
    first_holds = threading.Event()
    release = threading.Event()
    failures: list[BaseException] = []
    newer = Summary(rules_version="3", skills=(), top_role=None)

    def hold() -> None:
        try:
            with Store.open(url=database_url) as store, store.batch():
                store.save_grading(
                    attempt_id, {"q1": StoredCredit("alpha", "choice", 0.25)}, SUMMARY
                )
                first_holds.set()
                release.wait(10)
        except BaseException as error:  # reported by the test below
            failures.append(error)
            first_holds.set()

    def second() -> None:
        try:
            with Store.open(url=database_url) as store:
                store.save_grading(attempt_id, {"q1": StoredCredit("alpha", "choice", 0.75)}, newer)
        except BaseException as error:  # reported by the test below
            failures.append(error)

    holder = threading.Thread(target=hold)
    holder.start()
    assert first_holds.wait(10)
    waiting = threading.Thread(target=second)
    waiting.start()
    waiting.join(0.5)
    assert waiting.is_alive()  # it waits for the first grading to end
    release.set()
    holder.join(10)
    waiting.join(10)
    assert failures == []
    with Store.open(url=database_url, readonly=True) as store:
        assert store.graded(attempt_id) == {"q1": 0.75}
        assert store.summary(attempt_id) == newer


def test_latest_and_the_previous_attempt_of_the_same_name(database_url: str) -> None:
    with Store.open(url=database_url) as store:
        first = _finished(store, "Ada", T0)
        _finished(store, "Bo", T0 + timedelta(hours=1))
        second = _finished(store, "Ada", T0 + timedelta(hours=2))
        open_one = _attempt(store, name="Ada", started_at=T0 + timedelta(hours=3))
        latest = store.latest(finished=True, name="Ada")
        assert latest is not None and latest.id == second
        assert store.latest(finished=False).id == open_one  # type: ignore[union-attr]
        previous = store.previous_finished(latest)
        assert previous is not None and previous.id == first
        assert store.previous_finished(previous) is None


def test_credits_are_kept_one_row_per_skill_exactly(database_url: str) -> None:
    graded = {
        "b-2": StoredCredit("alpha", "multi", 2 / 3),
        "a-1": StoredCredit("alpha", "choice", None),  # skipped: earns 0
        "s-2": StoredCredit("alpha", "likert", 0.75),
        "s-1": StoredCredit("alpha", "likert", None),  # a skipped self-rating says nothing
        "c-1": StoredCredit("beta", "numeric", 1.0),
        "s-3": StoredCredit("gamma", "likert", 0.25),  # only a self-rating asked
    }
    with Store.open(url=database_url) as store:
        attempt_id = _attempt(store)
        store.finish(attempt_id, T0, graded=graded, summary=SUMMARY)
        rows = store._rows(
            "SELECT skill, marks, total, ratings FROM graded_skills"
            " WHERE attempt_id = ? ORDER BY skill",
            (attempt_id,),
        )
        assert rows == [
            ("alpha", "a-1:0,b-2:0.6666666666666666", 2 / 3, "s-1:,s-2:0.75"),
            ("beta", "c-1:1", 1.0, ""),
            ("gamma", "", 0.0, "s-3:0.25"),
        ]
        assert store.graded(attempt_id) == {
            "a-1": 0.0,
            "b-2": 2 / 3,
            "c-1": 1.0,
            "s-1": None,
            "s-2": 0.75,
            "s-3": 0.25,
        }


def test_an_imported_attempt_is_stored_whole(database_url: str) -> None:
    attempt = NewAttempt(
        name="Imported",
        length="standard",
        seed=3,
        skills=("alpha", "beta"),
        snapshot=BODY,
        draw=None,
        questions=3,
        started_at=T0,
        finished_at=T0 + timedelta(minutes=9),
        answers={"q1": "Right", "q2": 4, "q3": None},
        experience_years=1.0,
        graded=GRADED,
        summary=SUMMARY,
    )
    with Store.open(url=database_url) as store:
        attempt_id = store.import_attempt(attempt)
        row = store.attempt(attempt_id)
        assert row is not None
        assert (row.name, row.skills, row.finished_at, row.experience_years) == (
            "Imported",
            ("alpha", "beta"),
            T0 + timedelta(minutes=9),
            1.0,
        )
        assert store.answers(attempt_id) == {"q1": "Right", "q2": 4, "q3": None}
        assert store.answered_at(attempt_id)["q1"] == T0
        assert store.summary(attempt_id) == SUMMARY and store.graded(attempt_id) == CREDITS


def test_a_batch_is_all_or_nothing(database_url: str) -> None:
    with Store.open(url=database_url) as store:
        with pytest.raises(KeyError), store.batch():
            _attempt(store, name="Lost")
            raise KeyError("stop")
        assert store.attempts() == []
        with store.batch():
            _attempt(store, name="Kept")
        assert [row.name for row in store.attempts()] == ["Kept"]


def test_a_new_database_carries_the_schema_version(database_url: str) -> None:
    with Store.open(url=database_url) as store:
        assert store.schema_version == SCHEMA_VERSION == 5


def test_reading_a_database_not_made_yet_finds_nothing(database_url: str) -> None:
    with Store.open(url=database_url, readonly=True) as store:
        assert store.attempts() == [] and list(store.history()) == []
        assert store.latest(finished=True) is None


def _set_version(database_url: str, version: int) -> None:
    with Store.open(url=database_url) as store:
        store._db.set_version(version)


def test_a_database_from_a_newer_version_is_refused_and_left_alone(database_url: str) -> None:
    _set_version(database_url, SCHEMA_VERSION + 1)
    for readonly in (False, True):
        with pytest.raises(RuntimeFailure, match="newer skillquiz") as caught:
            Store.open(url=database_url, readonly=readonly)
        assert "\n" not in caught.value.message
        assert f"schema {SCHEMA_VERSION + 1}" in caught.value.message


def test_someone_elses_tables_of_the_same_names_are_left_alone(database_url: str) -> None:
    with Store.open(url=database_url) as store:
        db = store._db
        for table in ("graded_skills", "summaries", "answers", "attempts", "snapshots"):
            db.execute(f"DROP TABLE {table}")
        db.execute("CREATE TABLE attempts (who TEXT)")
        db.execute("INSERT INTO attempts (who) VALUES ('theirs')")
        db.set_version(0)
        if db.engine == "postgresql":
            db.execute("DROP TABLE skillquiz_schema")
    for readonly in (False, True):
        with pytest.raises(RuntimeFailure, match="tables named attempts that skillquiz did not"):
            Store.open(url=database_url, readonly=readonly)
    with _raw(database_url) as rows:
        assert rows("SELECT who FROM attempts") == [("theirs",)]


class _raw:
    """The database read directly, past the store (which refuses it)."""

    def __init__(self, url: str) -> None:
        self.url = url

    def __enter__(self):  # type: ignore[no-untyped-def]
        if "://" in self.url:
            import psycopg

            self.conn = psycopg.connect(self.url)
        else:
            import sqlite3

            self.conn = sqlite3.connect(self.url)  # type: ignore[assignment]
        return lambda sql: list(self.conn.execute(sql).fetchall())

    def __exit__(self, *exc: object) -> None:
        self.conn.close()


_OPEN = (
    "import sys; from quiz.storage import Store\n"
    "with Store.open(url=sys.argv[1]) as s:\n"
    "    i = s.create_attempt(name=sys.argv[2], length='quick', seed=1, skills=['a'],"
    " snapshot='{}', draw='q', questions=1)\n"
    "    s.record_answer(i, 'q', 1)\n"
)


def test_parallel_first_runs_on_a_new_database_all_succeed(database_url: str) -> None:
    runs = [
        subprocess.Popen(
            [sys.executable, "-c", _OPEN, database_url, f"p{n}"],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for n in range(12)
    ]
    results = [(run.wait(timeout=120), run.stderr.read() if run.stderr else "") for run in runs]
    failures = [err.strip().splitlines()[-1] for code, err in results if code != 0]
    assert failures == []
    with Store.open(url=database_url, readonly=True) as store:
        assert sorted(row.name or "" for row in store.attempts()) == sorted(
            f"p{n}" for n in range(12)
        )
        assert store.schema_version == SCHEMA_VERSION


def test_an_unknown_url_scheme_is_one_line_and_writes_nothing(tmp_path: Path) -> None:
    with pytest.raises(RuntimeFailure) as caught:
        Store.open(url="mysql://someone@localhost/quiz")
    assert caught.value.message == (
        "unknown database URL scheme 'mysql://': give a SQLite file path or a postgresql:// URL"
    )


def test_a_sqlite_path_given_as_a_folder_keeps_the_usual_file_in_it(tmp_path: Path) -> None:
    with Store.open(url=str(tmp_path)) as store:
        assert store.path == tmp_path / "skillquiz.sqlite3"
    assert (tmp_path / "skillquiz.sqlite3").exists()


def test_the_url_comes_from_the_environment(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SKILLQUIZ_DATABASE_URL", str(tmp_path / "class.sqlite3"))
    with Store.open() as store:
        _attempt(store)
    assert (tmp_path / "class.sqlite3").exists()


def test_postgresql_without_its_extra_names_the_install_command(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setitem(sys.modules, "psycopg", None)  # as if it were not installed
    with pytest.raises(RuntimeFailure) as caught:
        Store.open(url="postgresql://learner@classroom/quiz")
    assert caught.value.message == (
        "postgresql://learner@classroom/quiz is a PostgreSQL database, which needs the "
        "postgres extra: pip install -e '.[postgres]'"
    )

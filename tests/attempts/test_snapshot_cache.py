"""Reading many attempts through one cache of their stored bank snapshots: each attempt
still gets exactly the quiz it was asked, and a damaged snapshot still fails only the
attempts that drew what is damaged, with the same message as read alone."""

from __future__ import annotations

import json
import random
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest
from runner import Run

from questions import BankSet, load_banks
from questions.answers import keyed_answer
from quiz.attempts.draw import draw
from quiz.attempts.results import snapshot_of
from quiz.attempts.session import Session
from quiz.attempts.snapshot import Snapshot, SnapshotCache, load_snapshot, stored_snapshot
from quiz.errors import RuntimeFailure
from quiz.storage import AttemptRow, Store
from scoring.models import Answer

pytestmark = pytest.mark.cli_runner(columns=120)

SKILLS = ("critical_thinking", "data_analysis", "attention_to_detail", "empathy", "research")
# Six different skill sets: six stored bank snapshots.
SKILL_SETS = (SKILLS, ("empathy", "research"), *((skill,) for skill in SKILLS[:4]))
DB = "skillquiz.sqlite3"


@pytest.fixture(scope="module")
def banks() -> BankSet:
    return load_banks()


def answers_for(snapshot: Snapshot, rng: random.Random) -> dict[str, Answer]:
    """Some questions answered as keyed, some skipped, self-ratings anywhere on the scale."""
    answers: dict[str, Answer] = {}
    for asked in snapshot.questions:
        if asked.item.type == "likert":
            answers[asked.item.id] = rng.randint(1, 5)
        elif rng.random() < 0.6:
            answers[asked.item.id] = keyed_answer(asked.item)
    return answers


def record_class(store: Store, banks: BankSet, count: int) -> None:
    """``count`` finished attempts by eight learners, over every skill set and both lengths."""
    rng = random.Random(11)
    for number in range(count):
        session = Session.start(
            store,
            banks,
            skills=SKILL_SETS[number % len(SKILL_SETS)],
            length=("quick", "standard")[number % 2],
            seed=1000 + number,
            name=f"Learner {number % 8}",
        )
        session.answer_all(answers_for(session.snapshot, rng))
        session.finish()


def attempts(store: Store) -> Iterator[AttemptRow]:
    return iter(sorted(store.attempts(), key=lambda row: row.id))


def test_every_attempt_reads_back_its_own_draw_through_one_cache(
    banks: BankSet, tmp_path: Path
) -> None:
    with Store.open(tmp_path) as store:
        record_class(store, banks, 24)
        cache = SnapshotCache(size=2)
        rows = list(attempts(store))
        # In turn (each snapshot leaves the cache and comes back), then each snapshot's
        # attempts one after another (read from the cache).
        for row in [*rows, *sorted(rows, key=lambda row: row.skills)]:
            asked = draw(banks, row.skills, row.length, row.seed)
            assert load_snapshot(store, row, cache) == asked
            assert load_snapshot(store, row) == asked
    # Two attempts drawn from one stored snapshot show a question they share in different
    # orders, so an order carried from one attempt to the other would have been seen above.
    first, second = (draw(banks, SKILLS, "standard", seed) for seed in (1000, 1006))
    orders = {asked.item.id: asked.shown for asked in first.questions if asked.shown}
    assert any(
        asked.item.id in orders and orders[asked.item.id] != asked.shown
        for asked in second.questions
    )


def damage(home: Path, row: AttemptRow, question_id: str) -> None:
    """Break one question of a stored bank snapshot twice over: its text is a number and
    it carries a field no question has."""
    conn = sqlite3.connect(home / DB)
    (text,) = conn.execute(
        "SELECT body FROM snapshots WHERE digest = ?", (row.snapshot,)
    ).fetchone()
    body = json.loads(text)
    for asked in body["questions"]:
        if asked["item"]["id"] == question_id:
            asked["item"]["text"] = 5
            asked["item"]["colour"] = "red"
    conn.execute("UPDATE snapshots SET body = ? WHERE digest = ?", (json.dumps(body), row.snapshot))
    conn.commit()
    conn.close()


def test_a_damaged_question_fails_only_the_attempts_that_drew_it(
    run: Run, banks: BankSet, skillquiz_home: Path
) -> None:
    seeds = range(1, 40)
    draws = {
        seed: {q.item.id for q in draw(banks, ["research"], "quick", seed).questions}
        for seed in seeds
    }
    # A question the first attempt did not draw and two later ones did.
    damaged, second, third = next(
        (question_id, others[0], others[1])
        for question_id in sorted(set().union(*draws.values()) - draws[1])
        if len(others := [seed for seed in seeds if question_id in draws[seed]]) >= 2
    )
    with Store.open() as store:
        for seed in (1, second, third):
            session = Session.start(
                store, banks, skills=["research"], length="quick", seed=seed, name=f"L{seed}"
            )
            session.answer_all(answers_for(session.snapshot, random.Random(seed)))
            session.finish()
        rows = list(attempts(store))
    damage(skillquiz_home, rows[0], damaged)

    with Store.open() as store:
        cache = SnapshotCache()
        assert snapshot_of(store, rows[0], cache) == draw(banks, ["research"], "quick", 1)
        for row in [*rows[1:], *rows[1:]]:  # the second time from what the cache knows
            with pytest.raises(RuntimeFailure) as failure:
                snapshot_of(store, row, cache)
            assert str(failure.value) == (
                f"attempt {row.id} cannot be read (2 problems in its stored questions); "
                f"delete it with skillquiz history --delete {row.id}"
            )
    shown = run("show", str(rows[2].id))
    assert (shown.exit_code, shown.output) == (
        1,
        f"Error: attempt {rows[2].id} cannot be read (2 problems in its stored questions); "
        f"delete it with skillquiz history --delete {rows[2].id}\n",
    )
    report = json.loads(run("cohort", "--format", "json").output)
    assert (report["learners"], report["attempts"], report["unreadable_attempts"]) == (1, 1, 2)


def test_a_cohort_reads_the_same_through_the_cache_as_attempt_by_attempt(
    run: Run, banks: BankSet, skillquiz_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with Store.open() as store:
        record_class(store, banks, 30)
    command = ["cohort", "--format", "json", "--names", "--all-attempts"]
    cached = run(*command)
    assert cached.exit_code == 0, cached.output

    class Uncached(SnapshotCache):
        def load(self, store: Store, attempt: AttemptRow) -> Snapshot:
            body = store.snapshot(attempt.snapshot)
            assert body is not None
            return stored_snapshot(body, attempt.draw)

    monkeypatch.setattr("quiz.attempts.snapshot.SnapshotCache", Uncached)
    assert run(*command).output == cached.output
    assert json.loads(cached.output)["attempts"] == 30


def test_history_regrades_a_class_to_the_summaries_kept_at_finish(
    run: Run, banks: BankSet, skillquiz_home: Path
) -> None:
    with Store.open() as store:
        record_class(store, banks, 18)
    before = run("history", "--all", "--format", "json")
    assert before.exit_code == 0, before.output
    conn = sqlite3.connect(skillquiz_home / DB)
    conn.execute("DELETE FROM summaries")  # as after a change of scoring rules
    conn.commit()
    conn.close()
    assert run("history", "--all", "--format", "json").output == before.output


@pytest.mark.parametrize("positions", ["-1", "repeat", "missing"])
def test_a_draw_whose_option_positions_are_damaged_is_named(
    run: Run, banks: BankSet, skillquiz_home: Path, positions: str
) -> None:
    """A position of -1 would quietly show the last option and a missing one would drop an
    option: either way the attempt is not what was asked, and says so."""
    with Store.open() as store:
        session = Session.start(store, banks, skills=["research"], length="quick", seed=3)
        session.answer_all(answers_for(session.snapshot, random.Random(3)))
        session.finish()
        (row,) = attempts(store)
    assert row.draw is not None
    entries = row.draw.split(",")
    index = next(i for i, entry in enumerate(entries) if ":" in entry)
    question_id, _, order = entries[index].partition(":")
    listed = order.split(".")
    changed = {
        "-1": ["-1", *listed[1:]],
        "repeat": [listed[0], *listed[:-1]],
        "missing": listed[:-1],
    }[positions]
    entries[index] = f"{question_id}:{'.'.join(changed)}"
    conn = sqlite3.connect(skillquiz_home / "skillquiz.sqlite3")
    conn.execute("UPDATE attempts SET draw = ? WHERE id = ?", (",".join(entries), row.id))
    conn.commit()
    conn.close()
    shown = run("show", str(row.id))
    assert (shown.exit_code, shown.output) == (
        1,
        f"Error: attempt {row.id} cannot be read (a problem in its stored questions); "
        f"delete it with skillquiz history --delete {row.id}\n",
    )

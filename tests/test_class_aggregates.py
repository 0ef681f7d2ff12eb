"""Credits added up in the database give the same figures as credits read one by one."""

from __future__ import annotations

import random
import sqlite3
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from questions.models import ChoiceItem, Item, Skill
from quiz.class_aggregates import like_pattern, read_aggregates
from quiz.itemstats import as_data, compute, compute_from_aggregates
from quiz.storage_credits import AttemptCredits, Credit, Credits

START = datetime(2026, 9, 1, tzinfo=UTC)
SKILLS = {"alpha": "Alpha", "beta": "Beta"}
ITEMS = {
    "alpha": [f"a-{i:02d}" for i in range(8)],
    "beta": [f"b-{i:02d}" for i in range(5)],
}


ITEM_DEFINITIONS: dict[str, Item] = {
    qid: ChoiceItem.model_validate(
        {
            "id": qid,
            "type": "choice",
            "text": "?",
            "options": [{"text": "Yes", "credit": 1}, {"text": "No", "credit": 0}],
        }
    )
    for ids in ITEMS.values()
    for qid in ids
}


def class_database(seed: int) -> tuple[sqlite3.Connection, list[AttemptCredits]]:
    """Finished (and a few unfinished) attempts, in the tables storage keeps graded answers
    in, and the same attempts as read one by one."""
    rng = random.Random(seed)
    conn = sqlite3.connect(":memory:")
    conn.execute(
        "CREATE TABLE attempts (id INTEGER PRIMARY KEY, name TEXT, finished_at TEXT,"
        " snapshot_digest TEXT)"
    )
    conn.execute(
        "CREATE TABLE answers (attempt_id INTEGER, question_id TEXT, skill TEXT, type TEXT,"
        " credit REAL, PRIMARY KEY (attempt_id, question_id))"
    )
    attempts = []
    for number in range(1, 81):
        finished = START + timedelta(days=number % 20)
        done = number % 9 != 0
        name = rng.choice(["Ada", "alan", "Grace", "Linus", None])
        conn.execute(
            "INSERT INTO attempts VALUES (?, ?, ?, ?)",
            (number, name, finished.isoformat() if done else None, "snap"),
        )
        credits = []
        for skill, ids in ITEMS.items():
            asked = ids if number % 3 == 0 else rng.sample(ids, len(ids) - 2)
            rated = rng.choice([None, 0.0, 0.25, 0.5, 0.75, 1.0])
            credits.append(Credit(skill, f"{skill}-self", "likert", rated))
            for qid in asked:
                x = rng.choice([0.0, 0.0, 1 / 3, 0.5, 2 / 3, 1.0, 1.0])
                credits.append(Credit(skill, qid, rng.choice(["choice", "order"]), x))
        for c in credits:
            kind = c.type if c.type == "likert" else "choice"
            conn.execute(
                "INSERT INTO answers VALUES (?, ?, ?, ?, ?)",
                (number, c.question_id, c.skill, kind, c.credit),
            )
        if done:
            kinds = tuple(
                Credit(
                    c.skill, c.question_id, "likert" if c.type == "likert" else "choice", c.credit
                )
                for c in credits
            )
            attempts.append(AttemptCredits(number, name, finished, kinds))
    return conn, attempts


def reader(conn: sqlite3.Connection) -> Any:
    return lambda sql, parameters: conn.execute(sql, parameters).fetchall()


@pytest.mark.parametrize(
    ("since", "name"), [(None, None), (START + timedelta(days=10), None), (None, "A*")]
)
def test_aggregates_give_the_figures_of_single_credits(
    since: datetime | None, name: str | None
) -> None:
    conn, attempts = class_database(5)
    chosen = [
        a
        for a in attempts
        if (since is None or a.finished_at >= since)
        and (name is None or (a.name or "").casefold().startswith("a"))
    ]
    skills = {s: Skill(id=s, name=n) for s, n in SKILLS.items()}
    credits = Credits(attempts=chosen, items=dict(ITEM_DEFINITIONS), skills=skills)
    expected = as_data(compute(credits))
    data = read_aggregates(reader(conn), since=since, name=name)
    actual = as_data(compute_from_aggregates(data, ITEM_DEFINITIONS, SKILLS))
    assert actual["self_ratings"] == [
        {k: pytest.approx(v) if isinstance(v, float) else v for k, v in r.items()}
        for r in expected["self_ratings"]
    ]
    assert len(actual["skills"]) == len(expected["skills"]) == 2
    for got, want in zip(actual["skills"], expected["skills"], strict=True):
        for key, value in want.items():
            if key == "items":
                continue
            assert got[key] == (pytest.approx(value) if isinstance(value, float) else value), key
        assert got["cic_attempts"] > 2
        for got_item, want_item in zip(got["items"], want["items"], strict=True):
            assert got_item == {
                k: pytest.approx(v) if isinstance(v, float) else v for k, v in want_item.items()
            }
    assert data.snapshots == ["snap"]


def test_a_name_pattern_becomes_like_with_its_own_percent_and_underscore_escaped() -> None:
    assert like_pattern("Ada*") == "Ada%"
    assert like_pattern("?l_n 100%") == "_l\\_n 100\\%"

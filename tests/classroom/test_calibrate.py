"""``skillquiz calibrate``: a class's finished attempts become a stored parameter set, on
SQLite and PostgreSQL alike; nothing to calibrate is said in one line and stores nothing."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
from class_fixtures import record_class
from runner import Run

from questions import load_banks
from quiz.storage import Store
from scoring.parameter_sets import parse

pytestmark = pytest.mark.cli_runner(columns=100)

LEARNERS = 320


@pytest.fixture
def class_db(database_url: str, bank_dir: Path) -> str:
    """A class of 320 learners who took alpha and beta in full (every 17th question
    asked skipped)."""
    with Store.open(url=database_url) as store:
        record_class(store, load_banks([bank_dir]), LEARNERS)
    return database_url


def _sets(url: str) -> list[int]:
    with Store.open(url=url, readonly=True) as store:
        newest = store.newest_parameter_set()
        return [] if newest is None else list(range(1, newest.id + 1))


def test_no_finished_attempt_stores_nothing(run: Run, database_url: str) -> None:
    result = run("calibrate", "--database", database_url)
    assert (result.exit_code, result.output) == (
        0,
        "No finished attempts to calibrate from; nothing stored.\n",
    )
    assert _sets(database_url) == []


def test_a_skill_nobody_answered_stores_nothing(run: Run, class_db: str) -> None:
    result = run("calibrate", "--skill", "gamma", "--database", class_db)
    assert (result.exit_code, result.output) == (
        0,
        "No finished attempt answered skill gamma; nothing stored.\n",
    )
    future = run("calibrate", "--since", "2999-01-01", "--database", class_db)
    assert future.output == (
        "No finished attempts to calibrate from (since 2999-01-01); nothing stored.\n"
    )
    assert _sets(class_db) == []


def _json(run: Run, url: str, *extra: str) -> dict[str, Any]:
    result = run("calibrate", "--format", "json", "--database", url, *extra)
    assert result.exit_code == 0, result.output
    document: dict[str, Any] = json.loads(result.output)
    return document


def test_json_gives_every_item_and_the_set_is_stored(run: Run, class_db: str) -> None:
    document = _json(run, class_db)
    assert document["parameter_set"] == 1 and not document["dry_run"]
    assert (document["attempts"], document["model"]) == (LEARNERS, "fractional")
    assert document["gates"] == {"prior_below": 100, "data_from": 300, "min_category_answers": 10}
    skills = {skill["skill"]: skill for skill in document["skills"]}
    assert sorted(skills) == ["alpha", "beta"]
    alpha = {item["id"]: item for item in skills["alpha"]["items"]}
    assert sorted(alpha) == ["a-choice-01", "a-choice-02", "a-multi-01", "a-num-01", "a-order-01"]
    # Each item was asked of every learner; its skips are not answers.
    total = 0
    for item in alpha.values():
        assert LEARNERS - 25 < item["answers"] < LEARNERS
        assert (item["gate"], item["weight"]) == ("data", 1.0)
        assert 0 < item["exposure"] <= 1 and 0 < item["dispersion"] <= 1
        total += item["answers"]
    assert document["answers"] == total + sum(i["answers"] for i in skills["beta"]["items"])
    with Store.open(url=class_db, readonly=True) as store:
        stored = store.newest_parameter_set()
        assert stored is not None
        assert (stored.id, stored.attempts, stored.answers) == (1, LEARNERS, document["answers"])
        kept = parse(stored.body)
    assert kept.model == "fractional" and len(kept.items) == 8
    assert {entry.item_id: entry.answers for entry in kept.items} == {
        item["id"]: item["answers"] for skill in skills.values() for item in skill["items"]
    }


def test_a_dry_run_shows_the_table_and_stores_nothing(run: Run, class_db: str) -> None:
    result = run("calibrate", "--dry-run", "--database", class_db)
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0].startswith(f"Calibrated from {LEARNERS} finished attempts (")
    assert lines[-1] == "Dry run: nothing stored."
    rows = [line.split() for line in lines if line.startswith(("alpha ", "beta "))]
    assert [row[:6] for row in rows] == [
        ["alpha", "320", "5", "0", "0", "5"],
        ["beta", "320", "3", "0", "0", "3"],
    ]
    assert _sets(class_db) == []
    stored = run("calibrate", "--database", class_db)
    said = " ".join(stored.output.split())
    assert re.search(
        r"Stored as parameter set 1 \(\d{4}-\d\d-\d\d \d\d:\d\d UTC\)\. New attempts are "
        r"scored with it, and --length adaptive chooses with it; skillquiz stats --database "
        rf"'?{re.escape(class_db)}'? shows each item's calibrated level beside its label\.$",
        said,
    )
    assert _sets(class_db) == [1]


def test_one_skill_again_keeps_the_others(run: Run, class_db: str) -> None:
    first = _json(run, class_db)
    again = _json(run, class_db, "--skill", "beta")
    assert again["parameter_set"] == 2 and [s["skill"] for s in again["skills"]] == ["beta"]
    with Store.open(url=class_db, readonly=True) as store:
        one, two = (parse(store.parameter_set(n).body) for n in (1, 2))  # type: ignore[union-attr]
    alpha = [entry for entry in two.items if entry.skill == "alpha"]
    assert alpha == [entry for entry in one.items if entry.skill == "alpha"]
    assert sorted(two.skills) == ["alpha", "beta"]
    assert first["attempts"] == again["attempts"] == LEARNERS


@pytest.mark.pg
def test_the_same_class_calibrates_the_same_on_both_engines(
    run: Run, bank_dir: Path, tmp_path: Path, postgres_url: str
) -> None:
    banks = load_banks([bank_dir])
    found = []
    for url in (str(tmp_path / "class.sqlite3"), postgres_url):
        with Store.open(url=url) as store:
            record_class(store, banks, LEARNERS)
        document = _json(run, url, "--dry-run")
        found.append({key: value for key, value in document.items() if key != "created_at"})
    assert found[0] == found[1]

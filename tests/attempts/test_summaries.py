"""What storage keeps of an attempt's results: its credits and summary at finish, made again
when the scoring rules change, and never made for an attempt that cannot be read."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from pathlib import Path

from class_fixtures import record

from questions import load_banks
from quiz.attempts.session import Session
from quiz.attempts.summaries import current_history, regrade_stale, rules_version
from quiz.storage import DB_NAME, Store, StoredSkillScore, Summary
from scoring.models import Answer
from scoring.rules_version import RULES_VERSION

# Every question of the beta bank answered right; 4 of 5 on its self-rating.
RIGHT: dict[str, Answer] = {
    "b-self-01": 4,
    "b-choice-01": "Agree",
    "b-num-01": 60,
    "b-order-01": ["One", "Two", "Three"],
}
STALE = Summary(rules_version="0", skills=(StoredSkillScore("beta", "Beta skill", 1.0, 1.0, None),))


def test_the_rules_version_is_read_without_importing_scoring() -> None:
    script = (
        "import sys\n"
        "from quiz.attempts.summaries import rules_version\n"
        "print(rules_version(), 'scoring' in sys.modules)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True
    )
    assert done.stdout == f"{RULES_VERSION} False\n"
    assert rules_version() == RULES_VERSION


def test_finishing_keeps_each_answers_credit_and_the_summary(bank_dir: Path) -> None:
    with Store.open() as store:
        session = Session.start(store, load_banks([bank_dir]), skills=["beta"], length="full")
        session.answer_all(RIGHT)
        session.finish()
        graded, summary = store.graded(session.id), store.summary(session.id)
    assert graded == {"b-choice-01": 1.0, "b-num-01": 1.0, "b-order-01": 1.0, "b-self-01": 0.75}
    assert summary is not None
    assert (summary.rules_version, summary.top_role, summary.top_role_name) == (
        RULES_VERSION,
        None,
        None,
    )
    ((skill, name, level, level_sd, rated),) = summary.skills
    assert (skill, name, rated) == ("beta", "Beta skill", 4.0)
    assert level is not None and level_sd is not None and level > 3.5


def test_stale_summaries_are_made_again_and_a_damaged_attempt_is_left_alone(
    bank_dir: Path, skillquiz_home: Path
) -> None:
    with Store.open() as store:
        banks = load_banks([bank_dir])
        kept, damaged = record(store, banks, RIGHT, name="Ada"), record(store, banks, RIGHT)
    conn = sqlite3.connect(skillquiz_home / DB_NAME)
    conn.execute("UPDATE attempts SET seed = 'x' WHERE id = ?", (damaged,))
    conn.commit()
    conn.close()
    with Store.open() as store:
        assert store.ungraded(RULES_VERSION) == [kept, damaged]
        assert regrade_stale(store) == 1
        assert store.ungraded(RULES_VERSION) == [damaged]
        assert store.summary(damaged) is None


def test_history_shows_and_keeps_a_summary_made_under_the_current_rules(
    bank_dir: Path,
) -> None:
    with Store.open() as store:
        attempt_id = record(store, load_banks([bank_dir]), RIGHT, name="Ada")
        store.save_grading(attempt_id, {}, STALE)
        (row,) = list(current_history(store.history(), None))
    assert row.summary is not None
    assert row.summary.rules_version == RULES_VERSION
    assert (row.summary.skills[0].level or 0) > 3.5
    with Store.open() as store:
        assert store.summary(attempt_id) == row.summary

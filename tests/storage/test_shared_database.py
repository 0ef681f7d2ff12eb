"""A class sharing one database: many terminals taking the quiz at once, on each engine."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from click.testing import CliRunner

from quiz.attempts.snapshot import load_snapshot
from quiz.cli.main import cli
from quiz.storage import Store

LEARNERS = 16


def _answers_file(folder: Path) -> Path:
    """An answer to every question of the test banks, one skipped."""
    answers = {
        "a-self-01": 4,
        "a-self-02": 2,
        "a-choice-01": "Right",
        "a-choice-02": "Green",
        "a-multi-01": ["Waiting"],
        "a-num-01": 4,
        "a-order-01": ["Shut down", "Isolate", "Lock and tag", "Verify"],
        "b-self-01": None,
        "b-choice-01": "Agree",
        "b-num-01": 60,
        "b-order-01": ["Two", "One", "Three"],
    }
    path = folder / "answers.json"
    path.write_text(json.dumps(answers), encoding="utf-8")
    return path


def test_sixteen_learners_at_once_lose_nothing(
    database_url: str, bank_dir: Path, tmp_path: Path
) -> None:
    answers = _answers_file(tmp_path)
    env = {**os.environ, "SKILLQUIZ_DATABASE_URL": database_url}
    runs = [
        subprocess.Popen(
            [
                sys.executable,
                "-m",
                "quiz",
                "take",
                "--answers",
                str(answers),
                "--bank-dir",
                str(bank_dir),
                "--length",
                "quick",
                "--seed",
                str(n),
                "--name",
                f"Learner {n:02d}",
            ],
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
        )
        for n in range(LEARNERS)
    ]
    failures = []
    for run in runs:
        _, err = run.communicate(timeout=300)
        if run.returncode != 0:
            failures.append(err.strip().splitlines()[-1:])
    assert failures == []
    with Store.open(url=database_url, readonly=True) as store:
        attempts = store.attempts()
        assert sorted(a.name or "" for a in attempts) == [f"Learner {n:02d}" for n in range(16)]
        for attempt in attempts:
            assert attempt.finished and attempt.questions == 8 and attempt.answered == 8
            asked = [q.item.id for q in load_snapshot(store, attempt).questions]
            stored = store.answers(attempt.id)
            assert sorted(stored) == sorted(asked)
            expected = json.loads(answers.read_text(encoding="utf-8"))
            assert stored == {qid: expected[qid] for qid in asked}
            summary = store.summary(attempt.id)
            assert summary is not None and [s.skill for s in summary.skills] == ["alpha", "beta"]
        assert store._rows("SELECT COUNT(*) FROM snapshots") == [(1,)]
    listing = CliRunner().invoke(cli, ["history", "--all", "--format", "json"], env=env)
    assert listing.exit_code == 0, listing.output
    assert len(json.loads(listing.output)) == LEARNERS

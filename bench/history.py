"""history, show and report over a large attempts database, timed as whole processes.

Fills the home with N finished quick attempts through the storage layer's own API
(``Store.import_attempt``, the way ``take --answers --length quick`` stores one: a shared
bank snapshot, the draw, answers, credits and a summary) if it holds none, then times
``skillquiz history``, ``history --all --format json``, ``show`` and ``report --format json``
of an attempt in the middle, and ``python -c 'import click'`` as the baseline. Prints the
min and median of each, the ratio of the median to the baseline's, the peak memory (max
RSS) of each, and the database's size.

    python bench/history.py --attempts 100000 --home /tmp/sq-bench [--runs 5]

Targets with 100,000 attempts: history under 1 s and 100 MiB; history --all --format json
under 5 s with memory flat (compare peaks at two sizes); show and report under 0.5 s; a
quick attempt under 4 KB on disk beyond its shared snapshot.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import subprocess
import sys
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from timing import timed

DB = "skillquiz.sqlite3"
TEMPLATES = 40  # distinct quizzes and answer sets; graded once each, stored many times


def _answer(item: object, rng: random.Random) -> object:
    """A plausible answer: the keyed one, a skip, or a self-rating."""
    from questions.answers import keyed_answer

    kind = getattr(item, "type", "")
    if kind == "likert":
        return rng.randint(1, 5)
    if rng.random() < 0.15:
        return None
    return keyed_answer(item)  # type: ignore[arg-type]


def fill(home: Path, count: int) -> None:
    from questions import load_banks
    from quiz.attempts.draw import bank_snapshot, draw
    from quiz.attempts.snapshot import encode_draw
    from quiz.attempts.summaries import grade_attempt
    from quiz.storage import NewAttempt, Store

    banks = load_banks()
    skills = [skill.id for skill in banks.skills]
    body = bank_snapshot(banks, skills).to_json()
    rng = random.Random(7)
    templates = []
    for seed in range(TEMPLATES):
        snapshot = draw(banks, skills, "quick", seed)
        answers = {q.item.id: _answer(q.item, rng) for q in snapshot.questions}
        graded, summary = grade_attempt(snapshot, answers, finished=True)  # type: ignore[arg-type]
        templates.append((seed, snapshot, encode_draw(snapshot), answers, graded, summary))
    start = datetime(2026, 1, 5, 8, 0, tzinfo=UTC)
    began = time.perf_counter()
    with Store.open(home) as store:
        for first in range(0, count, 1000):
            with store.batch():
                for n in range(first, min(count, first + 1000)):
                    seed, snapshot, drawn, answers, graded, summary = templates[n % TEMPLATES]
                    when = start + timedelta(minutes=7 * n)
                    store.import_attempt(
                        NewAttempt(
                            name=f"Learner {n % 2000:04d}",
                            length="quick",
                            seed=seed,
                            skills=tuple(skills),
                            snapshot=body,
                            draw=drawn,
                            questions=len(snapshot.questions),
                            started_at=when,
                            finished_at=when + timedelta(minutes=6),
                            answers=answers,
                            answered_at=when + timedelta(minutes=3),
                            experience_years=float(n % 6),
                            graded=graded,
                            summary=summary,
                        )
                    )
    print(f"filled {count:,} attempts in {time.perf_counter() - began:.1f} s")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--attempts", type=int, default=100_000)
    parser.add_argument("--home", type=Path, required=True)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--measure", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    home: Path = args.home
    if args.measure is not None:
        measure(home, args.measure, args.runs)
        return
    home.mkdir(parents=True, exist_ok=True)
    from quiz.storage import Store

    with Store.open(home) as store:
        stored = store.largest_id()
    if stored == 0:
        fill(home, args.attempts)
        with Store.open(home) as store:
            stored = store.largest_id()
    # Everything in the database file itself, so its size is the database's.
    import sqlite3

    conn = sqlite3.connect(home / DB)
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    # Timed from a fresh process that has loaded nothing: a child forked from this one
    # would count this process's memory in its peak.
    command = [sys.executable, __file__, "--home", str(home), "--runs", str(args.runs)]
    subprocess.run([*command, "--measure", str(stored)], check=True)


def measure(home: Path, stored: int, runs: int) -> None:
    env = {**os.environ, "SKILLQUIZ_HOME": str(home), "COLUMNS": "100"}
    env.pop("SKILLQUIZ_DATABASE_URL", None)
    middle = str(max(1, stored // 2))
    quiz = [sys.executable, "-m", "quiz"]
    cases = {
        "python -c 'import click' (baseline)": [sys.executable, "-c", "import click"],
        "history": [*quiz, "history"],
        "history --all --format json": [*quiz, "history", "--all", "--format", "json"],
        f"show {middle}": [*quiz, "show", middle],
        f"report {middle} --format json": [*quiz, "report", middle, "--format", "json"],
    }
    results = {}
    for label, command in cases.items():
        results[label] = [timed(command, env) for _ in range(runs)]
    baseline = statistics.median(t for t, _ in next(iter(results.values())))
    size = sum((home / name).stat().st_size for name in (DB, f"{DB}-wal") if (home / name).exists())
    import sqlite3

    conn = sqlite3.connect(f"{(home / DB).absolute().as_uri()}?mode=ro", uri=True)
    shared = int(conn.execute("SELECT COALESCE(SUM(LENGTH(body)), 0) FROM snapshots").fetchone()[0])
    conn.close()
    print(
        f"{stored:,} attempts in {home / DB}: {size / 2**20:.1f} MiB; "
        f"{(size - shared) / stored:,.0f} bytes an attempt beyond the shared snapshots "
        f"({shared / 1024:,.0f} KiB)"
    )
    print(f"{'command':<36} {'min s':>7} {'median s':>9} {'x baseline':>10} {'peak MiB':>9}")
    for label, timings in results.items():
        times = [t for t, _ in timings]
        peak = max(m for _, m in timings)
        median = statistics.median(times)
        print(f"{label:<36} {min(times):7.3f} {median:9.3f} {median / baseline:10.1f} {peak:9.1f}")


if __name__ == "__main__":
    main()

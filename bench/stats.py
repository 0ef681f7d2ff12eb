"""How fast ``skillquiz stats`` runs over a large class, and how much memory it takes.

Generates finished standard-length attempts over the five built-in banks through the
storage API (a learner with a true ability per skill answers under the logistic item
model of bench/respondents.py), then times ``skillquiz stats --format json`` as a whole
process (start-up, the check that every attempt is graded under the current rules, the
query, the statistics and the JSON, written to /dev/null): min and median of several runs,
with the peak resident memory of each, against ``python -c 'import click'`` and
``skillquiz --version`` (start-up alone) as baselines in the same run, and the database's
size. Targets: 100,000 attempts in under 10 s and 500 MiB.

    python bench/stats.py [--attempts 100000] [--runs 3] [--seed 7] [--keep FOLDER]

--keep reuses (or creates) the database in FOLDER, so the slow generation runs once.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from respondents import ItemModel, respond
from timing import timed

from questions import load_banks
from quiz.attempts.draw import bank_snapshot, draw
from quiz.attempts.snapshot import encode_draw
from quiz.attempts.summaries import grade_attempt
from quiz.storage import Store

# Distinct quizzes drawn (seeds); attempts reuse them in turn. Drawing and serialising a
# snapshot takes milliseconds, and a class given the same few seeds is realistic.
DRAWS = 200
BATCH = 1000  # attempts written in one transaction


def generate(home: Path, attempts: int, seed: int, url: str | None = None) -> float:
    """Record ``attempts`` finished standard-length attempts in ``home`` (or the database
    at ``url``), graded as ``take`` grades them at finish (credits and summary kept);
    seconds taken."""
    rng = random.Random(seed)
    bank_set = load_banks()
    skills = [loaded.skill.id for loaded in bank_set.banks]
    model = ItemModel(list(bank_set.items.values()), rng)
    banks = bank_snapshot(bank_set, skills).to_json()
    draws = [draw(bank_set, skills, "standard", quiz_seed) for quiz_seed in range(DRAWS)]
    encoded = [encode_draw(snapshot) for snapshot in draws]
    start = time.perf_counter()
    with Store.open(home, url=url) as store:
        for first in range(0, attempts, BATCH):
            with store.batch():
                for number in range(first, min(attempts, first + BATCH)):
                    index = number % DRAWS
                    snapshot = draws[index]
                    ability = {skill: rng.gauss(0, 1) for skill in skills}
                    attempt = store.create_attempt(
                        name=f"Learner {number:06d}",
                        length="standard",
                        seed=index,
                        skills=skills,
                        snapshot=banks,
                        draw=encoded[index],
                        questions=len(snapshot.questions),
                    )
                    answers = {
                        q.item.id: respond(q.item, ability[q.skill], model, rng)
                        for q in snapshot.questions
                    }
                    store.record_answers(attempt, answers)
                    graded, summary = grade_attempt(snapshot, answers, finished=True)
                    store.finish(attempt, graded=graded, summary=summary)
    return time.perf_counter() - start


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--attempts", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--keep", type=Path, help="Folder to keep (and reuse) the database in.")
    args = parser.parse_args(argv)

    with tempfile.TemporaryDirectory() as scratch:
        home = args.keep or Path(scratch)
        if not (home / "skillquiz.sqlite3").exists():
            took = generate(home, args.attempts, args.seed)
            print(f"generated {args.attempts:,} attempts in {took:.1f} s", flush=True)
        env = {**os.environ, "SKILLQUIZ_HOME": str(home)}
        skillquiz = [sys.executable, "-m", "quiz"]
        click = [timed([sys.executable, "-c", "import click"], env) for _ in range(args.runs)]
        base = [timed([*skillquiz, "--version"], env) for _ in range(args.runs)]
        runs = [timed([*skillquiz, "stats", "--format", "json"], env) for _ in range(args.runs)]
        size = (home / "skillquiz.sqlite3").stat().st_size
        with Store.open(home, readonly=True) as store:
            attempts = len(store.attempts())

    times = [t for t, _ in runs]
    peak = max(m for _, m in runs)
    click_times = [t for t, _ in click]
    start_up = [t for t, _ in base]
    print(
        f"python {sys.version.split()[0]}; {attempts:,} attempts, {args.runs} runs; "
        f"load average {os.getloadavg()[0]:.2f}; database {size / 2**20:,.0f} MiB"
    )
    for label, figures in (
        ("python -c 'import click'", click_times),
        ("skillquiz --version", start_up),
    ):
        print(f"{label}: min {min(figures):.3f} s, median {statistics.median(figures):.3f} s")
    ratio = statistics.median(times) / statistics.median(click_times)
    print(
        f"skillquiz stats --format json: min {min(times):.2f} s, median "
        f"{statistics.median(times):.2f} s ({ratio:.0f}x import click; target < 10 s), "
        f"peak memory {peak:.0f} MiB (target < 500 MiB)"
    )


if __name__ == "__main__":
    main()

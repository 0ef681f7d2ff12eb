"""How long a person waits between an answer and the next question in an adaptive quiz,
against a standard quiz's wait, measured in the same run.

Takes the five shipped banks through the same layer ``take`` uses (quiz.attempts.taking),
with the real SQLite commit per answer, once at standard length and once adaptive (no
calibrated set: the uncalibrated mode, which asks the most questions), answering each
question as keyed or skipping it at random (seeded). Prints the p50 and p95 of the time
from an answer to the next question, on the clock and in this process's CPU time (on a
shared machine the clock carries other work's waits and the disk's; the CPU time is the
turn's own work); the bar: adaptive no slower than standard. Adaptive twice: choosing
the next question after the answer (as with plain input), and "ahead" as interactive
prompts do, the choice for every possible answer worked out while the question is read
(before the clock starts, as it is done in the person's reading time).

    python bench/adaptive_turn.py [--runs 3] [--seed 5]
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

from questions import load_banks
from questions.answers import keyed_answer
from quiz.attempts.session import QuizQuestion, Turn
from quiz.attempts.taking import TakeRun
from quiz.storage import Store
from scoring.models import Answer


def waits(length: str, seed: int, ahead: bool = False) -> list[tuple[float, float]]:
    """Seconds from each answer given to the next question asked, over one quiz: on the
    clock, and of this process's CPU time (what the turn itself costs, whatever else the
    machine is doing; the commit's wait for the disk is on the clock alone)."""
    banks = load_banks()
    rng = random.Random(seed)
    gaps: list[tuple[float, float]] = []
    last: list[tuple[float, float]] = []

    def ask(question: QuizQuestion, _turn: Turn) -> Answer:
        if last:
            wall, cpu = last[0]
            gaps.append((time.perf_counter() - wall, time.process_time() - cpu))
        item = question.item
        answer: Answer = 3 if item.type == "likert" else keyed_answer(item)
        if item.type != "likert" and rng.random() < 0.4:
            answer = None
        if ahead:
            for _ in run.anticipate():
                pass
        last[:] = [(time.perf_counter(), time.process_time())]
        return answer

    with tempfile.TemporaryDirectory() as home, Store.open(Path(home)) as store:
        run = TakeRun(store)
        skills = [loaded.skill.id for loaded in banks.banks]
        run.start(banks, skills=skills, length=length, seed=seed)
        run.ask_all(ask)
    return gaps


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--seed", type=int, default=5)
    args = parser.parse_args(argv)
    print(f"load average {os.getloadavg()[0]:.2f} on {os.cpu_count()} cores")
    for length, ahead in (("standard", False), ("adaptive", False), ("adaptive", True)):
        gaps = [g for run in range(args.runs) for g in waits(length, args.seed + run, ahead)]
        label = f"{length}{', ahead' if ahead else ''}"
        for column, name in ((0, "clock"), (1, "CPU")):
            values = [gap[column] for gap in gaps]
            p95 = statistics.quantiles(values, n=20)[-1]
            print(
                f"{label:<17} {len(values):>4} answers, {name:<5}: "
                f"p50 {1000 * statistics.median(values):.2f} ms, p95 {1000 * p95:.2f} ms"
            )


if __name__ == "__main__":
    main()

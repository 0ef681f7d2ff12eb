"""How long a person waits between giving an answer and seeing the next question.

Answers 200 questions (40 of each item type) through the session layer in a temporary
SKILLQUIZ_HOME, with the real SQLite commit per answer, and prints the p50 and p95 of the
time from an answer to the next question (target p95 under 20 ms).

    python bench/session.py [--questions 200] [--runs 3]
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from pathlib import Path

from questions import BankSet, Item, parse_bank
from quiz.attempts.session import Session
from quiz.storage import Store
from scoring.models import Answer

KINDS = ("likert", "choice", "multi", "numeric", "order")


def bank_text(count: int) -> str:
    lines = ["schema: 1", "skill: {id: bench, name: Bench}", "questions:"]
    for n in range(count):
        kind = KINDS[n % len(KINDS)]
        head = f"  - {{id: q{n:04d}, type: {kind}, text: Question {n}"
        if kind == "likert":
            lines.append(head + "}")
        elif kind == "choice":
            lines.append(head + ", options: [{text: A, credit: 1}, {text: B, credit: 0}]}")
        elif kind == "multi":
            lines.append(
                head + ", options: [{text: A, correct: true}, {text: B, correct: false},"
                " {text: C, correct: true}]}"
            )
        elif kind == "numeric":
            lines.append(head + ", answer: 4, tolerance: 0.5, unit: '%'}")
        else:
            lines.append(head + ", items: [One, Two, Three, Four]}")
    return "\n".join(lines) + "\n"


def reply(item: Item, shown: tuple[str, ...]) -> Answer:
    """An answer as the prompts would hand it over (texts in the order shown)."""
    if item.type == "likert":
        return 4
    if item.type == "choice":
        return shown[0]
    if item.type == "multi":
        return [shown[0], shown[1]]
    if item.type == "numeric":
        return 4.2
    return list(reversed(shown))


def run_once(count: int) -> list[float]:
    banks = BankSet(banks=(parse_bank(bank_text(count), "bench.yaml"),))
    with tempfile.TemporaryDirectory() as home, Store.open(Path(home)) as store:
        session = Session.start(store, banks, skills=["bench"], length="full", seed=1)
        question = session.next_question()
        waits: list[float] = []
        while question is not None:
            value = reply(question.item, question.shown)
            start = time.perf_counter()
            session.answer(question.item.id, value)
            question = session.next_question()
            waits.append((time.perf_counter() - start) * 1000)
        assert len(store.answers(session.id)) == count
    return waits


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--questions", type=int, default=200)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    waits: list[float] = []
    for _ in range(args.runs):
        waits.extend(run_once(args.questions))
    print(f"{args.questions} answers x {args.runs} runs, one SQLite commit each (WAL)")
    print(f"answer -> next question: p50 {statistics.median(waits):.2f} ms")
    print(f"                         p95 {percentile(waits, 0.95):.2f} ms (target < 20 ms)")
    print(f"                         max {max(waits):.2f} ms")


if __name__ == "__main__":
    main()

"""How long loading and validating a large set of banks takes.

Generates 10,000 items across ten bank files (all five item types), then times
``load_banks`` over them. Prints the best and median of several runs.
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from pathlib import Path

from questions import load_banks

ITEMS = 10_000
BANKS = 10
RUNS = 5


def item(prefix: str, index: int) -> str:
    kind = index % 5
    head = f"  - id: {prefix}-{index:05d}\n"
    if kind == 0:
        return (
            head + f"    type: likert\n    text: I review my work carefully, statement {index}.\n"
        )
    if kind == 1:
        return head + (
            f"    type: choice\n    text: Which check comes first on line {index}?\n"
            "    explanation: The guard check protects people first.\n"
            "    options:\n      - {text: Guard check, credit: 1}\n"
            "      - {text: Speed check, credit: 0.5}\n      - {text: Paint check, credit: 0}\n"
        )
    if kind == 2:
        return head + (
            f"    type: multi\n    text: Which of these are wastes in cell {index}?\n"
            "    options:\n      - {text: Waiting, correct: true}\n"
            "      - {text: Overproduction, correct: true}\n"
            "      - {text: Kaizen, correct: false}\n"
        )
    if kind == 3:
        return head + (
            f"    type: numeric\n    text: {index} units, 5% scrap. How many good units?\n"
            f"    answer: {index * 0.95}\n    tolerance: 0.5\n    unit: units\n"
        )
    return head + (
        f"    type: order\n    text: Order the lock-out steps for machine {index}.\n"
        "    items: [Shut down, Isolate, Lock and tag, Verify]\n"
    )


def write_banks(folder: Path) -> None:
    per_bank = ITEMS // BANKS
    for bank in range(BANKS):
        prefix = f"b{bank}"
        body = "".join(item(prefix, i) for i in range(per_bank))
        text = f"schema: 1\nskill:\n  id: skill_{bank}\n  name: Skill {bank}\nquestions:\n{body}"
        (folder / f"skill_{bank}.yaml").write_text(text, encoding="utf-8")


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        write_banks(folder)
        size = sum(p.stat().st_size for p in folder.iterdir())
        times = []
        for _ in range(RUNS):
            start = time.perf_counter()
            bank_set = load_banks([folder])
            times.append(time.perf_counter() - start)
        assert len(bank_set) == ITEMS
    print(f"python {sys.version.split()[0]}; {ITEMS:,} items in {BANKS} banks, {size / 1e6:.1f} MB")
    print(
        f"load + validate: best {min(times):.3f} s, median {statistics.median(times):.3f} s "
        f"over {RUNS} runs (target < 0.5 s)"
    )


if __name__ == "__main__":
    main()

"""How long ``skillquiz gift import`` takes, and how much memory, as whole processes.

Cases, each timed over several runs (best and median), in one run against the time
Python takes to start and ``import click`` (the floor of any command):

- 10,000 questions of every importable kind (1 MB), against ``skillquiz validate`` of the
  bank it writes (an import validates that bank too, so the ratio is what reading GIFT adds);
- [markdown] emphasis: one question of 1 MB whose marks never close (each used to send the
  reader to the end of the line), and 1 MB of short markdown questions;
- 200,000 questions in two files (4.9 MB): more than a bank file may hold (5 MB), so the
  import must refuse and write nothing; its peak memory is the point;
- a bank near that limit (25,000 questions, 4.6 MB), written and validated: peak memory.

Peak memory is the child's own maximum resident set (its rusage, from os.wait4).
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path

QUESTIONS = 10_000
RUNS = 5
LARGE_RUNS = 3
SKILLQUIZ = [sys.executable, "-m", "quiz"]

KINDS = (
    "::mc-{n}::Which check comes first on line {n}?{{=Guard check ~%50%Speed check "
    "~Paint check####The guard check protects people first.}}",
    "::ma-{n}::Which of these are wastes in cell {n}?{{~%50%Waiting ~%50%Overproduction "
    "~%-100%Kaizen}}",
    "::tf-{n}::Line {n} may run with its guard open.{{FALSE#Never.#Right.}}",
    "::sa-{n}::Which document lists a chemical's hazards ({n})?{{=safety data sheet =SDS "
    "=%50%*data sheet*}}",
    "::num-{n}::{n} units, 5% scrap. How many good units?{{#{good}:0.5}}",
    "::match-{n}::Match each sign colour to its meaning ({n}).{{=Red -> Stop =Yellow -> "
    "Warning =Blue -> Mandatory = -> Exit}}",
)


def write_mixed(path: Path) -> None:
    blocks = [KINDS[n % len(KINDS)].format(n=n, good=n * 0.95) for n in range(QUESTIONS)]
    path.write_text("\n\n".join(blocks) + "\n", encoding="utf-8")


def write_emphasis_question(path: Path) -> None:
    path.write_text("[markdown]" + "*a " * 350_000 + "{=yes ~no}\n", encoding="utf-8")


def write_markdown_questions(path: Path) -> None:
    question = "::md-{n}::[markdown]Is *line* **{n}** _safe_ with *a *b __c?{{=yes ~no}}"
    blocks = [question.format(n=n) for n in range(17_000)]
    path.write_text("\n\n".join(blocks) + "\n", encoding="utf-8")


def write_true_false(path: Path, first: int, count: int) -> None:
    with path.open("w", encoding="utf-8") as out:
        for n in range(first, first + count):
            out.write(f"Is line {n} safe?{{T}}\n\n")


def run(args: list[str]) -> tuple[float, float, int]:
    """Seconds, peak memory in MB and exit code of one process."""
    start = time.perf_counter()
    child = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(child.pid, 0)
    seconds = time.perf_counter() - start
    child.returncode = os.waitstatus_to_exitcode(status)
    return seconds, usage.ru_maxrss / 1024, child.returncode  # Linux counts in KB


def gift_import(files: list[Path], bank: Path) -> list[str]:
    paths = [str(file) for file in files]
    return [*SKILLQUIZ, "gift", "import", *paths, "--skill", "big", "-o", str(bank), "--force"]


def report(name: str, args: Callable[[], list[str]], runs: int, size: int = 0) -> None:
    seconds, memory, codes = [], [], set()
    for _ in range(runs):
        took, peak, code = run(args())
        seconds.append(took)
        memory.append(peak)
        codes.add(code)
    shown = f" ({size / 1e6:.1f} MB)" if size else ""
    print(
        f"{name}{shown}: best {min(seconds):.2f} s, median {statistics.median(seconds):.2f} s, "
        f"peak {max(memory):.0f} MB, exit {'/'.join(map(str, sorted(codes)))} "
        f"over {runs} runs"
    )


def imports(folder: Path) -> None:
    """The import's speed on mixed and markdown text, and validate's on the mixed bank."""
    bank = folder / "bank.yaml"
    for name, write in (
        ("mixed", write_mixed),
        ("emphasis", write_emphasis_question),
        ("markdown", write_markdown_questions),
    ):
        gift = folder / f"{name}.gift"
        write(gift)
        size = gift.stat().st_size
        report(f"gift import {name}", partial(gift_import, [gift], bank), RUNS, size)
        if name == "mixed":
            report(
                "  validate the bank it wrote", lambda: [*SKILLQUIZ, "validate", str(bank)], RUNS
            )


def large(folder: Path) -> None:
    """Memory: more questions than a bank file holds (refused), and the most it holds."""
    bank = folder / "large.yaml"
    many = [folder / "many-1.gift", folder / "many-2.gift"]
    write_true_false(many[0], 0, 100_000)
    write_true_false(many[1], 100_000, 100_000)
    size = sum(file.stat().st_size for file in many)
    report("gift import 200,000 questions", lambda: gift_import(many, bank), LARGE_RUNS, size)
    print(f"  bank written: {'yes' if bank.exists() else 'no'}")
    fits = folder / "fits.gift"
    write_true_false(fits, 0, 25_000)
    size = fits.stat().st_size
    report("gift import 25,000 questions", lambda: gift_import([fits], bank), LARGE_RUNS, size)
    print(f"  bank written: {bank.stat().st_size / 1e6:.2f} MB")
    report("  validate it", lambda: [*SKILLQUIZ, "validate", str(bank)], LARGE_RUNS)


def main() -> None:
    load = os.getloadavg()[0]
    print(f"python {sys.version.split()[0]}, {os.cpu_count()} CPUs, load average {load:.1f}")
    report("python -c 'import click'", lambda: [sys.executable, "-c", "import click"], RUNS)
    with tempfile.TemporaryDirectory() as tmp:
        imports(Path(tmp))
        large(Path(tmp))


if __name__ == "__main__":
    main()

"""How long ``skillquiz gift import`` takes on a large GIFT file, as whole processes.

Writes 10,000 questions of every importable kind (multiple choice, multiple answers,
true/false, short answer, numerical, matching) to one GIFT file, then times
``skillquiz gift import`` on it and, as the baseline in the same run, ``skillquiz
validate`` on the bank it wrote (an import validates that bank too, so the ratio is what
reading GIFT adds). Prints the best and median of several runs of each.
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

QUESTIONS = 10_000
RUNS = 5
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


def write_gift(path: Path) -> None:
    blocks = [KINDS[n % len(KINDS)].format(n=n, good=n * 0.95) for n in range(QUESTIONS)]
    path.write_text("\n\n".join(blocks) + "\n", encoding="utf-8")


def timed(args: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(args, check=True, capture_output=True)
    return time.perf_counter() - start


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        gift, bank = Path(tmp) / "big.gift", Path(tmp) / "big.yaml"
        write_gift(gift)
        imports, validates = [], []
        for _ in range(RUNS):
            imports.append(
                timed(
                    [
                        *SKILLQUIZ,
                        "gift",
                        "import",
                        str(gift),
                        "--skill",
                        "big",
                        "-o",
                        str(bank),
                        "--force",
                    ]
                )
            )
            validates.append(timed([*SKILLQUIZ, "validate", str(bank)]))
        size = gift.stat().st_size
    print(f"python {sys.version.split()[0]}; {QUESTIONS:,} GIFT questions, {size / 1e6:.1f} MB")
    for name, times in (("gift import", imports), ("validate (baseline)", validates)):
        print(
            f"{name}: best {min(times):.2f} s, median {statistics.median(times):.2f} s "
            f"over {RUNS} runs"
        )
    ratio = statistics.median(imports) / statistics.median(validates)
    print(f"import / validate (medians): {ratio:.1f}x")


if __name__ == "__main__":
    main()

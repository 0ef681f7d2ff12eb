"""How fast ``skillquiz cohort --format json`` runs over a large class, as a whole process.

Cohort scores every learner's latest finished attempt from its snapshot, and a class's
attempts share a handful of stored bank snapshots: this times how that scales. The
database given is copied first (cohort may regrade stale summaries and write them), so the
original is never changed. Prints the min and median of several runs and their peak
memory, against ``python -c 'import click'`` (interpreter start-up) as the baseline in the
same run.

    python bench/cohort.py --home /tmp/h10k [--runs 3]

Any database of finished attempts serves: bench/history.py --home FOLDER fills one with
quick attempts, bench/stats.py --keep FOLDER with standard ones.

Measured on 2 shared cores (load average about 5), 10,000 quick attempts sharing one
stored bank snapshot (2,000 learners): 9.2 s min, 10.2 s median while every attempt
parsed the snapshot and validated its questions again; 3.0 s min and median reading each
snapshot once (click's import: 0.04 s). Scoring each attempt is now most of what is left.
100,000 standard attempts (one snapshot, every learner once): 343 s and 447 s in two runs
(it did not finish within 10 minutes before), peak memory some 16 GB while cohort kept
every attempt's whole assessment until the end; 208 s and 884 MB keeping only what the
report counts (load average about 2; one run). Scoring each attempt (some 2 ms) is the time.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from timing import timed

DB = "skillquiz.sqlite3"


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--home", type=Path, required=True, help="Folder holding the database.")
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args(argv)
    source = args.home / DB
    if not source.exists():
        raise SystemExit(f"no {DB} in {args.home}")

    with tempfile.TemporaryDirectory(dir=args.home.parent) as scratch:
        home = Path(scratch)
        shutil.copy2(source, home / DB)
        env = {**os.environ, "SKILLQUIZ_HOME": str(home)}
        # A first run regrades what older scoring rules left stale (once, then kept) and
        # warms the file cache; it is not counted.
        timed([sys.executable, "-m", "quiz", "cohort", "--format", "json"], env)
        base = [timed([sys.executable, "-c", "import click"], env) for _ in range(args.runs)]
        runs = [
            timed([sys.executable, "-m", "quiz", "cohort", "--format", "json"], env)
            for _ in range(args.runs)
        ]

    baseline = min(t for t, _ in base)
    times = [t for t, _ in runs]
    print(f"python {sys.version.split()[0]}; {source} ({source.stat().st_size / 2**20:.0f} MiB)")
    print(f"load average at the end: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    print(
        f"python -c 'import click': min {baseline:.3f} s, "
        f"median {statistics.median(t for t, _ in base):.3f} s"
    )
    print(
        f"skillquiz cohort --format json: min {min(times):.2f} s, "
        f"median {statistics.median(times):.2f} s ({statistics.median(times) / baseline:.0f}x "
        f"the baseline), peak memory {max(m for _, m in runs):.0f} MiB ({args.runs} runs)"
    )


if __name__ == "__main__":
    main()

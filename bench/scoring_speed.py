"""How fast the whole score-and-match path runs: 1,000 standard attempts through an earlier
commit's ``scoring.assess`` and through this tree's, in one run.

Each version runs in a child process of this same Python (bench/scoring_worker.py, with
PYTHONPATH at that version's tree), over the same attempts: drawn with a fixed seed from
the shipped banks and answered by a simple simulated respondent (bench/speed_attempts.py),
read by both from the same bank files, each version with its own built-in catalog. What is
timed is ``assess`` per attempt, as a class report or a re-score calls it: grading every
answer, each skill's estimate (the earlier commit's mean credit and standard error, or the
level's posterior), matching every role, certifications, next steps, warnings and building
the Assessment record. Loading banks and catalog, and turning ids into items, come
before the clock starts.

Both children first score every attempt once (the first pass: imports done, per-item
caches cold; shown, not judged); then the timed passes alternate between them, the order
swapped each round, so load on the machine (2 cores, shared) falls on both alike. Each
pass is timed on two clocks: wall time, and the child's CPU time, which leaves out the
time spent waiting for a core. The bar is judged on the minimum (other work on the machine
only adds time), on both clocks; the median and the load average are shown beside it.

    python bench/scoring_speed.py [--attempts 1000] [--repeats 9] [--seed 7]
        [--before a194a9d | --before-dir DIR] [--now-dir DIR] [--digest]

--before REV extracts that commit's questions/ and scoring/ (``git archive``) into a
temporary folder; --before-dir uses a tree already extracted; --now-dir times another tree
in place of this one (e.g. to compare a change with its parent). --digest also prints a
SHA-256 of each version's Assessments as JSON (two versions that should agree must match).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO

from speed_attempts import draw_attempts

ROOT = Path(__file__).resolve().parent.parent
WORKER = Path(__file__).resolve().with_name("scoring_worker.py")
BEFORE = "a194a9d"  # mean credit, standard error and fit: the scoring before levels
BAR = 1.5
INCLUDES = (
    "scoring.assess per attempt: grading, each skill's estimate, matching every role, "
    "certifications, next steps, warnings, building the Assessment record"
)


@dataclass
class Worker:
    """One version's child process, fed commands a line at a time."""

    name: str
    process: subprocess.Popen[str]
    where: str = ""
    first: tuple[float, float] = (0.0, 0.0)
    seconds: list[tuple[float, float]] = field(default_factory=list)

    def ask(self, command: str) -> str:
        stdin, stdout = self.process.stdin, self.process.stdout
        assert stdin is not None and stdout is not None
        stdin.write(command + "\n")
        stdin.flush()
        return _reply(stdout, self.name)

    def close(self) -> None:
        if self.process.stdin is not None:
            self.process.stdin.close()
        self.process.wait()


def _reply(stdout: IO[str], name: str) -> str:
    line = stdout.readline()
    if not line:
        raise SystemExit(f"the {name} worker stopped (see its error output above)")
    return line.strip()


def start(name: str, tree: Path, attempts: Path) -> Worker:
    """A worker scoring with the ``questions`` and ``scoring`` of ``tree``."""
    env = {**os.environ, "PYTHONPATH": str(tree)}
    process = subprocess.Popen(
        [sys.executable, str(WORKER), str(attempts)],
        env=env,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert process.stdout is not None
    worker = Worker(name, process)
    worker.where = _reply(process.stdout, name).removeprefix("ready ")
    return worker


@contextmanager
def before_tree(rev: str, directory: str | None) -> Iterator[Path]:
    """An earlier commit's questions/ and scoring/ in a folder of their own."""
    if directory is not None:
        yield Path(directory)
        return
    with tempfile.TemporaryDirectory(prefix="scoring-before-") as folder:
        archive = subprocess.run(
            ["git", "-C", str(ROOT), "archive", rev, "questions", "scoring"],
            capture_output=True,
            check=True,
        ).stdout
        subprocess.run(["tar", "-x", "-C", folder], input=archive, check=True)
        yield Path(folder)


def interleave(workers: Sequence[Worker], repeats: int) -> None:
    """A first pass each, then ``repeats`` timed passes each, alternating, the order
    swapped every round."""
    for worker in workers:
        worker.first = _clocks(worker.ask("run"))
    for round_ in range(repeats):
        for worker in workers if round_ % 2 == 0 else reversed(workers):
            worker.seconds.append(_clocks(worker.ask("run")))


def _clocks(reply: str) -> tuple[float, float]:
    wall, cpu = reply.split()
    return float(wall), float(cpu)


def load_average() -> str:
    return " ".join(f"{value:.2f}" for value in os.getloadavg())


@dataclass(frozen=True)
class Timing:
    """Seconds per version and clock (wall, cpu): the first pass, and the minimum and
    median of the timed passes."""

    first: dict[str, tuple[float, float]]
    passes: dict[str, list[tuple[float, float]]]
    digests: dict[str, str]

    def least(self, name: str, clock: int) -> float:
        return min(seconds[clock] for seconds in self.passes[name])

    def middle(self, name: str, clock: int) -> float:
        return statistics.median(seconds[clock] for seconds in self.passes[name])

    def ratio(self, name: str, base: str, clock: int) -> tuple[float, float]:
        """``name``'s minimum and median over ``base``'s, on one clock."""
        return (
            self.least(name, clock) / self.least(base, clock),
            self.middle(name, clock) / self.middle(base, clock),
        )


def timing(
    count: int,
    seed: int,
    repeats: int = 9,
    before: str = BEFORE,
    before_dir: str | None = None,
    digests: bool = False,
    now_dir: str | None = None,
) -> Timing:
    """Time ``count`` standard attempts through ``before``'s scoring and this tree's."""
    with tempfile.TemporaryDirectory(prefix="scoring-speed-") as folder:
        attempts = Path(folder) / "attempts.json"
        attempts.write_text(json.dumps(draw_attempts(count, seed)), encoding="utf-8")
        with before_tree(before, before_dir) as tree:
            now = Path(now_dir) if now_dir else ROOT
            workers = [start("before", tree, attempts), start("now", now, attempts)]
            try:
                for worker in workers:
                    print(f"  {worker.name:<7} scoring and questions from {worker.where}")
                interleave(workers, repeats)
                hashes = {w.name: w.ask("digest") for w in workers} if digests else {}
            finally:
                for worker in workers:
                    worker.close()
    return Timing({w.name: w.first for w in workers}, {w.name: w.seconds for w in workers}, hashes)


def report(result: Timing, count: int, repeats: int) -> float:
    """Print the figures; returns the judged ratio: now / before on the minimum, the larger
    of wall and CPU time."""
    print(f"score + match {count:,} standard attempts, seconds ({INCLUDES})")
    print(f"  {'':<8}{'first':>8}{'min':>8}{'median':>8}   {'cpu min':>8}{'median':>8}")
    for name, (first, _) in result.first.items():
        wall = f"{result.least(name, 0):>8.3f}{result.middle(name, 0):>8.3f}"
        cpu = f"{result.least(name, 1):>8.3f}{result.middle(name, 1):>8.3f}"
        print(f"  {name:<8}{first:>8.3f}{wall}   {cpu}   (wall, then cpu; {repeats} passes)")
    ratios = []
    for clock, label in enumerate(("wall", "cpu")):
        least, middle = result.ratio("now", "before", clock)
        ratios.append(least)
        print(f"  now / before, {label}: {least:.2f} min, {middle:.2f} median")
    print(f"  bar: min <= {BAR} on both clocks")
    for name, digest in result.digests.items():
        print(f"  {name:<8}results {digest}")
    return max(ratios)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--attempts", type=int, default=1000)
    parser.add_argument("--repeats", type=int, default=9, help="timed passes per version")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--before", default=BEFORE, help="the commit compared against")
    parser.add_argument("--before-dir", help="that commit's tree, already extracted")
    parser.add_argument("--now-dir", help="the tree timed as now (default: this one)")
    parser.add_argument("--digest", action="store_true", help="hash each version's results")
    args = parser.parse_args(argv)
    print(f"python {sys.version.split()[0]}; load average {load_average()}; seed {args.seed}")
    result = timing(
        args.attempts,
        args.seed,
        args.repeats,
        args.before,
        args.before_dir,
        args.digest,
        args.now_dir,
    )
    least = report(result, args.attempts, args.repeats)
    print(f"  load average after: {load_average()}")
    return 0 if least <= BAR else 1


if __name__ == "__main__":
    raise SystemExit(main())

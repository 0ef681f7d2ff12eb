"""How long every ``skillquiz`` command takes to start, against the floor of any click program.

Times whole processes, interleaved so load on the machine falls on every command alike:
``python -c 'import click'`` (the baseline, measured in the same run), ``skillquiz --help``
and ``--version``, and for every command its ``--help`` and its cheapest real invocation on a
small database (two finished quick attempts taken from an answers file in a fresh home):
``roles``, ``banks``, ``validate``, ``history``, ``show 1``, ``report 1``, ``compare 1 2``,
``stats``, ``cohort``, ``import`` of a report already imported, ``gift export`` of one skill,
and ``take``/``practice`` in plain mode with no input (start, draw, the first question shown,
then "input ended"). ``skillquiz --help`` is timed as a person's second and later ones
are, from the cache of the text click drew (the first run draws it), and for reference
drawn by click every time (no cache folder); so is the ``--help`` of a bare click group
with as many one-line commands as skillquiz has (the floor of any click program's help:
click's formatting imports shutil, textwrap and locale).

The home is a fresh $HOME (no SKILLQUIZ_HOME, no XDG variables), so the database and the
cache sit where a person's would and are found the way a person's are.

Prints, per command, the best and median wall time and their ratios to the baseline's, the
median CPU time (user + system, which load on the machine disturbs less) and its ratio, and
the target where there is one; then the load average before and after.

    python bench/startup.py [RUNS] [--only TEXT ...] [--before DIR] [--also LABEL=SCRIPT ...]

``--before DIR`` (a checkout of an earlier commit, e.g. ``git archive REV | tar -x -C DIR``)
times every command of that tree and of this one as ``python -m quiz``, each tree first on
the path, in the same run, lines marked ``[before]`` and ``[this tree]``. ``--also`` adds
the commands of another installed console script, marked ``[LABEL]``.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

from quiz.cli.main import COMMANDS

ROOT = Path(__file__).resolve().parent.parent
GOLDEN = ROOT / "tests" / "golden"
BASELINE = "python -c 'import click'"

BARE_GROUP = """
import sys, click
group = click.Group("bare")
for name in NAMES:
    group.add_command(click.Command(name, help="One line of help for this command."))
sys.argv = ["bare", "--help"]
group.main()
"""

# Limits on the ratio to the baseline: --help and --version 1.15x, history 1.5x, every
# other start (a command's --help or its cheapest real invocation) 2.5x.
TARGETS = {"skillquiz --help": 1.15, "skillquiz --version": 1.15, "skillquiz history": 1.5}
DEFAULT_TARGET = 2.5


@dataclass
class Run:
    """One command to time: its arguments, the exit code it must give, extra environment."""

    command: list[str]
    code: int = 0
    env: dict[str, str] = field(default_factory=dict)


def _skillquiz() -> list[str]:
    """The installed console script beside this Python, else ``python -m quiz``."""
    script = Path(sys.executable).with_name("skillquiz")
    return [str(script)] if script.exists() else [sys.executable, "-m", "quiz"]


def _run(run: Run, env: dict[str, str]) -> tuple[float, float, int]:
    """Wall time and CPU time (s) of one run, and its exit code; stdin is the null device."""
    start = time.perf_counter()
    process = subprocess.Popen(
        run.command,
        cwd=env["HOME"],  # not this checkout: ``python -m quiz`` would import it first
        env={**env, **run.env},
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    _, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - start
    return wall, usage.ru_utime + usage.ru_stime, os.waitstatus_to_exitcode(status)


def _prepare(home: Path, env: dict[str, str]) -> None:
    """Two finished quick attempts (on the golden files' banks and answers) and a JSON report
    of the first, in a fresh home."""
    sq = _skillquiz()
    for seed in ("1", "2"):
        take = [*sq, "take", "--answers", str(GOLDEN / "answers.yaml"), "--seed", seed]
        banks = ["--bank-dir", str(GOLDEN / "banks"), "--length", "quick", "--name", "Bench"]
        subprocess.run([*take, *banks], env=env, check=True, capture_output=True)
    report = [*sq, "report", "1", "--format", "json", "-o", str(home / "report.json")]
    subprocess.run(report, env=env, check=True, capture_output=True)


def _invocations(home: Path) -> dict[str, tuple[list[str], int]]:
    """Each command's cheapest real invocation, with the exit code it must give (plain
    take and practice end with "input ended", 1)."""
    return {
        "take": (["take", "--plain", "--length", "quick", "--seed", "1", "--name", "B"], 1),
        "practice": (["practice", "--plain", "--seed", "1"], 1),
        "validate": (["validate"], 0),
        "banks": (["banks"], 0),
        "roles": (["roles"], 0),
        "history": (["history"], 0),
        "show": (["show", "1"], 0),
        "report": (["report", "1"], 0),
        "compare": (["compare", "1", "2"], 0),
        "import": (["import", str(home / "report.json")], 0),
        "stats": (["stats"], 0),
        "cohort": (["cohort"], 0),
        "gift": (["gift", "export", "--skill", "research"], 0),
    }


def _commands(
    home: Path, sq: list[str], label: str = "", env: dict[str, str] | None = None
) -> dict[str, Run]:
    """Every command to time, as run by ``sq`` (marked ``label``)."""
    extra = env or {}
    runs = {
        "skillquiz --help": Run([*sq, "--help"], 0, extra),
        # No cache folder can be made under a file: click draws the help every time.
        "skillquiz --help, drawn (no cache)": Run(
            [*sq, "--help"], 0, {**extra, "XDG_CACHE_HOME": os.devnull}
        ),
        "skillquiz --version": Run([*sq, "--version"], 0, extra),
    }
    real = _invocations(home)
    for name in COMMANDS:
        if name in real:
            args, code = real[name]
            shown = f"skillquiz {' '.join(args)}".replace(str(home) + "/", "")
            runs[shown] = Run([*sq, *args], code, extra)
        runs[f"skillquiz {name} --help"] = Run([*sq, name, "--help"], 0, extra)
    return {f"{label}{name}": run for name, run in runs.items()}


def _target(name: str) -> float | None:
    if name == BASELINE or name.startswith("bare") or name.endswith("(no cache)"):
        return None
    return TARGETS.get(name.rpartition("] ")[2], DEFAULT_TARGET)


def _load() -> str:
    return " ".join(f"{value:.1f}" for value in os.getloadavg())


def _arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("runs", nargs="?", type=int, default=20, help="runs of each (20)")
    parser.add_argument(
        "--only", nargs="*", action="extend", default=None, help="time only these (substrings)"
    )
    parser.add_argument("--before", type=Path, help="an earlier checkout to compare with")
    parser.add_argument("--also", action="append", default=[], metavar="LABEL=SCRIPT")
    return parser.parse_args()


def _all_runs(home: Path, arguments: argparse.Namespace) -> dict[str, Run]:
    runs = {BASELINE: Run([sys.executable, "-c", "import click"])}
    if arguments.before is None:
        runs.update(_commands(home, _skillquiz()))
    else:
        module = [sys.executable, "-m", "quiz"]
        for label, tree in (("before", arguments.before.resolve()), ("this tree", ROOT)):
            runs.update(_commands(home, module, f"[{label}] ", {"PYTHONPATH": str(tree)}))
    for also in arguments.also:
        label, _, script = also.partition("=")
        runs.update(_commands(home, [script], f"[{label}] "))
    bare = BARE_GROUP.replace("NAMES", repr(tuple(COMMANDS)))
    runs["bare click group --help"] = Run([sys.executable, "-c", bare])
    if arguments.only:
        runs = {
            name: run
            for name, run in runs.items()
            if name == BASELINE or any(part in name for part in arguments.only)
        }
    return runs


def main() -> None:
    arguments = _arguments()
    home = Path(tempfile.mkdtemp(prefix="skillquiz-bench-"))
    env = {**os.environ, "HOME": str(home), "COLUMNS": "80"}
    for name in ("SKILLQUIZ_HOME", "SKILLQUIZ_DATABASE_URL", "XDG_DATA_HOME", "XDG_CACHE_HOME"):
        env.pop(name, None)
    # Bytecode as an installed program has it (pip compiles it; the warm-up run writes it
    # here): without it every run would compile skillquiz's modules and not click's.
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    try:
        _prepare(home, env)
        _measure(_all_runs(home, arguments), env, arguments.runs)
    finally:
        shutil.rmtree(home, ignore_errors=True)


def _measure(runs: dict[str, Run], env: dict[str, str], count: int) -> None:
    load_before = _load()
    for name, run in runs.items():  # warm the file cache, bytecode and caches first
        got = _run(run, env)[2]
        if got != run.code:
            raise SystemExit(f"{name} exited {got}, not {run.code}")
    walls: dict[str, list[float]] = {name: [] for name in runs}
    cpus: dict[str, list[float]] = {name: [] for name in runs}
    for _ in range(count):
        for name, run in runs.items():
            took, used, _ = _run(run, env)
            walls[name].append(took)
            cpus[name].append(used)
    base = (min(walls[BASELINE]), statistics.median(walls[BASELINE]))
    base_cpu = statistics.median(cpus[BASELINE])
    python = sys.version.split()[0]
    print(f"{count} runs each, interleaved; Python {python}; {os.cpu_count()} cores")
    print(
        f"{'command':<56} {'min ms':>7} {'med ms':>7} {'min x':>6} {'med x':>6} "
        f"{'cpu ms':>7} {'cpu x':>6} {'target':>7}"
    )
    for name in runs:
        wall, cpu = walls[name], cpus[name]
        ratios = (min(wall) / base[0], statistics.median(wall) / base[1])
        limit = _target(name)
        mark = "" if limit is None else f"{limit:.2f}" + (" !" if ratios[1] > limit else "")
        print(
            f"{name[:56]:<56} {min(wall) * 1000:>7.0f} {statistics.median(wall) * 1000:>7.0f} "
            f"{ratios[0]:>6.2f} {ratios[1]:>6.2f} {statistics.median(cpu) * 1000:>7.0f} "
            f"{statistics.median(cpu) / base_cpu:>6.2f} {mark:>7}"
        )
    print(f"load average (1, 5, 15 min): before {load_before}; after {_load()}")
    print("x: ratio to the baseline's min (min x) or median (med x, cpu x); ! median over target")


if __name__ == "__main__":
    main()

"""How long every ``skillquiz`` command takes to start, against the floor of any click program.

Times whole processes, interleaved so load on the machine falls on every command alike:
``python -c 'import click'`` (the baseline, measured in the same run), ``skillquiz --help``
and ``--version``, and for every command its ``--help`` and its cheapest real invocation on a
small database (two finished quick attempts taken from an answers file in a fresh home):
``roles``, ``banks``, ``validate``, ``history``, ``show 1``, ``report 1``, ``compare 1 2``,
``stats``, ``cohort``, ``import`` of a report already imported, ``gift export`` of one skill,
and ``take``/``practice`` in plain mode with no input (start, draw, the first question shown,
then "input ended"). For reference, the ``--help`` of a bare click group with as many
one-line commands as skillquiz has (the floor of any click program's help).

Prints, per command, the best and median wall time and their ratios to the baseline's, the
best and median CPU time (user + system, which load on the machine disturbs less) with its
ratio, and the target where there is one; then the load average before and after.

    python bench/startup.py [RUNS] [--only NAME ...] [--also LABEL=PATH/TO/skillquiz ...]

``--also`` times the same commands of another installed skillquiz (another checkout's
console script) in the same interleaved run, its lines marked ``[LABEL]``: a before and
after under the same load.
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
from pathlib import Path

from quiz.cli.main import COMMANDS

BASELINE = "python -c 'import click'"
GOLDEN = Path(__file__).resolve().parent.parent / "tests" / "golden"

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


def _skillquiz() -> list[str]:
    """The installed console script beside this Python, else ``python -m quiz``."""
    script = Path(sys.executable).with_name("skillquiz")
    return [str(script)] if script.exists() else [sys.executable, "-m", "quiz"]


def _run(command: list[str], env: dict[str, str]) -> tuple[float, float, int]:
    """Wall time and CPU time (s) of one run, and its exit code; stdin is the null device."""
    start = time.perf_counter()
    process = subprocess.Popen(
        command,
        env=env,
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


def _commands(home: Path, sq: list[str], label: str = "") -> dict[str, tuple[list[str], int]]:
    """Each command to time, with the exit code it must give."""
    real: dict[str, tuple[list[str], int]] = {
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
    commands: dict[str, tuple[list[str], int]] = {
        "skillquiz --help": ([*sq, "--help"], 0),
        "skillquiz --version": ([*sq, "--version"], 0),
    }
    for name in COMMANDS:
        if name in real:
            args, code = real[name]
            commands[f"skillquiz {' '.join(args)}".replace(str(home) + "/", "")] = (
                [*sq, *args],
                code,
            )
        commands[f"skillquiz {name} --help"] = ([*sq, name, "--help"], 0)
    return {f"{label}{name}": command for name, command in commands.items()}


def _target(name: str) -> float | None:
    if name == BASELINE or name.startswith("bare"):
        return None
    return TARGETS.get(name.rpartition("] ")[2], DEFAULT_TARGET)


def _load() -> str:
    return " ".join(f"{value:.1f}" for value in os.getloadavg())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("runs", nargs="?", type=int, default=20)
    parser.add_argument("--only", nargs="*", default=None, help="time only these (substrings)")
    parser.add_argument("--also", action="append", default=[], metavar="LABEL=SCRIPT")
    args = parser.parse_args()
    home = Path(tempfile.mkdtemp(prefix="skillquiz-bench-"))
    env = {**os.environ, "SKILLQUIZ_HOME": str(home), "COLUMNS": "80"}
    # Bytecode as an installed program has it (pip compiles it; the warm-up run writes it
    # here): without it every run would compile skillquiz's modules and not click's.
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env.pop("SKILLQUIZ_DATABASE_URL", None)
    try:
        _prepare(home, env)
        commands = {BASELINE: ([sys.executable, "-c", "import click"], 0)}
        commands.update(_commands(home, _skillquiz()))
        for also in args.also:
            label, _, script = also.partition("=")
            commands.update(_commands(home, [script], f"[{label}] "))
        bare = BARE_GROUP.replace("NAMES", repr(tuple(COMMANDS)))
        commands["bare click group --help"] = ([sys.executable, "-c", bare], 0)
        if args.only:
            commands = {
                name: command
                for name, command in commands.items()
                if name == BASELINE or any(part in name for part in args.only)
            }
        _measure(commands, env, args.runs)
    finally:
        shutil.rmtree(home, ignore_errors=True)


def _measure(commands: dict[str, tuple[list[str], int]], env: dict[str, str], runs: int) -> None:
    load_before = _load()
    for name, (command, code) in commands.items():  # warm the file cache and bytecode first
        got = _run(command, env)[2]
        if got != code:
            raise SystemExit(f"{name} exited {got}, not {code}")
    walls: dict[str, list[float]] = {name: [] for name in commands}
    cpus: dict[str, list[float]] = {name: [] for name in commands}
    for _ in range(runs):
        for name, (command, _code) in commands.items():
            took, used, _ = _run(command, env)
            walls[name].append(took)
            cpus[name].append(used)
    base = (min(walls[BASELINE]), statistics.median(walls[BASELINE]))
    base_cpu = (min(cpus[BASELINE]), statistics.median(cpus[BASELINE]))
    print(f"{runs} runs each, interleaved; Python {sys.version.split()[0]}; {os.cpu_count()} cores")
    print(
        f"{'command':<52} {'min ms':>7} {'med ms':>7} {'min x':>6} {'med x':>6} "
        f"{'cpu min':>7} {'cpu med':>7} {'cpu x':>6} {'target':>6}"
    )
    for name in commands:
        wall, cpu = walls[name], cpus[name]
        ratios = (min(wall) / base[0], statistics.median(wall) / base[1])
        cpu_ratio = statistics.median(cpu) / base_cpu[1]
        limit = _target(name)
        mark = "" if limit is None else f"{limit:.2f}" + (" !" if ratios[1] > limit else "")
        print(
            f"{name[:52]:<52} {min(wall) * 1000:>7.0f} {statistics.median(wall) * 1000:>7.0f} "
            f"{ratios[0]:>6.2f} {ratios[1]:>6.2f} {min(cpu) * 1000:>7.0f} "
            f"{statistics.median(cpu) * 1000:>7.0f} {cpu_ratio:>6.2f} {mark:>6}"
        )
    print(f"load average (1, 5, 15 min): before {load_before}; after {_load()}")
    print("x: ratio to the baseline's min (min x) or median (med x, cpu x); ! over target")


if __name__ == "__main__":
    main()

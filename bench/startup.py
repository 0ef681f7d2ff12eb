"""How long ``skillquiz`` takes to start, against the floor of any click program.

Times whole processes, interleaved so load on the machine falls on every command alike:
``python -c 'import click'`` (the baseline, measured in the same run), ``skillquiz --help``,
``skillquiz history`` on an empty home and ``skillquiz --version``, and for reference the
``--help`` of a bare click group with as many one-line commands as skillquiz has (the floor
of any click program's help: click's formatting imports shutil, textwrap and locale). Prints
the best and median wall time of each and its ratio to the baseline's.

With ``--before DIR`` (a checkout of an earlier commit, e.g. ``git archive REV | tar -x -C
DIR``), ``python -m quiz --help`` of that tree and of this one are timed in the same run, so
a change can be shown to leave start-up no slower.

    python bench/startup.py [RUNS] [--before DIR]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from quiz.cli.main import COMMANDS

ROOT = Path(__file__).resolve().parent.parent

BARE_GROUP = """
import sys, click
group = click.Group("bare")
for name in NAMES:
    group.add_command(click.Command(name, help="One line of help for this command."))
sys.argv = ["bare", "--help"]
group.main()
"""


def _skillquiz() -> list[str]:
    """The installed console script beside this Python, else ``python -m quiz``."""
    script = Path(sys.executable).with_name("skillquiz")
    return [str(script)] if script.exists() else [sys.executable, "-m", "quiz"]


def _time(command: list[str], env: dict[str, str]) -> float:
    start = time.perf_counter()
    subprocess.run(
        command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True
    )
    return time.perf_counter() - start


def _arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("runs", nargs="?", type=int, default=40, help="runs of each (40)")
    parser.add_argument("--before", type=Path, help="an earlier checkout to compare with")
    return parser.parse_args()


def main() -> None:
    arguments = _arguments()
    runs: int = arguments.runs
    home = tempfile.mkdtemp(prefix="skillquiz-bench-")
    env = {**os.environ, "SKILLQUIZ_HOME": home, "COLUMNS": "80"}
    # Bytecode as an installed program has it (pip compiles it; the warm-up run writes it
    # here): without it every run would compile skillquiz's modules and not click's.
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    commands: dict[str, list[str]] = {
        "python -c 'import click'": [sys.executable, "-c", "import click"],
        "skillquiz --help": [*_skillquiz(), "--help"],
        "skillquiz --version": [*_skillquiz(), "--version"],
        "skillquiz history": [*_skillquiz(), "history"],
        "bare click group --help": [
            sys.executable,
            "-c",
            BARE_GROUP.replace("NAMES", repr(tuple(COMMANDS))),
        ],
    }
    # Each command's environment: the same for all but the two trees compared, each found
    # first on the path.
    envs = dict.fromkeys(commands, env)
    if arguments.before is not None:
        for name, tree in (("before", arguments.before.resolve()), ("this tree", ROOT)):
            commands[f"python -m quiz --help, {name}"] = [sys.executable, "-m", "quiz", "--help"]
            envs[f"python -m quiz --help, {name}"] = {**env, "PYTHONPATH": str(tree)}
    for name, command in commands.items():  # warm the file cache and bytecode first
        _time(command, envs[name])
    times: dict[str, list[float]] = {name: [] for name in commands}
    for _ in range(runs):
        for name, command in commands.items():
            times[name].append(_time(command, envs[name]))
    base_min = min(times["python -c 'import click'"])
    base_median = statistics.median(times["python -c 'import click'"])
    print(f"{runs} runs each, interleaved; Python {sys.version.split()[0]}")
    print(f"{'command':<34} {'min ms':>8} {'median ms':>10} {'min x':>7} {'median x':>9}")
    for name, values in times.items():
        low, middle = min(values), statistics.median(values)
        print(
            f"{name:<34} {low * 1000:>8.1f} {middle * 1000:>10.1f} "
            f"{low / base_min:>7.2f} {middle / base_median:>9.2f}"
        )


if __name__ == "__main__":
    main()

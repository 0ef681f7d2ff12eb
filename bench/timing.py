"""Timing a whole process, as every benchmark here does: wall time and peak memory."""

from __future__ import annotations

import os
import subprocess
import time
from collections.abc import Sequence


def timed(command: Sequence[str], env: dict[str, str]) -> tuple[float, float]:
    """Wall time (s) and peak resident memory (MiB) of one run of ``command``, its output
    discarded; stops the benchmark when the command fails."""
    start = time.perf_counter()
    process = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL)
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"{' '.join(command)} failed")
    return elapsed, usage.ru_maxrss / 1024

"""``skillquiz`` run in a fresh interpreter, looked into as it ends: which modules it
imported, which validators it built. What a real start loads is what start-up tests ask
about, and the in-process runner cannot tell it: the test process has loaded everything.
"""

from __future__ import annotations

import ast
import os
import subprocess
import sys
from dataclasses import dataclass
from typing import Any

# What a probe may read at exit: every module imported, and the names of the record
# classes whose validators were built (see questions.record_schema.built).
MODULES = "sorted(sys.modules)"
VALIDATED = (
    "sorted(c.__name__ for c in getattr(sys.modules.get('questions.record_schema'), 'built', ()))"
)


@dataclass(frozen=True)
class Alone:
    """How one run ended: its exit code, its output and what the probe saw."""

    code: int
    output: str
    seen: Any


def alone(
    *args: str,
    probe: str = MODULES,
    env: dict[str, str] | None = None,
    stdin: str = "",
    columns: int = 80,
) -> Alone:
    """``skillquiz ARGS`` in a fresh interpreter (input and output pipes), and the value of
    the Python expression ``probe`` when it ends."""
    script = (
        "import sys, atexit\n"
        f"sys.argv = ['skillquiz', *{list(args)!r}]\n"
        f"atexit.register(lambda: sys.__stderr__.write('\\n' + repr({probe})))\n"
        "from quiz.cli.launch import main\n"
        "main()\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script],
        input=stdin,
        capture_output=True,
        text=True,
        env={**os.environ, "COLUMNS": str(columns), **(env or {})},
    )
    return Alone(done.returncode, done.stdout, ast.literal_eval(done.stderr.splitlines()[-1]))

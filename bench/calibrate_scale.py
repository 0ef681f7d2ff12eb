"""How fast ``skillquiz calibrate`` runs over a class's stored attempts, how much memory
it takes, and whether SQLite and PostgreSQL give the same parameter set.

Generates finished standard-length attempts over the five built-in banks (bench/stats.py's
generator: learners answering under bench/respondents.py's logistic item model, graded as
``take`` grades them) into a SQLite file and, with --postgres URL, into a fresh database
on that server. Then times ``skillquiz calibrate --format json`` as a whole process
(storing the set, as a trainer runs it) against ``python -c 'import click'`` in the same
run, and compares the two engines' JSON whole, less the moment each set was made.
Targets: 10,000 attempts in under 30 s and 500 MiB; the two sets identical.

    python bench/calibrate_scale.py [--attempts 10000] [--seed 7] [--postgres URL] [--keep DIR]

--keep reuses (or creates) the SQLite file in DIR, for bench/cat.py --replay to read too.

The URL names a server and a database to create (dropped first if it exists, unless it
holds the attempts already), e.g. postgresql://postgres@/calibrate_scale?host=/work/pg.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).parent))

from stats import generate
from timing import timed


def fresh_postgres(url: str, attempts: int) -> bool:
    """Make the URL's database ready: kept when it holds ``attempts`` finished attempts
    already (returns False: nothing to generate), else created empty (dropped first)."""
    from urllib.parse import urlsplit, urlunsplit

    import psycopg

    parts = urlsplit(url)
    name = parts.path.lstrip("/")
    server = urlunsplit(parts._replace(path="/postgres"))
    with psycopg.connect(server, autocommit=True) as conn:
        if conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", (name,)).fetchone():
            with psycopg.connect(url) as target:
                found = target.execute(
                    "SELECT count(*) FROM information_schema.tables WHERE table_name = 'attempts'"
                ).fetchone()
                if found and found[0]:
                    row = target.execute(
                        "SELECT count(*) FROM attempts WHERE finished_at IS NOT NULL"
                    ).fetchone()
                    if row and row[0] == attempts:
                        return False
        conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
        conn.execute(f'CREATE DATABASE "{name}"')
    return True


def calibrated(url: str, env: dict[str, str]) -> dict[str, Any]:
    """The set ``calibrate --format json`` stores on ``url``, less when it was made."""
    output = subprocess.run(
        [sys.executable, "-m", "quiz", "calibrate", "--format", "json", "--database", url],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    document: dict[str, Any] = json.loads(output)
    document.pop("created_at", None)
    return document


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--attempts", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--postgres", help="also on this PostgreSQL database (made afresh)")
    parser.add_argument("--keep", type=Path, help="Folder to keep (and reuse) the SQLite file in.")
    args = parser.parse_args(argv)
    env = dict(os.environ)
    with tempfile.TemporaryDirectory() as scratch:
        home = args.keep or Path(scratch)
        sqlite = str(home / "skillquiz.sqlite3")
        if not Path(sqlite).exists():
            took = generate(home, args.attempts, args.seed)
            print(f"generated {args.attempts:,} attempts on SQLite in {took:.1f} s", flush=True)
        click = timed([sys.executable, "-c", "import click"], env)
        command = [sys.executable, "-m", "quiz", "calibrate", "--database", sqlite]
        seconds, mib = timed(command, env)
        print(f"python {sys.version.split()[0]}; load average {os.getloadavg()[0]:.2f}")
        print(f"python -c 'import click': {click[0]:.3f} s, {click[1]:.0f} MiB")
        verdict = "pass" if seconds < 30 and mib < 500 else "FAIL"
        print(f"{verdict}  skillquiz calibrate (SQLite): {seconds:.1f} s, peak {mib:.0f} MiB")
        ours = calibrated(sqlite, env)  # a second set, from the same attempts
        if not args.postgres:
            return 0 if verdict == "pass" else 1
        if fresh_postgres(args.postgres, args.attempts):
            start = time.perf_counter()
            generate(home, args.attempts, args.seed, url=args.postgres)
            took = time.perf_counter() - start
            print(f"generated the same attempts on PostgreSQL in {took:.1f} s", flush=True)
        seconds, mib = timed([*command[:-1], args.postgres], env)
        print(f"skillquiz calibrate (PostgreSQL): {seconds:.1f} s, peak {mib:.0f} MiB")
        theirs = calibrated(args.postgres, env)
    ours["parameter_set"] = theirs["parameter_set"] = None  # numbered on each database
    same = ours == theirs
    print(f"{'pass' if same else 'FAIL'}  the set is identical on both engines: {same}")
    return 0 if verdict == "pass" and same else 1


if __name__ == "__main__":
    raise SystemExit(main())

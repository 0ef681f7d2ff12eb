"""One side of bench/scoring_speed.py: a child process that scores and matches a fixed set
of attempts with whichever ``questions`` and ``scoring`` packages come first on its path
(PYTHONPATH: an earlier commit's tree, or this one), timed on command.

It reads the attempts (question ids by skill, answers as data, years of experience) from
the JSON file named on its command line, loads the banks listed there and the code's own
built-in catalog, and turns every attempt into the AskedItem list ``assess`` takes, all
before any timing. Then it answers commands on standard input, one a line:

- ``run``: time ``scoring.assess`` over every attempt (grading, the per-skill estimate,
  role matching, certifications, next steps, warnings and the Assessment it returns)
  and print the seconds, wall and this process's CPU;
- ``digest``: print a SHA-256 of every Assessment's JSON, so two versions of the same code
  can be shown to give the same results;
- ``quit``.

It imports nothing from this code base but ``questions`` and ``scoring``, and only names
both versions share, so an earlier commit's tree runs it unchanged.
"""

from __future__ import annotations

import hashlib
import json
import sys
import time
from pathlib import Path
from typing import Any

import questions
import scoring
from questions import load_banks
from scoring import assess, builtin_catalog
from scoring.skills import AskedItem

Prepared = list[tuple[list[AskedItem], dict[str, Any], float | None]]


def prepare(path: Path) -> Prepared:
    """The attempts of the file at ``path`` as ``assess``'s arguments."""
    data = json.loads(path.read_text(encoding="utf-8"))
    banks = load_banks([Path(p) for p in data["banks"]])
    skills = {loaded.skill.id: loaded.skill for loaded in banks.banks}
    items = banks.items
    return [
        (
            [AskedItem(skills[skill], items[item]) for skill, item in attempt["asked"]],
            attempt["answers"],
            attempt["experience"],
        )
        for attempt in data["attempts"]
    ]


def run(attempts: Prepared) -> tuple[float, float]:
    """Seconds to assess every attempt, as a class report or a re-score does: wall time,
    and CPU time (which leaves out waiting for a core on a busy machine)."""
    catalog = builtin_catalog()
    cpu, wall = time.process_time(), time.perf_counter()
    for asked, answers, experience in attempts:
        assess(asked, answers, catalog, experience)
    return time.perf_counter() - wall, time.process_time() - cpu


def _as_data(assessment: Any) -> Any:
    """An Assessment as JSON data, whether a record (this tree) or a pydantic model (trees
    from before results were records), so both give the same digest."""
    dump = getattr(assessment, "model_dump", None)
    if dump is not None:
        return dump(mode="json")
    from questions.record import to_data

    return to_data(assessment)


def digest(attempts: Prepared) -> str:
    """SHA-256 of every attempt's Assessment as JSON, in order."""
    catalog = builtin_catalog()
    hashed = hashlib.sha256()
    for asked, answers, experience in attempts:
        data = _as_data(assess(asked, answers, catalog, experience))
        hashed.update(json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode())
    return hashed.hexdigest()


def main() -> int:
    attempts = prepare(Path(sys.argv[1]))
    builtin_catalog()
    print(f"ready {Path(scoring.__file__).parent} {Path(questions.__file__).parent}", flush=True)
    for line in sys.stdin:
        command = line.strip()
        if command == "run":
            wall, cpu = run(attempts)
            print(f"{wall:.6f} {cpu:.6f}", flush=True)
        elif command == "digest":
            print(digest(attempts), flush=True)
        else:
            return 0
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

"""The held-out check of bench/cat.py (--replay --database URL): calibration and the
adaptive rule on a database's stored attempts, not simulated people.

The finished attempts are read as ``skillquiz calibrate`` reads them and split at random
(seeded) into 90% to calibrate on and 10% held out. The 90% are calibrated by the real
code, exposure chances and all, as ``calibrate`` would store them. For each held-out
attempt and skill, the adaptive rule (scoring.adaptive, as take runs it) chooses among
only the items that attempt answered, taking each answer from what it stored; its
statuses at each requirement are compared with the attempt's full result (all its
answers scored with the same parameters). Reported: items used against answered, the
agreement of statuses, and the opposite definite ones (met against to build).

Nothing is written to the database.
"""

from __future__ import annotations

import random
import statistics
from collections import Counter
from collections.abc import Mapping, Sequence

from simulated_people import status

from questions.models import Item
from scoring.adaptive import Rules, Stop, next_step, rules_for
from scoring.irt import estimate_level
from scoring.response_models import AnyParams

HELD_OUT = 0.1


def _replay_one(
    items: Sequence[Item],
    credits: Mapping[str, float | None],
    cuts: Sequence[float],
    params: Mapping[str, AnyParams],
    rules: Rules,
    seed: str,
) -> tuple[int, list[str]] | None:
    """The adaptive rule over the items this attempt answered: (items used, statuses)."""
    pool = [item for item in items if credits.get(item.id) is not None]
    if not pool:
        return None
    answers: list[tuple[str, float | None]] = []
    while True:
        step = next_step(pool, answers, cuts, seed, params, rules)
        if isinstance(step, Stop):
            break
        answers.append((step.item.id, credits[step.item.id]))
    if step.estimate is None:
        return None
    return len(answers), [status(step.estimate.p_at_least(cut)) for cut in cuts]


def _skill_row(
    skill: str,
    items: Sequence[Item],
    held: Sequence[Mapping[str, float | None]],
    params: Mapping[str, AnyParams],
    rules: Rules,
) -> float:
    """One skill's line of the table; returns its share of opposite definite statuses."""
    from quiz.classroom.calibration import _cuts

    cuts = _cuts(skill)
    used, answered, pairs = [], [], Counter[tuple[str, str]]()
    for index, credits in enumerate(held):
        got = _replay_one(items, credits, cuts, params, rules, f"replay-{index}-{skill}")
        if got is None:
            continue
        mine = [(item, credits[item.id]) for item in items if credits.get(item.id) is not None]
        full = estimate_level(mine, params)
        if full is None:
            continue
        used.append(got[0])
        answered.append(len(mine))
        for cut, adaptive in zip(cuts, got[1], strict=True):
            pairs[(status(full.p_at_least(cut)), adaptive)] += 1
    total = sum(pairs.values()) or 1
    agree = sum(n for (a, b), n in pairs.items() if a == b) / total
    opposite = sum(n for (a, b), n in pairs.items() if {a, b} == {"met", "to build"}) / total
    moves = ", ".join(f"{a}->{b} {n}" for (a, b), n in sorted(pairs.items()) if a != b)
    print(
        f"{skill:<21}{len(used):>8}{statistics.fmean(answered or [0]):>9.1f}"
        f"{statistics.fmean(used or [0]):>7.1f}{100 * agree:>7.1f}%{100 * opposite:>8.2f}%"
        f"  {moves}"
    )
    return opposite


def replay(url: str, seed: int) -> int:
    """Calibrate on 90% of the database's attempts and replay the rest; prints the table."""
    from quiz.classroom.calibration import class_data, exposure_chances
    from quiz.storage import Store
    from scoring.calibration import calibrate

    with Store.open(url=url, readonly=True) as store:
        data = class_data(store)
    order = list(range(len(data.attempts)))
    random.Random(seed).shuffle(order)
    cut_at = round(len(order) * (1 - HELD_OUT))
    train = [data.attempts[i] for i in order[:cut_at]]
    held = [data.attempts[i] for i in order[cut_at:]]
    run = calibrate(data.banks, train)
    params = run.params()
    chances = exposure_chances(run, data.banks)
    print(
        f"{len(data.attempts):,} finished attempts: {len(train):,} calibrated on, "
        f"{len(held):,} held out; statuses: full result -> adaptive"
    )
    print(f"\n{'skill':<21}{'quizzes':>8}{'answered':>9}{'asked':>7}{'agree':>8}{'opposite':>9}")
    worst = 0.0
    for skill, items in data.banks.items():
        rules = rules_for(items, params, chances)
        worst = max(worst, _skill_row(skill, items, held, params, rules))
    print(f"\nopposite definite statuses (met against to build): at most {100 * worst:.2f}%")
    return 0

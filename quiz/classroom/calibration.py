"""``skillquiz calibrate`` apart from the terminal: a class's finished attempts read from
storage, each item calibrated (scoring.calibration), its exposure set for adaptive
quizzes (scoring.exposure), and the set stored, versioned.

The items calibrated are those the attempts asked, as stored with them (an attempt keeps
its banks), so a trainer's own banks calibrate without naming their folder. An item
whose text changed between attempts has several versions: the one answered most is
calibrated, from its own answers only (the set records its digest, and scoring uses the
parameters only while a bank's item still has it).

numpy is loaded here, through scoring.calibration, and nowhere on the quiz path.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING

from quiz.storage.records import now

if TYPE_CHECKING:
    from questions.models import Item
    from quiz.storage import Store
    from scoring.calibration_gates import CalibrationGates
    from scoring.calibration_results import CalibrationRun
    from scoring.parameter_sets import ParameterSet

Version = tuple[str, str]  # (question id, item digest)


@dataclass
class _Snapshots:
    """Each stored snapshot's items by question id, as (skill, digest, item), read once."""

    store: Store
    read: dict[str, dict[str, tuple[str, str, Item]]] = field(default_factory=dict)

    def items(self, key: str) -> dict[str, tuple[str, str, Item]]:
        found = self.read.get(key)
        if found is None:
            found = self.read[key] = _snapshot_items(self.store.snapshot(key))
        return found


def _snapshot_items(body: str | None) -> dict[str, tuple[str, str, Item]]:
    """A stored snapshot's demonstrated items; one that cannot be read gives none."""
    from pydantic import TypeAdapter, ValidationError

    from questions.models import Item, LikertItem
    from scoring.parameter_sets import item_digest

    adapter: TypeAdapter[Item] = TypeAdapter(Item)
    found: dict[str, tuple[str, str, Item]] = {}
    try:
        questions = json.loads(body or "null")["questions"]
        for question in questions:
            item = adapter.validate_python(question["item"])
            if not isinstance(item, LikertItem):
                found[item.id] = (str(question["skill"]), item_digest(item), item)
    except (ValueError, KeyError, TypeError, AttributeError, ValidationError):
        return {}
    return found


@dataclass(frozen=True)
class ClassData:
    """What calibration reads: the items by skill (the version answered most of each),
    each attempt's credits on those versions, and how many attempts there were."""

    banks: dict[str, list[Item]]
    attempts: list[dict[str, float | None]]


def class_data(
    store: Store, since: datetime | None = None, skills: Sequence[str] = ()
) -> ClassData:
    """The finished attempts' credits on the items they asked (``skills``: only those)."""
    snapshots = _Snapshots(store)
    rows: list[tuple[dict[str, float | None], dict[str, tuple[str, str, Item]]]] = []
    counts: Counter[Version] = Counter()
    # Read whole before any snapshot is looked up: a connection streaming rows (a
    # PostgreSQL server-side cursor) takes no other query until the stream ends.
    for finished in list(store.finished_credits(since)):
        asked = snapshots.items(finished.snapshot)
        rows.append((finished.credits, asked))
        counts.update(
            (question_id, asked[question_id][1])
            for question_id, credit in finished.credits.items()
            if credit is not None and question_id in asked
        )
    chosen = _versions(counts)
    banks: dict[str, list[Item]] = {}
    kept: dict[str, Item] = {}
    for _, asked in rows:
        for question_id, (skill, digest, item) in asked.items():
            wanted = not skills or skill in skills
            if wanted and chosen.get(question_id) == digest and question_id not in kept:
                kept[question_id] = item
                banks.setdefault(skill, []).append(item)
    return ClassData(
        {skill: sorted(items, key=lambda item: item.id) for skill, items in sorted(banks.items())},
        [_on_versions(credits, asked, chosen, kept) for credits, asked in rows],
    )


def _versions(counts: Counter[Version]) -> dict[str, str]:
    """Per question id, the digest answered most (ties: the smaller digest, so the choice
    is the same on any engine)."""
    best: dict[str, tuple[int, str]] = {}
    for (question_id, digest), count in counts.items():
        held = best.get(question_id)
        if held is None or (count, held[1]) > (held[0], digest):
            best[question_id] = (count, digest)
    return {question_id: digest for question_id, (_, digest) in best.items()}


def _on_versions(
    credits: Mapping[str, float | None],
    asked: Mapping[str, tuple[str, str, Item]],
    chosen: Mapping[str, str],
    kept: Mapping[str, Item],
) -> dict[str, float | None]:
    """An attempt's credits on the calibrated versions only."""
    return {
        question_id: credit
        for question_id, credit in credits.items()
        if question_id in kept
        and question_id in asked
        and asked[question_id][1] == chosen[question_id]
    }


@dataclass(frozen=True)
class Outcome:
    """A calibration run and what became of it: the set (stored as ``set_id`` unless a dry
    run), the eligibility of each item in adaptive quizzes, and when it was made."""

    run: CalibrationRun
    parameter_set: ParameterSet
    exposure: dict[str, float]
    created_at: datetime
    set_id: int | None
    gates: CalibrationGates


def _cuts(skill: str) -> list[float]:
    """The catalog's requirement levels on a skill (none for a trainer's own skill)."""
    from scoring.catalog import builtin_catalog

    cuts = []
    for role in builtin_catalog().roles:
        requirement = role.skills.get(skill)
        level = getattr(requirement, "level", None)
        if level is not None:
            cuts.append(float(level))
    return sorted(set(cuts))


def exposure_chances(run: CalibrationRun, banks: Mapping[str, Sequence[Item]]) -> dict[str, float]:
    """Each calibrated skill's items' chances to be open to an adaptive quiz (exposure
    control, scoring.exposure), simulated on the class's own level distribution."""
    from scoring.adaptive import is_calibrated, rules_for
    from scoring.exposure import eligibility

    params = run.params()
    chances: dict[str, float] = {}
    for skill in run.skills:
        items = banks[skill.skill]
        if not is_calibrated(items, params):
            continue  # labels lead: the uncalibrated mode has no exposure control
        rules = rules_for(items, params)
        chances |= eligibility(
            items, params, _cuts(skill.skill), rules, skill.population, skill.skill, skill.levels
        )
    return chances


def calibrate_class(
    store: Store,
    data: ClassData,
    gates: CalibrationGates,
    *,
    dry_run: bool,
    previous: ParameterSet | None = None,
) -> Outcome:
    """Calibrate the class's items, set their exposure, and (unless ``dry_run``) store
    the set. ``previous`` (the newest set, when only some skills are calibrated now): its
    other skills are carried into the new set as they were."""
    from dataclasses import replace

    from scoring.calibration import calibrate
    from scoring.calibration_results import parameter_set
    from scoring.parameter_sets import to_json

    run = calibrate(data.banks, data.attempts, gates=gates)
    created = now()
    chances = exposure_chances(run, data.banks)
    made = parameter_set(run, data.banks, created.isoformat())
    entries = tuple(
        replace(entry, exposure=chances.get(entry.item_id, 1.0)) for entry in made.items
    )
    if previous is not None:
        kept = tuple(e for e in previous.items if e.skill not in made.skills)
        fits = {k: v for k, v in previous.skills.items() if k not in made.skills}
        made = replace(made, items=(*entries, *kept), skills={**fits, **made.skills})
    else:
        made = replace(made, items=entries)
    set_id = None
    if not dry_run:
        set_id = store.save_parameter_set(
            to_json(made),
            created_at=created,
            attempts=run.attempts,
            answers=run.answered(),
            model=run.model,
        )
    return Outcome(run, made, chances, created, set_id, gates)

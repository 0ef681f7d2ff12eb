"""A class's results in one view: how many, how the scores spread, who judges themselves
well, who is ready for which role, and which items need a second look.

Each learner counts once, by their latest finished attempt (``all_attempts`` counts every
finished attempt instead). A learner is a name, compared without regard to case or
spacing; an attempt without a name is a learner of its own. Learners are counted, never
named, unless ``names`` is asked for: a trainer can share the report as it is.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Mapping, Sequence
from datetime import datetime
from typing import TYPE_CHECKING, Any, NamedTuple

from quiz.classroom.class_aggregates import class_aggregates, name_matches
from quiz.classroom.itemstats import StatsResult, compute_from_aggregates
from quiz.classroom.stored_items import snapshot_items
from quiz.storage import AttemptRow, Store
from scoring.catalog import Catalog, builtin_catalog
from scoring.models import Assessment, SkillResult

if TYPE_CHECKING:
    from questions.models import Item

# Levels on O*NET's 0-7 scale, counted per whole level: 0-0.9, 1-1.9, ... 6-7.
SCALE_TOP = 7
BINS = 7


class CohortSkill(NamedTuple):
    skill: str
    name: str
    learners: int
    mean: float | None
    median: float | None
    distribution: tuple[int, ...]  # learners per whole level, 0..7
    levels: tuple[tuple[str, int], ...]  # (level, learners), lowest level first
    over_rate: int  # self-rating (read as a level) above the level's 90% interval
    in_line: int
    under_rate: int
    calibration_unknown: int  # no self-rating or no demonstrated score to compare


class RoleReadiness(NamedTuple):
    role: str
    name: str
    ready: int
    assessed: int  # learners whose attempt measured at least one skill the role needs
    # The measured requirement most often not met: (skill, skill name, learners it holds
    # back). A skill an attempt did not measure keeps a learner from "ready" but is not
    # counted here: it says nothing about the learner.
    blocking: tuple[str, str, int] | None


class FlaggedItem(NamedTuple):
    skill: str
    question_id: str
    type: str
    n: int
    facility: float | None
    discrimination: float | None
    efficiency: float | None
    flags: tuple[str, ...]
    text: str = ""  # the question as the bank words it ("" when its bank cannot be read)


class LearnerLine(NamedTuple):
    name: str | None
    attempt: int
    finished_at: datetime
    scores: dict[str, float | None]
    ready_for: tuple[str, ...]
    source: str = "taken"


class Cohort(NamedTuple):
    learners: int
    attempts: int
    all_attempts: bool
    since: datetime | None
    name_pattern: str | None
    skills: tuple[CohortSkill, ...]
    roles: tuple[RoleReadiness, ...]
    flagged: tuple[FlaggedItem, ...]
    few_attempts: int  # items whose figures rest on fewer attempts than Moodle's threshold
    unreadable: int
    learner_lines: tuple[LearnerLine, ...] = ()
    imported: int = 0  # attempts counted that were imported from learners' reports
    # Attempts counted whose stored credits cannot be read on a skill: left out of the
    # item figures of that skill.
    credits_unreadable: int = 0


def learner_key(attempt: AttemptRow) -> str:
    """Who took an attempt: the name without regard to case or spacing; an unnamed
    attempt stands for a learner of its own."""
    if attempt.name is None or not attempt.name.strip():
        return f"#{attempt.id}"
    return " ".join(attempt.name.split()).casefold()


def choose_attempts(rows: Sequence[AttemptRow], *, all_attempts: bool) -> list[AttemptRow]:
    """The finished attempts the report counts, oldest first: every one, or each learner's
    latest (by finish time, then id)."""
    finished = sorted(
        (row for row in rows if row.finished_at is not None),
        key=lambda row: (row.finished_at, row.id),
    )
    if all_attempts:
        return finished
    latest: dict[str, AttemptRow] = {}
    for row in finished:
        latest[learner_key(row)] = row
    return sorted(latest.values(), key=lambda row: (row.finished_at, row.id))


def _median(values: Sequence[float]) -> float:
    """statistics.median, step for step (its mean is fmean's: fsum over the count), without
    importing that module (and fractions, decimal and random with it) on every start."""
    ordered = sorted(values)
    middle = len(ordered) // 2
    if len(ordered) % 2:
        return ordered[middle]
    return (ordered[middle - 1] + ordered[middle]) / 2


def distribution(scores: Sequence[float]) -> tuple[int, ...]:
    counts = [0] * BINS
    for score in scores:
        counts[min(BINS - 1, max(0, int(score // (SCALE_TOP / BINS))))] += 1
    return tuple(counts)


class _GapSeen(NamedTuple):
    skill: str
    status: str


class _RoleSeen(NamedTuple):
    role: str
    name: str
    gaps: tuple[_GapSeen, ...]
    open_now: bool
    missing_years: float


class _SkillSeen(NamedTuple):
    skill: str
    name: str
    level: float | None
    band: str | None
    # +1: self-rating above the level's 90% interval, -1 below, 0 within; None: too few
    # items to compare.
    direction: int | None


class _Seen(NamedTuple):
    """What the report needs of one attempt's assessment: a whole assessment takes some
    150 KB, and a class of 100,000 attempts would not fit in memory."""

    skills: tuple[_SkillSeen, ...]
    roles: tuple[_RoleSeen, ...]


def _direction(skill: SkillResult) -> int | None:
    """Where the self-rating (read as a level) lies against the level's 90% interval, as
    the calibration note says it."""
    if skill.calibration is None or skill.interval is None or skill.self_rated is None:
        return None
    low, high = skill.interval
    return 1 if skill.self_rated > high else -1 if skill.self_rated < low else 0


def _seen(assessment: Assessment) -> _Seen:
    """The figures of one assessment the report adds up, kept instead of the assessment."""
    return _Seen(
        skills=tuple(
            _SkillSeen(s.skill, s.name, s.level, s.band, _direction(s)) for s in assessment.skills
        ),
        roles=tuple(
            _RoleSeen(
                r.role,
                r.name,
                tuple(_GapSeen(g.skill, g.status) for g in r.gaps),
                r.open_now,
                r.missing_years,
            )
            for r in assessment.roles
        ),
    )


def _skill_summaries(assessed: Sequence[_Seen], catalog: Catalog) -> tuple[CohortSkill, ...]:
    rules = catalog.scoring
    by_skill: dict[str, list[_SkillSeen]] = {}
    names: dict[str, str] = {}
    for assessment in assessed:
        for result in assessment.skills:
            by_skill.setdefault(result.skill, []).append(result)
            names.setdefault(result.skill, result.name)
    summaries = []
    for skill, results in by_skill.items():
        scores = [r.level for r in results if r.level is not None]
        levels = Counter(r.band for r in results if r.band is not None)
        directions = [r.direction for r in results]
        over = directions.count(1)
        under = directions.count(-1)
        known = sum(1 for d in directions if d is not None)
        summaries.append(
            CohortSkill(
                skill=skill,
                name=names[skill],
                learners=len(scores),
                mean=math.fsum(scores) / len(scores) if scores else None,
                median=_median(scores) if scores else None,
                distribution=distribution(scores),
                levels=tuple((band.name, levels.get(band.name, 0)) for band in rules.bands),
                over_rate=over,
                in_line=known - over - under,
                under_rate=under,
                calibration_unknown=len(results) - known,
            )
        )
    return tuple(summaries)


def _ready(role: _RoleSeen) -> bool:
    """A role is open to a learner when every requirement is met and the experience it
    needs too (``open_now`` speaks of experience alone)."""
    return role.open_now and all(gap.status == "met" for gap in role.gaps)


def _readiness(assessed: Sequence[_Seen], catalog: Catalog) -> tuple[RoleReadiness, ...]:
    ready: Counter[str] = Counter()
    measured: Counter[str] = Counter()
    holding: dict[str, Counter[str]] = {role.id: Counter() for role in catalog.roles}
    for assessment in assessed:
        for role in assessment.roles:
            if all(gap.status == "not assessed" for gap in role.gaps):
                continue
            measured[role.role] += 1
            if _ready(role):
                ready[role.role] += 1
                continue
            for gap in role.gaps:
                if gap.status not in ("met", "not assessed"):
                    holding.setdefault(role.role, Counter())[gap.skill] += 1
            if role.missing_years:
                holding.setdefault(role.role, Counter())["experience"] += 1
    result = []
    for spec in catalog.roles:
        counts = holding.get(spec.id, Counter())
        blocking = None
        if counts:
            # The most frequent; on a tie, the one the role leans on most, then by id.
            importance = {skill: need.importance for skill, need in spec.skills.items()}
            skill = min(counts, key=lambda s: (-counts[s], -importance.get(s, 0), s))
            label = "Years of experience" if skill == "experience" else catalog.skill_name(skill)
            blocking = (skill, label, counts[skill])
        result.append(
            RoleReadiness(spec.id, spec.name, ready[spec.id], measured[spec.id], blocking)
        )
    return tuple(result)


def _flagged(
    result: StatsResult, items: Mapping[tuple[str, str], Item]
) -> tuple[tuple[FlaggedItem, ...], int]:
    """Items with a flag other than "too few attempts" (which, in a class of twenty, every
    item has), with their text, and how many items rest on too few attempts."""
    flagged: list[FlaggedItem] = []
    few = 0
    for skill in result.skills:
        for item in skill.items:
            if "too few attempts" in item.flags:
                few += 1
            if any(flag != "too few attempts" for flag in item.flags):
                flagged.append(
                    FlaggedItem(
                        skill.skill,
                        item.question_id,
                        item.type,
                        item.n,
                        item.facility,
                        item.discrimination,
                        item.efficiency,
                        item.flags,
                        _text(items.get((item.question_id, skill.skill))),
                    )
                )
    return tuple(flagged), few


def _text(item: Item | None) -> str:
    return "" if item is None else " ".join(item.text.split())


def _assess(
    store: Store, chosen: Sequence[AttemptRow]
) -> tuple[list[AttemptRow], list[_Seen], int]:
    """The attempts that could be scored, what the report keeps of each, and how many
    could not be read (a damaged record, questions or answers)."""
    from quiz.attempts.results import assess_attempt, snapshot_of
    from quiz.attempts.snapshot import SnapshotCache
    from quiz.errors import RuntimeFailure

    assessed: list[_Seen] = []
    used: list[AttemptRow] = []
    unreadable = 0
    snapshots = SnapshotCache()
    for row in chosen:
        if row.damaged:
            unreadable += 1
            continue
        try:
            assessed.append(_seen(assess_attempt(store, row, snapshot_of(store, row, snapshots))))
            used.append(row)
        except RuntimeFailure:
            unreadable += 1
    return used, assessed, unreadable


def _learner_lines(
    used: Sequence[AttemptRow], assessed: Sequence[_Seen]
) -> tuple[LearnerLine, ...]:
    return tuple(
        LearnerLine(
            name=row.name,
            attempt=row.id,
            finished_at=row.finished_at or row.started_at,
            scores={s.skill: s.level for s in assessment.skills},
            ready_for=tuple(role.name for role in assessment.roles if _ready(role)),
            source=row.source,
        )
        for row, assessment in zip(used, assessed, strict=True)
    )


def build_cohort(
    store: Store,
    *,
    since: datetime | None = None,
    name_pattern: str | None = None,
    all_attempts: bool = False,
    names: bool = False,
    catalog: Catalog | None = None,
) -> Cohort:
    catalog = catalog or builtin_catalog()
    # A damaged attempt is chosen like any other (its finish time, when that is what is
    # damaged, reads as 1970), so one that would have counted is counted as left out.
    rows = [
        row
        for row in store.attempts()
        if row.finished_at is not None
        and (since is None or row.finished_at >= since)
        and name_matches(name_pattern, row.name)
    ]
    used, assessed, unreadable = _assess(store, choose_attempts(rows, all_attempts=all_attempts))
    # Item figures over the attempts counted here (each learner's latest, unless all).
    data = class_aggregates(store, attempts={row.id for row in used})
    items, skill_names = snapshot_items(store, data.snapshots)
    flagged, few = _flagged(compute_from_aggregates(data, items, skill_names), items)
    lines = _learner_lines(used, assessed) if names else ()
    return Cohort(
        learners=len({learner_key(row) for row in used}),
        attempts=len(used),
        all_attempts=all_attempts,
        since=since,
        name_pattern=name_pattern,
        skills=_skill_summaries(assessed, catalog),
        roles=_readiness(assessed, catalog),
        flagged=flagged,
        few_attempts=few,
        unreadable=unreadable,
        learner_lines=lines,
        imported=sum(1 for row in used if row.imported),
        credits_unreadable=data.damaged,
    )


def share(count: int, total: int) -> float | None:
    """A count as a percentage of a total (0..100), None of nothing."""
    return 100 * count / total if total else None


def _finite(value: float | None) -> float | None:
    return value if value is None or math.isfinite(value) else None


def as_data(cohort: Cohort) -> dict[str, Any]:
    """The cohort report as JSON data: counts, and percentages 0..100 unrounded."""
    data: dict[str, Any] = {
        "learners": cohort.learners,
        "attempts": cohort.attempts,
        "counting": "every finished attempt"
        if cohort.all_attempts
        else "latest finished attempt per learner",
        "since": None if cohort.since is None else cohort.since.isoformat(),
        "name_pattern": cohort.name_pattern,
        "skills": [_skill_data(s) for s in cohort.skills],
        "roles": [_role_data(r) for r in cohort.roles],
        "flagged_items": [_flagged_data(f) for f in cohort.flagged],
        "items_with_too_few_attempts": cohort.few_attempts,
        "unreadable_attempts": cohort.unreadable,
        "imported_attempts": cohort.imported,
        "attempts_without_item_figures": cohort.credits_unreadable,
    }
    if cohort.learner_lines:
        data["learner_list"] = [
            {
                "name": line.name,
                "attempt": line.attempt,
                "source": line.source,
                "finished_at": line.finished_at.isoformat(),
                "scores": line.scores,
                "ready_for": list(line.ready_for),
            }
            for line in cohort.learner_lines
        ]
    return data


def _skill_data(s: CohortSkill) -> dict[str, Any]:
    return {
        "skill": s.skill,
        "name": s.name,
        "learners": s.learners,
        "mean": _finite(s.mean),
        "median": _finite(s.median),
        "distribution": [
            {
                "from": band * SCALE_TOP // BINS,
                "to": (band + 1) * SCALE_TOP // BINS,
                "learners": count,
            }
            for band, count in enumerate(s.distribution)
        ],
        "levels": [
            {"level": level, "learners": count, "share": share(count, s.learners)}
            for level, count in s.levels
        ],
        "calibration": {
            "over_rate": s.over_rate,
            "in_line": s.in_line,
            "under_rate": s.under_rate,
            "not_compared": s.calibration_unknown,
        },
    }


def _role_data(r: RoleReadiness) -> dict[str, Any]:
    return {
        "role": r.role,
        "name": r.name,
        "ready": r.ready,
        "assessed": r.assessed,
        "share_ready": share(r.ready, r.assessed),
        "most_often_blocking": None
        if r.blocking is None
        else {"skill": r.blocking[0], "name": r.blocking[1], "learners": r.blocking[2]},
    }


def _flagged_data(f: FlaggedItem) -> dict[str, Any]:
    return {
        "skill": f.skill,
        "question_id": f.question_id,
        "text": f.text,
        "type": f.type,
        "n": f.n,
        "facility": _finite(f.facility),
        "discrimination": _finite(f.discrimination),
        "efficiency": _finite(f.efficiency),
        "flags": list(f.flags),
    }

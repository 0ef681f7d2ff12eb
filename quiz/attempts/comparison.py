"""Progress between two finished attempts: per skill the two levels, the change, and whether
the change is larger than the two levels' combined interval.

Each level on O*NET's 0-7 scale has a posterior SD; the change between two attempts has SD
sqrt(SD1² + SD2²), and its 90% interval reaches 1.645 of those either side. A change inside
that could be chance, and is said to be within the combined interval.

Read from the stored summaries (recomputed first where the scoring rules changed), so
comparing never rescores what is current.
"""

from __future__ import annotations

import contextlib
import math
from typing import TYPE_CHECKING, NamedTuple

from quiz.errors import RuntimeFailure

if TYPE_CHECKING:
    from quiz.attempts.snapshot import SnapshotCache
    from quiz.storage import AttemptRow, Store, Summary


# The standard normal's 95th percentile: a 90% interval reaches this many SDs either side.
Z_90 = 1.645


class SkillChange(NamedTuple):
    skill: str
    name: str
    before: float | None
    after: float | None
    margin: float | None  # half the change's 90% interval; None when a level has no SD

    @property
    def change(self) -> float | None:
        if self.before is None or self.after is None:
            return None
        return round(self.after - self.before, 1)

    @property
    def beyond_error(self) -> bool:
        change = self.change
        return change is not None and self.margin is not None and abs(change) > self.margin

    def describe(self) -> str:
        """In words: "up 1.2, beyond the combined 90% interval", "down 0.3, within the
        combined 90% interval", or why there is nothing to compare."""
        change = self.change
        if change is None:
            missing = (
                "either attempt"
                if self.before is None and self.after is None
                else ("the earlier attempt" if self.before is None else "the later attempt")
            )
            return f"not measured in {missing}"
        moved = (
            "no change" if change == 0 else f"{'up' if change > 0 else 'down'} {abs(change):.1f}"
        )
        if self.beyond_error:
            return f"{moved}, beyond the combined 90% interval"
        return f"{moved}, within the combined 90% interval"


class Comparison(NamedTuple):
    before: AttemptRow
    after: AttemptRow
    skills: tuple[SkillChange, ...]

    def as_json(self) -> dict[str, object]:
        return {
            "from": self.before.id,
            "to": self.after.id,
            "skills": [
                {
                    "skill": skill.skill,
                    "name": skill.name,
                    "from": skill.before,
                    "to": skill.after,
                    "change": skill.change,
                    "beyond_error": skill.beyond_error,
                }
                for skill in self.skills
            ],
        }


def _margin(first: float | None, second: float | None) -> float | None:
    if first is None or second is None:
        return None
    return round(Z_90 * math.hypot(first, second), 2)


def compare(before: AttemptRow, old: Summary, after: AttemptRow, new: Summary) -> Comparison:
    """Skills in the later attempt's order, then any only the earlier one measured."""
    earlier = {skill.skill: skill for skill in old.skills}
    later = {skill.skill: skill for skill in new.skills}
    changes = []
    for skill_id in [*later, *(s for s in earlier if s not in later)]:
        a, b = earlier.get(skill_id), later.get(skill_id)
        changes.append(
            SkillChange(
                skill=skill_id,
                name=(b or a).name if (b or a) is not None else skill_id,  # type: ignore[union-attr]
                before=None if a is None else a.level,
                after=None if b is None else b.level,
                margin=_margin(
                    None if a is None else a.level_sd,
                    None if b is None else b.level_sd,
                ),
            )
        )
    return Comparison(before=before, after=after, skills=tuple(changes))


def current_summary(
    store: Store, attempt: AttemptRow, cache: SnapshotCache | None = None
) -> Summary:
    """A finished attempt's summary under the current scoring rules: the stored one, or
    one made now (and kept, where the database can be written). Two attempts compared
    usually share their stored banks: pass one ``cache`` for both."""
    from quiz.attempts.summaries import grade_stored

    if not attempt.finished:
        raise RuntimeFailure(
            f"attempt {attempt.id} is not finished; finish it with skillquiz take --resume "
            f"{attempt.id}"
        )
    summary = _stored_current(store, attempt)
    if summary is not None:
        return summary
    if attempt.damaged:
        raise RuntimeFailure(
            f"attempt {attempt.id} cannot be read (its stored record is damaged); delete it "
            f"with skillquiz history --delete {attempt.id}"
        )
    graded, summary = grade_stored(store, attempt, cache)
    with contextlib.suppress(RuntimeFailure):  # a read-only database: kept another time
        store.save_grading(attempt.id, graded, summary)
    return summary


def _stored_current(store: Store, attempt: AttemptRow) -> Summary | None:
    """A finished attempt's stored summary when it was made under the current rules."""
    from quiz.attempts.summaries import rules_version

    summary = store.summary(attempt.id) if attempt.finished else None
    return summary if summary is not None and summary.rules_version == rules_version() else None


def compare_current(store: Store, before: AttemptRow, after: AttemptRow) -> Comparison:
    """Two finished attempts compared under the current scoring rules (see
    ``current_summary``, whose errors it raises). When either has to be scored again, the
    banks they share are read once for both; when both stored summaries are current, the
    banks and their models are not loaded at all."""
    stored = (_stored_current(store, before), _stored_current(store, after))
    if stored[0] is not None and stored[1] is not None:
        return compare(before, stored[0], after, stored[1])
    from quiz.attempts.snapshot import SnapshotCache

    snapshots = SnapshotCache()
    return compare(
        before,
        current_summary(store, before, snapshots),
        after,
        current_summary(store, after, snapshots),
    )


def previous(store: Store, attempt: AttemptRow) -> AttemptRow | None:
    """The latest finished attempt of the same name started before this one."""
    return store.previous_finished(attempt)


def since_last(store: Store, attempt_id: int) -> Comparison | None:
    """A finished attempt against the previous finished one of the same name, for the
    "since your last attempt" section of a report; None when there is none (or either
    cannot be read: the report itself says what it can)."""
    attempt = store.attempt(attempt_id)
    if attempt is None or not attempt.finished:
        return None
    earlier = previous(store, attempt)
    if earlier is None:
        return None
    try:
        return compare_current(store, earlier, attempt)
    except RuntimeFailure:
        return None

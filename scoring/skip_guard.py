"""No definite status that rests on which questions were skipped.

A skipped question carries no evidence for the level (scoring.irt), and the level and its
interval stay as they are. But skips are not random: a person who skips the questions they
would most likely get wrong and answers the easy ones well would otherwise be judged on
the easy ones alone, and could be told a requirement is met that the same answers with the
skipped questions wrong would place well below. So a definite status must hold whatever
the skipped questions would have shown, within reason:

- "met" only if the requirement would still be met with every skipped question scored at
  its chance credit (what a random answer earns, scoring.chance): as if the person had
  guessed them all;
- "to build" only if it would still be to build with every skipped question scored at
  full credit: as if the person had known them all;
- otherwise "borderline", and the results say once per skill how many questions were
  skipped and that answering them would decide it.

Skills with no skip, and skills with nothing answered (not measured), are not touched.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import NamedTuple

from questions.models import Item, LikertItem
from scoring.chance import chance_credit
from scoring.irt import LevelEstimate, estimate_level
from scoring.models import GapStatus
from scoring.response_models import AnyParams


class SkipBounds(NamedTuple):
    """A skill's level had its skipped questions been guessed (``floor``, each at its
    chance credit) or known (``ceiling``, each at full credit), with how many of its
    demonstrated questions were asked and skipped."""

    asked: int
    skipped: int
    floor: LevelEstimate
    ceiling: LevelEstimate


def skip_bounds(
    evidence: Sequence[tuple[Item, float | None]],
    params: Mapping[str, AnyParams] | None = None,
) -> SkipBounds | None:
    """The bounds of one skill's answers (credit None: skipped); None when nothing was
    skipped or nothing answered, as then the skips can change no status."""
    demonstrated = [(item, credit) for item, credit in evidence if not isinstance(item, LikertItem)]
    skipped = sum(1 for _, credit in demonstrated if credit is None)
    if skipped == 0 or skipped == len(demonstrated):
        return None
    guessed = [(i, chance_credit(i) if c is None else c) for i, c in demonstrated]
    known = [(i, 1.0 if c is None else c) for i, c in demonstrated]
    floor = estimate_level(guessed, params)
    ceiling = estimate_level(known, params)
    assert floor is not None and ceiling is not None  # every question has a credit now
    return SkipBounds(len(demonstrated), skipped, floor, ceiling)


def guarded_status(
    status: GapStatus,
    cut: float,
    bounds: SkipBounds | None,
    decide: Callable[[float], GapStatus],
) -> GapStatus:
    """``status`` (decided from the level as answered) kept only when the skipped
    questions could not overturn it (see the module); ``decide`` turns a chance of
    reaching ``cut`` into a status, as for the level itself."""
    if bounds is None:
        return status
    if status == "met" and decide(bounds.floor.p_at_least(cut)) != "met":
        return "borderline"
    if status == "to build" and decide(bounds.ceiling.p_at_least(cut)) != "to build":
        return "borderline"
    return status


def skip_reason(name: str, bounds: SkipBounds) -> str:
    """Why a skill's requirements were left borderline, in a learner's words."""
    return (
        f"{name}: {bounds.skipped} of {bounds.asked} questions skipped, so a requirement "
        "your answers would otherwise decide is shown as borderline; answer them for a "
        "clear decision."
    )

"""Which item parameters an attempt is scored (and, adaptive, chosen) with: the calibrated
set it recorded when it started, or its items' level labels.

An attempt records the newest stored set when it starts (storage keeps its number), and
is scored with that set from then on, so a later ``calibrate`` never changes a result
already given; ``show --rescore`` and ``report --rescore`` ask for the newest instead. A
set's parameters apply to an item only while the item is as it was calibrated (its
digest): an item changed since keeps its label, and the results say so. A set that cannot
be read is named in one line, and scoring falls back to the labels.

Plain Python and JSON: on the path of taking, showing and reporting.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache
from typing import TYPE_CHECKING, NamedTuple

from quiz.errors import plural

if TYPE_CHECKING:
    from questions.models import Item
    from quiz.storage import Store
    from scoring.parameter_sets import ParameterSet
    from scoring.response_models import AnyParams


class ScoringSet(NamedTuple):
    """The parameters to score with: the set's number (None: labels only), the usable
    parameters and exposure chances by question id, and what the results should say."""

    set_id: int | None = None
    params: dict[str, AnyParams] = {}  # noqa: RUF012 (read only: never changed in place)
    exposure: dict[str, float] = {}  # noqa: RUF012
    notes: tuple[str, ...] = ()

    @property
    def name(self) -> str | None:
        """How results name the set (None when no calibrated parameter is used)."""
        return None if self.set_id is None or not self.params else str(self.set_id)


LABELS = ScoringSet()


def scoring_set(store: Store, set_id: int | None, items: Iterable[Item]) -> ScoringSet:
    """The set ``set_id`` as it applies to ``items`` (an attempt's questions)."""
    if set_id is None:
        return LABELS
    from questions.models import LikertItem
    from scoring.parameter_sets import DamagedSet

    stored = store.parameter_set(set_id)
    if stored is None:
        return ScoringSet(
            notes=(f"Parameter set {set_id} is missing; levels use the questions' level labels.",)
        )
    try:
        kept = _parsed(stored.body)
    except DamagedSet as error:
        return ScoringSet(
            notes=(
                f"Parameter set {set_id} cannot be read ({error}); levels use the questions' "
                "level labels.",
            )
        )
    shown = [item for item in items if not isinstance(item, LikertItem)]
    params, stale = kept.usable(shown)
    exposure = {key: value for key, value in kept.exposure().items() if key in params}
    when = stored.created_at[:10]
    notes = [
        f"Levels use item parameters calibrated from {stored.attempts:,} attempts (parameter "
        f"set {set_id}, {when}) for {len(params)} of the {len(shown)} practical questions; "
        "the others use their authors' level labels."
    ]
    if stale:
        notes.append(
            f"{plural(len(stale), 'question')} changed since parameter set {set_id} was "
            f"calibrated (e.g. {stale[0]}); they are scored from their level labels."
        )
    return ScoringSet(set_id, params, exposure, tuple(notes))


@lru_cache(maxsize=4)
def _parsed(body: str) -> ParameterSet:
    """A stored set read once per process: regrading a class reads the same few sets for
    thousands of attempts, and a stored set never changes."""
    from scoring.parameter_sets import parse

    return parse(body)


def newest_set_id(store: Store) -> int | None:
    """The newest stored set's number (None: there is none)."""
    newest = store.newest_parameter_set()
    return None if newest is None else newest.id

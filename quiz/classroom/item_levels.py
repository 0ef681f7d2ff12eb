"""Each item's level as its author labelled it and as the newest calibration found it, for
``skillquiz stats``: a calibrated level far from its label is a content review prompt (the
item may be harder or easier than it reads, or keyed wrong).

Plain Python and JSON: the set is read as stored, never calibrated again here.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:
    from questions.models import Item
    from quiz.storage import Store
    from scoring.response_models import AnyParams

# A calibrated level this far (O*NET levels) or further from the label is flagged: two
# independent raters tagging against O*NET's anchors differed by 0.40 on average (r =
# 0.905), so a whole level is beyond what judgement alone explains.
REVIEW_GAP = 1.0


class ItemLevel(NamedTuple):
    """An item's label level, and its calibrated level (None: not calibrated, or the item
    changed since the set was made)."""

    label: float
    calibrated: float | None = None

    @property
    def flag(self) -> str | None:
        if self.calibrated is None or abs(self.calibrated - self.label) <= REVIEW_GAP:
            return None
        side = "harder" if self.calibrated > self.label else "easier"
        return (
            f"calibrated level {self.calibrated:.1f} against label {self.label:.1f}: "
            f"{side} than labelled, review"
        )


def item_levels(
    store: Store, items: Mapping[tuple[str, str], Item]
) -> tuple[dict[str, ItemLevel], str | None]:
    """Per question id, its label and calibrated level (from the newest stored set, where
    the item is as it was calibrated), and a line to say when the newest set cannot be
    read (its levels are then not shown; the labels still are)."""
    from questions.models import LikertItem
    from scoring.item_level import label_level, level_of

    shown = {key[0]: item for key, item in items.items() if not isinstance(item, LikertItem)}
    newest = store.newest_parameter_set()
    params: dict[str, AnyParams] = {}
    note = None
    if newest is not None:
        from scoring.parameter_sets import DamagedSet, parse

        try:
            params, _ = parse(newest.body).usable(list(shown.values()))
        except DamagedSet as error:
            note = (
                f"Parameter set {newest.id} cannot be read ({error}); calibrated levels "
                "are not shown."
            )
    levels = {
        question_id: ItemLevel(
            round(label_level(item), 2),
            None if question_id not in params else round(level_of(item, params[question_id]), 2),
        )
        for question_id, item in shown.items()
    }
    return levels, note

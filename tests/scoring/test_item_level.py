"""An item's level read back from parameters: the label's own level for the label's
parameters, and merged categories counted at their mean credit."""

from __future__ import annotations

import pytest

from questions.models import ChoiceItem, MultiItem, NumericItem, OrderItem
from questions.record_schema import validate
from scoring.item_level import category_credits, halfway_target, label_level, level_of
from scoring.response_models import ItemParams, params_from_label

CHOICE = validate(
    ChoiceItem,
    {
        "id": "c-1",
        "type": "choice",
        "text": "Q.",
        "level": 4.2,
        "options": [
            {"text": "A", "credit": 1},
            {"text": "B", "credit": 0.5},
            {"text": "C", "credit": 0.25},
            {"text": "D", "credit": 0},
        ],
    },
)


@pytest.mark.parametrize(
    "item",
    [
        CHOICE,
        validate(
            NumericItem, {"id": "n", "type": "numeric", "text": "Q.", "level": 1.3, "answer": 4}
        ),
        validate(
            OrderItem,
            {"id": "o", "type": "order", "text": "Q.", "level": 5.9, "items": ["A", "B", "C"]},
        ),
        validate(
            MultiItem,
            {
                "id": "m",
                "type": "multi",
                "text": "Q.",
                "difficulty": "hard",
                "options": [{"text": t, "correct": t < "C"} for t in "ABCDE"],
            },
        ),
    ],
)
def test_the_label_parameters_give_back_the_label(item: object) -> None:
    assert isinstance(item, ChoiceItem | NumericItem | OrderItem | MultiItem)
    expected = item.level if item.level is not None else 4.0  # hard: level 4
    assert level_of(item, params_from_label(item)) == pytest.approx(expected, abs=1e-6)
    assert label_level(item) == pytest.approx(expected, abs=1e-6)


def test_merged_categories_count_at_their_mean_credit() -> None:
    assert category_credits(CHOICE, (0.0, 0.25, 0.5, 1.0)) == (0.0, 0.25, 0.5, 1.0)
    assert category_credits(CHOICE, (0.0, 0.5)) == (0.125, 0.75)


def test_a_steeper_item_at_the_same_steps_reads_at_the_same_level_for_right_or_wrong() -> None:
    """A right/wrong item with no chance credit is at its location whatever its slope."""
    item = validate(
        NumericItem, {"id": "n", "type": "numeric", "text": "Q.", "level": 3.0, "answer": 4}
    )
    for slope in (0.3, 1.2, 3.0):
        params = ItemParams(slope, (3.7,), (0.0, 1.0), 0.0, "calibrated")
        assert level_of(item, params) == pytest.approx(3.7, abs=1e-6)


def test_a_kept_category_no_own_category_falls_in_counts_at_its_floor() -> None:
    assert category_credits(CHOICE, (0.0, 0.75, 1.0)) == (0.25, 0.75, 1.0)


def test_halfway_is_measured_from_the_chance_credit() -> None:
    """A random pick of the four options earns 0.4375 on average; halfway to full credit
    from there is 0.71875."""
    assert halfway_target(CHOICE) == 0.71875

"""Scoring under calibrated parameters: a calibrated dispersion weighs a partial answer's
evidence, and one question scored under two sets gets each set's own level."""

from __future__ import annotations

import math

import pytest

from questions.models import NumericItem
from questions.record_schema import validate
from scoring.irt import GRID, estimate_level, evidence_row
from scoring.response_models import FractionalParams


def numeric(item_id: str, level: float) -> NumericItem:
    fields = {"id": item_id, "type": "numeric", "text": "?", "answer": 4, "level": level}
    return validate(NumericItem, fields)


def test_a_dispersion_below_1_makes_a_partial_answer_say_more() -> None:
    """A calibrated dispersion d weighs an answer's evidence to the power 1 / d: at the
    item's location P = 0.25 + 0.75 / 2 = 0.625, so half credit says 0.625 x 0.375 =
    0.234375 at d = 0.5 (its square root at d = 1), and the level narrows."""
    plain = FractionalParams(1.2, 3.45, 0.25, 0.0, "calibrated")
    sharp = FractionalParams(1.2, 3.45, 0.25, 0.0, "calibrated", dispersion=0.5)
    at = GRID.index(3.45)
    assert evidence_row(sharp, 0.5)[at] == pytest.approx(0.234375)
    assert evidence_row(plain, 0.5)[at] == pytest.approx(math.sqrt(0.234375))
    item = numeric("n", 3.0)
    wide = estimate_level([(item, 0.5)], {"n": plain})
    narrow = estimate_level([(item, 0.5)], {"n": sharp})
    assert wide is not None and narrow is not None
    assert (round(wide.sd, 2), round(narrow.sd, 2)) == (1.25, 1.14)


def test_one_item_scored_under_two_sets_gets_each_sets_level() -> None:
    """The same question scored in one run under a set that makes it hard and then one
    that makes it easy (a class rescored after a recalibration): each set's own level,
    the same as scoring under that set alone."""
    item = numeric("n", 3.0)
    hard = {"n": FractionalParams(1.4, 6.0, 0.0, 0.0, "calibrated")}
    easy = {"n": FractionalParams(1.4, 1.0, 0.0, 0.0, "calibrated")}
    first, second = estimate_level([(item, 1.0)], hard), estimate_level([(item, 1.0)], easy)
    alone = estimate_level([(numeric("n", 3.0), 1.0)], easy)
    assert first is not None and second is not None and alone is not None
    assert (second.mean, second.sd) == (alone.mean, alone.sd)
    assert first.mean > second.mean + 1.0

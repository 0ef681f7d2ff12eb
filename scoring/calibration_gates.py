"""The gates of item calibration, as the catalog states them (``item_calibration:`` in
scoring/catalog.yaml, each figure with its source there).

How many answers an item needs before a class's data may move its parameters away from
the author's label: below ``prior_below`` the label stands; from ``data_from`` the data
lead; in between the two are mixed in proportion to the count. A partial-credit category
seen fewer than ``min_category_answers`` times is merged with its neighbour.

A plain record, no numpy and no pydantic: ``stats`` and the catalog read these without
calibrating, and a cached catalog holds them (scoring.catalog_rules validates them).
"""

from __future__ import annotations

from typing import Annotated, Literal

from questions.record import Record, Rule

Gate = Literal["prior", "shrunk", "data"]
GATES: tuple[Gate, ...] = ("prior", "shrunk", "data")

# A count of answers: a whole number, at least one.
Count = Annotated[int, Rule("scoring.catalog_rules:whole", {"ge": 1})]


class CalibrationGates(Record):
    """The three figures (defaults: the shipped catalog's)."""

    prior_below: Count = 100
    data_from: Count = 300
    min_category_answers: Count = 10

    def check(self) -> None:
        if self.data_from < self.prior_below:
            raise ValueError("data_from must be at least prior_below")

    def weight(self, answers: int) -> float:
        """The data's share of an item's parameters for this many answers (skips not
        counted): 0 below prior_below, 1 from data_from, linear in between."""
        if answers < self.prior_below:
            return 0.0
        if answers >= self.data_from:
            return 1.0
        return (answers - self.prior_below) / (self.data_from - self.prior_below)

    def gate(self, answers: int) -> Gate:
        """Which gate this many answers pass."""
        weight = self.weight(answers)
        return "prior" if weight == 0 else "data" if weight >= 1 else "shrunk"

"""The gates of item calibration, as the catalog states them (``item_calibration:`` in
scoring/catalog.yaml, each figure with its source there).

How many answers an item needs before a class's data may move its parameters away from
the author's label: below ``prior_below`` the label stands; from ``data_from`` the data
lead; in between the two are mixed in proportion to the count. A partial-credit category
seen fewer than ``min_category_answers`` times is merged with its neighbour.

Plain pydantic, no numpy: ``stats`` and the catalog read these without calibrating.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StrictInt, model_validator

Gate = Literal["prior", "shrunk", "data"]
GATES: tuple[Gate, ...] = ("prior", "shrunk", "data")


class CalibrationGates(BaseModel):
    """The three figures (defaults: the shipped catalog's)."""

    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)

    prior_below: Annotated[StrictInt, Field(ge=1)] = 100
    data_from: Annotated[StrictInt, Field(ge=1)] = 300
    min_category_answers: Annotated[StrictInt, Field(ge=1)] = 10

    @model_validator(mode="after")
    def _ordered(self) -> CalibrationGates:
        if self.data_from < self.prior_below:
            raise ValueError("data_from must be at least prior_below")
        return self

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

"""An item's level read back from its parameters, on the label's own definition.

A label ``level`` is where a person gets halfway from what a random answer earns to full
credit; a calibrated item has a slope and steps instead. To put the two side by side (a
content review flags a calibrated level far from its label), the level is read from the
parameters the same way scoring.response_models sets parameters from a label, in reverse:
the level at which the model's expected credit is halfway from the item's chance credit
to 1.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from questions.models import Item
from scoring.chance import chance_credit
from scoring.response_models import (
    AnyParams,
    FractionalParams,
    categories_for,
    halfway_offset,
    params_from_label,
)


def category_credits(item: Item, floors: Sequence[float]) -> tuple[float, ...]:
    """The credit each category (given by its floors, ascending) stands for: the mean
    credit of the item's own categories that fall in it (calibration merges rare
    categories, keeping the lower floor)."""
    own_floors, credits = categories_for(item)
    groups: list[list[float]] = [[] for _ in floors]
    for floor, credit in zip(own_floors, credits, strict=True):
        reached = max((k for k, kept in enumerate(floors) if floor >= kept - 1e-9), default=0)
        groups[reached].append(credit)
    return tuple(
        math.fsum(group) / len(group) if group else floors[k] for k, group in enumerate(groups)
    )


def halfway_target(item: Item) -> float:
    """The credit halfway from the item's chance credit to full credit."""
    chance = chance_credit(item)
    return chance + (1 - chance) / 2


def level_of(item: Item, params: AnyParams) -> float:
    """The level at which the parameters give the item's expected credit halfway from its
    chance credit to full credit (the location itself for a one-category item)."""
    if isinstance(params, FractionalParams):
        return params.location  # the fractional model's location is its level
    if not params.steps:
        return params.location
    location = params.location
    offsets = [step - location for step in params.steps]
    credits = category_credits(item, params.floors)
    return location + halfway_offset(params.slope, offsets, credits, halfway_target(item))


def label_level(item: Item) -> float:
    """The level the item's label gives it (its ``level``, else the difficulty's or the
    default level: scoring.response_models' rule), read back from the label's parameters."""
    return level_of(item, params_from_label(item))

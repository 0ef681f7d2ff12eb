"""The item types a bank may hold, in the order listings show them.

A module of its own so that listing banks from the cache of validated banks names the types
without loading the models.
"""

from __future__ import annotations

from typing import Literal

ItemType = Literal["likert", "choice", "multi", "numeric", "order", "text", "match"]
ITEM_TYPES: tuple[ItemType, ...] = (
    "likert",
    "choice",
    "multi",
    "numeric",
    "order",
    "text",
    "match",
)

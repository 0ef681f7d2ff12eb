"""A skill's items made ready for adaptive selection once per quiz, so choosing the next
question is a handful of table lookups rather than the model computed afresh.

Why. Between an answer and the next question an adaptive quiz ranks every remaining item
by its information at the current estimate. Worked out from the model each time, with
each item's parameters looked up by hashing the item, that cost more than the answer's
own database commit. Here each item's parameters, location, information on the scoring
grid (scoring.irt.GRID) and evidence rows (what each credit says about each grid level)
are read once; the information at any level is then the straight line between the two
grid levels around it (off the exact figure by less than 1% of the item's largest
information for slopes up to 3 a level: the curves are smooth on a 0.1-level grid).

Everything here is a pure function of the items and the parameters, so a pool built
again on resume ranks exactly as the first one did.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from functools import lru_cache

from questions.models import Item, LikertItem
from questions.record import Record
from scoring.irt import GRID, GRID_STEP, Evidence, Prior, evidence_of
from scoring.response_models import AnyParams, item_information, params_from_label

# Label parameters by item identity (hashing a whole item each time costs more than the
# lookup saves); each entry keeps its item so its id is not reused while it lives.
_LABELLED: dict[int, tuple[Item, AnyParams]] = {}
_LABELLED_LIMIT = 20_000


def label_params(item: Item) -> AnyParams:
    """The item's parameters from its label, kept by item identity."""
    known = _LABELLED.get(id(item))
    if known is not None and known[0] is item:
        return known[1]
    if len(_LABELLED) >= _LABELLED_LIMIT:
        _LABELLED.clear()
    params = params_from_label(item)
    _LABELLED[id(item)] = (item, params)
    return params


def resolve(item: Item, params: Mapping[str, AnyParams] | None) -> AnyParams:
    """The item's calibrated parameters when the set has them, else its label's."""
    if params is not None:
        given = params.get(item.id)
        if given is not None:
            return given
    return label_params(item)


@lru_cache(maxsize=16384)
def information_table(params: AnyParams) -> tuple[float, ...]:
    """The item's Fisher information at each grid level (scoring.response_models)."""
    return tuple(item_information(params, theta) for theta in GRID)


def _cell(theta: float) -> tuple[int, float]:
    """The grid cell whose two levels bracket ``theta`` and how far along it lies (0 to 1;
    the first or last cell's end beyond the grid)."""
    position = min(max((theta - GRID[0]) / GRID_STEP, 0.0), len(GRID) - 1.0)
    cell = min(int(position), len(GRID) - 2)
    return cell, position - cell


def information_at(table: Sequence[float], theta: float) -> float:
    """Information at ``theta`` read off an item's grid table: linear between the two grid
    levels around it, the end values beyond the grid's first and last levels."""
    cell, share = _cell(theta)
    return table[cell] + (table[cell + 1] - table[cell]) * share


def informations(pool: Pool, positions: Sequence[int], theta: float) -> list[float]:
    """``information_at`` for the items at these pool positions, the grid cell found once."""
    cell, share = _cell(theta)
    tables = pool.tables
    return [(low := tables[p][cell]) + (tables[p][cell + 1] - low) * share for p in positions]


class Pool(Record):
    """A skill's demonstrated items in bank order with, by position, their parameters,
    locations, information tables and evidence rows (scoring.irt); the bank's count of
    each item type; and whether any item carries an exhibit. Compared and shown without
    ``index`` and ``products`` (derived from the rest, and a cache)."""

    _uncompared = frozenset({"index", "products"})

    items: tuple[Item, ...]
    params: tuple[AnyParams, ...]
    locations: tuple[float, ...]
    tables: tuple[tuple[float, ...], ...]
    types: tuple[str, ...]
    evidence: tuple[Evidence, ...]
    share: Counter[str]
    has_exhibits: bool
    index: dict[str, int]
    # The posterior's running products by prior and answers (scoring.adaptive); each
    # pool starts with its own empty one.
    products: dict[tuple[Prior, tuple[tuple[int, float], ...]], list[float]] = {}  # noqa: RUF012


def prepare(items: Sequence[Item], params: Mapping[str, AnyParams] | None) -> Pool:
    """The pool of a skill's items (self-ratings left aside) under ``params``."""
    shown = tuple(item for item in items if not isinstance(item, LikertItem))
    resolved = tuple(resolve(item, params) for item in shown)
    return Pool(
        items=shown,
        params=resolved,
        locations=tuple(p.location for p in resolved),
        tables=tuple(information_table(p) for p in resolved),
        types=tuple(item.type for item in shown),
        evidence=tuple(evidence_of(item, params) for item in shown),
        share=Counter(item.type for item in shown),
        has_exhibits=any(item.exhibit is not None for item in shown),
        index={item.id: position for position, item in enumerate(shown)},
    )

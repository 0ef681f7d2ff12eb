"""Parameter sets made by hand and stored as the newest, for tests of what scoring,
``show``, ``report`` and ``stats`` do with them."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from questions import load_banks
from quiz.storage import Store
from scoring.parameter_sets import ParameterSet, StoredItem, item_digest, to_json
from scoring.response_models import FractionalParams

WHEN = datetime(2026, 3, 1, tzinfo=UTC)


def _entry(item_id: str, digest: str, level: float) -> StoredItem:
    params = FractionalParams(1.2, level, 0.0, 0.3, "calibrated", 1.0)
    return StoredItem(item_id, "beta", digest, 320, "data", 1.0, params)


def stored_set(bank_dir: Path, levels: dict[str, float], stale: str = "") -> None:
    """A parameter set placing beta's items at ``levels`` (``stale``: an item whose
    digest no longer matches the bank's), stored as the newest."""
    items = load_banks([bank_dir]).items
    entries = tuple(
        _entry(item_id, "0" * 64 if item_id == stale else item_digest(items[item_id]), level)
        for item_id, level in levels.items()
    )
    body = to_json(ParameterSet("em", "2026-03-01T00:00:00+00:00", 320, {}, entries, "fractional"))
    with Store.open() as store:
        store.save_parameter_set(
            body, created_at=WHEN, attempts=320, answers=960, model="fractional"
        )


def stored_body(body: str) -> int:
    """Any text stored as the newest set (a damaged one, say); returns its number."""
    with Store.open() as store:
        return store.save_parameter_set(
            body, created_at=WHEN, attempts=1, answers=1, model="fractional"
        )

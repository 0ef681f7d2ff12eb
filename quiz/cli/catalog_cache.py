"""The shipped catalog as scoring commands read it: through the cache of what files gave
(``file_cache``).

Reading scoring/catalog.yaml took the YAML reader (a tenth of a start on its own) and a
validation on every ``show``, ``report``, ``take`` and ``cohort``. Once the catalog has
validated, the cache keeps it (pickled) under the file's bytes and the code's source, and
later runs unpickle it instead. A catalog with a problem is never cached: it is read
afresh, so every problem is reported as before.
"""

from __future__ import annotations

import pickle
from typing import TYPE_CHECKING

from quiz.cli.file_cache import Entry, read_files, unpickle

if TYPE_CHECKING:
    from scoring.catalog import Catalog

_KIND = "catalog"
_CODE = ("quiz.cli.catalog_cache",)
# The modules whose models a catalog is made of: the only classes its entry may make.
_MODELS = ("scoring.catalog", "scoring.models", "scoring.anchors", "scoring.calibration_gates")


def load() -> Catalog:
    """The shipped catalog, as ``scoring.load_catalog()`` gives it (raising InputError with
    every problem as it does), from the cache when it holds the catalog of these bytes."""
    from scoring.catalog import Catalog, default_catalog_path, load_catalog

    files = read_files([default_catalog_path()])
    if files is None:
        return load_catalog()
    entry = Entry(_KIND, files, _CODE)
    payload = entry.read()
    if payload is not None:
        try:
            kept = unpickle(payload, _MODELS)
            if isinstance(kept, Catalog):
                return kept
        except Exception:  # a damaged or foreign entry is a miss, whatever its damage
            pass
    catalog = _parsed(files[0])
    if catalog is None:
        return load_catalog()
    entry.write(pickle.dumps(catalog, protocol=pickle.HIGHEST_PROTOCOL))
    return catalog


def _parsed(file: tuple[str, bytes]) -> Catalog | None:
    """The catalog from the very bytes the key was made from (a file changed since would
    otherwise be cached under its old bytes); None on any problem, which reading the file
    as ever then reports."""
    from questions import InputError
    from scoring.catalog import parse_catalog

    name, data = file
    try:
        return parse_catalog(data.decode("utf-8-sig"), name)
    except (UnicodeDecodeError, InputError):
        return None


def use() -> None:
    """Have scoring read the shipped catalog through this cache from now on."""
    from scoring.catalog import read_builtin_catalog_with

    read_builtin_catalog_with(load)

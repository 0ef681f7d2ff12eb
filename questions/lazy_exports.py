"""A package's public names imported on first use: the module-level ``__getattr__`` and
``__dir__`` (PEP 562) that questions/ and scoring/ share, so that importing one small
module of either (questions.numbers, scoring.wording) does not load pydantic and every
model with it."""

from __future__ import annotations

import importlib
import sys
from collections.abc import Callable, Mapping


def lazy_exports(
    package: str, homes: Mapping[str, str]
) -> tuple[Callable[[str], object], Callable[[], list[str]]]:
    """``__getattr__`` and ``__dir__`` for ``package``, whose public names live in the
    modules ``homes`` gives. A name, once imported, is kept in the package's namespace, so
    it is looked up here only once (and replaces a submodule of the same name)."""

    def __getattr__(name: str) -> object:
        home = homes.get(name)
        if home is None:
            raise AttributeError(f"module {package!r} has no attribute {name!r}")
        value = getattr(importlib.import_module(home), name)
        vars(sys.modules[package])[name] = value
        return value

    def __dir__() -> list[str]:
        namespace = vars(sys.modules[package])
        return sorted({*namespace, *namespace["__all__"]})

    return __getattr__, __dir__

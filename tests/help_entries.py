"""The help cache's entries as its tests look at them."""

from __future__ import annotations

import os
import sys
import types
from pathlib import Path

import pytest


def entries() -> list[Path]:
    """The help entries in this test's cache folder."""
    return sorted(Path(os.environ["XDG_CACHE_HOME"], "skillquiz").glob("help-*"))


def module_at(monkeypatch: pytest.MonkeyPatch, source: Path) -> None:
    """A module of quiz, loaded, whose file is ``source``."""
    module = types.ModuleType("quiz._placed_for_test")
    module.__file__ = str(source)
    monkeypatch.setitem(sys.modules, module.__name__, module)

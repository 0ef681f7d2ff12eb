"""The packages' public names: each resolves to what it always was, while importing one
small module of a package (``scoring.wording``, ``questions.numbers``) loads nothing else of
it, so the commands that need no models start without pydantic."""

from __future__ import annotations

import importlib
import pkgutil
import subprocess
import sys
from types import ModuleType

import pytest

PACKAGES = ("questions", "scoring")


@pytest.mark.parametrize("package", PACKAGES)
def test_every_public_name_resolves_to_its_own_module_s_object(package: str) -> None:
    module = importlib.import_module(package)
    for name in module.__all__:
        value = getattr(module, name)
        assert not isinstance(value, ModuleType), name
        home = module._HOMES[name]
        assert value is getattr(importlib.import_module(home), name), name
    assert sorted(module.__all__) == sorted(module._HOMES)
    assert set(module.__all__) <= set(dir(module))
    with pytest.raises(AttributeError):
        _ = module.no_such_name


@pytest.mark.parametrize("package", PACKAGES)
def test_a_name_is_itself_whichever_module_was_imported_first(package: str) -> None:
    """``from scoring import assess`` is the function even when the module scoring.assess
    was imported before, in a fresh interpreter for each module of the package."""
    root = importlib.import_module(package)
    for info in pkgutil.iter_modules(root.__path__, f"{package}."):
        script = (
            f"import {info.name}, types, {package}\n"
            f"bad = [n for n in {package}.__all__\n"
            f"       if isinstance(getattr({package}, n), types.ModuleType)]\n"
            "print(bad)\n"
        )
        done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)
        assert done.returncode == 0, done.stderr
        assert done.stdout.strip() == "[]", info.name


def test_small_modules_import_without_pydantic() -> None:
    script = (
        "import sys, scoring.wording, questions.numbers, questions.problems\n"
        "print(sorted(m for m in sys.modules if m.startswith(('pydantic', 'yaml'))))\n"
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)
    assert done.stdout.strip() == "[]", done.stderr

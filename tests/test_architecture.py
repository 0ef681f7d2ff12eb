"""The import rules of pyproject.toml hold, and breaking one fails CI.

import-linter reads every import statement, those inside functions included. The fresh
interpreter below is a second net for what it cannot see: a module that loads click only
through another package's imports.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import grimp
import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = ("questions", "scoring", "quiz")
TERMINAL = ("click", "questionary", "prompt_toolkit", "rich")
LINT_IMPORTS = Path(sys.executable).with_name("lint-imports")


def _modules() -> list[str]:
    """Every module of the three packages, by dotted name."""
    names = []
    for package in PACKAGES:
        for path in sorted((ROOT / package).rglob("*.py")):
            parts = path.relative_to(ROOT).with_suffix("").parts
            names.append(".".join(parts[:-1] if parts[-1] == "__init__" else parts))
    return names


def _outside_the_command_line() -> list[str]:
    return [
        name
        for name in _modules()
        if not name.startswith("quiz.cli") and name not in ("quiz.__main__",)
    ]


# Run in a fresh interpreter: each module is imported in a child forked from a parent that
# has loaded only the third-party packages the core may use, so a child starts with nothing
# of the project and nothing of the terminal loaded, and each module is judged alone.
_PROBE = """
import importlib, json, os, sys
import jinja2, pydantic, yaml
terminal = tuple(sys.argv[2].split(","))
assert not [name for name in terminal if name in sys.modules], "loaded before any module"
found = {}
for module in json.loads(sys.argv[1]):
    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:
        os.close(read)
        importlib.import_module(module)
        loaded = [name for name in terminal if name in sys.modules]
        os.write(write, json.dumps(loaded).encode())
        os._exit(0)
    os.close(write)
    with os.fdopen(read) as reply:
        text = reply.read()
    os.waitpid(pid, 0)
    found[module] = json.loads(text) if text else ["(import failed)"]
print(json.dumps(found))
"""


def test_no_module_outside_the_command_line_loads_a_terminal_library() -> None:
    modules = _outside_the_command_line()
    assert "quiz.attempts.session" in modules and "quiz.cli.main" not in modules
    done = subprocess.run(
        [sys.executable, "-c", _PROBE, json.dumps(modules), ",".join(TERMINAL)],
        capture_output=True,
        text=True,
        check=True,
        cwd=ROOT,
    )
    found = json.loads(done.stdout)
    assert sorted(found) == sorted(modules)
    assert {module: loaded for module, loaded in found.items() if loaded} == {}


def _cycles(graph: grimp.ImportGraph) -> list[list[str]]:
    """Every set of modules that import each other round a circle (Tarjan's algorithm)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(module: str) -> None:
        index[module] = low[module] = len(index)
        stack.append(module)
        on_stack.add(module)
        for imported in graph.find_modules_directly_imported_by(module):
            if imported not in index:
                visit(imported)
                low[module] = min(low[module], low[imported])
            elif imported in on_stack:
                low[module] = min(low[module], index[imported])
        if low[module] == index[module]:
            circle = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                circle.append(member)
                if member == module:
                    break
            if len(circle) > 1:
                found.append(sorted(circle))

    for module in sorted(graph.modules):
        if module not in index:
            visit(module)
    return found


def test_no_module_imports_itself_back_round_a_circle() -> None:
    """Between any two modules, a package and its own modules too (the import-linter
    contract compares siblings only); imports inside functions count."""
    graph = grimp.build_graph(*PACKAGES, cache_dir=None)
    assert _cycles(graph) == []
    # A circle planted through the package: the package imports modules that import
    # schema, so they are all in it; the check is that it is found at all.
    graph.add_import(importer="quiz.storage.schema", imported="quiz.storage")
    (circle,) = _cycles(graph)
    assert {"quiz.storage", "quiz.storage.schema"} <= set(circle)


def _lint_imports(tree: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(tree)}
    return subprocess.run(
        [str(LINT_IMPORTS), "--no-cache"],
        capture_output=True,
        text=True,
        cwd=tree,
        env=env,
    )


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    """A copy of the packages' code and pyproject.toml, to break a rule in."""
    for package in PACKAGES:
        shutil.copytree(ROOT / package, tmp_path / package, ignore=shutil.ignore_patterns("*.yaml"))
    shutil.copy(ROOT / "pyproject.toml", tmp_path)
    return tmp_path


def test_the_contracts_hold(tree: Path) -> None:
    done = _lint_imports(tree)
    assert done.returncode == 0, done.stdout
    assert "Contracts: 7 kept, 0 broken." in done.stdout


@pytest.mark.parametrize(
    ("module", "statement", "broken"),
    [
        (
            "quiz/attempts/draw.py",
            "def _speak() -> None:\n    import click\n",
            "quiz.attempts is not allowed to import click:",
        ),
        (
            "quiz/storage/records.py",
            "from quiz.attempts import results\n",
            "quiz.storage is not allowed to import quiz.attempts:",
        ),
        ("quiz/gift/yamlout.py", "import quiz.storage\n", "quiz.gift is not allowed to import"),
        (
            "quiz/attempts/snapshot.py",
            "def _back() -> None:\n    from quiz.attempts import session\n",
            "No import cycles between the modules of a package BROKEN",
        ),
    ],
)
def test_breaking_a_rule_fails_lint_imports(
    tree: Path, module: str, statement: str, broken: str
) -> None:
    with (tree / module).open("a", encoding="utf-8") as source:
        source.write("\n\n" + statement)
    done = _lint_imports(tree)
    assert done.returncode == 1
    assert broken in done.stdout

"""Small modules and short functions, everywhere: code, tests and benches.

A module over 500 lines holds more than one job, and a function over 60 lines more than
one step; either is split where it grows, not later. A function's lines run from its
``def`` to its last line, docstring included (decorators, such as a command's options,
are declarations and do not count).
"""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FOLDERS = ("questions", "scoring", "quiz", "tests", "bench")
MAX_MODULE_LINES = 500
MAX_FUNCTION_LINES = 60


def _sources() -> list[Path]:
    return [path for folder in FOLDERS for path in sorted((ROOT / folder).rglob("*.py"))]


def _long_functions(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return [
        f"{path.relative_to(ROOT)}:{node.lineno} {node.name} ({length} lines)"
        for node in ast.walk(tree)
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef))
        and node.end_lineno is not None
        and (length := node.end_lineno - node.lineno + 1) > MAX_FUNCTION_LINES
    ]


def test_every_folder_is_read() -> None:
    read = {path.relative_to(ROOT).parts[0] for path in _sources()}
    assert read == set(FOLDERS)


def test_no_module_is_over_500_lines() -> None:
    long = [
        f"{path.relative_to(ROOT)} ({lines} lines)"
        for path in _sources()
        if (lines := len(path.read_text(encoding="utf-8").splitlines())) > MAX_MODULE_LINES
    ]
    assert long == []


def test_no_function_is_over_60_lines() -> None:
    assert [entry for path in _sources() for entry in _long_functions(path)] == []

"""Pydantic's errors as problems an author can find: FILE:LINE:COL and a plain sentence.

Pydantic reports where a value failed as a path through the data; the YAML reader knows
the line of every path. Banks and the scoring catalog are both reported this way.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from pydantic import ValidationError
from pydantic_core import ErrorDetails

from questions.kinds import ITEM_TYPES
from questions.problems import Problem
from questions.yamlsource import Document


def _dotted(path: Sequence[int | str]) -> str:
    """A path as an author reads it: ``options #3, credit`` is the third option's credit."""
    text = ""
    for part in path:
        if isinstance(part, int):
            text += f" #{part + 1}"
        else:
            text += (", " if text[-1:].isdigit() else " " if text else "") + part
    return text


_PATTERNS = {
    "skill": "a skill id is snake_case: lower-case letters and digits joined by _ "
    "(e.g. data_analysis)",
    "questions": "a question id holds letters, digits, '.', '_' and '-', starting with a letter "
    "or digit (e.g. da-scn-01)",
}


def _walk(loc: tuple[int | str, ...], data: Any) -> tuple[tuple[int | str, ...], str, int]:
    """Follow a pydantic error location through the data, dropping the union tags it adds.

    Returns the path found in the data, the id of the innermost item on it (if any) and
    where on the path that item sits, so messages can say "question da-num-01: ...".
    """
    path: list[int | str] = []
    label, label_at = "", 0
    node = data
    for part in loc:
        if isinstance(node, dict) and part == node.get("type") and len(path) == 2:
            continue  # the union's tag (an item's type), which may also name a key ("text")
        if isinstance(node, dict) and part in node:  # noqa: SIM114 (mypy narrows each apart)
            node = node[part]
        elif isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node):
            node = node[part]
        elif part == "schema_version" and isinstance(node, dict) and "schema" in node:
            part, node = "schema", node["schema"]
        else:
            continue
        path.append(part)
        if isinstance(node, dict) and isinstance(node.get("id"), str) and path[0] == "questions":
            label, label_at = node["id"], len(path)
    return tuple(path), label, label_at


def _message(error: ErrorDetails, data: Any) -> str:
    """A sentence an author can act on, prefixed with the question id where there is one."""
    kind = error["type"]
    path, label, label_at = _walk(error["loc"], data)
    where = _dotted(path[label_at:])
    key = error["loc"][-1] if error["loc"] else ""
    if kind in ("extra_forbidden", "missing"):
        where = _dotted(path[label_at:-1]) if kind == "extra_forbidden" else where
        text = "unknown key" if kind == "extra_forbidden" else "missing required key"
        message = f"{text} {key!r}"
        only_demonstrated = key in ("difficulty", "level") and "likert" in error["loc"]
        if kind == "extra_forbidden" and only_demonstrated:
            message += f" (a self-rating has no {key}; only demonstrated items do)"
    elif kind in ("less_than_equal", "greater_than_equal") and key == "level":
        message = f"{error['input']!r} is off O*NET's level scale; a level is 0.0 to 7.0"
    elif kind == "literal_error" and key == "difficulty":
        message = f"{error['input']!r} is not a difficulty; use easy, medium or hard"
    elif kind == "union_tag_invalid":
        tag = error.get("ctx", {}).get("tag", "?")
        message = f"unknown item type {tag!r}; expected one of {', '.join(ITEM_TYPES)}"
        where = ""
    elif kind == "tuple_type":
        message = "should be a list"
    elif kind == "string_pattern_mismatch" and path and path[0] in _PATTERNS:
        message = _PATTERNS[str(path[0])]
    elif kind == "union_tag_not_found":
        message = "missing required key 'type'"
    else:
        message = error["msg"].removeprefix("Value error, ")
    prefix = ", ".join(part for part in (f"question {label}" if label else "", where) if part)
    return f"{prefix}: {message}" if prefix else message


def validation_problems(error: ValidationError, document: Document) -> list[Problem]:
    """Every pydantic error as a Problem at its line in the document."""
    problems = []
    for detail in error.errors(include_url=False):
        path, _, _ = _walk(detail["loc"], document.data)
        if detail["type"] == "exhibit_lines":
            problems.extend(_exhibit_problems(detail, path, document))
            continue
        problems.append(document.problem(path, _message(detail, document.data)))
    return problems


def _exhibit_problems(
    detail: ErrorDetails, path: tuple[int | str, ...], document: Document
) -> list[Problem]:
    """One problem per bad exhibit line, each at its own line when the exhibit is a
    literal block (``|``); written any other way, its lines are not the file's lines."""
    _, label, _ = _walk(detail["loc"], document.data)
    start = document.blocks.get(path)
    line, column = document.locate(path)
    problems = []
    for number, reason in detail.get("ctx", {}).get("lines", []):
        message = f"question {label}: exhibit line {number}: {reason}"
        if start is None:
            problems.append(Problem(document.file, line, column, message))
        else:
            problems.append(Problem(document.file, start + number, 1, message))
    return problems

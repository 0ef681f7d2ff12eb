"""Safe YAML reading that remembers where every value came from.

Pydantic reports errors by path (``questions.3.options``); authors need a line number. We
compose the YAML node tree ourselves so each path maps back to its node's mark, and we
refuse the inputs that make naive YAML loading dangerous: huge files and alias bombs.
"""

from __future__ import annotations

from collections.abc import Hashable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from questions.problems import InputError, Problem

MAX_FILE_BYTES = 5 * 1024 * 1024
MAX_NODES = 200_000

PathKey = tuple[str | int, ...]


@dataclass
class Document:
    """Plain Python data from one YAML file, with the 1-based (line, column) of each path."""

    file: str
    data: Any
    marks: dict[PathKey, tuple[int, int]] = field(default_factory=dict)

    def locate(self, path: PathKey) -> tuple[int, int]:
        """The mark of the deepest prefix of ``path`` that exists in the file."""
        for end in range(len(path), -1, -1):
            mark = self.marks.get(path[:end])
            if mark is not None:
                return mark
        return (1, 1)

    def problem(self, path: PathKey, message: str) -> Problem:
        line, column = self.locate(path)
        return Problem(self.file, line, column, message)


def _mark(node: yaml.Node) -> tuple[int, int]:
    return (node.start_mark.line + 1, node.start_mark.column + 1)


class _Builder:
    """Turns a composed node tree into plain data, counting nodes to stop alias expansion."""

    def __init__(self, file: str) -> None:
        self.file = file
        self.marks: dict[PathKey, tuple[int, int]] = {}
        self.constructor = yaml.SafeLoader("")
        self.count = 0

    def build(self, node: yaml.Node, path: PathKey) -> Any:
        self.count += 1
        if self.count > MAX_NODES:
            line, column = _mark(node)
            raise InputError(
                [
                    Problem(
                        self.file,
                        line,
                        column,
                        f"document expands to more than {MAX_NODES:,} values "
                        "(aliases repeated too often?)",
                    )
                ]
            )
        self.marks.setdefault(path, _mark(node))
        if isinstance(node, yaml.MappingNode):
            return self._mapping(node, path)
        if isinstance(node, yaml.SequenceNode):
            return [self.build(child, (*path, i)) for i, child in enumerate(node.value)]
        return self.constructor.construct_object(node, deep=True)

    def _mapping(self, node: yaml.MappingNode, path: PathKey) -> dict[Any, Any]:
        self.constructor.flatten_mapping(node)
        result: dict[Any, Any] = {}
        for key_node, value_node in node.value:
            key = self.constructor.construct_object(key_node, deep=True)
            line, column = _mark(key_node)
            if not isinstance(key, Hashable) or isinstance(key, (list, dict)):
                raise InputError([Problem(self.file, line, column, "a key must be plain text")])
            if key in result:
                raise InputError([Problem(self.file, line, column, f"duplicate key {key!r}")])
            key_path = (*path, key if isinstance(key, str | int) else str(key))
            self.marks[key_path] = (line, column)
            result[key] = self.build(value_node, key_path)
            self.marks[key_path] = (line, column)
        return result


def _decode(raw: bytes, file: str) -> str:
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        column = error.start - (raw.rfind(b"\n", 0, error.start) + 1) + 1
        raise InputError(
            [Problem(file, line, column, "not UTF-8 text; save the file as UTF-8")]
        ) from None


def _yaml_problem(error: yaml.YAMLError, file: str, text: str) -> Problem:
    mark = getattr(error, "problem_mark", None) or getattr(error, "context_mark", None)
    line, column = (mark.line + 1, mark.column + 1) if mark is not None else (1, 1)
    problem = getattr(error, "problem", None) or str(error)
    lines = text.splitlines()
    if 0 < line <= len(lines) and "\t" in lines[line - 1][: max(column, 1)]:
        problem = "a tab in the indentation; YAML indents with spaces only"
    return Problem(file, line, column, f"YAML syntax: {problem}")


def parse_yaml(text: str, file: str) -> Document:
    """Parse one YAML document; raise InputError naming the file and place on any problem."""
    try:
        node = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError as error:
        raise InputError([_yaml_problem(error, file, text)]) from None
    if node is None:
        raise InputError([Problem(file, 1, 1, "the file is empty")])
    builder = _Builder(file)
    try:
        data = builder.build(node, ())
    except yaml.YAMLError as error:
        raise InputError([_yaml_problem(error, file, text)]) from None
    except RecursionError:
        raise InputError([Problem(file, 1, 1, "the document is nested too deeply")]) from None
    return Document(file, data, builder.marks)


def read_yaml(path: Path) -> Document:
    """Read and parse a YAML file within the size limit."""
    file = str(path)
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise InputError(
                [Problem(file, 1, 1, f"file is {size:,} bytes; the limit is {MAX_FILE_BYTES:,}")]
            )
        raw = path.read_bytes()
    except OSError as error:
        reason = error.strerror or str(error)
        raise InputError([Problem(file, 1, 1, f"cannot read: {reason}")]) from None
    return parse_yaml(_decode(raw, file), file)

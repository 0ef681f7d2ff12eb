"""Safe YAML reading that remembers where every value came from.

Pydantic reports errors by path (``questions.3.options``); authors need a line number. We
compose the YAML node tree ourselves so each path maps back to its node's mark, and we
refuse the inputs that make naive YAML loading dangerous: huge files and alias bombs.
"""

from __future__ import annotations

import gc
import hashlib
from collections.abc import Hashable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from questions.problems import InputError, Problem
from questions.textfiles import MAX_FILE_BYTES as MAX_FILE_BYTES
from questions.textfiles import read_limited_text

MAX_ALIAS_VALUES = 100_000

PathKey = tuple[str | int, ...]

# libyaml's parser is about twenty times faster; the pure-Python one is the fallback.
_LOADER: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@dataclass
class Document:
    """Plain Python data from one YAML file, with the 1-based (line, column) of each path."""

    file: str
    data: Any
    marks: dict[PathKey, tuple[int, int]] = field(default_factory=dict)
    digest: str = ""
    # The line of the ``|`` that starts each literal block value: its n-th line is n below.
    blocks: dict[PathKey, int] = field(default_factory=dict)
    # Where each mapping entry's value starts (``marks`` holds its key's place): a wrong
    # value is pointed at where it is, not where its key is.
    values: dict[PathKey, tuple[int, int]] = field(default_factory=dict)

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

    def value_problem(self, path: PathKey, message: str) -> Problem:
        """A problem with the value at ``path``, placed where that value (or, when the
        path goes deeper than the file, the nearest value enclosing it) starts."""
        for end in range(len(path), -1, -1):
            mark = self.values.get(path[:end]) or self.marks.get(path[:end])
            if mark is not None:
                return Problem(self.file, *mark, message)
        return Problem(self.file, 1, 1, message)


_MaybeSpecial = frozenset("-+.0123456789~nNyYtTfFoO<=")
_RESOLVER = yaml.SafeLoader("")


def _position(event: yaml.Event) -> tuple[int, int]:
    """The 1-based line and column where an event starts."""
    mark = event.start_mark
    return (mark.line + 1, mark.column + 1) if mark is not None else (1, 1)


@lru_cache(maxsize=4096)
def _resolve(value: str, implicit: tuple[bool, bool], tag: str | None, style: str | None) -> Any:
    if tag is None or tag == "!":
        tag = _RESOLVER.resolve(yaml.ScalarNode, value, implicit)  # type: ignore[no-untyped-call]
    node = yaml.ScalarNode(tag, value, None, None, style)
    return _RESOLVER.construct_object(node, deep=True)


def _scalar(event: yaml.ScalarEvent) -> Any:
    """The Python value of a scalar, resolved as YAML 1.1's safe loader would.

    Most scalars in a bank are prose, so plain text that cannot be a number, bool or null
    skips the regex resolver: it is the bulk of the loading time otherwise.
    """
    value = event.value
    plain, _ = event.implicit
    untagged = event.tag is None or event.tag == "!"
    if untagged and (not plain or not value or value[0] not in _MaybeSpecial):
        return None if plain and not value else value
    # Scalars are immutable, and keys and small numbers repeat: resolve each spelling once.
    try:
        return _resolve(value, event.implicit, event.tag, event.style)
    except yaml.YAMLError as error:
        reason = getattr(error, "problem", None) or str(error)
    except Exception:
        # PyYAML's constructors raise plain errors (ValueError, IndexError, ...) for
        # spellings such as 2024-02-30, 0x_ or an empty !!int: all mean the same to an author.
        kind = (event.tag or "").rpartition(":")[2] or "value"
        if untagged:
            kind = "date" if value[:1].isdigit() and "-" in value else "number"
        shown = value if len(value) <= 40 else value[:37] + "..."
        reason = f"{shown!r} is not a valid {kind}; put it in quotes if it is text"
    raise yaml.MarkedYAMLError(problem=reason, problem_mark=event.start_mark)  # type: ignore[arg-type]


class _Builder:
    """Builds plain data from the parser's events, recording marks and counting values.

    Working from events (not yaml.compose) keeps libyaml doing the heavy lifting; counting
    the values each alias stands for stops alias bombs before anything expands them (a
    file without aliases is bounded by the file size limit instead).
    """

    def __init__(self, file: str) -> None:
        self.file = file
        self.marks: dict[PathKey, tuple[int, int]] = {}
        self.blocks: dict[PathKey, int] = {}
        self.values: dict[PathKey, tuple[int, int]] = {}
        self.anchors: dict[str, tuple[Any, int]] = {}
        self.count = 0
        self.aliased = 0

    def _fail(self, event: yaml.Event, message: str) -> InputError:
        line, column = _position(event)
        return InputError([Problem(self.file, line, column, message)])

    def _add_alias(self, event: yaml.Event, amount: int) -> None:
        self.count += amount
        self.aliased += amount
        if self.aliased > MAX_ALIAS_VALUES:
            raise self._fail(
                event,
                f"aliases here stand for more than {MAX_ALIAS_VALUES:,} values "
                "(an alias bomb?); write the values out or use fewer aliases",
            )

    def value(self, events: Iterator[yaml.Event], event: yaml.Event, path: PathKey) -> Any:
        """The value that starts with ``event``, reading the events it spans."""
        self.marks.setdefault(path, _position(event))
        before = self.count
        self.count += 1
        if isinstance(event, yaml.AliasEvent):
            if event.anchor not in self.anchors:
                raise self._fail(event, f"unknown alias *{event.anchor}")
            result, size = self.anchors[event.anchor]
            self._add_alias(event, size)
            return result
        if isinstance(event, yaml.ScalarEvent):
            result = _scalar(event)
        elif isinstance(event, yaml.SequenceStartEvent):
            result = []
            for child in events:
                kind = type(child)
                if kind is yaml.SequenceEndEvent:
                    break
                if isinstance(child, yaml.ScalarEvent) and not child.anchor:
                    self.marks[(*path, len(result))] = _position(child)
                    self.count += 1
                    result.append(_scalar(child))
                else:
                    result.append(self.value(events, child, (*path, len(result))))
        elif isinstance(event, yaml.MappingStartEvent):
            result = self._mapping(events, path)
        else:
            raise self._fail(event, "unexpected YAML structure")
        anchor = getattr(event, "anchor", None)
        if anchor:
            self.anchors[anchor] = (result, self.count - before)
        return result

    def _mapping(self, events: Iterator[yaml.Event], path: PathKey) -> dict[Any, Any]:
        result: dict[Any, Any] = {}
        merged: dict[Any, Any] = {}  # from merge keys (<<); keys written out win over these
        for key_event in events:
            if isinstance(key_event, yaml.MappingEndEvent):
                break
            value_event: yaml.Event
            if isinstance(key_event, yaml.ScalarEvent):
                if key_event.value == "<<" and not key_event.style and key_event.tag is None:
                    self._merge(key_event, self.value(events, next(events), path), merged)
                    continue
                self.count += 1
                key = _scalar(key_event)
            else:
                key = self.value(events, key_event, (*path, "<key>"))
            value_event = next(events)
            line, column = _position(key_event)
            if type(key) is not str and (
                isinstance(key, list | dict) or not isinstance(key, Hashable)
            ):
                raise self._fail(key_event, "a key must be plain text")
            if key in result:
                raise self._fail(key_event, f"duplicate key {key!r}")
            key_path = (*path, key if isinstance(key, str | int) else str(key))
            self.values[key_path] = _position(value_event)
            if type(value_event) is yaml.ScalarEvent and not value_event.anchor:
                self.count += 1  # the common case, kept off the recursive path
                if value_event.style == "|":
                    self.blocks[key_path] = _position(value_event)[0]
                result[key] = _scalar(value_event)
            else:
                result[key] = self.value(events, value_event, key_path)
            self.marks[key_path] = (line, column)
        for key, value in merged.items():
            result.setdefault(key, value)
        return result

    def _merge(self, key_event: yaml.Event, sources: Any, merged: dict[Any, Any]) -> None:
        """Collect a merge key's mappings; the first mapping listed wins, as YAML says."""
        for source in sources if isinstance(sources, list) else [sources]:
            if not isinstance(source, dict):
                raise self._fail(key_event, "a merge key (<<) needs a mapping or a list of them")
            for key, value in source.items():
                merged.setdefault(key, value)

    def document(self, events: Iterator[yaml.Event]) -> Any:
        """The single document in the stream, or None when the stream holds none."""
        data: Any = None
        found = False
        for event in events:
            if isinstance(event, yaml.DocumentStartEvent):
                if found:
                    raise self._fail(
                        event, "only one YAML document per file (remove the second ---)"
                    )
                found = True
                data = self.value(events, next(events), ())
            elif isinstance(
                event, (yaml.DocumentEndEvent, yaml.StreamStartEvent, yaml.StreamEndEvent)
            ):
                continue
        return data if found else _EMPTY


def _yaml_problem(error: yaml.YAMLError, file: str, text: str) -> Problem:
    if isinstance(error, yaml.reader.ReaderError):
        # A character YAML refuses (a control character): its place, in one line; the
        # reader's own message runs over two lines and counts from 0.
        line = text.count("\n", 0, error.position) + 1
        column = error.position - (text.rfind("\n", 0, error.position) + 1) + 1
        code = error.character if isinstance(error.character, int) else 0
        return Problem(
            file, line, column, f"YAML syntax: a control character (U+{code:04X}) is not allowed"
        )
    mark = getattr(error, "problem_mark", None) or getattr(error, "context_mark", None)
    line, column = (mark.line + 1, mark.column + 1) if mark is not None else (1, 1)
    problem = getattr(error, "problem", None) or str(error)
    lines = text.splitlines()
    if 0 < line <= len(lines) and "\t" in lines[line - 1][: max(column, 1)]:
        problem = "a tab in the indentation; YAML indents with spaces only"
    return Problem(file, line, column, f"YAML syntax: {problem}")


_EMPTY = object()


def parse_yaml(text: str, file: str) -> Document:
    """Parse one YAML document; raise InputError naming the file and place on any problem.

    The cyclic garbage collector is paused while building: the data is a tree of fresh
    containers with no cycles, and collections triggered by their sheer number cost about a
    tenth of the loading time.
    """
    builder = _Builder(file)
    collecting = gc.isenabled()
    gc.disable()
    try:
        data = builder.document(iter(yaml.parse(text, Loader=_LOADER)))
    except yaml.YAMLError as error:
        raise InputError([_yaml_problem(error, file, text)]) from None
    except RecursionError:
        raise InputError([Problem(file, 1, 1, "the document is nested too deeply")]) from None
    finally:
        if collecting:
            gc.enable()
    if data is _EMPTY or (data is None and not text.strip("\ufeff \t\r\n")):
        raise InputError([Problem(file, 1, 1, "the file is empty")])
    digest = hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()[:12]
    return Document(file, data, builder.marks, digest, builder.blocks, builder.values)


def read_yaml(path: Path) -> Document:
    """Read and parse a YAML file within the size limit."""
    return parse_yaml(read_limited_text(path), str(path))

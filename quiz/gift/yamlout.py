"""A bank written as YAML the way a person would write it: block style, one item after
another, keys in the order the authoring guide uses, a comment naming each item's source.

PyYAML's emitter would pick flow style, sort keys or fold lines at odd places; banks are
read and edited by trainers, so the few shapes a bank holds are written here directly.
Every scalar is written plain when YAML reads it back as the same text, else as a JSON
string (which YAML reads as a double-quoted scalar).
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from typing import Any

import yaml

_RESOLVER = yaml.SafeLoader("")
_PLAIN = re.compile(r"^[A-Za-z0-9($€£¥][^\n]*$")
_UNSAFE = re.compile(
    r": |\s#|:$|\s$|[\x00-\x1f\x7f-\x9f\u2028\u2029\ufeff]|^[-?:,\[\]{}#&*!|>'\"%@`]"
)
# Characters YAML reads as line breaks or refuses inside a literal block.
_BREAKS = re.compile(r"[\x00-\x09\x0b-\x1f\x7f-\x9f\u2028\u2029\ufeff\ufffe\uffff]|[ ]\n|[ ]$")
_ESCAPE_MORE = str.maketrans(
    {
        "\x7f": "\\u007f",
        "\x85": "\\u0085",
        "\u2028": "\\u2028",
        "\u2029": "\\u2029",
        "\ufffe": "\\ufffe",
        "\uffff": "\\uffff",
    }
)


def scalar(value: Any) -> str:
    """One value as YAML text on one line."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        text = repr(value)
        mantissa, e, exponent = text.partition("e")
        if e and "." not in mantissa:
            text = f"{mantissa}.0e{exponent}"  # YAML 1.1 reads 1e-05 as text
        return text
    text = str(value)
    if _PLAIN.match(text) and not _UNSAFE.search(text) and _reads_as_text(text):
        return text
    return json.dumps(text, ensure_ascii=False).translate(_ESCAPE_MORE)


def _reads_as_text(text: str) -> bool:
    tag = _RESOLVER.resolve(yaml.ScalarNode, text, (True, False))  # type: ignore[no-untyped-call]
    return bool(tag == "tag:yaml.org,2002:str")


def _block(text: str, indent: str) -> list[str]:
    """A multi-line text as a literal block (``|``), each line as written."""
    lines = text.split("\n")
    head = "|" if not lines[0].startswith(" ") else "|2"
    chomp = "-" if not text.endswith("\n") else ""
    return [head + chomp, *(f"{indent}{line}" if line else "" for line in lines)]


def _value(key: str, value: Any, indent: str) -> list[str]:
    if isinstance(value, str) and "\n" in value and not _BREAKS.search(value):
        head, *rest = _block(value, indent + "  ")
        return [f"{indent}{key}: {head}", *rest]
    if isinstance(value, list):
        if not value:
            return [f"{indent}{key}: []"]
        lines = [f"{indent}{key}:"]
        for entry in value:
            if isinstance(entry, dict):
                first = True
                for sub_key, sub_value in entry.items():
                    prefix = f"{indent}  - " if first else f"{indent}    "
                    first = False
                    for number, line in enumerate(_value(sub_key, sub_value, "")):
                        lines.append(prefix + line if number == 0 else f"{indent}    {line}")
            else:
                lines.append(f"{indent}  - {scalar(entry)}")
        return lines
    return [f"{indent}{key}: {scalar(value)}"]


def bank_yaml(
    skill: dict[str, str],
    items: Sequence[tuple[dict[str, Any], str]],
    header: Sequence[str] = (),
) -> str:
    """The bank's YAML: ``items`` are (item data, comment) pairs in order."""
    writer = BankWriter(skill, header)
    for item, comment in items:
        writer.add(item, comment)
    return writer.text()


class BankWriter:
    """A bank's YAML written one item at a time, so a large import holds text, not items;
    ``add`` says when the next item would take the file past ``limit`` bytes (UTF-8)."""

    def __init__(
        self, skill: dict[str, str], header: Sequence[str] = (), limit: int | None = None
    ) -> None:
        lines = [f"# {line}" if line else "#" for line in header]
        lines.append("schema: 1")
        lines.append("skill:")
        for key, value in skill.items():
            lines.extend(_value(key, value, "  "))
        lines.append("questions:")
        self.chunks = ["\n".join(lines) + "\n"]
        self.size = len(self.chunks[0].encode("utf-8"))
        self.limit = limit
        self.count = 0

    def add(self, item: dict[str, Any], comment: str) -> bool:
        """Add one item; False (and nothing added) when it would pass the limit."""
        chunk = _item_yaml(item, comment, first=not self.count)
        size = len(chunk.encode("utf-8"))
        if self.limit is not None and self.size + size > self.limit:
            return False
        self.chunks.append(chunk)
        self.size += size
        self.count += 1
        return True

    def text(self) -> str:
        return "".join(self.chunks)


def _item_yaml(item: dict[str, Any], comment: str, *, first: bool) -> str:
    lines = [] if first else [""]
    if comment:
        lines.append(f"  # {comment}")
    for number, (key, value) in enumerate(item.items()):
        for index, line in enumerate(_value(key, value, "")):
            if index == 0:
                lines.append(("  - " if number == 0 else "    ") + line)
            else:
                lines.append(f"    {line}" if line else "")
    return "\n".join(lines) + "\n"

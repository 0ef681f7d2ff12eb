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
    lines = [f"# {line}" if line else "#" for line in header]
    lines.append("schema: 1")
    lines.append("skill:")
    for key, value in skill.items():
        lines.extend(_value(key, value, "  "))
    lines.append("questions:")
    for number, (item, comment) in enumerate(items):
        if number:
            lines.append("")
        if comment:
            lines.append(f"  # {comment}")
        first = True
        for key, value in item.items():
            for index, line in enumerate(_value(key, value, "")):
                if index == 0:
                    lines.append(("  - " if first else "    ") + line)
                else:
                    lines.append(f"    {line}" if line else "")
            first = False
    return "\n".join(lines) + "\n"

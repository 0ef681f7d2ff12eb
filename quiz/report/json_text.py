"""A report as JSON text (``report --format json``), written as pydantic wrote it.

Reports were pydantic models dumped with ``indent=2``, and scripts may compare exported
files byte for byte, so the text keeps pydantic's spelling where Python's json module has
its own: floats as Rust writes them (``1e-6``, ``0.00001``; not ``1e-06``, ``1e-05``),
infinities and NaN as null, and times in UTC ending in ``Z``. Strings and the layout are
json's with non-ASCII characters kept (``ensure_ascii=False``), as pydantic keeps them.
"""

from __future__ import annotations

import json
import math
from datetime import datetime, timedelta
from typing import Any

from questions.record import Record, field_values

_STRING = json.JSONEncoder(ensure_ascii=False).encode


def float_text(value: float) -> str:
    """A float as pydantic writes it: Python's shortest digits, laid out as Rust lays them
    out (a decimal point down to 1e-5, exponents without padding)."""
    if not math.isfinite(value):
        return "null"
    text = repr(value)
    mantissa, e, exponent = text.partition("e")
    if not e:
        return text
    power = int(exponent)
    if power == -5:
        sign, digits = ("-", mantissa[1:]) if mantissa.startswith("-") else ("", mantissa)
        return f"{sign}0.0000{digits.replace('.', '')}"
    return f"{mantissa}e{'+' if power > 0 else '-'}{abs(power)}"


def time_text(value: datetime) -> str:
    """A time as pydantic writes it: ISO 8601, ``Z`` for UTC, an offset to the minute."""
    offset = value.utcoffset()
    if offset is None:
        return value.isoformat()
    local = value.replace(tzinfo=None).isoformat()
    if offset == timedelta(0):
        return f"{local}Z"
    sign = "-" if offset < timedelta(0) else "+"
    minutes = int(abs(offset).total_seconds()) // 60
    return f"{local}{sign}{minutes // 60:02d}:{minutes % 60:02d}"


def _write(value: Any, indent: str, parts: list[str]) -> None:
    if isinstance(value, Record):
        value = dict(field_values(value))
    if isinstance(value, dict):
        if not value:
            parts.append("{}")
            return
        inner = indent + "  "
        opening = "{\n"
        for key, part in value.items():
            parts.append(f"{opening}{inner}{_STRING(key)}: ")
            _write(part, inner, parts)
            opening = ",\n"
        parts.append(f"\n{indent}}}")
    elif isinstance(value, list | tuple):
        if not value:
            parts.append("[]")
            return
        inner = indent + "  "
        opening = "[\n"
        for part in value:
            parts.append(f"{opening}{inner}")
            _write(part, inner, parts)
            opening = ",\n"
        parts.append(f"\n{indent}]")
    elif isinstance(value, str):
        parts.append(_STRING(value))
    elif value is None or isinstance(value, bool | int):
        parts.append(json.dumps(value))
    elif isinstance(value, float):
        parts.append(float_text(value))
    elif isinstance(value, datetime):
        parts.append(f'"{time_text(value)}"')
    else:
        raise TypeError(f"a report holds no {type(value).__name__}")


def json_text(record: Record) -> str:
    """A record (a report) as indented JSON text, fields in their declared order."""
    parts: list[str] = []
    _write(record, "", parts)
    return "".join(parts)

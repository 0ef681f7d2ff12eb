"""A GIFT numerical answer (``value``, ``value:tolerance`` or ``low..high``) as the
``value:tolerance`` a bank item is made from, in exact decimals."""

from __future__ import annotations

import re
from decimal import Decimal

# A number as Moodle writes one. The quantifiers never give back what they took (``++``), so
# a run of ten thousand digits that is not a number is refused in one pass, not by trying
# every way of splitting it.
_NUMBER = r"[+-]?(?:\d++(?:\.\d*+)?|\.\d++)(?:[eE][+-]?\d++)?"
_RANGE = re.compile(f"{_NUMBER}\\.\\.{_NUMBER}")
_VALUE = re.compile(f"{_NUMBER}(?::{_NUMBER})?")
_LARGEST = Decimal(10) ** 15


def number_range(text: str) -> str | None:
    """A numerical answer normalised to ``value:tolerance``, or None when it is not one
    (or is beyond what a quiz could ask, over 10^15)."""
    try:
        normal = _as_range(text.replace(" ", ""))
    except ArithmeticError:
        return None
    if normal is None:
        return None
    if any(not abs(Decimal(part)) < _LARGEST for part in normal.split(":")):
        return None
    return normal


def _as_range(text: str) -> str | None:
    if _RANGE.fullmatch(text):
        low, high = (Decimal(part) for part in text.split("..", 1))
        if low > high:
            return None
        middle = (low + high) / 2
        return f"{middle}:{high - middle}"
    if _VALUE.fullmatch(text):
        value, _, tolerance = text.partition(":")
        if tolerance and Decimal(tolerance) < 0:
            return None
        return f"{value}:{tolerance or '0'}"
    return None

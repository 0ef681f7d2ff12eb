"""How counts and lists of names are said in the sentences scoring writes for a person.

The terminal and the reports say them the same way, so quiz/ uses these too.
"""

from __future__ import annotations

from collections.abc import Sequence


def plural(count: int, noun: str) -> str:
    """ "1 problem", "3 problems": counts in messages read as a person would write them."""
    return f"{count} {noun}{'' if count == 1 else 's'}"


def join_names(names: Sequence[str]) -> str:
    """ "A", "A and B", "A, B and C": a list of names as a sentence lists them."""
    if not names:
        return ""
    *rest, last = names
    return f"{', '.join(rest)} and {last}" if rest else last


def years(value: float) -> str:
    """ "none", "1 year", "2.5 years": a number of years as a sentence says it."""
    if value == 0:
        return "none"
    shown = f"{value:g}"
    return f"{shown} year{'' if shown == '1' else 's'}"

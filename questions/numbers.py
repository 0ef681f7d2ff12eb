"""Numbers as people write them, read the same way in prompts, plain mode and answers files.

A question asking for dollars gets "$378", "378 dollars" or "USD 378"; one asking for
bottles gets "48 bottles"; a count in the thousands gets "1,152". One parser decides what
such a reply means, so a reply accepted at the terminal is accepted in a file too, and the
scoring that compares it with the key sees the same number.
"""

from __future__ import annotations

import math
import re

# Words and signs that name the same currency; a unit that is any of them accepts them all,
# before or after the number ("$378", "378 USD", "USD 378", "378 dollars").
_CURRENCIES: tuple[frozenset[str], ...] = (
    frozenset({"usd", "us$", "$", "dollar", "dollars", "us dollars"}),
    frozenset({"eur", "€", "euro", "euros"}),
    frozenset({"gbp", "£", "pound", "pounds"}),
)
_PERCENT = frozenset({"%", "percent", "per cent", "pct"})
_POINTS = frozenset({"percentage points", "percentage point", "points", "pp", "%"})

# A comma that separates thousands is followed by exactly three digits, every time;
# "1,5" or "1,25" is a decimal comma (or a typo) and is refused rather than guessed at.
_THOUSANDS = re.compile(r"[0-9]{1,3}(?:,[0-9]{3})+(?:\.[0-9]+)?")
_PLAIN = re.compile(r"(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?")
_WHOLE = re.compile(r"[0-9]+")
_NUMBER_START = re.compile(r"[+-]?\s*[0-9.,]+")
# Scoring works in floats: a whole number of more digits than a float holds (about 1.8e308)
# would fail there, so it is refused here, with the reply, instead.
# One bound for every whole number read (bank, reply or answers file): at most 300 digits.
MAX_DIGITS = 300
TOO_LARGE: int = 10**MAX_DIGITS  # the smallest whole number with more digits


def too_large(value: int) -> bool:
    """Whether a whole number has more digits than scoring takes."""
    return abs(value) >= TOO_LARGE


class NumberError(ValueError):
    """A reply that is not a number in the unit asked; the message is a phrase for a person."""


def _key(text: str) -> str:
    return " ".join(text.split()).casefold()


def unit_words(unit: str | None) -> frozenset[str]:
    """Every spelling that may stand beside a number in ``unit`` (casefolded)."""
    if not unit:
        return frozenset()
    key = _key(unit)
    for names in (*_CURRENCIES, _PERCENT, _POINTS):
        if key in names:
            return names
    words = {key, *_singular(key)}
    numerator, per, denominator = _rate(key)
    if per:
        # A rate ("units per hour", "units/hour") also takes its parts, as people write
        # them: "293 units", "293 per hour", "293 units/hour".
        for name in (numerator, *_singular(numerator)):
            words.update({name, f"{name} per {denominator}", f"{name}/{denominator}"})
            words.add(f"{name} / {denominator}")
        words.update({f"per {denominator}", f"/{denominator}", f"an {denominator}"})
        words.add(f"a {denominator}")
    return frozenset(word for word in words if word)


def _singular(word: str) -> tuple[str, ...]:
    """ "bottle" for "bottles": "1 bottle" for a unit of bottles."""
    return (word[:-1],) if word.endswith("s") and len(word) > 2 else ()


def _rate(key: str) -> tuple[str, str, str]:
    """A unit read as a rate: ("units", "per", "hour") for "units per hour" or "units/hour";
    ("", "", "") for a unit that is not one."""
    for separator in (" per ", "/"):
        numerator, found, denominator = key.partition(separator)
        if found and numerator.strip() and denominator.strip():
            return numerator.strip(), "per", denominator.strip()
    return "", "", ""


def quoted(text: str) -> str:
    """A reply as quoted back, cut short so a pasted page stays one line."""
    text = text.strip()
    return repr(text) if len(text) <= 30 else f"{text[:20]!r}... ({len(text):,} characters)"


def _strip_unit(text: str, unit: str | None) -> str:
    """The text without one unit word or sign before or after it ("$378" -> "378")."""
    words = unit_words(unit)
    folded = text.casefold()
    # Longest first, so "us dollars" goes before "dollars" and "us$" before "$".
    for word in sorted(words, key=len, reverse=True):
        if folded.endswith(word) and len(folded) > len(word):
            rest = text[: len(text) - len(word)]
            if word.isalpha() and rest[-1:].isalpha():
                continue  # "48bottles" is fine, "48xbottles" is not; only the word itself
            return rest.strip()
    sign = text[:1] if text[:1] in ("+", "-") else ""
    body = text[len(sign) :].lstrip()
    folded = body.casefold()
    for word in sorted(words, key=len, reverse=True):
        if folded.startswith(word) and len(folded) > len(word):
            rest = body[len(word) :]
            if word.isalpha() and rest[:1].isalpha():
                continue
            return sign + rest.strip()
    return text


def parse_number(text: str, unit: str | None = None) -> int | float:
    """A number as typed: a sign, thousands separators, the unit before or after it.

    Whole numbers stay ints (a float would round a long one); anything else is a float.
    Raises NumberError with a phrase to show, e.g. "'1,5': use a dot for decimals".
    """
    value = _strip_unit(text.strip(), unit)
    sign = ""
    if value[:1] in ("+", "-"):
        sign, value = value[0], value[1:].lstrip()
    if _THOUSANDS.fullmatch(value):
        value = value.replace(",", "")
    elif "," in value and _NUMBER_START.match(value):
        raise NumberError(
            f"{quoted(text)} is not a number: use a dot for decimals, a comma only before"
            " groups of three digits"
        )
    if not _PLAIN.fullmatch(value):
        if unit and _NUMBER_START.match(value):
            raise NumberError(f"{quoted(text)} is not a number in {unit}")
        raise NumberError(f"{quoted(text)} is not a number")
    if _WHOLE.fullmatch(value):
        digits = value.lstrip("0") or "0"
        if len(digits) > MAX_DIGITS:
            raise NumberError(f"{quoted(text)} is too large a number")
        return int(sign + digits)
    number = float(sign + value)
    if not math.isfinite(number):
        raise NumberError(f"{quoted(text)} is too large a number")
    return number

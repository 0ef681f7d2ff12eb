"""GIFT bytes as the text the reader takes apart: UTF-8 without its BOM, one kind of line
ending, and what the text holds that no bank may (bytes that are not UTF-8, characters that
reorder or hide the text around them), each found at its line and column."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from questions.models import BIDI_CONTROLS, ZERO_WIDTH
from questions.problems import Problem

_UNDECODED = re.compile("[\udc80-\udcff]")  # bytes that were not UTF-8, as decoded here
_INVISIBLE = re.compile(f"[{BIDI_CONTROLS}{ZERO_WIDTH}]")


@dataclass
class Decoded:
    """The text, the lines whose questions must be skipped, and what was met on the way."""

    text: str
    bad_lines: set[int] = field(default_factory=set)
    problems: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)


def decode(raw: bytes, file: str) -> Decoded:
    """``raw`` as text: UTF-8 (a BOM is dropped), any line endings made ``\\n``. A byte that
    is not UTF-8 is a problem at its line; an invisible character a warning at its line,
    as the reader drops it. Each whole-text check runs once, and line by line only when
    it found something, so a clean file is read in a few passes."""
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    text = raw.decode("utf-8", errors="surrogateescape")
    decoded = Decoded(text.replace("\r\n", "\n").replace("\r", "\n"))
    _not_utf8(decoded, file)
    _note_invisible(decoded, file)
    return decoded


def _not_utf8(decoded: Decoded, file: str) -> None:
    """The lines holding bytes that are not UTF-8, each a problem at its first such byte."""
    if _UNDECODED.search(decoded.text) is None:
        return
    for number, line in enumerate(decoded.text.split("\n"), start=1):
        match = _UNDECODED.search(line)
        if match is not None:
            message = "not UTF-8 text (save the file as UTF-8); this question is skipped"
            decoded.problems.append(Problem(file, number, match.start() + 1, message))
            decoded.bad_lines.add(number)


def _note_invisible(decoded: Decoded, file: str) -> None:
    """A warning at each line holding bidi controls or zero-width characters, which the
    reader drops (a bank refuses them: they make text read other than it is)."""
    if _INVISIBLE.search(decoded.text) is None:
        return
    for number, line in enumerate(decoded.text.split("\n"), start=1):
        match = _INVISIBLE.search(line)
        if match is not None:
            char = match.group()
            kind = (
                "a bidi control character, which reorders the text around it"
                if char in BIDI_CONTROLS
                else "a zero-width character, which hides in the text around it"
            )
            message = f"U+{ord(char):04X} removed: {kind}"
            decoded.warnings.append(Problem(file, number, match.start() + 1, message))

"""Markdown's marks taken out of GIFT ``[markdown]`` text, in time linear in the text.

Each rule is a regular expression whose match is replaced by one of its groups, applied in
turn as ``re.sub`` would apply it. ``re.sub`` tries a rule at every position, and a rule
such as emphasis reads on to the end of the line looking for its closing mark: a line of a
hundred thousand ``*`` that never close is then read a hundred thousand times. Here a
linear pre-scan finds where each rule can match (an opening mark with its closing mark
still ahead), and the rule is tried at those places only, so each rule reads each
character about once, with the same result.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from quiz.gift.htmltext import BREAK as _BREAK


@dataclass(frozen=True)
class Rule:
    """One mark: the pattern, the group that replaces a match (``\\1`` in ``re.sub``), the
    characters without which it cannot match, and where in a text it can match."""

    pattern: re.Pattern[str]
    group: int
    marks: re.Pattern[str]
    starts: Callable[[str], Iterator[int]]


def _positions(pattern: re.Pattern[str], text: str) -> list[int]:
    """Where a fixed-width pattern (lookarounds only, no repeats) matches: one linear scan."""
    return [match.start() for match in pattern.finditer(text)]


def _with_closer(
    text: str, openers: re.Pattern[str], closers: re.Pattern[str], gap: int
) -> Iterator[int]:
    """Each opening mark that has a closing mark of its own kind at least ``gap`` characters
    further on the same line (``.`` never crosses a line break)."""
    ends: dict[str, list[int]] = {}
    for match in closers.finditer(text):
        ends.setdefault(match.group(1), []).append(match.start())
    if not ends:
        return
    line_end = -1
    for match in openers.finditer(text):
        start = match.start()
        if start > line_end:
            found = text.find("\n", start)
            line_end = found if found != -1 else len(text)
        candidates = ends.get(match.group(1), ())
        index = bisect_left(candidates, start + gap)
        if index < len(candidates) and candidates[index] < line_end:
            yield start


# ``*word*``: an opening mark not after a word character or '*', before a non-space; a
# closing one of the same kind after a non-space, not before a word character or '*'.
_EMPHASIS_OPENS = re.compile(r"(?<![\w*])(?=([*_])\S)")
_EMPHASIS_CLOSES = re.compile(r"(?<=\S)(?=([*_])(?![\w*]))")
_STRONG_OPENS = re.compile(r"(?=(\*\*|__)\S)")
_STRONG_CLOSES = re.compile(r"(?<=\S)(?=(\*\*|__))")
_OPEN_BRACKET = re.compile(r"\[")
_CLOSE_BRACKET = re.compile(r"\]")
_TICK = re.compile("`")
_HEADING = re.compile(f"(?:^|{_BREAK})(?=#{{1,6}}\\s)")


def _emphasis(text: str) -> Iterator[int]:
    return _with_closer(text, _EMPHASIS_OPENS, _EMPHASIS_CLOSES, 2)


def _strong(text: str) -> Iterator[int]:
    return _with_closer(text, _STRONG_OPENS, _STRONG_CLOSES, 3)


def _links(text: str) -> Iterator[int]:
    """``[text](url)`` and ``![text](url)``: the first ']' after the '[' is followed by '('
    and a ')' comes later. The text between the brackets may hold '[' and line breaks."""
    closes = _positions(_CLOSE_BRACKET, text)
    last_paren = text.rfind(")")
    for bracket in _positions(_OPEN_BRACKET, text):
        index = bisect_left(closes, bracket)
        if index == len(closes):
            return
        close = closes[index]
        if text.startswith("(", close + 1) and last_paren > close + 1:
            if bracket and text[bracket - 1] == "!":
                yield bracket - 1  # an image; the bracket next, should the '!' be taken
            yield bracket


def _code(text: str) -> Iterator[int]:
    return iter(_positions(_TICK, text)[:-1])


def _headings(text: str) -> Iterator[int]:
    return iter(_positions(_HEADING, text))


_STARS = re.compile("[*_]")
RULES = (
    Rule(re.compile(r"!?\[([^\]]*)\]\([^)]*\)"), 1, _OPEN_BRACKET, _links),  # their text
    Rule(re.compile(r"(\*\*|__)(\S(?:.*?\S)?)\1"), 2, _STARS, _strong),
    Rule(re.compile(r"(?<![\w*])([*_])(\S(?:.*?\S)?)\1(?![\w*])"), 2, _STARS, _emphasis),
    Rule(re.compile(r"`([^`]*)`"), 1, _TICK, _code),
    Rule(re.compile(f"(^|{_BREAK})#{{1,6}}\\s+"), 1, re.compile("#"), _headings),
)


def substitute(rule: Rule, text: str) -> str:
    """What ``re.sub`` makes of ``text`` with the rule (each match replaced by its group),
    trying the pattern only where it can match: the same leftmost, non-overlapping matches,
    found without reading on in vain."""
    if rule.marks.search(text) is None:
        return text
    out: list[str] = []
    kept = 0
    for start in rule.starts(text):
        if start < kept:
            continue
        match = rule.pattern.match(text, start)
        if match is None:
            continue
        out.append(text[kept:start])
        out.append(match.group(rule.group))
        kept = match.end()
    out.append(text[kept:])
    return "".join(out)


def from_markdown(text: str) -> str:
    """Markdown's marks taken out, leaving the words (enough for question text)."""
    for rule in RULES:
        text = substitute(rule, text)
    return text

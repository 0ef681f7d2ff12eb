"""HTML in GIFT text as plain text, in time linear in the text.

Python's HTMLParser (before the fix in 3.13.4, 3.12.11 and 3.11.13) reads from every '<' of a
tag, comment or marked section to the end of the text when the tag never closes, then keeps
the '<' as text and starts again at the next one: ten thousand unclosed ``<a`` take minutes.
Such a '<' is written here as ``&lt;`` before the parser sees it, which the parser shows as
the same '<' with no search. A marked section the parser cannot name (``<![x[``) would make
it raise; it is kept as text the same way.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

BREAK = "\ue00a"  # a line break, as the GIFT reader marks one

_BLOCK_TAGS = frozenset(
    (
        *("p", "div", "br", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol"),
        *("table", "blockquote", "hr", "dt", "dd"),
    )
)
_SKIPPED_TAGS = frozenset(("script", "style", "head", "title"))
# What closes each construct, as HTMLParser (and its base, _markupbase) looks for it.
_COMMENT_CLOSE = re.compile(r"--\s*>")
_SECTION_CLOSE = re.compile(r"]\s*]\s*>")  # <![CDATA[ ... ]]>
_MS_SECTION_CLOSE = re.compile(r"]\s*>")  # <![if ...]> (Microsoft's conditional sections)
_SECTION_NAME = re.compile(r"[a-zA-Z][-_.a-zA-Z0-9]*")
_SECTIONS = frozenset(("temp", "cdata", "ignore", "include", "rcdata"))
_MS_SECTIONS = frozenset(("if", "else", "endif"))


class _TextParser(HTMLParser):
    """HTML to text: tags dropped (the content of scripts and styles too), entities
    decoded, block tags as line breaks; with ``keep_pre`` the first <pre> is kept apart."""

    def __init__(self, *, keep_pre: bool = False) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.keep_pre = keep_pre
        self.pre_parts: list[str] = []
        self._in_pre = 0
        self._pre_done = False
        self._skipping = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _SKIPPED_TAGS:
            self._skipping += 1
        elif tag == "pre" and self.keep_pre and not self._pre_done:
            self._in_pre += 1
        elif tag in _BLOCK_TAGS:
            self.parts.append(BREAK)

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIPPED_TAGS:
            self._skipping = max(0, self._skipping - 1)
        elif tag == "pre" and self._in_pre:
            self._in_pre -= 1
            if not self._in_pre:
                self._pre_done = True
        elif tag in _BLOCK_TAGS:
            self.parts.append(BREAK)

    def handle_data(self, data: str) -> None:
        if self._skipping:
            return
        if self._in_pre:
            self.pre_parts.append(data)
        else:
            self.parts.append(data)


def html_text(text: str, *, keep_pre: bool = False) -> tuple[str, str]:
    """The text of ``text`` read as HTML, and (with ``keep_pre``) its first <pre> block."""
    parser = _TextParser(keep_pre=keep_pre)
    parser.feed(unclosed_as_text(text))
    parser.close()
    return "".join(parser.parts), "".join(parser.pre_parts)


def _last_start(pattern: re.Pattern[str], text: str) -> int:
    last = -1
    for match in pattern.finditer(text):
        last = match.start()
    return last


def unclosed_as_text(text: str) -> str:
    """``text`` with each '<' that opens a construct never closed written ``&lt;``: a tag
    or anything else with no '>' after it, a comment with no ``-->``, a marked section with
    no closing ``]]>`` (or ``]>``), or one of a kind the parser does not know."""
    if "<" not in text:
        return text
    last_gt = text.rfind(">")
    last_comment = _last_start(_COMMENT_CLOSE, text)
    last_section = _last_start(_SECTION_CLOSE, text)
    last_ms_section = _last_start(_MS_SECTION_CLOSE, text)
    escaped = []
    for match in re.finditer("<", text):
        at = match.start()
        if at > last_gt:
            escaped.append(at)
        elif text.startswith("<!--", at):
            if last_comment < at + 4:
                escaped.append(at)
        elif text.startswith("<![", at):
            name = _SECTION_NAME.match(text, at + 3)
            kind = name.group().lower() if name else ""
            closed = (kind in _SECTIONS and last_section >= at + 3) or (
                kind in _MS_SECTIONS and last_ms_section >= at + 3
            )
            if not closed:
                escaped.append(at)
    if not escaped:
        return text
    pieces, kept = [], 0
    for at in escaped:
        pieces.append(text[kept:at])
        pieces.append("&lt;")
        kept = at + 1
    pieces.append(text[kept:])
    return "".join(pieces)

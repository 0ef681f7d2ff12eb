"""GIFT text as a bank holds it: the escapes restored and each format (``[html]``,
``[markdown]``, ``[plain]``, ``[moodle]``) turned into plain text, with the line breaks the
author asked for kept."""

from __future__ import annotations

import re
import unicodedata
from html.parser import HTMLParser

# What each escape stands for while the question is taken apart: characters from the
# private use area, so a ``\{`` can never be read as a brace.
ESCAPES = {
    ":": "\ue03a",
    "#": "\ue023",
    "=": "\ue03d",
    "{": "\ue07b",
    "}": "\ue07d",
    "~": "\ue07e",
}
NEWLINE = "\ue00a"  # ``\n``: a line break the author asked for, kept as one
UNESCAPE = str.maketrans({v: k for k, v in ESCAPES.items()})
FORMATS = ("html", "markdown", "plain", "moodle")


def with_format(text: str) -> tuple[str, str]:
    """Text without its ``[format]`` prefix, and the format (moodle when none is given)."""
    stripped = text.strip()
    if stripped.startswith("["):
        end = stripped.find("]")
        name = stripped[1:end] if end != -1 else ""
        if name in FORMATS:
            return stripped[end + 1 :], name
    return stripped, "moodle"


def answer_text(text: str, fmt: str) -> str:
    own, own_format = with_format(text)
    return plain_text(own, own_format if own_format != "moodle" else fmt)


def plain_text(text: str, fmt: str) -> str:
    """GIFT text as plain text: escapes restored, HTML tags dropped, entities decoded,
    spaces tidied; a ``\\n`` is a line break, a line break in the file is a space."""
    if fmt in ("html", "moodle", "markdown"):
        parser = _TextParser()
        parser.feed(text)
        parser.close()
        text = parser.text()
    if fmt == "markdown":
        text = from_markdown(text)
    return tidy(text.translate(UNESCAPE), collapse=fmt != "plain")


_MARKDOWN = (
    (re.compile(r"!?\[([^\]]*)\]\([^)]*\)"), r"\1"),  # links and images: their text
    (re.compile(r"(\*\*|__)(\S(?:.*?\S)?)\1"), r"\2"),  # strong
    (re.compile(r"(?<![\w*])([*_])(\S(?:.*?\S)?)\1(?![\w*])"), r"\2"),  # emphasis
    (re.compile(r"`([^`]*)`"), r"\1"),  # code
    (re.compile(r"(^|\ue00a)#{1,6}\s+"), r"\1"),  # headings
)


def from_markdown(text: str) -> str:
    """Markdown's marks taken out, leaving the words (enough for question text)."""
    for pattern, replacement in _MARKDOWN:
        text = pattern.sub(replacement, text)
    return text


def html_parts(text: str, fmt: str) -> tuple[str, str | None]:
    """The text of a question and its exhibit: the first ``<pre>`` block of HTML."""
    if fmt not in ("html", "moodle", "markdown"):
        return tidy(text.translate(UNESCAPE), collapse=False), None
    if fmt == "markdown":
        return plain_text(text, fmt), None
    parser = _TextParser(keep_pre=True)
    parser.feed(text)
    parser.close()
    exhibit = None
    if parser.pre:
        lines = parser.pre.translate(UNESCAPE).replace(NEWLINE, "\n").expandtabs(8)
        kept = [printable(line).rstrip() for line in lines.split("\n")]
        while kept and not kept[0].strip():
            kept.pop(0)
        while kept and not kept[-1].strip():
            kept.pop()
        exhibit = "\n".join(kept) or None
    return tidy(parser.text().translate(UNESCAPE)), exhibit


def printable(text: str) -> str:
    """Control characters and non-characters (U+FFFE...) taken out; line breaks kept."""
    if text.isprintable():  # the common case, and quick
        return text
    return "".join(
        c
        for c in text
        if c == "\n"
        or (unicodedata.category(c) not in ("Cc", "Cs") and (ord(c) & 0xFFFE) != 0xFFFE)
    )


_SPACES = re.compile(r"[ \t\r\f\v]+")


def tidy(text: str, *, collapse: bool = True) -> str:
    """``\\n`` (and block tags) as line breaks, a line break in the file as a space, no
    empty lines; runs of spaces as one, as a browser shows them, unless the text is plain
    (Moodle keeps a plain text's spaces, and compares short answers with them)."""
    text = text.replace("\n", " ").replace("\r", " ").replace("\t", " ")
    lines = [printable(line) for line in text.split(NEWLINE)]
    if collapse:  # HTML's white space only: a no-break space (&nbsp;) is a kept space
        lines = [_SPACES.sub(" ", line).replace("\xa0", " ") for line in lines]
    lines = [line.strip() for line in lines]
    return "\n".join(line for line in lines if line)


_BLOCK_TAGS = frozenset(
    (
        *("p", "div", "br", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol"),
        *("table", "blockquote", "hr", "dt", "dd"),
    )
)
_SKIPPED_TAGS = frozenset(("script", "style", "head", "title"))


class _TextParser(HTMLParser):
    """HTML to text: tags dropped (the content of scripts and styles too), entities
    decoded, block tags as line breaks; with ``keep_pre`` the first <pre> is kept apart."""

    def __init__(self, *, keep_pre: bool = False) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.keep_pre = keep_pre
        self.pre = ""
        self._in_pre = 0
        self._pre_done = False
        self._skipping = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _SKIPPED_TAGS:
            self._skipping += 1
        elif tag == "pre" and self.keep_pre and not self._pre_done:
            self._in_pre += 1
        elif tag in _BLOCK_TAGS:
            self.parts.append(NEWLINE)

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIPPED_TAGS:
            self._skipping = max(0, self._skipping - 1)
        elif tag == "pre" and self._in_pre:
            self._in_pre -= 1
            if not self._in_pre:
                self._pre_done = True
        elif tag in _BLOCK_TAGS:
            self.parts.append(NEWLINE)

    def handle_data(self, data: str) -> None:
        if self._skipping:
            return
        if self._in_pre:
            self.pre += data
        else:
            self.parts.append(data)

    def text(self) -> str:
        return "".join(self.parts)

"""GIFT text as a bank holds it: the escapes restored and each format (``[html]``,
``[markdown]``, ``[plain]``, ``[moodle]``) turned into plain text, with the line breaks the
author asked for kept and the characters no bank holds (control, bidi and zero-width
characters) dropped. HTML and Markdown are read in time linear in the text
(quiz.gift.htmltext, quiz.gift.markdown)."""

from __future__ import annotations

import re
import unicodedata

from questions.models import BIDI_CONTROLS, ZERO_WIDTH
from quiz.gift.htmltext import BREAK, html_text
from quiz.gift.markdown import from_markdown

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
NEWLINE = BREAK  # ``\n``: a line break the author asked for, kept as one
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
        text, _ = html_text(text)
    if fmt == "markdown":
        text = from_markdown(text)
    return tidy(text.translate(UNESCAPE), collapse=fmt != "plain")


def html_parts(text: str, fmt: str) -> tuple[str, str | None]:
    """The text of a question and its exhibit: the first ``<pre>`` block of HTML."""
    if fmt not in ("html", "moodle", "markdown"):
        return tidy(text.translate(UNESCAPE), collapse=False), None
    if fmt == "markdown":
        return plain_text(text, fmt), None
    body, pre = html_text(text, keep_pre=True)
    exhibit = None
    if pre:
        lines = pre.translate(UNESCAPE).replace(NEWLINE, "\n").expandtabs(8)
        kept = [printable(line).rstrip() for line in lines.split("\n")]
        while kept and not kept[0].strip():
            kept.pop(0)
        while kept and not kept[-1].strip():
            kept.pop()
        exhibit = "\n".join(kept) or None
    return tidy(body.translate(UNESCAPE)), exhibit


def printable(text: str) -> str:
    """Control characters, non-characters (U+FFFE...), bidi controls and zero-width
    characters taken out; line breaks kept."""
    if text.isprintable():  # the common case, and quick
        return text
    return "".join(
        c
        for c in text
        if c == "\n"
        or (
            unicodedata.category(c) not in ("Cc", "Cs")
            and (ord(c) & 0xFFFE) != 0xFFFE
            and c not in _DROPPED
        )
    )


_DROPPED = frozenset(BIDI_CONTROLS + ZERO_WIDTH)


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

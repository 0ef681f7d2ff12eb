"""Text from outside the program made safe to print: control characters shown, long values cut.

Bank files, answers files, file names, attempt names and stored rows can all carry bytes a
terminal acts on (ESC starts a sequence that can retitle the window or clear the screen).
Everything printed passes through ``visible``, so such characters appear as ``\\x1b`` instead
of being obeyed; ``shortened`` keeps a pasted novel or a 400-digit number to one line.
"""

from __future__ import annotations

import re

# C0 (except newline), DEL and C1: the characters a terminal may act on rather than show.
CONTROL_CHARACTERS = frozenset(
    chr(code) for code in (*range(0x00, 0x20), *range(0x7F, 0xA0)) if code != 0x0A
)
_VISIBLE = str.maketrans({char: f"\\x{ord(char):02x}" for char in CONTROL_CHARACTERS})


def visible(text: str) -> str:
    """``text`` with every control character but newline spelled out (ESC becomes ``\\x1b``)."""
    return text.translate(_VISIBLE)


_PRINTABLE = str.maketrans(
    {char: f"\\x{ord(char):02x}" for char in CONTROL_CHARACTERS if char not in "\t\r"}
)


# Names are capped at this many characters when given; a row kept by an earlier version or
# an imported report may hold a longer one, which is cut to this length wherever it is shown.
MAX_NAME = 200


def shown_name(name: str) -> str:
    """A stored name as a person reads it: cut to ``MAX_NAME`` characters, the cut marked
    with an ellipsis, so a pasted novel cannot fill a screen or a page."""
    return name if len(name) <= MAX_NAME else name[: MAX_NAME - 1].rstrip() + "\u2026"


def printable(text: str) -> str:
    """``visible`` for a document (an HTML or Markdown report): tabs and carriage returns,
    which a document lays out as spaces, stay; every other control character is spelled
    out, so a typed answer's ESC or NUL never reaches a file."""
    return text.translate(_PRINTABLE)


# Patterns are kept as text and compiled by ``re`` on first use (it keeps them compiled):
# compiling them on import cost every start, messages or not, most of a millisecond.
_LONG_NUMBER = r"[0-9]{31,}"


def in_message(text: str) -> str:
    """Text for a one-line message: passwords hidden, control characters shown, and every
    run of more than 30 digits cut to its first twelve and its length ("999999999999...
    (400 digits)")."""
    return re.sub(
        _LONG_NUMBER,
        lambda match: f"{match.group()[:12]}... ({len(match.group()):,} digits)",
        visible(hide_passwords(text)),
    )


# A password in a URL's user part (postgresql://ann:s3cret@host/db) or in a parameter
# (?password=s3cret, sslpassword=..., or a libpq "password=s3cret" setting), up to the
# end of the value: "&", ";", "#", a space, or the ": " after a URL in a message.
_NETLOC = r"(?P<scheme>[A-Za-z][A-Za-z0-9+.-]*://)(?P<rest>[^?#\s]*)"
_SECRET_SETTING = (
    r"(?i)(?P<key>(?<![A-Za-z0-9_])[A-Za-z_]*password=)"
    r"(?P<value>'(?:[^'\\]|\\.)*'|(?:[^&;#\s:]|:(?!\s|$))*)"
)


def _hide_user_password(match: re.Match[str]) -> str:
    rest = match.group("rest")
    user, at, host = rest.rpartition("@")
    if not at or ":" not in user:
        return match.group()
    name = user.split(":", 1)[0]
    return f"{match.group('scheme')}{name}:***@{host}"


def hide_passwords(text: str) -> str:
    """``text`` with every password it may carry replaced by ``***``: in a URL's user part
    (up to the last ``@`` before the query, so a password with a raw ``/`` or ``@`` is
    hidden whole) and in any ``...password=`` setting. Messages end up in logs and on
    projectors."""
    if "://" in text:
        text = re.sub(_NETLOC, _hide_user_password, text)
    if "assword=" in text or "ASSWORD=" in text:
        text = re.sub(_SECRET_SETTING, lambda m: f"{m.group('key')}***", text)
    return text


def display_width(text: str) -> int:
    """How many terminal columns ``text`` takes: two for a wide character (CJK, full-width
    forms), none for a combining mark or a zero-width one, one for the rest."""
    if text.isascii():
        return len(text)
    import unicodedata

    width = 0
    for char in text:
        if unicodedata.combining(char) or unicodedata.category(char) in ("Mn", "Me", "Cf"):
            continue
        width += 2 if unicodedata.east_asian_width(char) in ("W", "F") else 1
    return width


def shortened(text: str, limit: int = 60) -> str:
    """``text`` as quoted in a one-line message: cut to about ``limit`` characters, saying
    how long it was, so a huge value never floods the terminal."""
    if len(text) <= limit:
        return text
    keep = max(8, limit - 20)
    return f"{text[:keep]}... ({len(text):,} characters long)"


def quoted(text: str, limit: int = 40) -> str:
    """``text`` quoted as in a message (``'abc'``), its start only when it is longer than
    ``limit`` characters (``'1111111111...' (5,000 characters)``)."""
    if len(text) <= limit:
        return repr(text)
    return f"{text[: max(8, limit // 2)]!r}... ({len(text):,} characters)"


# Spellings in ASCII for the characters the product itself prints, for a terminal whose
# encoding cannot show them (LC_ALL=C, PYTHONIOENCODING=ascii).
_ASCII = str.maketrans(
    {
        "\u2018": "'",
        "\u2019": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u2013": "-",
        "\u2014": "-",
        "\u2212": "-",
        "\u2026": "...",
        "\u2022": "*",
        "\u00b7": "*",
        "\u00b1": "+/-",
        "\u00d7": "x",
        "\u2192": "->",
        "\u2265": ">=",
        "\u2264": "<=",
        "\u00a0": " ",
        "\u2248": "~",
        "\u2588": "#",
        "\u2591": ".",
    }
)


def encodable(text: str, encoding: str | None) -> str:
    """``text`` as a stream in ``encoding`` can take it: unchanged where it can, else with
    each character it cannot encode spelled in ASCII (an accent dropped, a dash as '-', a
    mark with no ASCII spelling as '?'), so output degrades instead of failing."""
    if not encoding:
        return text
    try:
        text.encode(encoding)
    except UnicodeEncodeError:
        pass
    except LookupError:
        return text
    else:
        return text
    import unicodedata

    out = []
    for char in text:
        try:
            char.encode(encoding)
        except UnicodeEncodeError:
            spelled = char.translate(_ASCII)
            if spelled == char:
                decomposed = unicodedata.normalize("NFKD", char)
                spelled = "".join(c for c in decomposed if not unicodedata.combining(c))
            try:
                spelled.encode(encoding)
            except UnicodeEncodeError:
                spelled = "?"
            out.append(spelled)
        else:
            out.append(char)
    return "".join(out)


def for_stream(text: str, stream: object) -> str:
    """``text`` made safe for ``stream``: control characters shown, and only characters its
    encoding can write."""
    return encodable(visible(text), getattr(stream, "encoding", None))

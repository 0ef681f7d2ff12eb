"""Text from outside the program made safe to print: control characters shown, long values cut.

Bank files, answers files, file names, attempt names and stored rows can all carry bytes a
terminal acts on (ESC starts a sequence that can retitle the window or clear the screen).
Everything printed passes through ``visible``, so such characters appear as ``\\x1b`` instead
of being obeyed; ``shortened`` keeps a pasted novel or a 400-digit number to one line.
"""

from __future__ import annotations

# C0 (except newline), DEL and C1: the characters a terminal may act on rather than show.
CONTROL_CHARACTERS = frozenset(
    chr(code) for code in (*range(0x00, 0x20), *range(0x7F, 0xA0)) if code != 0x0A
)
_VISIBLE = str.maketrans({char: f"\\x{ord(char):02x}" for char in CONTROL_CHARACTERS})


def visible(text: str) -> str:
    """``text`` with every control character but newline spelled out (ESC becomes ``\\x1b``)."""
    return text.translate(_VISIBLE)


def shortened(text: str, limit: int = 60) -> str:
    """``text`` as quoted in a one-line message: cut to about ``limit`` characters, saying
    how long it was, so a huge value never floods the terminal."""
    if len(text) <= limit:
        return text
    keep = max(8, limit - 20)
    return f"{text[:keep]}... ({len(text):,} characters long)"

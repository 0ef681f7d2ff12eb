"""The console commands print to, set up so colour and cursor codes appear only on a real
terminal, and text wrapped for it."""

from __future__ import annotations

import os
import re
from typing import TYPE_CHECKING

from quiz.safetext import visible

if TYPE_CHECKING:
    from quiz.cli.screen import Screen, Styled


def wants_prompts(plain: bool) -> bool:
    """Whether to ask with the arrow-key prompts: not with --plain, and only with a terminal
    on both ends that understands cursor codes. A dumb terminal (TERM=dumb, or no TERM at
    all: an editor's shell, some screen readers) would show them as escape codes."""
    import sys

    if plain or os.environ.get("TERM", "").strip() in ("", "dumb"):
        return False
    return sys.stdin.isatty() and sys.stdout.isatty()


def make_console(*, stderr: bool = False, plain: bool = False) -> Screen:
    """A console that degrades to plain text when output is not a terminal or NO_COLOR is set.

    Strings print as written, never as rich markup (a bank's "Welding [advanced]" keeps its
    brackets; "[/]" cannot break the output), and every control character in what is printed
    is spelled out (quiz.safetext.visible) whatever its source. Where no colour can be drawn,
    text is written without importing rich (quiz.cli.screen).
    """
    from quiz.cli.screen import Screen

    return Screen(stderr=stderr, plain=plain)


# A command as written in a message: "skillquiz take --resume", "skillquiz report 1 -o
# results.html". Wrapping never breaks one, so it can be copied from a single line.
_COMMAND = re.compile(
    r"skillquiz [a-z]+(?: (?:--?[a-z][\w-]*|\d+|[\w/~-]+\.[a-z]+))*(?: --database \S+)?"
)
_KEEP = "\u00a0"  # textwrap breaks only at ASCII whitespace, never here


def keep_together(text: str) -> str:
    """Text that ``wrap_text`` never breaks across lines (an example, a short command)."""
    return text.replace(" ", _KEEP)


def wrap_text(text: str, width: int, *, indent: int = 0, bullet: str = "") -> str:
    """Text wrapped to ``width``: later lines indented under the first line's text, commands
    kept whole, and no trailing spaces (logs and diffs of plain output stay clean)."""
    import textwrap

    kept = _COMMAND.sub(lambda match: match.group().replace(" ", _KEEP), text)
    first = " " * indent + bullet
    wrapped = textwrap.fill(
        kept,
        width=max(20, width),
        initial_indent=first,
        subsequent_indent=" " * len(first),
        break_long_words=False,
        break_on_hyphens=False,
    )
    return "\n".join(line.rstrip() for line in wrapped.replace(_KEEP, " ").splitlines())


def print_wrapped(
    console: Screen, text: str, *, indent: int = 0, bullet: str = "", style: str = ""
) -> None:
    """Print text wrapped to the console's width by ``wrap_text`` rather than by rich.

    Bank and catalog texts go in as styled text, never markup, so brackets in them
    print as written.
    """
    from quiz.cli.hints import with_database
    from quiz.cli.screen import styled

    text = with_database(text)  # a command named as a hint works as printed
    wrapped = wrap_text(visible(text), console.width, indent=indent, bullet=bullet)
    console.print(styled(wrapped, style=style), soft_wrap=True)


def print_styled_wrapped(console: Screen, text: Styled, *, hanging: int = 0) -> None:
    """Print styled text wrapped by rich, with later lines indented by ``hanging`` and no
    trailing spaces (rich pads the lines it wraps)."""
    width = max(20, console.width - hanging)
    plain = text.plain
    if plain and plain.isprintable() and console.draws_plain():
        # The lines rich's Text.wrap makes of one line of plain text, each without its
        # trailing blanks.
        from quiz.cli.screen import folded

        for number, piece in enumerate(folded(plain, width).split("\n")):
            piece = piece.rstrip()
            console.print(" " * hanging + piece if number else piece, soft_wrap=True)
        return
    from rich.text import Text

    for number, line in enumerate(text.rich().wrap(console.rich, width)):
        line.rstrip()
        console.print(Text(" " * hanging) + line if number else line, soft_wrap=True)

"""The ``skillquiz`` script's entry: ``--version``, and ``--help`` when it is in the cache,
answered before click is imported; everything else goes to the click group
(``quiz.cli.main``).

A person's first commands are these two, and importing click costs a start about as much as
starting Python does. The version is this package's; the help is the text click drew last
time for the same width, language and code (``quiz.cli.help_cache``), byte for byte.
"""

from __future__ import annotations

import os
import sys
import time

# When this run started, before click was imported: a help drawn by code changed since is
# not kept (quiz.cli.help_cache).
STARTED_NS = time.time_ns()
# Whether this run is ``skillquiz --help`` (or ``-h``): only such a help is kept.
HELP_ASKED = False

from quiz import __version__  # noqa: E402 (the start is noted first)

# As click's version option prints it (tests check they agree).
VERSION_LINE = f"skillquiz, version {__version__}\n"
_HELP = (["--help"], ["-h"])
_COMPLETION = "_SKILLQUIZ_COMPLETE"


def main() -> None:
    """Answer ``--version`` or a cached ``--help`` at once; else run the CLI."""
    try:
        answered = _answered(sys.argv[1:])
    except KeyboardInterrupt:  # Ctrl-C while the cache is read: as the CLI says it
        from quiz.cli.main import EXIT_INTERRUPTED

        if sys.stderr is not None:
            sys.stderr.write("\nInterrupted.\n")
        sys.exit(EXIT_INTERRUPTED)
    if answered:
        sys.exit(0)
    from quiz.cli.main import main as run

    run()


def _answered(args: list[str]) -> bool:
    """Whether ``args`` were answered here: written whole to stdout. Shell completion
    (click's ``_SKILLQUIZ_COMPLETE``) is click's to answer."""
    global HELP_ASKED
    if _COMPLETION in os.environ:
        return False
    if args == ["--version"]:
        return _written(VERSION_LINE.encode())
    HELP_ASKED = args in _HELP
    if HELP_ASKED and _utf8(sys.stdout):
        from quiz.cli.help_cache import cached

        text = cached()
        return text is not None and _written(text + b"\n")
    return False


def _utf8(stream: object) -> bool:
    """Whether click would write to ``stream`` in UTF-8 (the encoding the help is kept in);
    a stream it cannot write to at all is left to the CLI to report."""
    import codecs  # loaded with Python itself

    encoding = getattr(stream, "encoding", None)
    try:
        return isinstance(encoding, str) and codecs.lookup(encoding).name == "utf-8"
    except LookupError:
        return False


def _written(data: bytes) -> bool:
    """Write ``data`` whole to standard output. False when that failed: the CLI then
    writes it, and reports the failure its usual way."""
    if sys.stdout is None:
        return False
    try:
        sys.stdout.flush()
        descriptor = sys.stdout.fileno()
        done = 0
        while done < len(data):
            done += os.write(descriptor, data[done:])
    except (OSError, ValueError):
        return False
    return True

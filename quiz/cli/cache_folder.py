"""Where the user's cache folder is on Linux, and how an entry there is read, with ``os``
alone: the start of ``skillquiz --help`` looks there before it imports anything else."""

from __future__ import annotations

import os
import stat


def linux_cache_dir() -> str | None:
    """$XDG_CACHE_HOME/skillquiz (when it is an absolute path) or ~/.cache/skillquiz, as
    the XDG rules place it on Linux (elsewhere platformdirs decides: quiz.cli.file_cache);
    None when there is no home to put it in (no $HOME and no user entry): never a folder
    named "~" in the current one."""
    base = os.environ.get("XDG_CACHE_HOME", "").strip()
    if os.path.isabs(base):
        return os.path.join(base, "skillquiz")
    home = os.path.expanduser("~")
    if not os.path.isabs(home):
        return None
    return os.path.join(home, ".cache", "skillquiz")


def read_regular(path: str, limit: int) -> bytes | None:
    """A regular file's bytes, or None: not there, not a regular file (an entry replaced by
    a pipe would block a command for good, a link to a device never end), or over
    ``limit`` bytes."""
    try:
        with open(path, "rb", opener=_without_waiting) as stream:
            if not stat.S_ISREG(os.fstat(stream.fileno()).st_mode):
                return None
            data = stream.read(limit + 1)
    except OSError:
        return None
    return data if len(data) <= limit else None


def _without_waiting(path: str, flags: int) -> int:
    """Opening a named pipe waits for a writer; with O_NONBLOCK it does not."""
    return os.open(path, flags | os.O_NONBLOCK)

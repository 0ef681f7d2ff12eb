"""Where the user's cache folder is on Linux, found with ``os`` alone: the start of
``skillquiz --help`` looks there before it imports anything else."""

from __future__ import annotations

import os
import sys


def linux_cache_dir() -> str | None:
    """$XDG_CACHE_HOME/skillquiz (when it is an absolute path) or ~/.cache/skillquiz on
    Linux; None elsewhere, where platformdirs decides (quiz.cli.file_cache.cache_dir)."""
    if not sys.platform.startswith("linux"):
        return None
    base = os.environ.get("XDG_CACHE_HOME", "").strip()
    root = base if os.path.isabs(base) else os.path.join(os.path.expanduser("~"), ".cache")
    return os.path.join(root, "skillquiz")

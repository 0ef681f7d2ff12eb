"""The user cache folder as the tests see it: always there, since every test's
XDG_CACHE_HOME is a folder of its own (conftest.py)."""

from __future__ import annotations

from pathlib import Path

from quiz.cli.file_cache import cache_dir


def cache_folder() -> Path:
    """The cache folder of this test's environment."""
    folder = cache_dir()
    assert folder is not None, "the tests' environment always has a cache folder"
    return folder

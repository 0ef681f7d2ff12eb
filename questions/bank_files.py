"""Which files a set of banks is read from: the built-in folder, or the files and folders
given, each folder's *.yaml and *.yml files in order.

Apart from the loader so that finding the files (and hashing them, for the cache of
validated banks) needs neither YAML nor pydantic.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path

from questions.problems import Problem

BANK_SUFFIXES = (".yaml", ".yml")


def builtin_bank_dir() -> Path:
    """The folder of banks shipped inside the package."""
    return Path(__file__).parent / "banks"


def _outside(entry: Path, folder: Path) -> bool:
    """Whether a link in ``folder`` leads out of it: such a link is never followed, so a bank
    folder cannot make validate read (and quote) a file such as /etc/shadow."""
    if not entry.is_symlink():
        return False
    try:
        return not entry.resolve().is_relative_to(folder.resolve())
    except (OSError, RuntimeError):  # a loop of links: reading it will say so
        return False


def _bank_files_in(path: Path) -> list[Path | Problem] | Problem:
    """The bank files one path names: itself, or those in the folder it names (a link out
    of the folder becomes a Problem rather than a file to read)."""
    try:
        if path.is_dir():
            found: list[Path | Problem] = [
                Problem(str(p), 1, 1, "a link to a file outside this folder; not read")
                if _outside(p, path)
                else p
                for p in sorted(path.iterdir())
                if p.suffix in BANK_SUFFIXES and p.is_file()
            ]
            if not found:
                return Problem(str(path), 1, 1, "no bank files (*.yaml, *.yml) in this folder")
            return found
        if path.exists():
            return [path]
    except OSError as error:  # a name too long, a folder without read permission
        return Problem(str(path), 1, 1, f"cannot read: {error.strerror or error}")
    return Problem(str(path), 1, 1, "no such file or folder")


def bank_files(paths: Iterable[Path]) -> Iterator[Path | Problem]:
    """Expand folders to their bank files, each once; a Problem for anything not there."""
    seen: set[Path] = set()
    for path in paths:
        found = _bank_files_in(path)
        if isinstance(found, Problem):
            yield found
            continue
        for file in found:
            if isinstance(file, Problem):
                yield file
                continue
            try:
                key = file.resolve()
            except (OSError, RuntimeError):  # a symlink loop: reading it will say so
                key = file
            if key not in seen:
                seen.add(key)
                yield file

"""``skillquiz --help`` as click last drew it, kept in the user's cache folder and found
again by everything that drew it, so the answer comes before click is imported.

Importing click costs a start about as much as starting Python does, and click's help
formatting imports more (shutil, textwrap, locale): the top-level help could not start
under 1.15 times a bare ``import click``. Its text depends only on the code that draws it
(this package's group and click) and on what click reads to draw it (the width: $COLUMNS
and the terminal's; the language: the locale variables gettext reads).

An entry can never be stale. Its key is a SHA-256, read afresh on every use, of:

- Python's version and flags (``-OO`` drops the docstrings), the module search path, and
  where ``import click`` and ``import quiz`` find them on it;
- those inputs;
- every module of click and skillquiz loaded when the help was drawn: its path, its bytes,
  the bytes of the bytecode Python would run instead of its source (a ``.pyc`` kept beside
  a source edited since), and the state of its folder (a package or an extension module
  added there would be imported instead);
- the help itself.

An entry that does not match its key, or is not a small regular file, is a miss: click
draws the help, which is kept again. A help is kept only when ``skillquiz --help`` (or
``-h``) asked for it, through the script's entry, and every module and folder it was drawn
by was last changed before that run started; never where gettext finds a translation.
Anything going wrong in here is a miss, never an error. Linux only (elsewhere the cache
folder is platformdirs' to find, an import of its own).
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterable, Sequence

from quiz.cli.cache_folder import linux_cache_dir, read_regular

_MAGIC = "skillquiz-help 3"
_LOCALE = ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG")
_DRAWN_BY = ("click", "quiz")
# An entry is a few kilobytes and a module at most a few hundred: anything larger is not
# what was kept (a link to a device, a file put there), and is not read whole.
_MAX_ENTRY = 1 << 20
_MAX_SOURCE = 16 << 20
# Code changed this close to (or after) the start of the run that drew the help may not be
# the code that drew it: such a help is not kept.
_SETTLED_NS = 100_000_000


def cached() -> bytes | None:
    """The help kept for this width, language and code, encoded in UTF-8 (without the line
    end ``click.echo`` adds), or None."""
    try:
        return _cached()
    except Exception:  # the cache only saves time: whatever fails, click draws the help
        return None


def keep(text: str) -> None:
    """Keep ``text``, the help click has just drawn for ``skillquiz --help``, for the next
    one like it."""
    import contextlib

    with contextlib.suppress(Exception):  # the cache only saves time: failing, keep nothing
        _keep(text)


def _cached() -> bytes | None:
    inputs = _inputs()
    path = _entry_path(inputs)
    blob = None if path is None else read_regular(path, _MAX_ENTRY)
    if blob is None:
        return None
    head, _, text = blob.partition(b"\n\n")
    try:
        magic, key, *sources = _decoded(head).split("\n")
    except ValueError:
        return None
    if magic != _MAGIC or not sources or _translated() or key != _key(inputs, sources, text):
        return None
    return text


def _keep(text: str) -> None:
    """Nothing is kept for a help that colour codes or a translation shaped, that the script
    did not ask for (a program running the group with settings of its own), or that code
    changed during this run may have drawn: it would then depend on more than the key
    says."""
    launch = sys.modules.get("quiz.cli.launch")
    started = getattr(launch, "STARTED_NS", None)
    if not getattr(launch, "HELP_ASKED", False) or not isinstance(started, int):
        return
    if not all(line.isprintable() for line in text.split("\n")) or _translated():
        return
    inputs = _inputs()
    path = _entry_path(inputs)
    sources = _loaded_sources(_DRAWN_BY)
    if path is None or not sources or "\n" in "".join(sources) or not _folder_made(path):
        return
    data = text.encode("utf-8")
    key = _key(inputs, sources, data)  # read first, then checked unchanged since the start
    if key is None or not _settled(sources, started):
        return
    from pathlib import Path

    from quiz.cli.file_cache import write_entry

    head = "\n".join([_MAGIC, key, *sources]).encode("utf-8", "surrogateescape")
    write_entry(Path(path), head + b"\n\n" + data)


def _decoded(data: bytes) -> str:
    return data.decode("utf-8", "surrogateescape")


def _encoded(text: str) -> bytes:
    """Text from the environment or the file system as bytes, whatever bytes it holds."""
    return text.encode("utf-8", "surrogateescape")


def _inputs() -> str:
    """What click reads to draw the help, beside the code: $COLUMNS and the terminal's
    width (as ``shutil.get_terminal_size`` reads them), the locale variables, and Python's
    flags (``-OO`` draws the help without the docstrings)."""
    try:
        columns = str(os.get_terminal_size(sys.__stdout__.fileno()).columns)  # type: ignore[union-attr]
    except (AttributeError, ValueError, OSError):
        columns = "none"
    named = ("COLUMNS", *_LOCALE)
    values = "\n".join(f"{name}={os.environ.get(name, '')}" for name in named)
    return f"terminal={columns}\n{values}\nflags={sys.flags!r}"


def _entry_path(inputs: str) -> str | None:
    """The entry for these inputs and this search path: one file per width, language and
    way of starting (the script, ``python -m quiz``), so they do not replace each other's
    entry. None off Linux or without a home."""
    folder = linux_cache_dir() if sys.platform.startswith("linux") else None
    if folder is None:
        return None
    import hashlib

    name = hashlib.sha256(_encoded(f"{sys.prefix}\n{sys.path!r}\n{inputs}")).hexdigest()
    return os.path.join(folder, f"help-{name[:24]}")


def _key(inputs: str, sources: Iterable[str], text: bytes) -> str | None:
    """The SHA-256 an entry must carry (over what drew the help, and the help itself, so a
    damaged entry is a miss), or None when a source cannot be read."""
    import hashlib

    head = f"{_MAGIC}\n{sys.version}\n{sys.path!r}\n{inputs}\n{_resolved()}\n"
    digest = hashlib.sha256(_encoded(head))
    digest.update(f"{len(text)}:".encode())
    digest.update(text)
    folders = set()
    for source in sources:
        data = read_regular(source, _MAX_SOURCE)
        if data is None:
            return None
        digest.update(_encoded(f"{len(source)}:{source}:{len(data)}:"))
        digest.update(data)
        compiled = _bytecode(source)
        digest.update(b"no bytecode" if compiled is None else b"bytecode:" + compiled)
        folders.add(os.path.dirname(source))
    for folder in sorted(folders):
        digest.update(_encoded(f"{folder}:{_state(folder)}"))
    return digest.hexdigest()


def _bytecode(source: str) -> bytes | None:
    """The bytecode Python keeps for ``source`` and would run instead of it while its
    record of the source's time and size still matches (an edit that kept both does not
    show in the source's bytes alone)."""
    if not source.endswith(".py"):
        return None
    from importlib.util import cache_from_source

    try:
        return read_regular(cache_from_source(source), _MAX_SOURCE)
    except (NotImplementedError, ValueError):
        return None


def _state(folder: str) -> str:
    """A folder's identity and when its list of files last changed: a file added beside a
    module (a package of the same name, an extension module) would be imported instead."""
    try:
        status = os.stat(folder)
    except OSError:
        return "missing"
    return f"{status.st_dev}:{status.st_ino}:{status.st_mtime_ns}"


def _resolved() -> str:
    """Where ``import click`` and ``import quiz`` find them now: a click or a quiz put
    earlier on the search path since the help was drawn is other code."""
    from importlib.util import find_spec

    places = []
    for name in _DRAWN_BY:
        try:
            spec = find_spec(name)
        except (ImportError, ValueError):
            spec = None
        places.append(f"{name}={None if spec is None else spec.origin}")
    return "\n".join(places)


def _settled(sources: Iterable[str], started: int) -> bool:
    """Whether every source, and its folder, was last changed well before this run started
    (as the script's entry noted it, before click was imported): one changed since (an
    upgrade under way) may not be the code that drew the help. Checked after the sources
    are read, so a change between the reading and the check is seen too."""
    paths = set(sources)
    paths.update(os.path.dirname(source) for source in sources)
    for path in paths:
        try:
            status = os.stat(path)
        except OSError:
            return False
        if max(status.st_mtime_ns, status.st_ctime_ns) > started - _SETTLED_NS:
            return False
    return True


def _folder_made(path: str) -> bool:
    """Whether the entry's folder is there, made now if need be: where it cannot be (a
    read-only home), nothing more is spent on keeping the help."""
    try:
        os.makedirs(os.path.dirname(path), mode=0o700, exist_ok=True)
    except OSError:
        return False
    return True


def _translated() -> bool:
    """Whether gettext finds a catalog for click's messages: its help is then translated,
    by files the key does not cover (asked when keeping and when printing, so a catalog
    installed since is seen)."""
    import gettext

    return bool(gettext.find(gettext.textdomain(), all=True))


def _loaded_sources(packages: Sequence[str]) -> list[str]:
    """The file of every module of ``packages`` loaded now (source, bytecode or
    extension), sorted."""
    sources = set()
    for name, module in list(sys.modules.items()):
        if name.partition(".")[0] not in packages:
            continue
        source = getattr(module, "__file__", None)
        if isinstance(source, str):
            sources.add(source)
    return sorted(sources)

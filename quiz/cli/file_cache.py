"""What was concluded from files (banks validated, the catalog laid out), kept on disk and
found again by the files' bytes, so a command can skip the YAML and pydantic it would take
to conclude it anew.

An entry can never be stale: its key is a SHA-256 of everything the conclusion depends on,
read afresh on every use: each file's path and bytes, the source of the code that drew the
conclusion (every module of ``questions`` and ``scoring``, and the module using the cache),
skillquiz's version, Python's, and pydantic's and PyYAML's. Any change makes another key,
and a key that does not match what an entry records is a miss. An entry that cannot be read,
is cut short or does not match its own checksum is a miss too; the command then works from
the files as it always did and writes the entry again. Writing is atomic (a temporary file
renamed into place) and any failure to write is ignored: the cache only ever saves time.

Entries live in the user's cache folder (``cache_dir``), one file per kind of conclusion and
set of file paths, replaced when the files change, so the folder does not grow with every
edit of a bank.
"""

from __future__ import annotations

import functools
import hashlib
import os
import sys
from collections.abc import Collection, Iterable, Sequence
from pathlib import Path
from typing import Any

from quiz import __version__

_MAGIC = b"skillquiz-cache 1\n"
_PACKAGES = ("questions", "scoring")
_DEPENDENCIES = (("pydantic", "version.py"), ("yaml", "__init__.py"))
MAX_FILE_BYTES = 5 * 1024 * 1024  # as the YAML reader's limit: a larger file is never cached
# An entry larger than this is not one the cache wrote (a link to a device, a file put there).
MAX_ENTRY_BYTES = 256 * 1024 * 1024


def cache_dir() -> Path | None:
    """The user's cache folder for skillquiz: $XDG_CACHE_HOME/skillquiz or
    ~/.cache/skillquiz on Linux (found without importing platformdirs, a tenth of a start),
    platformdirs' choice elsewhere; None on Linux without a home to put it in (nothing is
    cached then). Never in SKILLQUIZ_HOME, which may be shared with a class and holds
    attempts only."""
    if sys.platform.startswith("linux"):
        from quiz.cli.cache_folder import linux_cache_dir

        linux = linux_cache_dir()
        return None if linux is None else Path(linux)
    import platformdirs

    return Path(platformdirs.user_cache_path("skillquiz"))


def read_files(paths: Iterable[Path]) -> list[tuple[str, bytes]] | None:
    """Each regular file's path and bytes, or None when one cannot be cached (not a regular
    file, unreadable, over the size limit): the command then reads the files itself and
    says what is wrong."""
    files = []
    for path in paths:
        try:
            if not path.is_file():
                return None
            with path.open("rb") as stream:
                data = stream.read(MAX_FILE_BYTES + 1)
        except OSError:
            return None
        if len(data) > MAX_FILE_BYTES:
            return None
        files.append((str(path), data))
    return files


def _source_digest(modules: Sequence[str]) -> bytes:
    """The source of every module of questions and scoring, and of ``modules`` (dotted names
    of the code using the cache), and the versions of the libraries that validate."""
    digest = hashlib.sha256(_shared_digest())
    root = Path(__file__).resolve().parent.parent.parent
    _add_sources(digest, [root.joinpath(*name.split(".")).with_suffix(".py") for name in modules])
    return digest.digest()


@functools.cache
def _shared_digest() -> bytes:
    """The part of every key that is the same for every kind of entry: skillquiz's and
    Python's versions, the source of questions and scoring, and the libraries that
    validate. Read once a run: a command that opens several entries (``cohort``: the
    catalog and each snapshot) would otherwise read the same 45 files for each."""
    from importlib.util import find_spec

    digest = hashlib.sha256(f"{__version__}\n{sys.version}\n".encode())
    root = Path(__file__).resolve().parent.parent.parent
    sources = [file for package in _PACKAGES for file in sorted((root / package).glob("*.py"))]
    for library, file in _DEPENDENCIES:
        spec = find_spec(library)
        if spec is not None and spec.origin is not None:
            sources.append(Path(spec.origin).parent / file)
    _add_sources(digest, sources)
    return digest.digest()


def _add_sources(digest: Any, sources: Iterable[Path]) -> None:
    """Each source's path and bytes into ``digest`` (a mark for one that cannot be read)."""
    for source in sources:
        digest.update(str(source).encode() + b"\0")
        try:
            digest.update(source.read_bytes())
        except OSError:
            digest.update(b"\0unreadable\0")


class Entry:
    """Where one conclusion about a set of files is kept, and the key it must match."""

    def __init__(self, kind: str, files: Sequence[tuple[str, bytes]], code: Sequence[str]):
        names = hashlib.sha256(kind.encode())
        for path, _ in files:
            names.update(path.encode("utf-8", "surrogateescape") + b"\0")
        folder = cache_dir()
        self.path = None if folder is None else folder / f"{kind}-{names.hexdigest()[:24]}"
        key = hashlib.sha256(_source_digest(code))
        for path, data in files:
            key.update(path.encode("utf-8", "surrogateescape") + b"\0")
            key.update(hashlib.sha256(data).digest())
        self.key = key.hexdigest().encode()

    def read(self) -> bytes | None:
        """The entry's payload, or None when there is none for this key or it is damaged."""
        from quiz.cli.cache_folder import read_regular

        blob = None if self.path is None else read_regular(str(self.path), MAX_ENTRY_BYTES)
        if blob is None:
            return None
        head = _MAGIC + self.key + b"\n"
        if not blob.startswith(head):
            return None
        checksum, _, payload = blob[len(head) :].partition(b"\n")
        if checksum != hashlib.sha256(payload).hexdigest().encode():
            return None
        return payload

    def write(self, payload: bytes) -> None:
        """Keep ``payload`` under this key, replacing what was kept for these paths."""
        if self.path is None:
            return
        checksum = hashlib.sha256(payload).hexdigest().encode()
        write_entry(self.path, _MAGIC + self.key + b"\n" + checksum + b"\n" + payload)


def write_entry(path: Path, blob: bytes) -> None:
    """Put ``blob`` at ``path`` in the cache folder whole or not at all (a temporary file
    renamed into place), ignoring any failure: the cache only ever saves time."""
    import tempfile

    try:
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        descriptor, temp = tempfile.mkstemp(dir=path.parent, prefix=".entry-")
        try:
            with os.fdopen(descriptor, "wb") as stream:
                stream.write(blob)
            os.replace(temp, path)
        except BaseException:
            Path(temp).unlink(missing_ok=True)
            raise
    except OSError:
        pass  # a read-only home or a full disk


def unpickle(
    payload: bytes, modules: Collection[str] = (), also: Collection[tuple[str, str]] = ()
) -> object:
    """What ``payload`` was pickled from, allowed to make only models (records or pydantic
    models) defined in ``modules`` and the classes named in ``also`` (module, name): an
    entry put in the cache folder by someone else can then make only those, never run code.
    With neither, plain data alone. Raises ``pickle.UnpicklingError`` (or whatever a damaged
    payload raises)."""
    import io
    import pickle

    from questions.record import REBUILD, is_record_class

    class Allowed(pickle.Unpickler):
        def find_class(self, module: str, name: str) -> Any:
            if (module, name) in also or (modules and (module, name) == REBUILD):
                return super().find_class(module, name)
            if module in modules:
                found = super().find_class(module, name)
                if _is_model(found) and found.__module__ == module:
                    return found
            raise pickle.UnpicklingError(f"{module}.{name} may not come from the cache")

    def _is_model(found: object) -> bool:
        if is_record_class(found):
            return True
        if "pydantic" not in sys.modules:  # no pydantic model can have been pickled then
            return False
        from pydantic import BaseModel

        return isinstance(found, type) and issubclass(found, BaseModel)

    return Allowed(io.BytesIO(payload)).load()

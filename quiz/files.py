"""Writing files a person asked for, so that a failure never leaves half a file behind.

The text goes to a temporary file in the destination folder and is renamed into place only
once it is complete and on disk: a full disk, a killed process or a read-only folder leaves
either the old file or nothing, never a truncated report.
"""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
from pathlib import Path

from quiz.errors import RuntimeFailure


def write_atomic(path: Path, data: str | bytes, *, force: bool = False) -> None:
    """Write ``data`` to ``path`` atomically; keep an existing file unless ``force``.

    Raises RuntimeFailure with a one-line reason when the file exists (without ``force``) or
    cannot be written; the temporary file is removed in every failure.
    """
    payload = data.encode("utf-8") if isinstance(data, str) else data
    shown = path
    try:
        kind = _existing_kind(path)
        if kind == "folder":
            raise RuntimeFailure(f"cannot write {path}: it is a folder")
        if kind == "special":
            raise RuntimeFailure(f"cannot write {path}: it is not a regular file")
        if path.is_symlink():
            # A link is replaced by the file, never written through: the file it points to
            # may be anyone's (a report over a link to ~/.bashrc must not land there).
            # Never a link to a device or a stream, though: /dev/stdout is such a link.
            through = _stream_link(path)
            if through is not None:
                what = "" if through == str(path) else f"a link to {through}, "
                raise RuntimeFailure(
                    f"cannot write {path}: it is {what}a program's open file or a device "
                    "(standard output is one), not a file to replace"
                )
            kind = "file"
        elif kind == "file" and force and not path.stat().st_mode & stat.S_IWUSR:
            raise RuntimeFailure(
                f"{path} is read-only; --force replaces only files you may write "
                "(make it writable first)"
            )
        if not force and kind == "file":
            raise _exists(path)
        handle, temp_name = tempfile.mkstemp(
            dir=path.parent, prefix=f".{path.name}.", suffix=".tmp"
        )
    except OSError as error:
        raise _cannot_write(shown, error) from None
    temp = Path(temp_name)
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(payload)
            stream.flush()
            os.fsync(stream.fileno())
        os.chmod(temp, _default_mode())
        _move_into_place(temp, path, force=force)
    except BaseException as error:
        with contextlib.suppress(OSError):
            temp.unlink()
        if isinstance(error, OSError):
            raise _cannot_write(shown, error) from None
        raise
    _sync_folder(path.parent)


def _sync_folder(folder: Path) -> None:
    """Put the rename itself on disk: until the folder is synced, a power cut can leave the
    old name (or none) even though the file's bytes were written.

    Best effort: the file is already in place, and some systems cannot open or sync a folder
    (Windows; some network file systems), which is no reason to report a failed write.
    """
    try:
        handle = os.open(folder, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    except OSError:
        return
    try:
        os.fsync(handle)
    except OSError:
        pass
    finally:
        os.close(handle)


def _stream_link(path: Path) -> str | None:
    """What a link at ``path`` names when it leads to a process's open files (``/dev/stdout``
    is a link to ``/proc/self/fd/1``, which stands for whatever standard output is, a file
    included), or None when it does not. Replacing such a link would put a file in /dev."""
    if _in_proc(path.parent):
        return str(path)
    current = path
    for _ in range(40):  # as many links in a row as the system itself follows
        if not current.is_symlink():
            return None
        target = Path(os.readlink(current))
        if not target.is_absolute():
            target = current.parent / target
        if _in_proc(target.parent):
            return os.readlink(path)
        current = target
    return None


def _in_proc(folder: Path) -> bool:
    real = os.path.realpath(folder)
    return real == "/proc" or real.startswith("/proc/")


def _existing_kind(path: Path) -> str | None:
    """What is at ``path`` already: None, "file", "folder" or "special".

    A pipe, device or socket (``/dev/stdout``, a FIFO) is never replaced: the rename would
    swap it for a regular file, so ``--force`` must not touch it.
    """
    try:
        mode = path.stat().st_mode
    except FileNotFoundError:
        return None
    if stat.S_ISDIR(mode):
        return "folder"
    return "file" if stat.S_ISREG(mode) else "special"


def _move_into_place(temp: Path, path: Path, *, force: bool) -> None:
    """Rename the finished temporary file to ``path``.

    Without ``force`` a hard link claims the name, which fails if another process created
    the file since the check, so an existing file is never overwritten by accident.
    """
    if force:
        os.replace(temp, path)
        return
    try:
        os.link(temp, path)
    except FileExistsError:
        raise _exists(path) from None
    except OSError:
        # Some file systems have no hard links; fall back to a checked rename.
        if path.exists():
            raise _exists(path) from None
        os.replace(temp, path)
        return
    temp.unlink()


def _default_mode() -> int:
    """The permissions a plain ``open()`` would give: 0o666 less the process umask."""
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask


def _exists(path: Path) -> RuntimeFailure:
    return RuntimeFailure(f"{path} already exists; use --force to replace it")


def _cannot_write(path: Path, error: OSError) -> RuntimeFailure:
    return RuntimeFailure(f"cannot write {path}: {_reason(path, error)}")


def _reason(path: Path, error: OSError) -> str:
    """Say why in a person's terms: a missing folder or a file in the way, else the OS's words."""
    folder = path.parent
    try:
        for ancestor in (folder, *folder.parents):
            if ancestor.exists():
                if not ancestor.is_dir():
                    return f"{ancestor} is a file, not a folder"
                if ancestor != folder:
                    return f"the folder {folder} does not exist"
                break
    except OSError:
        pass
    return error.strerror or str(error)

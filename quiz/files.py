"""Writing files a person asked for, so that a failure never leaves half a file behind.

The text goes to a temporary file in the destination folder and is renamed into place only
once it is complete and on disk: a full disk, a killed process or a read-only folder leaves
either the old file or nothing, never a truncated report.

A name that stands for a device or a stream rather than a file (``-o /dev/stdout``, a link
to it, ``/dev/null``, ``/dev/fd/3``) is written through instead, as the shell's ``>`` would:
standard output gets the text as if printed; nothing there is ever replaced by a file.
``write_output`` makes that choice once for every command that writes with -o.
"""

from __future__ import annotations

import contextlib
import os
import re
import stat
import sys
from pathlib import Path
from typing import TextIO

from quiz.errors import BadInput, RuntimeFailure
from quiz.safetext import for_stream, visible


def write_output(path: Path, text: str, *, force: bool = False) -> bool:
    """Write ``text`` where -o names: through a device or stream as it is (see
    ``writes_through``), else atomically to a file, an existing one kept unless ``force``.
    Returns whether a file was written, for the command to say so."""
    descriptor = _own_descriptor(path)
    if descriptor in (1, 2):
        stream = sys.stdout if descriptor == 1 else sys.stderr
        print_to(stream, text, f"cannot write {path}")
        return False
    if descriptor is not None or _leads_to_a_device(path):
        _write_through(path, text)
        return False
    write_atomic(path, text, force=force)
    return True


def writes_through(path: Path) -> bool:
    """Whether -o ``path`` is written through rather than replaced: a character device
    (a terminal, ``/dev/null``), named or linked to, or one of a program's open files
    (``/dev/stdout`` is a link to ``/proc/self/fd/1``). Such a name is never "already
    there" and never replaced, so ``--force`` is not needed for it."""
    return _own_descriptor(path) is not None or _leads_to_a_device(path)


def print_to(stream: TextIO, text: str, failure: str) -> None:
    """Print ``text`` to standard output or error as a command prints: control characters
    shown, only what the stream's encoding can write. ``failure`` starts the one-line
    error when the stream refuses the text (a full disk); a reader gone away (``| head``)
    ends the output quietly, as other command-line tools do."""
    try:
        if stream is sys.stderr:
            sys.stdout.flush()  # what was printed before comes before
        stream.write(for_stream(text, stream))
        stream.flush()
    except BrokenPipeError:
        _drop_stdout(stream)
    except OSError as error:
        # Keep the text still buffered from being flushed (and failing again, noisily)
        # at exit.
        _drop_stdout(stream)
        raise RuntimeFailure(f"{failure}: {error.strerror or error}") from None


def _drop_stdout(stream: TextIO) -> None:
    """Point standard output at the null device, so nothing more is written where writing
    failed (standard error stays: the error is said there)."""
    if stream is not sys.stdout:
        return
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, stream.fileno())
        os.close(devnull)
    except (OSError, ValueError):
        # No real file descriptor behind stdout (a test runner's buffer): nothing to do.
        pass


def _write_through(path: Path, text: str) -> None:
    """Write to a device or an open file by its name, as ``>`` does, minus the truncation
    (a stream has nothing to truncate; a file behind ``/dev/fd/3`` keeps what it holds)."""
    payload = visible(text).encode("utf-8")
    sys.stdout.flush()
    try:
        handle = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_NOCTTY)
    except OSError as error:
        raise _cannot_write(path, error) from None
    try:
        view = memoryview(payload)
        while view:
            view = view[os.write(handle, view) :]
    except OSError as error:
        raise RuntimeFailure(f"cannot write {path}: {error.strerror or error}") from None
    finally:
        os.close(handle)


_PROCESS_FILES = re.compile(r"/proc/([0-9]+)/fd")


def _own_descriptor(path: Path) -> int | None:
    """The descriptor of this process that ``path`` stands for (``/dev/stdout``, a link to
    ``/dev/fd/3``, ``/proc/self/fd/1``: 1, 3, 1), -1 for another program's, else None.

    Each link is followed by hand and the one into ``/proc/<pid>/fd`` kept, not resolved:
    what it leads to (a terminal, a pipe, a file standard output was sent to) is written
    through that descriptor, never replaced."""
    current = path
    try:
        for _ in range(40):  # as many links in a row as the system itself follows
            found = _PROCESS_FILES.fullmatch(os.path.realpath(current.parent))
            if found is not None and current.name.isdigit():
                return int(current.name) if int(found.group(1)) == os.getpid() else -1
            if not current.is_symlink():
                return None
            target = Path(os.readlink(current))
            current = target if target.is_absolute() else current.parent / target
    except (OSError, ValueError):
        pass  # a name too long, or a link that cannot be read: not a stream
    return None


def _leads_to_a_device(path: Path) -> bool:
    """Whether ``path``, its links followed, is a character device (a terminal, /dev/null).
    A pipe or socket is not: opening one can wait for ever, so it is refused instead."""
    try:
        return stat.S_ISCHR(path.stat().st_mode)
    except (OSError, ValueError):
        return False


def missing_target(path: Path) -> str | None:
    """Where ``path`` leads when it is a link to nothing (its file, or the file's folder,
    missing), else None. Such a name "does not exist" to Path.exists(), yet its link is in
    the way: writing there must neither report "already exists" nor pass unremarked."""
    try:
        if not path.is_symlink():
            return None
        path.stat()
    except (FileNotFoundError, NotADirectoryError):
        try:
            return os.readlink(path)
        except OSError:
            return None
    except (OSError, ValueError):
        return None  # a loop of links, a name too long: the write says why it fails
    return None


def link_to_nothing(path: Path, target: str) -> BadInput:
    """The refusal of -o onto a link to a missing file: bad input, as "already exists"."""
    return BadInput(
        f"{path} is a link to {target}, which does not exist; add --force to replace the link"
    )


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
            # Never a link to a program's open file, though (write_output writes through
            # those): /dev/stdout is one, and replacing it would put a file in /dev.
            if _own_descriptor(path) is not None:
                raise RuntimeFailure(
                    f"cannot write {path}: it is a program's open file or a device "
                    "(standard output is one), not a file to replace"
                )
            target = missing_target(path)
            if target is not None and not force:
                raise link_to_nothing(path, target)
            kind = "file"
        elif kind == "file" and force and not path.stat().st_mode & stat.S_IWUSR:
            raise RuntimeFailure(
                f"{path} is read-only; --force replaces only files you may write "
                "(make it writable first)"
            )
        if not force and kind == "file":
            raise _exists(path)
        import tempfile  # only where a file is written: it loads shutil and random

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


def _exists(path: Path) -> BadInput:
    """Bad input, as every command that takes -o says it: the person named a file that is
    there and did not ask to replace it."""
    return BadInput(f"{path} already exists; add --force to replace it")


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

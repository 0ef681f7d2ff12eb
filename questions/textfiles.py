"""Reading an input file's text within the size limit, apart from the YAML reader, so a
command that reads a JSON file (``import``) need not load PyYAML."""

from __future__ import annotations

from pathlib import Path

from questions.problems import InputError, Problem

MAX_FILE_BYTES = 5 * 1024 * 1024


def read_limited_text(path: Path) -> str:
    """The UTF-8 text of a regular file within the size limit; InputError at FILE:1:1 if not.

    Only regular files are read, and never more than the limit: a FIFO would block and
    /dev/zero reports size 0 yet never ends. Every input file (banks, answers files,
    the catalog) is read here so each refuses the same things in the same words.
    """
    file = str(path)
    try:
        if not path.is_file():
            if path.is_dir():
                kind = "a folder"
            elif not path.exists() and not path.is_symlink():
                kind = "no such file"
            else:
                kind = "not a regular file"
            raise InputError([Problem(file, 1, 1, f"cannot read: {kind}")])
        with path.open("rb") as stream:
            raw = stream.read(MAX_FILE_BYTES + 1)
    except OSError as error:
        reason = error.strerror or str(error)
        raise InputError([Problem(file, 1, 1, f"cannot read: {reason}")]) from None
    if len(raw) > MAX_FILE_BYTES:
        raise InputError([Problem(file, 1, 1, f"file is over {MAX_FILE_BYTES:,} bytes, the limit")])
    return _decode(raw, file)


def _decode(raw: bytes, file: str) -> str:
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        column = error.start - (raw.rfind(b"\n", 0, error.start) + 1) + 1
        raise InputError(
            [Problem(file, line, column, "not UTF-8 text; save the file as UTF-8")]
        ) from None

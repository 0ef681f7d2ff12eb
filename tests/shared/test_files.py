"""Atomic file writing: a report is either written whole or not at all; a device or a
program's open file is written through, never replaced."""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

import pytest

from quiz.errors import BadInput, RuntimeFailure
from quiz.files import write_atomic, write_output


def leftovers(folder: Path) -> list[str]:
    return sorted(path.name for path in folder.iterdir())


def test_writes_the_whole_text_and_leaves_no_temporary_file(tmp_path: Path) -> None:
    target = tmp_path / "report.md"
    write_atomic(target, "# Results\n\nœuvre ✓\n")
    assert target.read_text(encoding="utf-8") == "# Results\n\nœuvre ✓\n"
    assert leftovers(tmp_path) == ["report.md"]


def test_new_file_gets_the_usual_permissions(tmp_path: Path) -> None:
    umask = os.umask(0o022)
    try:
        write_atomic(tmp_path / "r.json", "{}")
    finally:
        os.umask(umask)
    assert (tmp_path / "r.json").stat().st_mode & 0o777 == 0o644


def test_existing_file_survives_without_force(tmp_path: Path) -> None:
    target = tmp_path / "report.html"
    target.write_text("keep me", encoding="utf-8")
    with pytest.raises(BadInput) as caught:
        write_atomic(target, "new")
    assert target.read_text(encoding="utf-8") == "keep me"
    assert caught.value.message == f"{target} already exists; add --force to replace it"
    assert leftovers(tmp_path) == ["report.html"]


def test_force_replaces_an_existing_file(tmp_path: Path) -> None:
    target = tmp_path / "report.html"
    target.write_text("old", encoding="utf-8")
    write_atomic(target, "new", force=True)
    assert target.read_text(encoding="utf-8") == "new"
    assert leftovers(tmp_path) == ["report.html"]


def test_a_folder_in_the_way_is_a_clear_error(tmp_path: Path) -> None:
    (tmp_path / "out").mkdir()
    with pytest.raises(RuntimeFailure, match="is a folder"):
        write_atomic(tmp_path / "out", "x", force=True)


def test_parent_that_is_a_file_fails_cleanly(tmp_path: Path) -> None:
    blocker = tmp_path / "notes.txt"
    blocker.write_text("a file, not a folder", encoding="utf-8")
    target = blocker / "report.md"
    with pytest.raises(RuntimeFailure) as caught:
        write_atomic(target, "x")
    message = caught.value.message
    assert "\n" not in message
    assert str(target) in message
    assert "is a file, not a folder" in message
    assert leftovers(tmp_path) == ["notes.txt"]


def test_missing_folder_is_named(tmp_path: Path) -> None:
    target = tmp_path / "no" / "such" / "report.md"
    with pytest.raises(RuntimeFailure) as caught:
        write_atomic(target, "x")
    assert f"the folder {target.parent} does not exist" in caught.value.message
    assert leftovers(tmp_path) == []


@pytest.mark.skipif(
    not hasattr(os, "geteuid") or os.geteuid() == 0,
    reason="permissions do not stop root from writing",
)
def test_read_only_folder_fails_cleanly(tmp_path: Path) -> None:
    folder = tmp_path / "locked"
    folder.mkdir()
    folder.chmod(0o555)
    try:
        with pytest.raises(RuntimeFailure) as caught:
            write_atomic(folder / "report.md", "x")
        assert "Permission denied" in caught.value.message
        assert leftovers(folder) == []
    finally:
        folder.chmod(0o755)


def test_disk_full_midway_leaves_neither_file_nor_temporary(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def full(fd: int) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(os, "fsync", full)
    target = tmp_path / "report.csv"
    with pytest.raises(RuntimeFailure) as caught:
        write_atomic(target, "skill,score\n" * 1000)
    assert caught.value.message == f"cannot write {target}: No space left on device"
    assert leftovers(tmp_path) == []


def test_disk_full_when_replacing_keeps_the_old_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "report.csv"
    target.write_text("old", encoding="utf-8")

    def full(fd: int) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(os, "fsync", full)
    with pytest.raises(RuntimeFailure):
        write_atomic(target, "new", force=True)
    assert target.read_text(encoding="utf-8") == "old"
    assert leftovers(tmp_path) == ["report.csv"]


def test_file_appearing_during_the_write_is_not_overwritten(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Another process creating the file between the check and the rename keeps its file."""
    target = tmp_path / "report.md"
    real_fsync = os.fsync

    def racing_fsync(fd: int) -> None:
        real_fsync(fd)
        target.write_text("theirs", encoding="utf-8")

    monkeypatch.setattr(os, "fsync", racing_fsync)
    with pytest.raises(BadInput) as caught:
        write_atomic(target, "mine")
    assert caught.value.message == f"{target} already exists; add --force to replace it"
    assert target.read_text(encoding="utf-8") == "theirs"
    assert leftovers(tmp_path) == ["report.md"]


@pytest.mark.parametrize("force", [False, True])
def test_a_fifo_is_refused_and_left_in_place(tmp_path: Path, force: bool) -> None:
    """--force replaces a file, never a pipe or device that happens to have the name."""
    fifo = tmp_path / "pipe.md"
    os.mkfifo(fifo)
    with pytest.raises(RuntimeFailure) as caught:
        write_atomic(fifo, "# Results\n", force=force)
    assert "not a regular file" in str(caught.value)
    assert fifo.is_fifo()
    assert leftovers(tmp_path) == ["pipe.md"]


def test_force_on_a_symlink_replaces_the_link_never_the_file_it_points_to(
    tmp_path: Path,
) -> None:
    real = tmp_path / "real.md"
    real.write_text("old", encoding="utf-8")
    link = tmp_path / "link.md"
    link.symlink_to(real)
    write_atomic(link, "new", force=True)
    assert not link.is_symlink()
    assert link.read_text(encoding="utf-8") == "new"
    assert real.read_text(encoding="utf-8") == "old"
    assert leftovers(tmp_path) == ["link.md", "real.md"]


def test_force_keeps_a_read_only_file(tmp_path: Path) -> None:
    target = tmp_path / "kept.md"
    target.write_text("old", encoding="utf-8")
    target.chmod(0o444)
    with pytest.raises(RuntimeFailure) as caught:
        write_atomic(target, "new", force=True)
    assert caught.value.message == (
        f"{target} is read-only; --force replaces only files you may write (make it writable first)"
    )
    assert target.read_text(encoding="utf-8") == "old"
    assert leftovers(tmp_path) == ["kept.md"]


@pytest.mark.parametrize("force", [False, True])
def test_the_folder_is_synced_after_the_file_is_in_place(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, force: bool
) -> None:
    """The rename is on disk too, not only the bytes: a power cut keeps the new name."""
    target = tmp_path / "report.md"
    synced: list[tuple[str, bool]] = []
    fsync = os.fsync

    def recording(handle: int) -> None:
        is_folder = stat.S_ISDIR(os.fstat(handle).st_mode)
        synced.append(("folder" if is_folder else "file", target.exists()))
        fsync(handle)

    monkeypatch.setattr(os, "fsync", recording)
    write_atomic(target, "text", force=force)
    assert synced == [("file", False), ("folder", True)]


def test_a_folder_that_cannot_be_synced_still_counts_as_written(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    fsync = os.fsync

    def refusing(handle: int) -> None:
        if stat.S_ISDIR(os.fstat(handle).st_mode):
            raise OSError(errno.EINVAL, "Invalid argument")
        fsync(handle)

    monkeypatch.setattr(os, "fsync", refusing)
    write_atomic(tmp_path / "report.md", "text")
    assert (tmp_path / "report.md").read_text() == "text"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["report.md"]


needs_proc = pytest.mark.skipif(
    not Path("/proc/self/fd/1").exists(), reason="needs /proc/self/fd (Linux)"
)


@needs_proc
def test_write_atomic_never_puts_a_file_where_a_process_file_stands(tmp_path: Path) -> None:
    kept = tmp_path / "kept.txt"
    kept.write_text("kept\n", encoding="utf-8")
    with kept.open("rb") as stream:
        name = Path(f"/proc/self/fd/{stream.fileno()}")
        with pytest.raises(RuntimeFailure) as caught:
            write_atomic(name, "x", force=True)
    assert str(caught.value) == (
        f"cannot write {name}: it is a program's open file or a device "
        "(standard output is one), not a file to replace"
    )
    assert kept.read_text(encoding="utf-8") == "kept\n"


@needs_proc
def test_write_output_writes_through_a_link_to_an_open_file(tmp_path: Path) -> None:
    """``3>log`` then ``-o /dev/fd/3``: the text goes to the file behind the descriptor,
    after what it holds, and the link stays a link."""
    behind = tmp_path / "behind.txt"
    link = tmp_path / "out.md"
    with behind.open("w", encoding="utf-8") as stream:
        stream.write("before\n")
        stream.flush()
        link.symlink_to(f"/dev/fd/{stream.fileno()}")
        assert write_output(link, "# Results\n", force=True) is False
    assert behind.read_text(encoding="utf-8") == "before\n# Results\n"
    assert link.is_symlink()


def test_write_output_writes_through_a_link_to_a_device(tmp_path: Path) -> None:
    link = tmp_path / "out.md"
    link.symlink_to(os.devnull)
    assert write_output(link, "# Results\n") is False
    assert (link.is_symlink(), os.readlink(link)) == (True, os.devnull)
    assert leftovers(tmp_path) == ["out.md"]


def test_write_output_refuses_a_link_to_a_fifo_without_waiting(tmp_path: Path) -> None:
    """A pipe is no device: opening one waits for a reader, so it is refused, as by name."""
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    link = tmp_path / "out.md"
    link.symlink_to(fifo)
    with pytest.raises(RuntimeFailure) as caught:
        write_output(link, "# Results\n", force=True)
    assert str(caught.value) == f"cannot write {link}: it is not a regular file"
    assert (link.is_symlink(), fifo.is_fifo()) == (True, True)


def test_write_output_writes_a_file_atomically_and_says_so(tmp_path: Path) -> None:
    target = tmp_path / "report.md"
    assert write_output(target, "# Results\n") is True
    assert target.read_text(encoding="utf-8") == "# Results\n"
    assert leftovers(tmp_path) == ["report.md"]

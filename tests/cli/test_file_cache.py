"""The cache of what files gave (banks validated, the catalog laid out): the second
``validate``, ``banks`` or ``roles`` reads no YAML and loads no model, yet every answer is
the one the files give now, however they changed and whatever became of the cache folder."""

from __future__ import annotations

import hashlib
import os
import pickle
from pathlib import Path

import pytest
from cache_entries import cache_folder
from click.testing import CliRunner
from conftest import BANK_BETA
from fresh_run import alone

from quiz.cli.main import cli


def skillquiz(home: Path, *args: str) -> tuple[int, str, list[str]]:
    """Exit code, output and the modules imported, of one run in a fresh interpreter."""
    done = alone(*args, env={"SKILLQUIZ_HOME": str(home)})  # and the test's cache
    return done.code, done.output, done.seen


def _models(modules: list[str]) -> list[str]:
    return [name for name in modules if name.split(".")[0] in ("pydantic", "yaml")]


def test_a_second_validate_and_banks_answer_from_the_cache(tmp_path: Path) -> None:
    first = skillquiz(tmp_path, "validate")
    assert first[:2] == (0, "5 banks, 197 items: OK\n")
    assert _models(first[2])
    second = skillquiz(tmp_path, "validate")
    assert second[:2] == first[:2]
    assert _models(second[2]) == []
    listing = skillquiz(tmp_path, "banks", "--format", "json")
    again = skillquiz(tmp_path, "banks", "--format", "json")
    assert again[:2] == listing[:2] and listing[0] == 0
    assert _models(again[2]) == []


def test_a_changed_bank_is_read_afresh(tmp_path: Path, bank_dir: Path) -> None:
    runner = CliRunner()
    assert runner.invoke(cli, ["validate", str(bank_dir)]).output == "2 banks, 11 items: OK\n"
    (bank_dir / "beta.yaml").write_text(BANK_BETA.replace("answer: 60", "answer: sixty"))
    result = runner.invoke(cli, ["validate", str(bank_dir)])
    assert result.exit_code == 2
    assert result.output.splitlines()[0].startswith(f"{bank_dir / 'beta.yaml'}:")
    (bank_dir / "beta.yaml").write_text(BANK_BETA.replace("text: Count up.", "text: Up."))
    assert runner.invoke(cli, ["validate", str(bank_dir)]).output == "2 banks, 11 items: OK\n"
    (bank_dir / "beta.yaml").unlink()
    assert runner.invoke(cli, ["validate", str(bank_dir)]).output == "1 bank, 7 items: OK\n"


def _entries() -> list[Path]:
    return sorted(cache_folder().glob("banks-*"))


def test_a_damaged_or_foreign_entry_is_ignored_and_replaced(
    skillquiz_home: Path, bank_dir: Path
) -> None:
    runner = CliRunner()
    expected = runner.invoke(cli, ["banks", "--bank-dir", str(bank_dir), "--format", "json"])
    [entry] = _entries()
    whole = entry.read_bytes()
    marker = skillquiz_home / "ran"
    evil = pickle.dumps(_Runs(f"touch {marker}"))
    for damage in (b"", whole[: len(whole) // 2], whole[:-1] + b"!", b"junk\n" * 9, evil):
        entry.write_bytes(damage)
        again = runner.invoke(cli, ["banks", "--bank-dir", str(bank_dir), "--format", "json"])
        assert (again.exit_code, again.output) == (0, expected.output)
        assert entry.read_bytes() == whole
    # An entry with the right key whose banks would run a command when unpickled.
    head, key, _ = whole.split(b"\n", 2)
    for forged in (
        pickle.dumps({"rows": [], "banks": evil}),
        pickle.dumps({"rows": _Runs(f"touch {marker}")}),
    ):
        checksum = hashlib.sha256(forged).hexdigest().encode()
        entry.write_bytes(b"\n".join((head, key, checksum, forged)))
        taken = runner.invoke(cli, ["banks", "--bank-dir", str(bank_dir), "--questions"])
        assert taken.exit_code == 0 and "a-self-01 (likert)" in taken.output
        listed = runner.invoke(cli, ["validate", str(bank_dir)])
        assert listed.output == "2 banks, 11 items: OK\n"
    assert not marker.exists()


@pytest.mark.parametrize("replacement", ["fifo", "device"])
def test_an_entry_that_is_not_a_file_is_passed_over_at_once(
    bank_dir: Path, replacement: str
) -> None:
    runner = CliRunner()
    expected = runner.invoke(cli, ["banks", "--bank-dir", str(bank_dir), "--format", "json"])
    [entry] = _entries()
    entry.unlink()
    if replacement == "fifo":
        os.mkfifo(entry)  # read as a file, it would wait for a writer for good
    else:
        entry.symlink_to("/dev/zero")  # read whole, it would never end
    again = runner.invoke(cli, ["banks", "--bank-dir", str(bank_dir), "--format", "json"])
    assert (again.exit_code, again.output) == (0, expected.output)
    assert entry.is_file() and not entry.is_symlink()


class _Runs:
    """Unpickled, runs a shell command: what a hostile cache entry would hold."""

    def __init__(self, command: str) -> None:
        self.command = command

    def __reduce__(self) -> tuple[object, tuple[str]]:
        return (os.system, (self.command,))


def test_a_cache_folder_that_cannot_be_written_changes_nothing(bank_dir: Path) -> None:
    cache_folder().parent.mkdir(parents=True, exist_ok=True)
    cache_folder().write_text("a file where the folder would go")
    result = CliRunner().invoke(cli, ["validate", str(bank_dir)])
    assert (result.exit_code, result.output) == (0, "2 banks, 11 items: OK\n")


def test_take_from_cached_banks_stores_what_it_would_from_the_files(bank_dir: Path) -> None:
    runner = CliRunner()
    answers = bank_dir.parent / "answers.yaml"
    answers.write_text("a-choice-01: Right\nb-num-01: 60\n")
    take = ["take", "--bank-dir", str(bank_dir), "--answers", str(answers), "--seed", "3"]
    reports = []
    for _ in range(2):  # the first loads and caches the banks, the second reads the cache
        assert runner.invoke(cli, take).exit_code == 0
        report = runner.invoke(cli, ["report", "--format", "json"])
        reports.append(report.output.split('"skills"', 1)[1])
    assert len(_entries()) == 1
    assert reports[0] == reports[1]


def test_commands_on_cached_banks_read_no_yaml(tmp_path: Path) -> None:
    for args in (("gift", "export", "--skill", "research"), ("practice", "--plain", "--seed", "1")):
        first = skillquiz(tmp_path, *args)
        second = skillquiz(tmp_path, *args)
        assert second[:2] == first[:2]
        assert "yaml" not in second[2] and "questions.models" in second[2]


def test_a_second_roles_answers_from_the_cache(tmp_path: Path) -> None:
    for args in (("roles",), ("roles", "--format", "json")):
        first = skillquiz(tmp_path, *args)
        second = skillquiz(tmp_path, *args)
        assert first[0] == 0 and second[:2] == first[:2]
        assert _models(second[2]) == []


def test_a_changed_catalog_is_read_afresh(tmp_path: Path) -> None:
    from scoring import default_catalog_path

    runner = CliRunner()
    path = tmp_path / "catalog.yaml"
    text = default_catalog_path().read_text(encoding="utf-8")
    path.write_text(text, encoding="utf-8")
    args = ["roles", "--catalog", str(path), "--format", "json"]
    before = runner.invoke(cli, args).output
    assert '"Production Technician"' in before
    path.write_text(text.replace("Production Technician", "Line Technician"), encoding="utf-8")
    after = runner.invoke(cli, args).output
    assert after == before.replace("Production Technician", "Line Technician")
    path.write_text(text.replace("job_zone: 2", "job_zone: two", 1), encoding="utf-8")
    broken = runner.invoke(cli, args)
    assert broken.exit_code == 2 and "the catalog has 1 problem;" in broken.output
    [entry] = sorted(cache_folder().glob("roles-*"))
    entry.write_bytes(entry.read_bytes()[:-9])
    path.write_text(text, encoding="utf-8")
    assert runner.invoke(cli, args).output == before

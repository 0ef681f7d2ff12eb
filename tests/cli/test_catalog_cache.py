"""The cache of the validated shipped catalog: a second ``show`` reads no YAML, yet scores
with the catalog the file gives now, whatever became of the cache folder."""

from __future__ import annotations

import hashlib
import pickle
from pathlib import Path

import pytest
from cache_entries import cache_folder
from click.testing import CliRunner
from test_file_cache import _Runs, skillquiz

from quiz.cli import catalog_cache
from quiz.cli.main import cli
from scoring.catalog import load_catalog


def _entry() -> Path:
    [entry] = sorted(cache_folder().glob("catalog-*"))
    return entry


def test_a_second_show_reads_the_catalog_from_the_cache(
    skillquiz_home: Path, bank_dir: Path
) -> None:
    answers = bank_dir.parent / "answers.yaml"
    answers.write_text("a-choice-01: Right\nb-num-01: 60\n")
    take = ["take", "--bank-dir", str(bank_dir), "--answers", str(answers), "--seed", "3"]
    assert CliRunner().invoke(cli, take).exit_code == 0
    first = skillquiz(skillquiz_home, "show", "--plain")
    second = skillquiz(skillquiz_home, "show", "--plain")
    # The skills the catalog's roles are matched on, named from the catalog.
    steps = "- Take the quiz on Critical thinking, Data analysis, Attention to detail,\n"
    assert first[0] == 0 and steps in first[1]
    assert second[:2] == first[:2]
    assert "yaml" not in second[2] and "scoring.catalog" in second[2]
    # Kept as it validated: its records are made again without validating anything.
    assert "scoring.catalog_rules" not in second[2]


def test_the_cached_catalog_is_the_one_the_file_gives() -> None:
    assert catalog_cache.load() == load_catalog()  # read and kept
    assert catalog_cache.load() == load_catalog()  # from the cache
    assert _entry().exists()


def test_a_damaged_or_foreign_entry_is_ignored_and_replaced(skillquiz_home: Path) -> None:
    expected = catalog_cache.load()
    entry = _entry()
    whole = entry.read_bytes()
    marker = skillquiz_home / "ran"
    evil = pickle.dumps(_Runs(f"touch {marker}"))
    for damage in (b"", whole[: len(whole) // 2], whole[:-1] + b"!", b"junk\n" * 9, evil):
        entry.write_bytes(damage)
        assert catalog_cache.load() == expected
        assert entry.read_bytes() == whole
    # Entries with the right key that would run a command, or are no catalog, when unpickled.
    head, key, _ = whole.split(b"\n", 2)
    for forged in (evil, pickle.dumps({"roles": []}), pickle.dumps(expected.roles[0])):
        checksum = hashlib.sha256(forged).hexdigest().encode()
        entry.write_bytes(b"\n".join((head, key, checksum, forged)))
        assert catalog_cache.load() == expected
    assert not marker.exists()


def test_scoring_reads_the_shipped_catalog_through_the_cache(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from scoring import catalog

    monkeypatch.setattr(catalog, "_builtin", None)
    monkeypatch.setattr(catalog, "_builtin_reader", catalog.load_catalog)
    catalog_cache.use()
    assert catalog.builtin_catalog() == load_catalog()
    assert _entry().exists()

"""The items and skill names of stored bank snapshots, read through the cache of what a
whole body gave: the same items, in the same order, as read without it, whatever is
damaged, and a second ``stats`` validates no item at all."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from cache_entries import cache_folder
from fresh_run import VALIDATED, alone
from runner import Run

from questions import Item, load_banks, record_schema
from quiz.attempts.draw import bank_snapshot
from quiz.classroom import stored_items
from quiz.classroom.stored_items import snapshot_items
from quiz.cli import snapshot_cache
from quiz.storage import Store
from quiz.storage.schema import digest


def _stored(store: Store, body: str) -> str:
    store.create_attempt(name=None, length="quick", seed=1, skills=["alpha"], snapshot=body)
    return digest(body)


def _bodies(bank_dir: Path) -> list[str]:
    """A whole body, one sharing its items, and damaged ones: an item that does not
    validate mid-way, a skill that is a number, a repeated id, and no JSON at all."""
    banks = load_banks([bank_dir])
    whole = json.loads(bank_snapshot(banks, ["alpha", "beta"]).to_json())
    beta = json.loads(bank_snapshot(banks, ["beta"]).to_json())
    beta["banks"][0]["skill"]["name"] = "Beta renamed"
    beta["questions"][0]["item"]["text"] = "Changed, but the first read of it is kept."
    broken = json.loads(json.dumps(whole))
    broken["questions"][3]["item"]["type"] = "nonsense"
    numbered = json.loads(json.dumps(beta))
    numbered["questions"][1]["skill"] = 7
    repeated = json.loads(json.dumps(whole))
    repeated["questions"].append({**whole["questions"][2], "skill": "beta"})
    return [json.dumps(body) for body in (broken, numbered, beta, whole, repeated)] + ["{"]


Listing = tuple[list[tuple[tuple[str, str], Item]], list[tuple[str, str]]]


def _listing(store: Store, keys: list[str]) -> Listing:
    """What was read, in the order read."""
    items, names = snapshot_items(store, keys)
    return list(items.items()), list(names.items())


def test_every_body_reads_the_same_through_the_cache(
    bank_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(stored_items, "_keeper", None)
    with Store.open() as store:
        keys = [_stored(store, body) for body in _bodies(bank_dir)]
        expected = _listing(store, keys)
        monkeypatch.setattr(stored_items, "_keeper", snapshot_cache._ItemsKeeper())
        assert _listing(store, keys) == expected  # read, and the whole bodies kept
        assert _listing(store, keys) == expected  # from what was kept
        assert _listing(store, list(reversed(keys))) != expected  # the order matters
    listed = dict(expected[0])
    assert len(listed) == 13 and ("b-choice-01", "7") in listed  # the damaged bodies read
    assert listed[("b-self-01", "beta")].text == "Changed, but the first read of it is kept."
    assert expected[1] == [("alpha", "Alpha skill"), ("beta", "Beta skill")]


def test_a_kept_body_validates_nothing_and_a_damaged_entry_is_a_miss(
    bank_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(stored_items, "_keeper", snapshot_cache._ItemsKeeper())
    whole = _bodies(bank_dir)[3]
    with Store.open() as store:
        key = _stored(store, whole)
        expected = _listing(store, [key])
        [entry] = sorted(cache_folder().glob("snapshot-items-*"))
        kept = entry.read_bytes()
        for damage in (b"", kept[:-1] + b"!", b"junk\n" * 9):
            entry.write_bytes(damage)
            assert _listing(store, [key]) == expected
            assert entry.read_bytes() == kept

        def refuse(kind: object, data: object) -> None:
            raise AssertionError("an item was validated")

        monkeypatch.setattr(record_schema, "validate", refuse)
        assert _listing(store, [key]) == expected


def _stats_alone(home: Path) -> tuple[str, bool]:
    """The output of one ``stats`` in a fresh interpreter, and whether it built the item
    validator."""
    done = alone("stats", "--format", "json", probe=VALIDATED, env={"SKILLQUIZ_HOME": str(home)})
    assert done.code == 0, done.output
    return done.output, bool(done.seen)


def test_a_second_stats_validates_no_item(run: Run, bank_dir: Path, skillquiz_home: Path) -> None:
    answers = bank_dir.parent / "answers.yaml"
    answers.write_text("a-choice-01: Right\nb-num-01: 60\n")
    take = ["take", "--bank-dir", str(bank_dir), "--answers", str(answers), "--seed", "1"]
    assert run(*take).exit_code == 0
    first = _stats_alone(skillquiz_home)
    second = _stats_alone(skillquiz_home)
    assert (first[1], second[1]) == (True, False)
    assert second[0] == first[0] and json.loads(first[0])["attempts"] == 1

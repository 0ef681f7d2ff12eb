"""Stored bank snapshots read through the cache of what was validated: after ``take`` the
first ``show`` validates none of its questions, yet every command reads what the stored body
says now, and a damaged body, draw or cache entry reads exactly as without the cache."""

from __future__ import annotations

import json
import os
import pickle
import shutil
import sqlite3
from pathlib import Path

import pytest
from cache_entries import cache_folder
from fresh_run import VALIDATED, alone
from runner import Run

from questions import load_banks
from quiz.attempts.draw import draw
from quiz.attempts.session import Session
from quiz.attempts.snapshot import StoredBanks, encode_draw
from quiz.cli import snapshot_cache
from quiz.storage import Store

pytestmark = pytest.mark.cli_runner(columns=120)

DB = "skillquiz.sqlite3"
# Two of the questions of the alpha and beta banks (tests/conftest.py); the rest skipped.
ANSWERS = "a-choice-01: Right\nb-num-01: 60\n"


def _take(run: Run, bank_dir: Path, seed: str = "3") -> None:
    answers = bank_dir.parent / "answers.yaml"
    answers.write_text(ANSWERS)
    take = ["take", "--bank-dir", str(bank_dir), "--answers", str(answers), "--seed", seed]
    result = run(*take)
    assert result.exit_code == 0, result.output


def _entries() -> list[Path]:
    return sorted(cache_folder().glob("snapshot-*"))


def _show_alone(*args: str) -> tuple[int, str, list[bool]]:
    """Exit code and output of one ``show`` in a fresh interpreter, and whether it built the
    validators of a snapshot's banks, questions and whole."""
    done = alone("show", *args, probe=VALIDATED, columns=120)
    models = ("BankRef", "AskedQuestion", "Snapshot")
    return done.code, done.output, [model in done.seen for model in models]


def _sql(home: Path, statement: str, *values: object) -> None:
    conn = sqlite3.connect(home / DB)
    conn.execute(statement, values)
    conn.commit()
    conn.close()


def test_the_first_show_after_take_validates_nothing_and_shows_the_same(
    run: Run, bank_dir: Path
) -> None:
    _take(run, bank_dir)
    assert len(_entries()) == 1
    cached = _show_alone("1", "--review")
    assert cached[0] == 0 and "Beta skill" in cached[1]
    assert cached[2] == [False, False, False]
    shutil.rmtree(cache_folder())
    fresh = _show_alone("1", "--review")
    assert fresh[:2] == cached[:2]
    # The drawn banks and questions validated; the whole is made from them unvalidated.
    assert fresh[2] == [True, True, False]
    assert len(_entries()) == 1  # kept again by the show that validated


def test_a_body_edited_in_the_database_is_read_as_it_is_now(
    run: Run, bank_dir: Path, skillquiz_home: Path
) -> None:
    _take(run, bank_dir)
    before = json.loads(run("report", "1", "--format", "json").output)
    with Store.open() as store:
        row = store.attempt(1)
        assert row is not None
        body = json.loads(store.snapshot(row.snapshot) or "")
    for question in body["questions"]:
        question["item"]["text"] = question["item"]["text"].upper()
    _sql(skillquiz_home, "UPDATE snapshots SET body = ?", json.dumps(body))
    after = json.loads(run("report", "1", "--format", "json").output)
    texts = [(one["question_id"], one["text"]) for one in after["responses"]]
    assert texts == [(one["question_id"], one["text"].upper()) for one in before["responses"]]


@pytest.mark.parametrize(
    ("damage", "problems"),
    [
        ("positions", "a problem"),  # an option shown twice
        ("twice", "a problem"),  # a question asked twice
        ("unknown", "a problem"),  # a question the banks do not hold
    ],
)
def test_a_damaged_draw_of_a_kept_body_fails_as_without_the_cache(
    run: Run, bank_dir: Path, skillquiz_home: Path, damage: str, problems: str
) -> None:
    _take(run, bank_dir)
    with Store.open() as store:
        row = store.attempt(1)
        assert row is not None and row.draw is not None
    entries = row.draw.split(",")
    index = next(i for i, entry in enumerate(entries) if ":" in entry)
    question_id, _, order = entries[index].partition(":")
    if damage == "positions":
        listed = order.split(".")
        entries[index] = f"{question_id}:{'.'.join([listed[0], *listed[:-1]])}"
    elif damage == "twice":
        entries.append(entries[index])
    else:
        entries.append("b-none-99")
    _sql(skillquiz_home, "UPDATE attempts SET draw = ? WHERE id = 1", ",".join(entries))
    expected = (
        1,
        f"Error: attempt 1 cannot be read ({problems} in its stored questions); "
        "delete it with skillquiz history --delete 1\n",
    )
    shown = run("show", "1")
    assert (shown.exit_code, shown.output) == expected
    shutil.rmtree(cache_folder())
    shown = run("show", "1")
    assert (shown.exit_code, shown.output) == expected


class _Runs:
    """A pickled object that would run a command if it were ever unpickled."""

    def __init__(self, command: str) -> None:
        self.command = command

    def __reduce__(self) -> tuple[object, tuple[str]]:
        return (os.system, (self.command,))


def test_a_damaged_or_foreign_entry_is_a_miss(
    run: Run, bank_dir: Path, skillquiz_home: Path
) -> None:
    _take(run, bank_dir)
    expected = run("report", "1", "--format", "json").output
    [path] = _entries()
    whole = path.read_bytes()
    marker = skillquiz_home / "ran"
    evil = pickle.dumps(_Runs(f"touch {marker}"))
    with Store.open() as store:
        row = store.attempt(1)
        assert row is not None
        body = store.snapshot(row.snapshot) or ""
    kept = snapshot_cache._entry(body)
    foreign = [
        {"skills": ("alpha", "beta"), "questions": {"a-choice-01": evil}, "refs": {0: evil}},
        {"skills": ("alpha", "beta"), "questions": {"a-choice-01": b"junk"}, "refs": {1: b""}},
        {"skills": ["alpha", "beta"], "questions": {}, "refs": {}},
        ["not", "an", "entry"],
    ]
    for damage in (b"", whole[: len(whole) // 2], whole[:-1] + b"!", b"junk\n" * 9):
        path.write_bytes(damage)
        assert run("report", "1", "--format", "json").output == expected
        assert path.read_bytes() != damage  # replaced by what was validated
    for payload in foreign:  # under the right key, with the right checksum
        kept.write(pickle.dumps(payload))
        assert run("report", "1", "--format", "json").output == expected
    kept.write(evil)
    assert run("report", "1", "--format", "json").output == expected
    assert not marker.exists()


def test_every_draw_reads_the_same_from_kept_parts_as_validated(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """All built-in banks, many draws: the snapshot built from kept parts (read back from
    the cache by a new keeper) is the one validation builds, question for question."""
    monkeypatch.setattr("quiz.attempts.snapshot._keeper", None)  # validated: no keeper
    banks = load_banks()
    skills = [loaded.skill.id for loaded in banks.banks]
    with Store.open(tmp_path) as store:
        session = Session.start(store, banks, skills=skills, length="standard", seed=1)
        body = store.snapshot(session.attempt.snapshot)
    assert body is not None
    StoredBanks(body, snapshot_cache._Keeper()).snapshot(session.attempt.draw)
    for seed in range(12):
        for length in ("quick", "standard", "full"):
            drawn = encode_draw(draw(banks, skills, length, seed))
            keeper = snapshot_cache._Keeper()
            validated = StoredBanks(body, None).snapshot(drawn)
            assert StoredBanks(body, keeper).snapshot(drawn) == validated
            assert StoredBanks(body, snapshot_cache._Keeper()).snapshot(drawn) == validated
    parts = snapshot_cache._Keeper().read(body)
    assert parts is not None
    assert len(parts.questions) == len(banks.items) and len(parts.refs) == len(skills)

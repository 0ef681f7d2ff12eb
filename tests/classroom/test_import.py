"""``skillquiz import``: learners' JSON reports into the attempts database."""

from __future__ import annotations

import json
import os
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import pytest
from class_fixtures import record
from click.testing import CliRunner
from fresh_run import alone
from runner import Run

from questions import load_banks
from quiz.classroom.importing import attempt_digest, plain_digest
from quiz.cli.main import cli
from quiz.storage import Store

pytestmark = pytest.mark.cli_runner(columns=120)

RESEARCH = {"rs-self-01": 4}


def export(
    run: Run,
    folder: Path,
    name: str,
    answers: dict[str, Any],
    *,
    skills: tuple[str, ...] = ("research",),
    bank_dir: Path | None = None,
    seed: int = 1,
) -> Path:
    """A report exported by a learner: their attempt, in their own home, as JSON."""
    home = folder / f"home-{name}"
    old = os.environ["SKILLQUIZ_HOME"]
    os.environ["SKILLQUIZ_HOME"] = str(home)
    try:
        banks = load_banks([bank_dir] if bank_dir else None)
        with Store.open() as store:
            attempt = record(
                store, banks, answers, name=name, skills=skills, length="quick", seed=seed
            )
        path = folder / f"{name}.json"
        result = run("report", str(attempt), "--format", "json", "-o", str(path))
        assert result.exit_code == 0, result.output
    finally:
        os.environ["SKILLQUIZ_HOME"] = old
    return path


def attempts() -> list[tuple[str | None, int]]:
    with Store.open(readonly=True) as store:
        return [(a.name, len(store.answers(a.id))) for a in reversed(store.attempts())]


def test_a_report_becomes_a_finished_attempt_with_its_name_and_answers(
    run: Run, tmp_path: Path
) -> None:
    path = export(run, tmp_path, "Ada", RESEARCH)
    result = run("import", str(path))
    assert (result.exit_code, result.output) == (0, "Imported 1 attempt.\n")
    [(name, answered)] = attempts()
    assert name == "Ada" and answered == 4  # a quick attempt asks 4 research questions
    original = json.loads(path.read_text(encoding="utf-8"))
    shown = json.loads(run("report", "--format", "json").output)
    assert shown["attempt"]["name"] == "Ada"
    assert shown["skills"] == original["skills"]
    assert [r["credit"] for r in shown["responses"]] == [r["credit"] for r in original["responses"]]


def test_importing_the_same_report_twice_stores_it_once(run: Run, tmp_path: Path) -> None:
    path = export(run, tmp_path, "Ada", RESEARCH)
    copy = tmp_path / "again" / "ada-copy.json"
    copy.parent.mkdir()
    copy.write_bytes(path.read_bytes())
    assert run("import", str(path)).exit_code == 0
    result = run("import", str(path), str(copy.parent))
    assert (result.exit_code, result.output) == (0, "Imported 0 attempts; 2 already imported.\n")
    assert len(attempts()) == 1


def test_a_report_exported_from_this_database_is_already_there(run: Run, tmp_path: Path) -> None:
    with Store.open() as store:
        record(store, load_banks(), RESEARCH, name="Ada", skills=("research",), length="quick")
    path = tmp_path / "ada.json"
    run("report", "--format", "json", "-o", str(path))
    result = run("import", str(path))
    assert result.output == "Imported 0 attempts; 1 already imported.\n"


def test_a_schema_2_report_is_imported(run: Run, tmp_path: Path) -> None:
    path = export(run, tmp_path, "Ada", RESEARCH)
    report = json.loads(path.read_text(encoding="utf-8"))
    report["schema_version"] = 2
    report["attempt"]["experience_years"] = 2
    del report["attempt"]["banks"]
    for response in report["responses"]:
        del response["text"]
    path.write_text(json.dumps(report), encoding="utf-8")
    assert run("import", str(path)).output == "Imported 1 attempt.\n"
    assert attempts() == [("Ada", 4)]
    with Store.open(readonly=True) as store:
        assert store.attempts()[0].experience_years == 2


def test_each_bad_file_is_one_line_and_the_good_ones_are_imported(run: Run, tmp_path: Path) -> None:
    folder = tmp_path / "class"
    good = export(run, tmp_path, "Ada", RESEARCH)
    folder.mkdir()
    (folder / "ada.json").write_bytes(good.read_bytes())
    (folder / "notes.json").write_text("not json at all", encoding="utf-8")
    other = json.loads(good.read_text(encoding="utf-8"))
    other["schema_version"] = 4
    (folder / "future.json").write_text(json.dumps(other), encoding="utf-8")
    edited = json.loads(good.read_text(encoding="utf-8"))
    edited["attempt"]["name"] = "Eve"
    edited["responses"][0]["text"] = "A question the bank never asked."
    first = edited["responses"][0]["question_id"]
    (folder / "edited.json").write_text(json.dumps(edited), encoding="utf-8")
    os.mkfifo(folder / "pipe.json")
    (folder / "loop.json").symlink_to(folder / "loop.json")
    (folder / "sub").mkdir()
    (folder / "sub" / "up").symlink_to(folder)
    with (folder / "huge.json").open("wb") as stream:
        stream.truncate(1 << 30)  # 1 GiB, sparse: refused by its size, never read
    (folder / "readme.txt").write_text("not a report", encoding="utf-8")

    result = CliRunner(env={"COLUMNS": "120"}).invoke(cli, ["import", str(folder)])
    assert result.exit_code == 2
    digest = json.loads(good.read_text(encoding="utf-8"))["attempt"]["banks"][0]["digest"]
    assert result.stderr.splitlines() == [
        f"{folder}/edited.json: question {first} contradicts bank research stored here under "
        f"the same digest {digest}: its text differs",
        f"{folder}/future.json: a report of schema_version 4; this version imports 1, 2 and 3",
        f"{folder}/huge.json: 1,073,741,824 bytes, over the 5,242,880-byte limit for a report",
        f"{folder}/loop.json: a symlink loop",
        f"{folder}/notes.json: not JSON (Expecting value: line 1 column 1 (char 0))",
        f"{folder}/pipe.json: not a regular file (a FIFO, device or socket); refused",
        f"{folder}/sub/up: a symlink loop (this folder is already being read)",
    ]
    assert result.stdout == "Imported 1 attempt; 7 files could not be imported.\n"
    assert attempts() == [("Ada", 4)]


def test_a_trainers_own_bank_is_given_with_bank_dir(
    run: Run, tmp_path: Path, bank_dir: Path
) -> None:
    path = export(run, tmp_path, "Ada", {"b-num-01": 60}, skills=("beta",), bank_dir=bank_dir)
    refused = run("import", str(path))
    assert refused.exit_code == 2
    assert (
        "no bank here holds question" in refused.stderr
        and "give its bank with --bank-dir" in refused.stderr
    )
    result = run("import", str(path), "--bank-dir", str(bank_dir))
    assert (result.exit_code, result.stdout) == (0, "Imported 1 attempt.\n")


def test_an_unfinished_attempt_is_not_imported(run: Run, tmp_path: Path) -> None:
    path = export(run, tmp_path, "Ada", RESEARCH)
    report = json.loads(path.read_text(encoding="utf-8"))
    report["attempt"]["finished_at"] = None
    path.write_text(json.dumps(report), encoding="utf-8")
    result = run("import", str(path))
    assert result.exit_code == 2
    assert (
        result.stderr
        == f"{path}: the attempt is not finished; only finished attempts are imported\n"
    )


def test_a_missing_file_is_one_line(run: Run, tmp_path: Path) -> None:
    result = run("import", str(tmp_path / "nope.json"))
    assert (result.exit_code, result.stderr) == (
        2,
        f"{tmp_path / 'nope.json'}: no such file or folder\n",
    )


@pytest.mark.parametrize("content", ["[]", '{"schema_version": 1}', '{"schema_version": true}'])
def test_json_that_is_not_a_report_is_one_line(run: Run, tmp_path: Path, content: str) -> None:
    path = tmp_path / "x.json"
    path.write_text(content, encoding="utf-8")
    result = run("import", str(path))
    assert result.exit_code == 2
    assert result.stderr.startswith(f"{path}: ") and result.stderr.count("\n") == 1


def test_database_chooses_where_reports_go_and_what_stats_reads(run: Run, tmp_path: Path) -> None:
    path = export(run, tmp_path, "Ada", RESEARCH)
    shared = tmp_path / "class.sqlite3"
    assert run("import", str(path), "--database", str(shared)).exit_code == 0
    assert attempts() == []  # nothing in the default database
    data = json.loads(run("stats", "--format", "json", "--database", str(shared)).output)
    assert [(s["skill"], s["attempts"]) for s in data["skills"]] == [("research", 1)]
    cohort = json.loads(run("cohort", "--format", "json", "--database", str(shared)).output)
    assert cohort["learners"] == 1


def test_a_schema_1_report_is_imported(run: Run, tmp_path: Path) -> None:
    """Reports written before schema 2 carry the banks' digests and each question's text."""
    path = export(run, tmp_path, "Ada", RESEARCH)
    report = json.loads(path.read_text(encoding="utf-8"))
    report["schema_version"] = 1
    report["attempt"].pop("experience_years", None)
    assert report["attempt"]["banks"] and all("text" in r for r in report["responses"])
    path.write_text(json.dumps(report), encoding="utf-8")
    assert run("import", str(path)).output == "Imported 1 attempt.\n"
    assert attempts() == [("Ada", 4)]


def _import_alone(path: Path) -> tuple[str, list[str]]:
    """The output of one ``import`` in a fresh interpreter, and which of the report's
    validators and pydantic it loaded."""
    done = alone("import", str(path))
    assert done.code == 0, done.output
    watched = ("quiz.classroom.report_shape", "pydantic")
    return done.output, [name for name in watched if name in done.seen]


def test_a_report_already_imported_is_known_without_validating_it(run: Run, tmp_path: Path) -> None:
    path = export(run, tmp_path, "Ada", RESEARCH)
    assert _import_alone(path) == (
        "Imported 1 attempt.\n",
        ["quiz.classroom.report_shape", "pydantic"],
    )
    assert _import_alone(path) == ("Imported 0 attempts; 1 already imported.\n", [])
    assert len(attempts()) == 1


def test_a_duplicate_spelled_otherwise_is_found_by_reading_it_in_full(
    run: Run, tmp_path: Path
) -> None:
    path = export(run, tmp_path, "Ada", RESEARCH)
    assert run("import", str(path)).exit_code == 0
    data = json.loads(path.read_text(encoding="utf-8"))
    data["attempt"]["seed"] = float(data["attempt"]["seed"])  # 1.0: the same seed
    started = datetime.fromisoformat(data["attempt"]["started_at"])
    data["attempt"]["started_at"] = started.astimezone(timezone(timedelta(hours=2))).isoformat()
    path.write_text(json.dumps(data), encoding="utf-8")
    result = run("import", str(path))
    assert (result.exit_code, result.output) == (0, "Imported 0 attempts; 1 already imported.\n")
    assert len(attempts()) == 1


def test_a_report_the_digest_cannot_read_is_left_to_the_full_read() -> None:
    nested: list[Any] = []
    for _ in range(5_000):  # deeper than json can write back
        nested = [nested]
    attempt = {"name": "Ada", "seed": 1, "length": "quick"}
    times = {"started_at": "2026-01-01T10:00:00Z", "finished_at": "2026-01-01T10:05:00Z"}
    data = {"attempt": {**attempt, **times}, "responses": [{"question_id": "q", "answer": nested}]}
    assert plain_digest(data) is None
    plain = {**data, "responses": [{"question_id": "q", "answer": "x"}]}
    assert plain_digest(plain) == attempt_digest(
        "Ada",
        datetime(2026, 1, 1, 10, tzinfo=UTC),
        datetime(2026, 1, 1, 10, 5, tzinfo=UTC),
        "quick",
        1,
        {"q": "x"},
    )

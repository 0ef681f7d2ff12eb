"""``skillquiz import`` given reports that are wrong in every way a file can be: each is one
line naming the file, the rest are imported, and a summary is printed; times without a
time zone are read as UTC, said so, and never break the class's reports afterwards."""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from class_fixtures import record
from click.testing import CliRunner, Result

from questions import load_banks
from quiz.cli.main import cli
from quiz.storage import Store


def run(*args: str) -> Result:
    return CliRunner(env={"COLUMNS": "120"}).invoke(cli, list(args))


@pytest.fixture
def report(tmp_path: Path) -> dict[str, Any]:
    """A report a learner exported from their own home, as data."""
    old = os.environ["SKILLQUIZ_HOME"]
    os.environ["SKILLQUIZ_HOME"] = str(tmp_path / "learner")
    try:
        with Store.open() as store:
            record(store, load_banks(), {"rs-self-01": 4}, name="Ada", skills=("research",))
        result = run("report", "--format", "json")
        assert result.exit_code == 0, result.output
    finally:
        os.environ["SKILLQUIZ_HOME"] = old
    data: dict[str, Any] = json.loads(result.stdout)
    return data


def _edited(report: dict[str, Any], change: Callable[[dict[str, Any]], None]) -> str:
    copy = json.loads(json.dumps(report))
    change(copy)
    return json.dumps(copy)


def _attempt(**fields: object) -> Callable[[dict[str, Any]], None]:
    return lambda data: data["attempt"].update(fields)


def test_each_hostile_report_is_one_line_and_the_rest_are_imported(
    tmp_path: Path, report: dict[str, Any], database_url: str
) -> None:
    folder = tmp_path / "class"
    folder.mkdir()
    whole = json.dumps(report)
    files = {
        "a-big-seed.json": _edited(report, _attempt(seed=10**100, name="Big")),
        "b-negative-seed.json": _edited(report, _attempt(seed=-1, name="Neg")),
        "c-year-1.json": _edited(
            report, _attempt(started_at="0001-01-01T00:00:00+14:00", name="Early")
        ),
        "d-year-9999.json": _edited(
            report, _attempt(finished_at="9999-12-31T23:59:59-14:00", name="Late")
        ),
        "e-before-1970.json": _edited(report, _attempt(started_at="1960-05-01T10:00:00Z")),
        "f-nested.json": whole[:-1] + ', "x": ' + "[" * 100_000 + "]" * 100_000 + "}",
        "g-long-name.json": _edited(report, _attempt(name="N" * 3_000_000)),
        "h-good.json": whole,
        "i-no-zone.json": _edited(
            report,
            _attempt(started_at="2026-01-01", finished_at="2026-01-01T00:10:00", name="Nia"),
        ),
    }
    for name, text in files.items():
        (folder / name).write_text(text, encoding="utf-8")

    result = run("import", str(folder), "--database", database_url)
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [
        f"{folder}/i-no-zone.json: note: its times carry no time zone; read as UTC",
        f"{folder}/a-big-seed.json: not a skillquiz report: attempt.seed: Input should be "
        "less than 9223372036854775808",
        f"{folder}/b-negative-seed.json: not a skillquiz report: attempt.seed: Input should "
        "be greater than or equal to 0",
        f"{folder}/c-year-1.json: attempt.started_at: 0001-01-01T00:00:00+14:00 is out of range",
        f"{folder}/d-year-9999.json: attempt.finished_at: 9999-12-31T23:59:59-14:00 is out of "
        "range",
        f"{folder}/e-before-1970.json: attempt.started_at: 1960-05-01T10:00:00+00:00 is "
        "before 1970",
        f"{folder}/f-nested.json: its JSON is nested too deeply to be a skillquiz report",
        f"{folder}/g-long-name.json: attempt.name: a name of 3,000,000 characters; names are "
        "at most 200 characters",
    ]
    assert result.stdout == "Imported 2 attempts; 7 files could not be imported.\n"
    with Store.open(url=database_url, readonly=True) as store:
        kept = [(a.name, a.started_at.isoformat(), a.source) for a in store.attempts()]
    assert sorted(kept) == [
        ("Ada", report["attempt"]["started_at"].replace("Z", "+00:00"), "imported"),
        ("Nia", "2026-01-01T00:00:00+00:00", "imported"),
    ]


def test_a_time_without_a_zone_stored_by_an_older_import_breaks_no_report(
    database_url: str,
) -> None:
    """Before times were read as UTC on import, a report's "2026-01-01" was stored as it
    came; one such attempt stopped cohort for the whole database."""
    banks = load_banks()
    with Store.open(url=database_url) as store:
        record(store, banks, {"rs-self-01": 4}, name="Ada", skills=("research",))
        old = record(store, banks, {"rs-self-01": 2}, name="Nia", skills=("research",))
        with store.batch() as batch:
            batch._db.execute(
                "UPDATE attempts SET started_at = '2026-01-01', finished_at ="
                " '2026-01-01T00:10:00' WHERE id = ?",
                (old,),
            )
    for fmt in ("md", "json", "csv"):
        result = run("cohort", "--format", fmt, "--database", database_url)
        assert result.exit_code == 0, result.output
    data = json.loads(
        run("cohort", "--format", "json", "--names", "--database", database_url).output
    )
    assert [(line["name"], line["finished_at"]) for line in data["learner_list"]] == [
        ("Nia", "2026-01-01T00:10:00+00:00"),
        (
            "Ada",
            next(line["finished_at"] for line in data["learner_list"] if line["name"] == "Ada"),
        ),
    ]
    since = run("cohort", "--format", "json", "--since", "2026-01-02", "--database", database_url)
    assert json.loads(since.output)["attempts"] == 1
    rows = json.loads(run("history", "--format", "json", "--database", database_url).output)
    assert [row["started_at"] for row in rows if row["name"] == "Nia"] == [
        "2026-01-01T00:00:00+00:00"
    ]

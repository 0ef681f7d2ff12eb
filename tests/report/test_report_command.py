"""``skillquiz report`` end to end: a stored attempt in, a report file or stdout out."""

from __future__ import annotations

import csv
import io
import json
import os
import re
import sqlite3
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest
from click.testing import CliRunner
from runner import Run

from questions import load_banks
from questions.answers import keyed_answer
from questions.record_schema import validate
from quiz.attempts.session import Session
from quiz.cli.main import cli
from quiz.report.export import render
from quiz.report.model import Report
from quiz.storage import Store

pytestmark = pytest.mark.cli_runner(catch_exceptions=False)

NAME = "Alex <script>alert(1)</script>"


def take(*, finish: bool = True, name: str | None = NAME, seed: int = 5) -> int:
    """Store an attempt over every built-in bank: keyed answers, one skip, likert 4."""
    bank_set = load_banks(None)
    with Store.open() as store:
        session = Session.start(
            store,
            bank_set,
            skills=[loaded.skill.id for loaded in bank_set.banks],
            length="quick",
            seed=seed,
            name=name,
        )
        answers = {}
        for question in session.questions:
            item = question.item
            answers[item.id] = 4 if item.type == "likert" else keyed_answer(item)
        skipped = next(q.item.id for q in session.questions if q.item.type == "likert")
        answers[skipped] = None
        session.answer_all(answers)
        if finish:
            session.finish()
        return session.id


def test_default_is_the_latest_finished_attempt_as_markdown(run: Run) -> None:
    take(seed=1)
    latest = take(seed=2)
    take(seed=3, finish=False)
    result = run("report")
    assert result.exit_code == 0, result.output
    assert f"*Attempt {latest}, taken " in result.output
    assert "&lt;script&gt;" in result.output
    assert "## Roles your results point to" in result.output


def test_json_to_stdout_validates_against_the_printed_schema(run: Run) -> None:
    attempt = take()
    schema_run = run("report", "--schema")
    assert schema_run.exit_code == 0
    schema = json.loads(schema_run.output)
    result = run("report", str(attempt), "--format", "json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    jsonschema.validate(data, schema, cls=jsonschema.Draft202012Validator)
    report = validate(Report, data)
    assert report.attempt.id == attempt
    assert report.attempt.name == NAME
    assert len(report.skills) == 5
    assert json.loads(render(report, "json")) == data


def test_html_file_from_the_extension(run: Run, tmp_path: Path) -> None:
    attempt = take()
    target = tmp_path / "results.html"
    result = run("report", str(attempt), "-o", str(target))
    assert result.exit_code == 0, result.output
    page = target.read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>")
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "<script" not in page
    assert page.count('class="axis"') == 5
    assert f"Wrote {target}" in result.output


def test_csv_per_item_has_one_row_per_question_asked(run: Run, tmp_path: Path) -> None:
    attempt = take()
    result = run("report", str(attempt), "--format", "csv", "--per-item")
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(io.StringIO(result.output)))
    with Store.open() as store:
        stored = store.answers(attempt)
    assert {row["question_id"] for row in rows} == set(stored)
    skipped = [row for row in rows if row["answer"] == ""]
    assert len(skipped) == 1
    # A skipped self-rating says nothing about the skill: its credit cell is empty, not 0.
    assert skipped[0]["type"] == "likert" and skipped[0]["credit"] == ""
    for row in rows:
        if row is not skipped[0]:
            expected = 1.0 if row["type"] != "likert" else float(row["credit"])
            assert 0 <= float(row["credit"]) == expected <= 1, row


def test_existing_file_survives_without_force(run: Run, tmp_path: Path) -> None:
    take()
    target = tmp_path / "results.md"
    target.write_text("my notes", encoding="utf-8")
    result = run("report", "-o", str(target))
    assert result.exit_code == 2
    assert result.output == f"Error: {target} already exists; add --force to replace it\n"
    assert target.read_text(encoding="utf-8") == "my notes"
    forced = run("report", "-o", str(target), "--force")
    assert forced.exit_code == 0, forced.output
    assert target.read_text(encoding="utf-8").startswith("# Your skills profile")


def test_unwritable_path_is_one_line_and_leaves_nothing(run: Run, tmp_path: Path) -> None:
    take()
    blocker = tmp_path / "report-folder"
    blocker.write_text("this is a file", encoding="utf-8")
    result = run("report", "-o", str(blocker / "results.html"))
    assert result.exit_code == 1
    lines = result.output.strip().splitlines()
    assert len(lines) == 1
    assert lines[0].startswith("Error: cannot write ")
    assert "Traceback" not in result.output
    assert sorted(p.name for p in tmp_path.iterdir()) == ["report-folder"]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--format", "html"], "give -o PATH"),
        (["-o", "results.txt"], "cannot tell the report format"),
        (["--per-item"], "--per-item applies to CSV only"),
        (["abc"], "is not an attempt id"),
    ],
)
def test_bad_usage_exits_2_with_a_reason(run: Run, args: list[str], message: str) -> None:
    take()
    result = run("report", *args)
    assert result.exit_code == 2
    assert message in result.output


def test_no_attempt_is_a_runtime_failure(run: Run) -> None:
    result = run("report")
    assert result.exit_code == 1
    assert "no finished attempt yet" in result.output
    missing = run("report", "99")
    assert missing.exit_code == 1
    assert "no attempt 99" in missing.output


def test_schema_requires_the_schema_version(run: Run) -> None:
    """Every report carries schema_version, so a reader can rely on it being there."""
    schema = json.loads(run("report", "--schema").output)
    assert "schema_version" in schema["required"]
    assert set(schema["required"]) == set(schema["properties"])


def test_force_onto_a_fifo_is_one_line_and_keeps_it(run: Run, tmp_path: Path) -> None:
    take()
    fifo = tmp_path / "results.md"
    os.mkfifo(fifo)
    result = run("report", "-o", str(fifo), "--force")
    assert result.exit_code == 1
    assert result.output.strip().splitlines() == [
        f"Error: cannot write {fifo}: it is not a regular file"
    ]
    assert fifo.is_fifo()


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full")
def test_a_full_stdout_is_one_line_and_exit_1() -> None:
    take()
    with open("/dev/full", "w") as full:
        done = subprocess.run(
            [sys.executable, "-m", "quiz", "report"],
            stdout=full,
            stderr=subprocess.PIPE,
            text=True,
            timeout=60,
            check=False,
        )
    assert done.returncode == 1
    assert done.stderr.strip().splitlines() == [
        "Error: cannot write the report: No space left on device"
    ]


def _damage(sql: str, *params: object) -> None:
    with Store.open() as store:
        assert store.path is not None
        conn = sqlite3.connect(store.path)
    conn.execute(sql, params)
    conn.commit()
    conn.close()


def test_an_id_too_large_for_the_database_is_no_such_attempt() -> None:
    take()
    huge = "99999999999999999999999"
    for command in (["report"], ["show"]):
        result = CliRunner().invoke(cli, [*command, huge])
        assert result.exit_code == 1, result.output
        assert result.output.strip().splitlines() == [
            f"Error: no attempt {huge}; see skillquiz history"
        ]


@pytest.mark.parametrize(
    "damage",
    [
        "UPDATE answers SET answer = 'not json{' WHERE attempt_id = ? AND question_id = "
        "(SELECT MIN(question_id) FROM answers WHERE attempt_id = ?)",
        "UPDATE attempts SET skills = '[broken' WHERE id = ? OR id = ?",
    ],
)
def test_one_damaged_attempt_leaves_the_others_readable(damage: str) -> None:
    good = take(seed=1, name="Good")
    bad = take(seed=2, name="Damaged")
    _damage(damage, bad, bad)
    listing = CliRunner().invoke(cli, ["history"])
    assert listing.exit_code == 0, listing.output
    assert "Good" in listing.output and "Damaged" in listing.output
    # history reads the summary kept at finish: a damaged answer does not spoil the listing,
    # a damaged attempt record does.
    assert ("(cannot be" in listing.output) == ("skills" in damage)
    for command in (["report"], ["show"]):
        failed = CliRunner().invoke(cli, [*command, str(bad)])
        assert failed.exit_code == 1, failed.output
        lines = failed.output.strip().splitlines()
        assert len(lines) == 1 and f"attempt {bad} cannot be read" in lines[0], lines
        assert CliRunner().invoke(cli, [*command, str(good)]).exit_code == 0


def test_report_reads_without_writing_the_database(run: Run) -> None:
    attempt = take()
    with Store.open() as store:
        path = store.path
    assert path is not None
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA journal_mode = DELETE")
    conn.close()
    before = path.read_bytes()
    result = run("report", str(attempt), "--format", "json")
    assert result.exit_code == 0, result.output
    assert path.read_bytes() == before
    assert sorted(p.name for p in path.parent.iterdir()) == [path.name]


def _take_part(count: int) -> tuple[int, int, list[str]]:
    """An attempt left unfinished after ``count`` questions (the second one skipped)."""
    bank_set = load_banks(None)
    with Store.open() as store:
        session = Session.start(
            store,
            bank_set,
            skills=[loaded.skill.id for loaded in bank_set.banks],
            length="quick",
            seed=9,
            name="Part",
        )
        done = []
        for index, question in enumerate(session.questions[:count]):
            item = question.item
            value = None if index == 1 else 4 if item.type == "likert" else keyed_answer(item)
            session.answer(item.id, value)
            done.append(item.id)
        return session.id, len(session.questions), done


def test_an_unfinished_attempt_says_so_and_scores_only_what_was_answered(
    run: Run,
    tmp_path: Path,
) -> None:
    attempt, total, done = _take_part(4)
    banner = f"This attempt is not finished: 4 of {total} questions answered"
    data = json.loads(run("report", str(attempt), "--format", "json").output)
    assert data["warnings"][0].startswith(banner)
    assert [r["question_id"] for r in data["responses"]] == done
    assert [r["answer"] is None for r in data["responses"]].count(True) == 1
    demonstrated = [r for r in data["responses"] if r["type"] != "likert"]
    assert sum(s["answered"] + s["skipped"] for s in data["skills"]) == len(demonstrated)
    markdown = run("report", str(attempt)).output
    assert (
        f"> **{banner}.** The levels rest on those answers alone; a question not reached "
        f"counts neither way. Carry on with skillquiz take --resume {attempt}."
    ) in markdown.splitlines()
    assert markdown.count(banner) == 1
    assert markdown.index(banner) < markdown.index("## Your skills")
    target = tmp_path / "part.html"
    assert run("report", str(attempt), "-o", str(target)).exit_code == 0
    page = target.read_text(encoding="utf-8")
    assert page.count(banner) == 1
    assert 'class="unfinished"' in page
    shown = CliRunner().invoke(cli, ["show", str(attempt)])
    assert f"is in progress (4 of {total} answered)" in " ".join(shown.output.split())


def test_a_finished_attempt_has_no_unfinished_banner(run: Run) -> None:
    attempt = take()
    data = json.loads(run("report", str(attempt), "--format", "json").output)
    assert not any("not finished" in warning for warning in data["warnings"])
    assert "not finished" not in run("report", str(attempt)).output


def test_csv_ends_each_skill_row_with_the_sentence_show_gives_its_level(run: Run) -> None:
    attempt = take()
    text = run("report", str(attempt), "--format", "csv").output
    assert text.splitlines()[0].endswith(",answered,skipped,anchor")
    shown = " ".join(run("show", str(attempt)).output.split())  # wrapped lines joined
    for row in csv.DictReader(io.StringIO(text)):
        anchor = row["anchor"]
        assert anchor.startswith(("Level ", "Below level ")), row
        # The whole sentence, as show prints it under the skill's bar: after the level's
        # band, or after the bands of its interval when a quick quiz's level is too wide.
        said = rf" of 7 (?:{row['band']}|between \w+ and \w+) {re.escape(anchor)} "
        assert re.search(said, shown), anchor

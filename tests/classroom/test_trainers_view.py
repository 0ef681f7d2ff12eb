"""What a trainer reads of a class: the items to check with their text, and which attempts
were imported from learners' reports rather than taken on the class's database."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from class_fixtures import record
from click.testing import CliRunner, Result

from questions import ChoiceItem, LikertItem, MultiItem, NumericItem, OrderItem, load_banks
from quiz.cli.main import cli
from quiz.storage import Store
from scoring.models import Answer


def run(*args: str, columns: int = 120) -> Result:
    return CliRunner(env={"COLUMNS": str(columns)}).invoke(cli, list(args))


def missed_everything() -> dict[str, Answer]:
    """Every self-rating high, every practical question answered with the least credit."""
    answers: dict[str, Answer] = {}
    for item in load_banks().items.values():
        if isinstance(item, LikertItem):
            answers[item.id] = 5
        elif isinstance(item, ChoiceItem):
            answers[item.id] = min(item.options, key=lambda option: option.credit).text
        elif isinstance(item, MultiItem):
            answers[item.id] = [next(o.text for o in item.options if not o.correct)]
        elif isinstance(item, NumericItem):
            answers[item.id] = item.answer + item.tolerance + 1000
        elif isinstance(item, OrderItem):
            answers[item.id] = list(reversed(item.items))
    return answers


def test_items_to_check_show_their_text_beside_their_id(database_url: str) -> None:
    banks = load_banks()
    with Store.open(url=database_url) as store:
        for name in ("Ada", "Alan"):
            record(store, banks, missed_everything(), name=name, skills=("research",))
    data = json.loads(run("cohort", "--format", "json", "--database", database_url).output)
    flagged = data["flagged_items"]
    assert flagged and all(
        item["text"] == banks.items[item["question_id"]].text for item in flagged
    )
    first = banks.items["rs-multi-02"]
    assert first.text == (
        "Which questions help you judge whether an online article about weld inspection is "
        "credible? Pick all that apply."
    )
    markdown = run("cohort", "--database", database_url).output.splitlines()
    assert (
        "| Research | rs-multi-02 | Which questions help you judge whether an online article "
        "about weld\u2026 | multi | 2 | 0.0 | - | - | too hard, too few attempts |"
    ) in markdown
    csv_rows = run("cohort", "--format", "csv", "--database", database_url).output.splitlines()
    assert f"items,rs-multi-02,text,{first.text}" in csv_rows or (
        f'items,rs-multi-02,text,"{first.text}"' in csv_rows
    )


def _exported(folder: Path, name: str) -> Path:
    """A report a learner exported from their own home, as JSON."""
    old = os.environ["SKILLQUIZ_HOME"]
    os.environ["SKILLQUIZ_HOME"] = str(folder / f"home-{name}")
    try:
        with Store.open() as store:
            record(store, load_banks(), {"rs-self-01": 4}, name=name, skills=("research",))
        path = folder / f"{name}.json"
        result = run("report", "--format", "json", "-o", str(path))
        assert result.exit_code == 0, result.output
    finally:
        os.environ["SKILLQUIZ_HOME"] = old
    return path


@pytest.fixture
def one_taken_one_imported(tmp_path: Path, database_url: str) -> str:
    with Store.open(url=database_url) as store:
        record(store, load_banks(), {"rs-self-01": 3}, name="Tess", skills=("research",))
    result = run("import", str(_exported(tmp_path, "Ivan")), "--database", database_url)
    assert result.exit_code == 0, result.output
    return database_url


def test_history_marks_imported_attempts(one_taken_one_imported: str) -> None:
    database = one_taken_one_imported
    rows = json.loads(run("history", "--format", "json", "--database", database).output)
    assert [(row["id"], row["name"], row["source"], row["status"]) for row in rows] == [
        (2, "Ivan", "imported", "finished"),
        (1, "Tess", "taken", "finished"),
    ]
    table = run("history", "--database", database, columns=80).output.splitlines()
    assert table[3:5] == [
        f" 2 {_local_time(rows[0])} Ivan             full     imported    RE -     -",
        f" 1 {_local_time(rows[1])} Tess             full     finished    RE -     -",
    ]
    assert table[-2:] == [
        "Levels: O*NET's 0-7 scale; RE research. imported: finished elsewhere and brought",
        "in from the learner's report (self-reported; not taken on this database).",
    ]


def _local_time(row: dict[str, str]) -> str:
    from datetime import datetime

    return f"{datetime.fromisoformat(row['started_at']).astimezone():%Y-%m-%d %H:%M}"


def test_the_json_report_says_where_the_attempt_came_from(one_taken_one_imported: str) -> None:
    database = one_taken_one_imported
    sources = [
        json.loads(run("report", ref, "--format", "json", "--database", database).output)[
            "attempt"
        ]["source"]
        for ref in ("1", "2")
    ]
    assert sources == ["taken", "imported"]


def test_cohort_and_stats_count_the_imported_attempts(one_taken_one_imported: str) -> None:
    database = one_taken_one_imported
    data = json.loads(run("cohort", "--format", "json", "--names", "--database", database).output)
    assert (data["attempts"], data["imported_attempts"]) == (2, 1)
    assert [(line["name"], line["source"]) for line in data["learner_list"]] == [
        ("Tess", "taken"),
        ("Ivan", "imported"),
    ]
    markdown = run("cohort", "--database", database).output.splitlines()
    assert markdown[2] == (
        "*2 finished attempts, each learner counted once, by their latest finished attempt; "
        "1 attempt imported from learners' reports (self-reported: a report can be edited).*"
    )
    stats = json.loads(run("stats", "--format", "json", "--database", database).output)
    assert (stats["attempts"], stats["imported_attempts"]) == (2, 1)
    table = run("stats", "--database", database, columns=100).output.splitlines()
    assert table[-2:] == [
        "Imported: 1 of the 2 attempts were brought in from learners' reports (self-reported; a"
        " report can be",
        "edited).",
    ]


def test_cohort_counts_every_damaged_attempt_it_leaves_out(database_url: str) -> None:
    banks = load_banks()
    with Store.open(url=database_url) as store:
        ids = {
            name: record(store, banks, {"rs-self-01": 4}, name=name, skills=("research",))
            for name in ("Ada", "Alan", "Bea", "Cy")
        }
    assert run("stats", "--database", database_url).exit_code == 0  # each graded, credits kept
    with Store.open(url=database_url) as store, store.batch() as batch:
        db = batch._db
        # A start time edited by hand, an answer that is not JSON, a self-rating's
        # credit that is not a number.
        db.execute("UPDATE attempts SET started_at = 'soon' WHERE id = ?", (ids["Alan"],))
        db.execute("UPDATE answers SET answer = '{' WHERE attempt_id = ?", (ids["Bea"],))
        db.execute(
            "UPDATE graded_skills SET ratings = 'rs-self-01:four' WHERE attempt_id = ?",
            (ids["Cy"],),
        )
    data = json.loads(run("cohort", "--format", "json", "--database", database_url).output)
    assert (
        data["learners"],
        data["attempts"],
        data["unreadable_attempts"],
        data["attempts_without_item_figures"],
    ) == (2, 2, 2, 1)
    markdown = run("cohort", "--database", database_url).output.splitlines()
    assert markdown[2] == (
        "*2 finished attempts, each learner counted once, by their latest finished attempt; "
        "2 attempts that cannot be read left out.*"
    )
    assert any(
        line.endswith("1 attempt left out of these figures: their stored credits cannot be read.")
        for line in markdown
    )

"""``skillquiz banks`` and ``skillquiz validate`` on the built-in banks: the counts, and with
``--questions`` what a script needs to write an answers file."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

from click.testing import CliRunner

from questions import load_banks
from quiz.cli.main import cli


def listed(*args: str) -> list[dict[str, object]]:
    result = CliRunner().invoke(cli, ["banks", "--questions", "--format", "json", *args])
    assert result.exit_code == 0, result.output
    rows = json.loads(result.stdout)
    assert isinstance(rows, list)
    return rows


def test_every_question_is_listed_with_its_skill_and_type() -> None:
    expected = [
        (item.id, loaded.skill.id, item.type, item.text)
        for loaded in load_banks().banks
        for item in loaded.bank.questions
    ]
    assert [(r["id"], r["skill"], r["type"], r["text"]) for r in listed()] == expected


def test_steps_to_order_do_not_give_the_key_away() -> None:
    for row in listed():
        if row["type"] == "order":
            answers = row["answers"]
            assert isinstance(answers, dict)
            steps = answers["steps"]
            assert steps == sorted(steps, key=str.casefold)


def test_an_answers_file_built_from_the_listing_is_accepted(tmp_path: Path) -> None:
    answers: dict[str, object] = {}
    for row in listed():
        shown = row["answers"]
        assert isinstance(shown, dict)
        kind = row["type"]
        if kind == "likert":
            answers[str(row["id"])] = 3
        elif kind == "choice":
            answers[str(row["id"])] = shown["options"][0]
        elif kind == "multi":
            answers[str(row["id"])] = shown["options"][:1]
        elif kind == "numeric":
            answers[str(row["id"])] = 1
        else:
            answers[str(row["id"])] = shown["steps"]
    path = tmp_path / "answers.json"
    path.write_text(json.dumps(answers), encoding="utf-8")
    result = CliRunner().invoke(cli, ["take", "--answers", str(path)])
    assert result.exit_code == 0, result.output
    assert "Attempt 1 is saved" in result.output


def test_the_text_listing_names_ids_and_options() -> None:
    result = CliRunner().invoke(cli, ["banks", "--questions"], terminal_width=80)
    assert result.exit_code == 0
    assert "ct-scn-01 (choice):" in result.output
    assert "answer: one option's text" in result.output
    assert "Skip a question with null" in result.output


def test_the_table_shows_the_ids_skill_takes() -> None:
    result = CliRunner().invoke(cli, ["banks"], terminal_width=80)
    assert result.exit_code == 0
    for skill in ("attention_to_detail", "critical_thinking", "data_analysis", "empathy"):
        assert skill in result.output


def test_the_readme_answers_example_is_accepted(tmp_path: Path) -> None:
    readme = (Path(__file__).parent.parent.parent / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Answering from a file", 1)[1]
    block = section.split("\n\n")[2]  # the indented example after the first paragraph
    lines = [line[4:] for line in block.splitlines()]
    assert lines and lines[0].startswith("ct-self-01:")
    path = tmp_path / "answers.yaml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["take", "--answers", str(path)])
    assert result.exit_code == 0, result.output


def test_validate_passes_on_the_shipped_banks() -> None:
    result = CliRunner().invoke(cli, ["validate"])
    assert result.exit_code == 0, result.output
    assert f"5 banks, {len(load_banks())} items: OK" in result.output


def test_banks_command_reports_the_counts() -> None:
    bank_set = load_banks()
    result = CliRunner().invoke(cli, ["banks", "--format", "json"])
    assert result.exit_code == 0, result.output
    rows = {row["skill"]: row for row in json.loads(result.output)}
    assert sorted(rows) == sorted(skill.id for skill in bank_set.skills)
    for skill, row in rows.items():
        questions = bank_set.bank(skill).bank.questions
        assert row["items"] == len(questions) >= 24
        counts: Counter[str] = Counter(item.type for item in questions)
        assert row["by_type"] == {kind: counts[kind] for kind in row["by_type"]}
        assert sum(row["by_type"].values()) == row["items"]

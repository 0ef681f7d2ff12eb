"""skillquiz compare, and the "since your last attempt" section of the reports."""

from __future__ import annotations

import json
import math
from pathlib import Path

import pytest
from runner import Run

from quiz.attempts.comparison import SkillChange
from quiz.storage import Store

pytestmark = pytest.mark.cli_runner(columns=200)

GOOD = {
    "b-self-01": 5,
    "b-choice-01": "Agree",
    "b-num-01": 60,
    "b-order-01": ["One", "Two", "Three"],
}
POOR = {
    "b-self-01": 2,
    "b-choice-01": "Disagree",
    "b-num-01": 7,
    "b-order-01": ["Three", "Two", "One"],
}


def take(
    run: Run,
    bank_dir: Path,
    tmp_path: Path,
    answers: dict[str, object],
    name: str = "Ada",
    skills: tuple[str, ...] = ("beta",),
) -> int:
    path = tmp_path / f"answers-{len(list(tmp_path.iterdir()))}.json"
    path.write_text(json.dumps(answers), encoding="utf-8")
    result = run(
        "take",
        "--bank-dir",
        str(bank_dir),
        *(option for skill in skills for option in ("--skill", skill)),
        "--answers",
        str(path),
        "--name",
        name,
        "--seed",
        "1",
    )
    assert result.exit_code == 0, result.output
    with Store.open() as store:
        return store.largest_id()


def test_a_change_is_described_against_the_combined_interval() -> None:
    assert SkillChange("a", "A", 2.8, 4.0, 0.9).describe() == (
        "up 1.2, beyond the combined 90% interval"
    )
    assert SkillChange("a", "A", 4.0, 3.7, 0.9).describe() == (
        "down 0.3, within the combined 90% interval"
    )
    assert SkillChange("a", "A", 3.5, 3.5, 0.5).describe() == (
        "no change, within the combined 90% interval"
    )
    assert SkillChange("a", "A", None, 3.5, None).describe() == (
        "not measured in the earlier attempt"
    )
    edge = SkillChange("a", "A", 3.0, 3.9, 0.9)
    assert (edge.change, edge.beyond_error) == (0.9, False)


def test_compare_defaults_to_the_two_latest_attempts_of_the_same_name(
    run: Run, bank_dir: Path, tmp_path: Path
) -> None:
    first = take(run, bank_dir, tmp_path, POOR)
    take(run, bank_dir, tmp_path, GOOD, name="Someone else")
    last = take(run, bank_dir, tmp_path, GOOD)
    result = run("compare", "--format", "json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    with Store.open() as store:
        before, after = store.summary(first), store.summary(last)
    assert before is not None and after is not None
    (old,), (new,) = before.skills, after.skills
    assert old.level is not None and new.level is not None
    assert old.level_sd is not None and new.level_sd is not None
    change = round(new.level - old.level, 1)
    margin = round(1.645 * math.hypot(old.level_sd, new.level_sd), 2)
    assert data == {
        "from": first,
        "to": last,
        "skills": [
            {
                "skill": "beta",
                "name": "Beta skill",
                "from": old.level,
                "to": new.level,
                "change": change,
                "beyond_error": abs(change) > margin,
            }
        ],
    }
    table = run("compare", str(first), str(last))
    assert table.exit_code == 0, table.output
    assert f"Attempt {first} (" in table.output and f"to attempt {last} (" in table.output
    assert f"{old.level:.1f} -> {new.level:.1f}" in table.output


def test_compare_without_an_earlier_attempt_of_the_name_says_how_to_choose(
    run: Run, bank_dir: Path, tmp_path: Path
) -> None:
    take(run, bank_dir, tmp_path, GOOD, name="Ada")
    only = take(run, bank_dir, tmp_path, GOOD, name="Bo")
    result = run("compare")
    assert (result.exit_code, result.output) == (
        1,
        f"Error: attempt {only} has no earlier finished attempt named Bo to compare with; "
        "name two: skillquiz compare A B\n",
    )


def test_compare_refuses_two_names_in_one_line_unless_any_name(
    run: Run, bank_dir: Path, tmp_path: Path
) -> None:
    ada = take(run, bank_dir, tmp_path, POOR, name="Ada")
    bo = take(run, bank_dir, tmp_path, GOOD, name="Bo")
    refused = run("compare", str(ada), str(bo))
    assert (refused.exit_code, refused.output) == (
        2,
        f"Error: attempts {ada} and {bo} have different names ('Ada' and 'Bo'); "
        "add --any-name to compare them anyway\n",
    )
    allowed = run("compare", str(ada), str(bo), "--any-name")
    assert allowed.exit_code == 0, allowed.output
    first = allowed.output.splitlines()[0]
    assert first.startswith(f"Attempt {ada} (") and first.endswith(", 'Bo')")
    assert ", 'Ada') to attempt" in first


def test_compare_with_no_attempts_or_too_many_names(
    run: Run, bank_dir: Path, tmp_path: Path
) -> None:
    assert run("compare").output == "Error: no finished attempt yet; run skillquiz take\n"
    assert run("compare", "1", "2", "3").exit_code == 2


@pytest.mark.parametrize("fmt", ["md", "html"])
def test_a_report_says_what_changed_since_the_last_attempt(
    run: Run, bank_dir: Path, tmp_path: Path, fmt: str
) -> None:
    first = take(run, bank_dir, tmp_path, POOR)
    output = tmp_path / f"first.{fmt}"
    assert run("report", str(first), "-o", str(output)).exit_code == 0
    assert "Since your last attempt" not in output.read_text(encoding="utf-8")
    last = take(run, bank_dir, tmp_path, GOOD)
    output = tmp_path / f"last.{fmt}"
    assert run("report", str(last), "-o", str(output)).exit_code == 0
    page = output.read_text(encoding="utf-8")
    expected = json.loads(run("compare", "--format", "json").output)["skills"][0]
    assert "Since your last attempt" in page
    assert f"Against attempt {first} of " in page
    change = round(expected["change"])
    assert f"up {change}" in page
    json_report = run("report", str(last), "--format", "json").output
    assert "Since your last attempt" not in json_report


def test_skill_names_in_wide_characters_line_up(run: Run, tmp_path: Path) -> None:
    """A skill named in a script whose characters take two columns pads by the columns it
    takes, so the scores of every skill stand in one column."""
    from conftest import BANK_ALPHA, BANK_BETA
    from rich.cells import cell_len

    folder = tmp_path / "banks"
    folder.mkdir()
    (folder / "alpha.yaml").write_text(
        BANK_ALPHA.replace("name: Alpha skill", "name: Alpha"), encoding="utf-8"
    )
    (folder / "beta.yaml").write_text(
        BANK_BETA.replace("name: Beta skill", "name: 読解力"), encoding="utf-8"
    )
    answers = tmp_path / "answers"
    answers.mkdir()
    ids = [take(run, folder, answers, given, skills=("alpha", "beta")) for given in (POOR, GOOD)]
    table = run("compare", *map(str, ids))
    assert table.exit_code == 0, table.output
    lines = [line for line in table.output.splitlines() if " -> " in line]
    assert [line.split()[0] for line in lines] == ["Alpha", "読解力"]
    assert {cell_len(line.split(" -> ")[0]) for line in lines} == {13}

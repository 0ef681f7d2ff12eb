"""``skillquiz history`` and ``skillquiz show``, and building a report from a stored attempt."""

from __future__ import annotations

import json
import re
import sqlite3
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from runner import BETA_ANSWERED, Run, TakeBeta

from quiz.attempts.results import resolve_attempt
from quiz.cli.main import cli
from quiz.errors import BadInput, RuntimeFailure
from quiz.report.build import build_report
from quiz.storage import DB_NAME, Store

pytestmark = pytest.mark.cli_runner(columns=200)

# Replies for beta with seed 3 (numeric, order shown Two/Three/One, likert, choice):
# 60 minutes, the steps in the right order, Agree, the right option.
ANSWERED = BETA_ANSWERED


def take_research(run: Run, tmp_path: Path, *extra: str) -> Result:
    """A finished attempt on a built-in skill, so the catalog's roles are matched."""
    from questions import load_banks
    from questions.answers import keyed_answer

    # One practical question answered: a skill is measured by what a person shows.
    shown = next(
        item for item in load_banks().bank("research").bank.questions if item.type != "likert"
    )
    answers = tmp_path / "research.json"
    answers.write_text(
        json.dumps({"rs-self-01": 4, shown.id: keyed_answer(shown)}), encoding="utf-8"
    )
    result = run(
        "take", "--skill", "research", "--length", "full", "--answers", str(answers), *extra
    )
    assert result.exit_code == 0, result.output
    return result


def test_history_with_no_attempts(run: Run) -> None:
    result = run("history")
    assert result.exit_code == 0
    assert "No attempts yet; run skillquiz take" in result.output


def test_history_lists_finished_and_in_progress_attempts(
    take_beta: TakeBeta, run: Run, bank_dir: Path, tmp_path: Path
) -> None:
    take_research(run, tmp_path, "--name", "Ada")
    take_beta("s\ns\n")
    result = run("history")
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    newest = next(line for line in lines if line.split()[:1] == ["2"])
    oldest = next(line for line in lines if line.split()[:1] == ["1"])
    assert lines.index(newest) < lines.index(oldest)
    assert "in progress (2/4)" in newest and "BE" in newest and "standard" in newest
    assert "finished" in oldest and "Ada" in oldest
    with Store.open() as store:
        report = build_report(store, 1)
    assert report.roles[0].name in oldest
    assert f"RE {report.skills[0].level:.1f}" in oldest
    assert "RE research" in result.output  # the legend of short names


def test_history_at_80_columns_keeps_every_id_and_the_top_role(
    take_beta: TakeBeta, run: Run, bank_dir: Path, tmp_path: Path
) -> None:
    name = ("--name", "Alexandra Konstantinopoulou-Smythe")
    for n in range(12):
        if n % 2:
            take_research(run, tmp_path, *name)
        else:
            take_beta("s\n", *name)
    result = CliRunner(env={"COLUMNS": "80"}).invoke(cli, ["history"])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert max(len(line) for line in lines) <= 80
    ids = [line.split()[0] for line in lines if line[:3].strip().isdigit()]
    assert ids == [str(n) for n in range(12, 0, -1)]
    with Store.open() as store:
        top = build_report(store, 2).roles[0].name
    # The role may wrap inside its column; every word of it is there, in its column.
    column = lines[0].index("Top role") if "Top role" in lines[0] else lines[1].index("Top role")
    words = " ".join(line[column:].strip() for line in lines if len(line) > column).split()
    assert " ".join(top.split()) in " ".join(words)
    assert "…" not in result.output
    assert "all met" not in result.output  # no product of chances shown as a chance


def test_delete_asks_first(take_beta: TakeBeta, run: Run, bank_dir: Path) -> None:
    take_beta("s\ns\ns\ns\n", "--name", "Ada")
    refused = run("history", "--delete", "1", input="n\n")
    assert refused.exit_code == 0
    assert "Delete attempt 1 (Ada, started " in refused.output
    assert ", finished) and all its answers?" in refused.output
    assert "Nothing deleted." in refused.output and "Aborted" not in refused.output
    unanswered = run("history", "--delete", "1")
    assert unanswered.exit_code == 1
    assert "Aborted" not in unanswered.output
    assert (
        "Error: nothing deleted: no answer was read; to delete without asking, use "
        "skillquiz history --delete 1 --yes" in unanswered.stderr
    )
    with Store.open() as store:
        assert store.attempt(1) is not None
    confirmed = run("history", "--delete", "1", input="y\n")
    assert confirmed.exit_code == 0 and "Deleted attempt 1." in confirmed.output
    with Store.open() as store:
        assert store.attempt(1) is None


def test_delete_with_yes_does_not_ask(take_beta: TakeBeta, run: Run, bank_dir: Path) -> None:
    take_beta()
    result = run("history", "--delete", "1", "--yes")
    assert result.exit_code == 0
    assert "Delete attempt 1 (" not in result.output
    assert (
        run("history", "--delete", "1", "--yes").output.strip()
        == "Error: no attempt 1; see skillquiz history"
    )


def test_show_prints_the_same_summary_as_the_end_of_take(
    take_beta: TakeBeta, run: Run, bank_dir: Path
) -> None:
    taken = take_beta(BETA_ANSWERED)
    assert taken.exit_code == 0, taken.output
    shown = run("show")
    assert shown.exit_code == 0, shown.output
    summary = taken.output[taken.output.index("Results (attempt 1") :]
    # Only take saves: show, which only reads, leaves out the line that says so.
    assert "\nAttempt 1 is saved.\n" in summary
    assert shown.output.strip() == summary.replace("\nAttempt 1 is saved.\n", "\n").strip()
    assert run("show", "1").output == shown.output
    with Store.open() as store:
        credits = {r.question_id: r.credit for r in build_report(store, 1).responses}
    assert credits == {"b-num-01": 1.0, "b-order-01": 1.0, "b-self-01": 0.75, "b-choice-01": 1.0}


def test_show_review_lists_missed_questions_with_explanations(run: Run, bank_dir: Path) -> None:
    result = run(
        "take", "--bank-dir", str(bank_dir), "--skill", "alpha", "--length", "full", input="s\n" * 8
    )
    assert result.exit_code == 0
    review = run("show", "--review").output
    assert "Review: 5 missed questions" in review
    assert "Your answer: skipped" in review
    assert "Best answer: Shut down -> Isolate -> Lock and tag -> Verify" in review
    assert "Why: Waiting and overproduction are two of the seven wastes." in review


def test_show_an_attempt_in_progress_says_how_to_continue(
    take_beta: TakeBeta, run: Run, bank_dir: Path
) -> None:
    take_beta("s\n")
    assert run("show").exit_code == 1  # nothing finished yet
    result = run("show", "1")
    assert result.exit_code == 0
    assert result.output.count("not finished") == 1  # said once, at the top
    assert "This attempt is not finished: 1 of 4 questions answered" in result.output
    assert "continue it with: skillquiz take --resume 1" in result.output


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (("show",), 1, "no finished attempt yet; run skillquiz take"),
        (("show", "7"), 1, "no attempt 7; see skillquiz history"),
        (("show", "seven"), 2, "'seven' is not an attempt id"),
        (("show", "\u00b2"), 2, "'\u00b2' is not an attempt id"),
        (("show", "\u0663"), 2, "is not an attempt id"),
        (("show", "9" * 5000), 1, f"no attempt {'9' * 30}...; see skillquiz history"),
        (("show", "x" * 5000), 2, f"'{'x' * 30}...' is not an attempt id"),
        (("show", "9" * 19), 1, f"no attempt {'9' * 19}; see skillquiz history"),
        (("history", "--delete", "7", "--yes"), 1, "no attempt 7"),
    ],
)
def test_missing_attempts_are_one_line_errors(
    run: Run, args: tuple[str, ...], code: int, message: str
) -> None:
    result = run(*args)
    assert result.exit_code == code
    assert message in result.output
    assert len(result.output.strip().splitlines()) == 1


def test_resolve_attempt(take_beta: TakeBeta, run: Run, bank_dir: Path) -> None:
    take_beta()
    take_beta()
    take_beta("s\n")
    with Store.open() as store:
        assert resolve_attempt(store, None) == 2
        assert resolve_attempt(store, "latest") == 2
        assert resolve_attempt(store, "3") == 3
        with pytest.raises(RuntimeFailure, match="no attempt 4"):
            resolve_attempt(store, "4")
        with pytest.raises(BadInput):
            resolve_attempt(store, "x")


def test_a_report_does_not_change_when_the_bank_does(
    take_beta: TakeBeta, run: Run, bank_dir: Path
) -> None:
    take_beta(BETA_ANSWERED)
    before = run("show").output
    with Store.open() as store:
        report = build_report(store, 1)
    (bank_dir / "beta.yaml").write_text(
        "schema: 1\nskill: {id: beta, name: Renamed}\nquestions: []\n"
    )
    assert run("show").output == before
    with Store.open() as store:
        assert build_report(store, 1) == report
    assert report.attempt.banks[0].skill == "beta" and len(report.attempt.banks[0].digest) >= 8
    assert [r.question_id for r in report.responses] == [
        r.question_id for r in report.responses if r.skill == "beta"
    ]


def test_a_damaged_attempt_is_a_one_line_failure(
    take_beta: TakeBeta, run: Run, bank_dir: Path, skillquiz_home: Path
) -> None:
    take_beta()
    conn = sqlite3.connect(skillquiz_home / DB_NAME)
    conn.execute("UPDATE snapshots SET body = '{\"banks\": 3}'")
    conn.commit()
    conn.close()
    result = run("show", "1")
    assert result.exit_code == 1
    assert "attempt 1 cannot be read" in result.output
    assert len(result.output.strip().splitlines()) == 1
    # history shows the summary kept at finish; once that is gone (as after a change of
    # scoring rules) it cannot be made again, and the row says so.
    assert "(cannot be read)" not in run("history").output
    conn = sqlite3.connect(skillquiz_home / DB_NAME)
    conn.execute("DELETE FROM summaries")
    conn.commit()
    conn.close()
    listing = run("history")
    assert listing.exit_code == 0 and "(cannot be read)" in listing.output


def test_a_snapshot_naming_a_missing_skill_fails_alone(
    take_beta: TakeBeta, run: Run, bank_dir: Path, skillquiz_home: Path, tmp_path: Path
) -> None:
    take_beta(BETA_ANSWERED)
    take_research(run, tmp_path)
    conn = sqlite3.connect(skillquiz_home / DB_NAME)
    (key,) = conn.execute("SELECT snapshot_digest FROM attempts WHERE id = 1").fetchone()
    (text,) = conn.execute("SELECT body FROM snapshots WHERE digest = ?", (key,)).fetchone()
    data = json.loads(text)
    data["questions"][0]["skill"] = "nope"
    conn.execute("UPDATE snapshots SET body = ? WHERE digest = ?", (json.dumps(data), key))
    conn.execute("DELETE FROM summaries WHERE attempt_id = 1")
    conn.commit()
    conn.close()
    result = run("show", "1")
    assert result.exit_code == 1
    assert "attempt 1 cannot be read (a problem in its stored questions)" in result.output
    assert len(result.output.strip().splitlines()) == 1
    listing = run("history")
    assert listing.exit_code == 0, listing.output
    lines = listing.output.splitlines()
    bad = next(line for line in lines if line.split()[:1] == ["1"])
    good = next(line for line in lines if line.split()[:1] == ["2"])
    assert "(cannot be read)" in bad
    with Store.open() as store:
        assert build_report(store, 2).roles[0].name in good


@pytest.mark.parametrize("command", [["history"], ["show", "1"], ["take", "--resume"]])
def test_a_database_missing_a_table_is_a_one_line_failure(
    take_beta: TakeBeta, run: Run, bank_dir: Path, skillquiz_home: Path, command: list[str]
) -> None:
    take_beta("s\ns\n")
    conn = sqlite3.connect(skillquiz_home / DB_NAME)
    conn.execute("DROP TABLE answers")
    conn.commit()
    conn.close()
    result = run(*command)
    assert result.exit_code == 1, result.output
    assert "cannot use the attempts database" in result.output
    assert "no such table: answers" in result.output
    assert "internal error" not in result.output
    assert len(result.output.strip().splitlines()) == 1


def test_plain_summary_wraps_cleanly_at_80_and_60_columns(
    take_beta: TakeBeta, run: Run, bank_dir: Path
) -> None:
    take_beta(BETA_ANSWERED)
    for columns in ("80", "60"):
        result = CliRunner(env={"COLUMNS": columns}).invoke(cli, ["show"])
        assert result.exit_code == 0, result.output
        lines = result.output.splitlines()
        assert all(line == line.rstrip() for line in lines), "trailing spaces"
        assert all(len(line) <= int(columns) for line in lines)
        assert "Export it with: skillquiz report 1 -o results.html" in lines
        # A wrapped next step or warning continues under its text, not under the bullet.
        for bullet in ("- ", "! "):
            listed = [n for n, line in enumerate(lines) if line.startswith(bullet)]
            assert listed
            for n in listed:
                following = lines[n + 1]
                assert following == "" or following.startswith(("  ", bullet, "* ")), following
        assert any(
            line.startswith("  ") and lines[n - 1].startswith("- ") for n, line in enumerate(lines)
        )


def test_wrapping_never_splits_a_command() -> None:
    from quiz.cli.console import wrap_text

    text = (
        "Answers are saved as you go: stop with Ctrl-C and continue later with "
        "skillquiz take --resume 12. Export with skillquiz report 12 -o results.html now."
    )
    for width in range(20, 100):
        wrapped = wrap_text(text, width, bullet="- ")
        lines = wrapped.splitlines()
        assert any("skillquiz take --resume 12." in line for line in lines), width
        assert any("skillquiz report 12 -o results.html" in line for line in lines), width
        assert all(line == line.rstrip() for line in lines)
        assert all(line.startswith("  ") for line in lines[1:])
        assert " ".join(wrapped.split()) == "- " + text


def keyed_answers_file(tmp_path: Path, skills: tuple[str, ...]) -> Path:
    import json

    from questions import load_banks
    from questions.answers import keyed_answer

    bank_set = load_banks(None)
    answers = {
        item_id: keyed_answer(item) if item.type != "likert" else 5
        for item_id, item in bank_set.items.items()
        if bank_set.skill_of[item_id] in skills
    }
    path = tmp_path / "answers.json"
    path.write_text(json.dumps(answers), encoding="utf-8")
    return path


def test_a_role_says_how_many_requirements_are_not_assessed(run: Run, tmp_path: Path) -> None:
    skills = ("research", "empathy")
    answers = keyed_answers_file(tmp_path, skills)
    args = [a for skill in skills for a in ("--skill", skill)]
    taken = run("take", *args, "--answers", str(answers), "--experience", "9")
    assert taken.exit_code == 0, taken.output
    with Store.open() as store:
        roles = build_report(store, 1).roles
    lines = [" ".join(line.split()) for line in run("show").output.splitlines()]
    assert (
        "Open to you now (your experience meets theirs) met borderline to build not assessed"
    ) in lines
    for rank, role in enumerate(roles, start=1):
        label = f"{rank}. {role.name}" + (" (entry level)" if role.open_now and role.entry else "")
        if not role.open_now:
            label += f" (needs {role.missing_years:g} years more)"
        # Its counts in the table's columns, and nothing after them.
        counts = f"{role.met} {role.borderline} {role.to_build} 3"
        assert f"{label} {counts}" in lines


EVERY_SKILL = ("critical_thinking", "data_analysis", "attention_to_detail", "empathy", "research")
ROLES_BY_ASK = [
    "Quality Assurance Manager",
    "Quality Assurance Analyst (software testing)",
    "Manufacturing Technician",
    "Production Technician",
    "Assembly Technician",
]
ROLES_AT_NONE = [
    "Production Technician",
    "Assembly Technician",
    "Quality Assurance Analyst (software testing)",
    "Manufacturing Technician",
    "Quality Assurance Manager",
]


@pytest.mark.parametrize(("years", "order"), [("6", ROLES_BY_ASK), ("0", ROLES_AT_NONE)])
def test_every_item_right_shows_every_role_the_one_that_asks_most_of_those_open_first(
    run: Run, tmp_path: Path, years: str, order: list[str]
) -> None:
    answers = keyed_answers_file(tmp_path, EVERY_SKILL)
    taken = run("take", "--answers", str(answers), "--experience", years)
    assert taken.exit_code == 0, taken.output
    shown = run("show").output
    ranked = [
        re.sub(r"(:| \((entry level|needs [^)]*)\)|  ).*", "", line.split(". ", 1)[1])
        for line in shown.splitlines()
        if re.match(r"^\d\. ", line)
    ]
    # Once a line each on the first screen, then again in the details, in the same order.
    assert ranked == order + order
    assert not re.search(r"\bfit\b", shown)
    exported = json.loads(run("report", "--format", "json").output)
    assert [r["name"] for r in exported["roles"]] == order
    markdown = run("report", "--format", "md").output
    assert markdown.index(f"### {order[0]}") < markdown.index(f"### {order[1]}")
    awarded = "Level 3 Certificate in Assessing Vocational Achievement" in shown
    assert awarded == (years == "6")


def test_looking_writes_nothing(run: Run, skillquiz_home: Path) -> None:
    """history and show only read, so they work on a read-only home or a full disk."""
    assert run("history").output.startswith("No attempts yet")
    assert run("show").exit_code == 1
    assert not (skillquiz_home / DB_NAME).exists()


@pytest.mark.parametrize("command", [["history"], ["show"], ["take", "--plain"]])
def test_a_home_that_is_a_file_is_one_clear_line(
    run: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, command: list[str]
) -> None:
    home = tmp_path / "home-file"
    home.write_text("not a folder", encoding="utf-8")
    monkeypatch.setenv("SKILLQUIZ_HOME", str(home))
    result = run(*command, input="")
    assert result.exit_code == 1
    assert f"{home} is a file; the attempts are kept in a folder" in result.output
    assert "Traceback" not in result.output


def test_history_shows_the_experience_given_under_the_length(
    take_beta: TakeBeta, run: Run, bank_dir: Path
) -> None:
    take_beta(BETA_ANSWERED)
    run(
        "take", "--bank-dir", str(bank_dir), "--skill", "beta", "--experience", "2.5",
        input="s\ns\ns\ns\n",
    )  # fmt: skip
    run("take", "--bank-dir", str(bank_dir), "--skill", "beta", input="s\ns\ns\ns\ns\n")
    lines = run("history").output.splitlines()
    first = lines.index(next(line for line in lines if line.split()[:1] == ["1"]))
    second = lines.index(next(line for line in lines if line.split()[:1] == ["2"]))
    third = lines.index(next(line for line in lines if line.split()[:1] == ["3"]))
    assert lines[first + 1].split() == ["exp.", "0y"]
    assert lines[second + 1].split() == ["exp.", "2y+"]
    assert lines[third + 1].split()[:1] != ["exp."]
    assert lines[-1].endswith("exp.: the years of hands-on experience given.")

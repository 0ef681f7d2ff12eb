"""What each command imports to start, as facts rather than timings (bench/startup.py times
them): ``skillquiz --help`` lists every command without importing one (the group keeps each
command's short help in a table, which must say what the command itself says), and the
quick commands leave out the libraries they do not need."""

from __future__ import annotations

import importlib
import subprocess
import sys
from pathlib import Path

import click
import pytest
from click.testing import CliRunner
from fresh_run import alone

from quiz.cli.main import COMMANDS, SHORT_HELP, cli


def _command(name: str) -> click.Command:
    module, _, attr = COMMANDS[name].partition(":")
    command = getattr(importlib.import_module(module), attr)
    assert isinstance(command, click.Command)
    return command


def test_every_command_has_its_short_help_in_the_table() -> None:
    assert sorted(SHORT_HELP) == sorted(COMMANDS)


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_the_table_says_what_the_command_says_at_every_width(name: str) -> None:
    listed = click.Command(name, help=SHORT_HELP[name])
    own = _command(name)
    for limit in range(10, 200):
        assert listed.get_short_help_str(limit) == own.get_short_help_str(limit), limit


class _InOrder(click.Group):
    def list_commands(self, ctx: click.Context) -> list[str]:
        return list(self.commands)


@pytest.mark.parametrize("columns", ["40", "80", "120"])
def test_help_lists_the_commands_as_click_would_with_them_imported(columns: str) -> None:
    eager = _InOrder(
        name=cli.name,
        commands={name: _command(name) for name in COMMANDS},
        help=cli.help,
        params=cli.params,
        context_settings=cli.context_settings,
    )
    runner = CliRunner(env={"COLUMNS": columns})
    lazy_help = runner.invoke(cli, ["--help"], prog_name="skillquiz", terminal_width=int(columns))
    eager_help = runner.invoke(
        eager, ["--help"], prog_name="skillquiz", terminal_width=int(columns)
    )
    assert lazy_help.exit_code == 0
    assert lazy_help.output == eager_help.output


def test_help_imports_no_command_module() -> None:
    probe = (
        "sorted(m for m in sys.modules if m.startswith(('quiz.', 'questions', 'scoring', "
        "'rich', 'pydantic', 'yaml')))"
    )
    done = alone("--help", probe=probe)
    assert done.code == 0
    # Drawn by click (nothing is kept yet), then kept for the next one.
    kept = ["quiz.cli.cache_folder", "quiz.cli.file_cache", "quiz.cli.help_cache"]
    assert done.seen == ["quiz.cli", *kept, "quiz.cli.launch", "quiz.cli.main"]


def test_the_entry_point_exits_with_the_codes_of_the_error_family() -> None:
    from quiz import errors
    from quiz.cli import main as entry

    assert (entry.EXIT_RUNTIME, entry.EXIT_INTERRUPTED) == (
        errors.EXIT_RUNTIME,
        errors.EXIT_INTERRUPTED,
    )


def imported(*args: str, env: dict[str, str] | None = None) -> set[str]:
    """The modules a ``skillquiz`` run (in a fresh interpreter) has imported when it ends."""
    done = alone(*args, env=env)
    assert done.code == 0, done.output
    return set(done.seen)


def test_version_is_the_installed_one_and_reads_no_package_metadata() -> None:
    from importlib.metadata import version

    done = subprocess.run(
        [sys.executable, "-m", "quiz", "--version"], capture_output=True, text=True, check=True
    )
    assert done.stdout == f"skillquiz, version {version('skillquiz')}\n"
    assert "importlib.metadata" not in imported("--version")


def test_compare_of_attempts_with_current_summaries_loads_no_models(bank_dir: Path) -> None:
    answers = bank_dir.parent / "answers.yaml"
    answers.write_text("a-choice-01: Right\nb-num-01: 60\n")
    take = ["take", "--bank-dir", str(bank_dir), "--answers", str(answers), "--name", "Ann"]
    runner = CliRunner()
    for seed in ("1", "2"):
        assert runner.invoke(cli, [*take, "--seed", seed]).exit_code == 0
    modules = imported("compare", "1", "2")
    assert "quiz.attempts.comparison" in modules
    assert not {name for name in modules if name.split(".")[0] in ("pydantic", "yaml")}
    assert not {"questions.models", "quiz.attempts.snapshot", "scoring.models"} & modules


def test_history_builds_only_the_records_it_lists(bank_dir: Path) -> None:
    answers = bank_dir.parent / "answers.yaml"
    answers.write_text("a-choice-01: Right\nb-num-01: 60\n")
    take = ["take", "--bank-dir", str(bank_dir), "--answers", str(answers), "--name", "Ann"]
    assert CliRunner().invoke(cli, [*take, "--seed", "1"]).exit_code == 0
    modules = imported("history")
    assert {"quiz.storage.reading", "quiz.storage.records"} <= modules
    others = {"quiz.storage.attempt_row", "quiz.storage.new_attempt"}
    assert not {*others, "quiz.storage.parameter_records", "scoring"} & modules


def test_the_records_history_leaves_out_are_there_when_named() -> None:
    import quiz.storage
    from quiz.storage.attempt_row import AttemptRow
    from quiz.storage.new_attempt import NewAttempt, StoredCredit
    from quiz.storage.parameter_records import FinishedCredits, StoredSet

    named = [getattr(quiz.storage, name) for name in quiz.storage.__all__]
    assert {AttemptRow, NewAttempt, StoredCredit, FinishedCredits, StoredSet} <= set(named)
    with pytest.raises(AttributeError, match="no attribute 'Attempt'"):
        quiz.storage.Attempt  # noqa: B018 (the lookup is what is tested)


def test_import_reads_reports_without_the_yaml_reader(bank_dir: Path) -> None:
    answers = bank_dir.parent / "answers.yaml"
    answers.write_text("a-choice-01: Right\nb-num-01: 60\n")
    report = bank_dir.parent / "report.json"
    take = ["take", "--bank-dir", str(bank_dir), "--answers", str(answers), "--seed", "1"]
    assert CliRunner().invoke(cli, [*take, "--report", str(report)]).exit_code == 0
    imported("import", str(report))  # reads the built-in banks into their cache
    modules = imported("import", str(report))
    assert "quiz.classroom.importing" in modules
    assert not {name for name in modules if name.split(".")[0] == "yaml"}


def test_the_quiz_commands_define_no_dataclass_and_draw_seeds_without_secrets(
    bank_dir: Path,
) -> None:
    """``take`` and ``practice`` to their first question, ``import`` of a report already
    imported and ``gift export``, on banks already in their cache: their records are
    plain classes (a dataclass costs a millisecond of generated code to define, and the
    ``dataclasses`` module one more), and a fresh seed comes from random.SystemRandom
    (``secrets`` brings in hmac and base64)."""
    answers = bank_dir.parent / "answers.yaml"
    answers.write_text("a-choice-01: Right\nb-num-01: 60\n")
    report = bank_dir.parent / "report.json"
    banks = ["--bank-dir", str(bank_dir)]
    take = ["take", *banks, "--answers", str(answers), "--seed", "1"]
    assert CliRunner().invoke(cli, [*take, "--report", str(report)]).exit_code == 0
    runs = {
        "take": (
            ["take", "--plain", *banks, "--length", "quick", "--name", "B", "--experience", "1"],
            1,
        ),
        "practice": (["practice", "--plain", *banks, "--seed", "1"], 1),
        "import": (["import", str(report)], 0),
        "gift export": (["gift", "export", *banks, "--skill", "alpha"], 0),
    }
    for name, (args, code) in runs.items():
        alone(*args)  # the first run puts the banks into their cache
        done = alone(*args)
        assert done.code == code, (name, done.output)
        if name in ("take", "practice"):
            assert "question 1 of" in done.output, name
        if name == "import":
            assert "1 already imported" in done.output
        assert not {"dataclasses", "secrets"} & set(done.seen), name

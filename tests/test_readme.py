"""The README's set-up commands: each makes and uses a virtual environment (Debian's and
Ubuntu's system Python refuse pip outside one), and CI runs the test command exactly."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).parent.parent


def _setup_commands() -> list[str]:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Set up\n", 1)[1].split("\n## ", 1)[0]
    return [line[4:] for line in section.splitlines() if line.startswith("    ")]


def test_both_setup_commands_make_and_use_a_virtual_environment() -> None:
    commands = _setup_commands()
    assert len(commands) == 2
    for command in commands:
        steps = command.split(" && ")
        assert steps[0] == "python3 -m venv .venv"
        assert all(step.startswith(".venv/bin/") for step in steps[1:]), command
    assert commands[0].endswith(".venv/bin/skillquiz take")
    assert commands[1].endswith(".venv/bin/python -m pytest")


def test_ci_runs_the_readme_test_command_exactly() -> None:
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8").splitlines()
    assert _setup_commands()[1] in ci


def _answers_example() -> str:
    """The answers file the README shows, as a file would hold it."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    block = readme.split("maps question ids to answers:\n\n", 1)[1].split("\n\n", 1)[0]
    return "\n".join(line[4:] for line in block.splitlines()) + "\n"


def test_the_answers_file_example_is_yaml_any_tool_reads_and_names_real_questions(
    tmp_path: Path,
) -> None:
    import yaml
    from click.testing import CliRunner

    from questions import load_banks
    from quiz.cli.main import cli

    example = _answers_example()
    answers = yaml.safe_load(example)  # PyYAML, not only skillquiz's own reader
    items = load_banks(None).items
    assert [question_id for question_id in answers if question_id not in items] == []
    assert len(answers) == 6
    path = tmp_path / "answers.yaml"
    path.write_text(example, encoding="utf-8")
    taken = CliRunner().invoke(cli, ["take", "--answers", str(path)])
    assert taken.exit_code == 0, taken.output  # every answer fits its question
    assert "note:" not in taken.output

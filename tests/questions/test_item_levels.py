"""An item's level on O*NET's scale, as an author writes it and as validate checks it."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from questions import parse_bank
from quiz.cli.main import cli

HEAD = "schema: 1\nskill: {id: ex, name: Ex}\nquestions:\n"


def validate(tmp_path: Path, lines: list[str]) -> tuple[int, list[str]]:
    path = tmp_path / "ex.yaml"
    path.write_text(HEAD + "".join(f"  - {line}\n" for line in lines), encoding="utf-8")
    result = CliRunner().invoke(cli, ["validate", str(path)])
    return result.exit_code, [line.removeprefix(f"{path}:") for line in result.output.splitlines()]


def numeric(item_id: str, level: str) -> str:
    return f"{{id: {item_id}, type: numeric, text: How many?, answer: 2, level: {level}}}"


def test_a_level_is_read_as_written() -> None:
    bank = parse_bank(HEAD + "  - " + numeric("a", "3.5") + "\n  - " + numeric("b", "4") + "\n")
    assert [getattr(item, "level", None) for item in bank.bank.questions] == [3.5, 4.0]


def test_a_level_off_the_scale_not_a_number_or_too_fine_is_refused_at_its_line(
    tmp_path: Path,
) -> None:
    code, output = validate(
        tmp_path,
        [
            numeric("a", "3.5"),
            numeric("b", "7.5"),
            numeric("c", "-1"),
            numeric("d", "3.55"),
            numeric("e", "high"),
            numeric("f", "true"),
            "{id: g, type: likert, text: I do., level: 2.0}",
        ],
    )
    assert code == 2
    assert output == [
        "5:56: question b, level: 7.5 is off O*NET's level scale; a level is 0.0 to 7.0",
        "6:56: question c, level: -1 is off O*NET's level scale; a level is 0.0 to 7.0",
        "7:56: question d, level: a level is given to one decimal place (e.g. 3.5)",
        "8:56: question e, level: should be a number",
        "9:56: question f, level: should be a number, not true/false",
        "10:40: question g: unknown key 'level' (a self-rating has no level; only "
        "demonstrated items do)",
        "6 problems found",
    ]

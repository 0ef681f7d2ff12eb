"""History's columns line up whatever script a name is written in: a CJK character takes
two columns of a terminal, a combining accent none."""

from __future__ import annotations

import unicodedata

from class_fixtures import record
from click.testing import CliRunner

from questions import load_banks
from quiz.cli.main import cli
from quiz.storage import Store

NAMES = ("山田太郎", "Ada", "Zoe\u0301 Ørsted", "田中 花子 さん の 長い 名前 です よ ね")


def columns(text: str) -> int:
    """Where text ends on screen, counted as a terminal counts."""
    return sum(
        0
        if unicodedata.combining(char)
        else 2
        if unicodedata.east_asian_width(char) in ("W", "F")
        else 1
        for char in text
    )


def test_wide_names_keep_the_columns_after_them_in_line() -> None:
    with Store.open() as store:
        for name in NAMES:
            record(store, load_banks(), {"rs-self-01": 4}, name=name, skills=("research",))
    result = CliRunner(env={"COLUMNS": "80"}).invoke(cli, ["history"])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    header = lines[1]
    length_at = header.index("Length")
    rows = [line for line in lines[3:] if " full " in line]
    assert len(rows) == len(NAMES)
    for row in rows:
        assert columns(row[: row.index(" full ") + 1]) == length_at, row
    # The long name wraps between its words, inside its column.
    start = header.index("Name")
    assert [line[start:] for line in lines[3:6]] == [
        "田中 花子 さん   full     finished    RE -     -",
        "の 長い 名前",
        "です よ ね",
    ]

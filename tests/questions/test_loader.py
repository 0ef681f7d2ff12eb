"""Bank loading and `skillquiz validate` on every kind of bad input a trainer can produce."""

from __future__ import annotations

import json
import os
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from questions import BankLoadError, load_banks, parse_bank
from questions.yamlsource import MAX_FILE_BYTES
from quiz.cli.main import cli

GOOD = """\
schema: 1
skill:
  id: {skill}
  name: Data analysis
questions:
  - id: {prefix}-self-01
    type: likert
    text: I check output figures against the resources used.
  - id: {prefix}-scn-01
    type: choice
    text: Line B made 1,200 units in 8 hours, line C 1,100 in 7. Which is more productive?
    options:
      - {{text: Line B, credit: 0}}
      - {{text: Line C, credit: 1}}
"""


def write(folder: Path, name: str, content: str | bytes) -> Path:
    path = folder / name
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return path


def run_validate(*paths: Path) -> tuple[int, str]:
    result = CliRunner().invoke(cli, ["validate", *map(str, paths)])
    return result.exit_code, result.output


def assert_problem_at(output: str, path: Path, line: int | None, fragment: str) -> None:
    """The output names the file and the line, and says what is wrong, with no traceback."""
    assert "Traceback" not in output
    at = r"\d+" if line is None else str(line)
    pattern = rf"^{re.escape(str(path))}:{at}:\d+: .*{re.escape(fragment)}"
    assert re.search(pattern, output, re.MULTILINE), output


def test_good_bank_validates(tmp_path: Path) -> None:
    bank = write(tmp_path, "da.yaml", GOOD.format(skill="data_analysis", prefix="da"))
    code, output = run_validate(bank)
    assert code == 0
    assert "1 bank, 2 items: OK" in output


def test_builtin_banks_validate() -> None:
    code, output = run_validate()
    assert code == 0
    assert re.search(r"^5 banks, \d+ items: OK$", output, re.MULTILINE)


BASE = GOOD.format(skill="data_analysis", prefix="da")

BAD_CASES = [
    ("broken syntax", "schema: 1\nskill: {id: x, name: X\nquestions: []\n", 3, "YAML syntax"),
    ("tab indent", "schema: 1\nskill:\n\tid: x\n", 3, "tab in the indentation"),
    (
        "control character",
        'schema: 1\nskill: {id: x, name: "X\x07"}\n',
        2,
        "YAML syntax: a control character (U+0007) is not allowed",
    ),
    (
        "unknown key",
        BASE.replace("    type: likert\n", "    type: likert\n    colour: red\n"),
        8,
        "unknown key 'colour'",
    ),
    (
        "missing field",
        BASE.replace("    text: I check output figures against the resources used.\n", ""),
        6,
        "missing required key 'text'",
    ),
    (
        "wrong type",
        BASE.replace("text: I check output figures against the resources used.", "text: 5"),
        8,
        "valid string",
    ),
    (
        "unknown item type",
        BASE.replace("type: likert", "type: essay"),
        6,
        "unknown item type 'essay'",
    ),
    ("no full credit", BASE.replace("credit: 1", "credit: 0.5"), 9, "credit 1"),
    ("credit over 1", BASE.replace("credit: 1", "credit: 1.5"), 14, "less than or equal to 1"),
    ("option counted from 1", BASE.replace("credit: 1", "credit: 1.5"), 14, "options #2, credit"),
    (
        "skill id spelling",
        BASE.replace("id: data_analysis", "id: Data-Analysis"),
        3,
        "a skill id is snake_case",
    ),
    (
        "question id spelling",
        BASE.replace("id: da-self-01", "id: -x"),
        6,
        "a question id holds letters, digits",
    ),
    ("empty file", "", 1, "empty"),
    ("top-level list", "- schema: 1\n- skill: x\n", 1, "must be a mapping"),
    ("duplicate key", "schema: 1\nschema: 1\n", 2, "duplicate key 'schema'"),
    ("unsupported schema", BASE.replace("schema: 1", "schema: 9"), 1, "schema 9 is not supported"),
    (
        "short order",
        BASE + "  - {id: o1, type: order, text: Order the steps, items: [a, b]}\n",
        15,
        "at least 3 items",
    ),
    (
        "multi without wrong option",
        BASE + "  - {id: m1, type: multi, text: Pick, options: [{text: a, correct: true}]}\n",
        15,
        "correct: false",
    ),
    ("repeated option text", BASE.replace("text: Line C", "text: line b"), 9, "repeats"),
    ("repeated up to spacing", BASE.replace("text: Line C", "text: 'Line   B'"), 9, "repeats"),
    (
        "mapping for a list",
        "schema: 1\nskill: {id: s, name: S}\nquestions: {}\n",
        3,
        "should be a list",
    ),
    (
        "negative tolerance",
        BASE + "  - {id: n1, type: numeric, text: How many, answer: 4, tolerance: -1}\n",
        15,
        "greater than or equal to 0",
    ),
]


@pytest.mark.parametrize(
    ("label", "content", "line", "fragment"), BAD_CASES, ids=[c[0] for c in BAD_CASES]
)
def test_bad_bank_reports_file_and_line(
    tmp_path: Path, label: str, content: str, line: int, fragment: str
) -> None:
    bank = write(tmp_path, "bank.yaml", content)
    code, output = run_validate(bank)
    assert code == 2
    assert_problem_at(output, bank, line, fragment)


def test_non_utf8_file(tmp_path: Path) -> None:
    bank = write(tmp_path, "latin.yaml", b"schema: 1\nskill: {id: x, name: Caf\xe9}\n")
    code, output = run_validate(bank)
    assert code == 2
    assert_problem_at(output, bank, 2, "not UTF-8")


def test_alias_bomb_is_refused(tmp_path: Path) -> None:
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for prev, name in zip("abcdefgh", "bcdefghi", strict=True):
        lines.append(f"{name}: &{name} [" + ",".join([f"*{prev}"] * 9) + "]")
    bank = write(tmp_path, "bomb.yaml", "\n".join(lines) + "\n")
    code, output = run_validate(bank)
    assert code == 2
    assert_problem_at(output, bank, None, "an alias bomb?")


def test_oversized_file_is_refused(tmp_path: Path) -> None:
    bank = write(tmp_path, "huge.yaml", "# " + "x" * MAX_FILE_BYTES + "\n")
    code, output = run_validate(bank)
    assert code == 2
    assert_problem_at(output, bank, 1, "bytes, the limit")


def test_duplicate_id_across_files(tmp_path: Path) -> None:
    first = write(tmp_path, "a.yaml", GOOD.format(skill="data_analysis", prefix="da"))
    second = write(tmp_path, "b.yaml", GOOD.format(skill="research", prefix="da"))
    code, output = run_validate(tmp_path)
    assert code == 2
    assert_problem_at(
        output, second, 6, f"duplicate question id 'da-self-01'; first used at {first}:6"
    )


def test_duplicate_skill_id_across_files(tmp_path: Path) -> None:
    write(tmp_path, "a.yaml", GOOD.format(skill="data_analysis", prefix="da"))
    second = write(tmp_path, "b.yaml", GOOD.format(skill="data_analysis", prefix="rs"))
    code, output = run_validate(tmp_path)
    assert code == 2
    assert_problem_at(output, second, 3, "skill id 'data_analysis' is already used")


def test_folder_without_banks(tmp_path: Path) -> None:
    write(tmp_path, "notes.txt", "not a bank")
    code, output = run_validate(tmp_path)
    assert code == 2
    assert_problem_at(output, tmp_path, 1, "no bank files")


def test_missing_path(tmp_path: Path) -> None:
    missing = tmp_path / "nope.yaml"
    code, output = run_validate(missing)
    assert code == 2
    assert_problem_at(output, missing, 1, "no such file or folder")


def test_all_problems_in_all_files_are_listed(tmp_path: Path) -> None:
    write(
        tmp_path,
        "a.yaml",
        GOOD.replace("type: likert", "type: essay").format(skill="x", prefix="x"),
    )
    write(tmp_path, "b.yaml", "schema: 1\nskill: {id: y, name: Y, colour: red}\nquestions: []\n")
    code, output = run_validate(tmp_path)
    assert code == 2
    assert "a.yaml:6:" in output
    assert "b.yaml:2:" in output and "b.yaml:3:" in output


def test_json_format_lists_problems(tmp_path: Path) -> None:
    bank = write(tmp_path, "bank.yaml", BASE.replace("type: likert", "type: essay"))
    result = CliRunner().invoke(cli, ["validate", "--format", "json", str(bank)])
    assert result.exit_code == 2
    problems = json.loads(result.stdout)
    assert problems == [
        {
            "file": str(bank),
            "line": 6,
            "column": 5,
            "message": "question da-self-01: unknown item type 'essay'; "
            "expected one of likert, choice, multi, numeric, order, text, match",
        }
    ]


def test_json_format_when_valid() -> None:
    result = CliRunner().invoke(cli, ["validate", "--format", "json"])
    assert result.exit_code == 0
    assert json.loads(result.stdout) == []


def test_banks_command_counts_types(tmp_path: Path) -> None:
    write(tmp_path, "da.yaml", GOOD.format(skill="data_analysis", prefix="da"))
    result = CliRunner().invoke(cli, ["banks", "--bank-dir", str(tmp_path), "--format", "json"])
    assert result.exit_code == 0
    assert json.loads(result.stdout) == [
        {
            "skill": "data_analysis",
            "name": "Data analysis",
            "items": 2,
            "by_type": {
                "likert": 1,
                "choice": 1,
                "multi": 0,
                "numeric": 0,
                "order": 0,
                "text": 0,
                "match": 0,
            },
            "by_difficulty": {"hard": 0, "medium": 0, "easy": 0, "unrated": 1},
        }
    ]


def test_banks_command_table_names_every_skill() -> None:
    result = CliRunner().invoke(cli, ["banks"])
    assert result.exit_code == 0
    for name in (
        "Critical thinking",
        "Data analysis",
        "Attention to detail",
        "Empathy",
        "Research",
    ):
        assert name in result.output


def test_banks_command_rejects_bad_bank_dir(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["banks", "--bank-dir", str(tmp_path)])
    assert result.exit_code == 2
    assert f"{tmp_path}:1:1: no bank files" in result.output


def test_loaded_models_are_immutable() -> None:
    bank = parse_bank(GOOD.format(skill="data_analysis", prefix="da")).bank
    with pytest.raises(AttributeError, match="Skill is immutable; cannot set 'name'"):
        bank.skill.name = "Other"  # type: ignore[misc]


def test_load_banks_collects_problems_as_exception(tmp_path: Path) -> None:
    write(tmp_path, "a.yaml", "schema: 1\n")
    with pytest.raises(BankLoadError) as caught:
        load_banks([tmp_path])
    assert [p.line for p in caught.value.problems] == [1, 1]


def test_many_values_without_aliases_are_not_mistaken_for_a_bomb(tmp_path: Path) -> None:
    entries = "".join(
        f"  - {{id: x{i}, type: likert, text: Statement {i}}}\n" for i in range(40_000)
    )
    bank = write(
        tmp_path, "big.yaml", "schema: 1\nskill: {id: big, name: Big}\nquestions:\n" + entries
    )
    code, output = run_validate(bank)
    assert code == 0, output
    assert "1 bank, 40000 items: OK" in output


@pytest.mark.parametrize(
    ("value", "fragment"),
    [
        ("2024-02-30", "'2024-02-30' is not a valid date"),
        ("0x_", "'0x_' is not a valid number"),
        ("!!int abc", "'abc' is not a valid int"),
        ("!!float abc", "'abc' is not a valid float"),
        ("!!bool maybe", "'maybe' is not a valid bool"),
    ],
)
def test_unreadable_scalar_is_a_problem_at_its_place(
    tmp_path: Path, value: str, fragment: str
) -> None:
    bank = write(
        tmp_path, "bank.yaml", BASE + f"  - {{id: n1, type: numeric, text: N, answer: {value}}}\n"
    )
    code, output = run_validate(bank)
    assert code == 2
    assert_problem_at(output, bank, 15, fragment)


@pytest.mark.parametrize("value", [".nan", ".inf", "-.inf"])
def test_numbers_must_be_finite(tmp_path: Path, value: str) -> None:
    bank = write(
        tmp_path,
        "bank.yaml",
        BASE + f"  - {{id: n1, type: numeric, text: N, answer: 3, tolerance: {value}}}\n",
    )
    code, output = run_validate(bank)
    assert code == 2
    assert_problem_at(output, bank, 15, "finite number")


def test_merge_keys_share_fields_and_written_keys_win() -> None:
    text = BASE + (
        "  - &base {id: m1, type: likert, text: I keep my bench tidy., tags: [habits]}\n"
        "  - <<: *base\n"
        "    id: m2\n"
        "    reverse: true\n"
    )
    loaded = parse_bank(text, "merge.yaml")
    first, second = loaded.bank.questions[-2:]
    assert (second.id, second.text, second.tags) == ("m2", first.text, first.tags)
    assert second.reverse is True  # type: ignore[union-attr]


def test_same_file_named_twice_is_loaded_once(tmp_path: Path) -> None:
    bank = write(tmp_path, "da.yaml", BASE)
    code, output = run_validate(bank, tmp_path, bank)
    assert code == 0, output
    assert "1 bank, 2 items: OK" in output


def test_duplicate_skill_id_points_at_the_id(tmp_path: Path) -> None:
    write(tmp_path, "a.yaml", BASE)
    second = write(tmp_path, "b.yaml", GOOD.format(skill="data_analysis", prefix="rs"))
    code, output = run_validate(tmp_path)
    assert code == 2
    assert re.search(rf"^{re.escape(str(second))}:3:3: skill id 'data_analysis'", output, re.M)


def test_duplicate_ids_are_found_in_a_file_with_other_problems(tmp_path: Path) -> None:
    content = (
        BASE.replace("type: likert", "type: essay")
        + "  - {id: da-scn-01, type: likert, text: Again}\n"
    )
    bank = write(tmp_path, "bank.yaml", content)
    code, output = run_validate(bank)
    assert code == 2
    assert_problem_at(output, bank, 6, "unknown item type 'essay'")
    assert_problem_at(output, bank, 15, "duplicate question id 'da-scn-01'; first used at")


def test_a_fifo_is_refused_not_waited_on(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.yaml"
    os.mkfifo(fifo)
    code, output = run_validate(fifo)
    assert code == 2
    assert_problem_at(output, fifo, 1, "not a regular file")


def test_a_device_is_refused_not_read_forever() -> None:
    code, output = run_validate(Path("/dev/zero"))
    assert code == 2
    assert_problem_at(output, Path("/dev/zero"), 1, "not a regular file")


@settings(max_examples=400, suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(
    st.sampled_from(["", "!!int ", "!!float ", "!!bool ", "!!timestamp ", "!!null "]),
    st.text(alphabet="0123456789-+x_:.eEbo TZ", max_size=14),
)
def test_any_scalar_spelling_loads_or_raises_the_loader_error(tag: str, value: str) -> None:
    """Numbers, dates and tags are where YAML's own constructors raise plain errors."""
    text = BASE + f"  - {{id: n1, type: numeric, text: N, answer: {tag}{value}}}\n"
    try:
        parse_bank(text, "fuzz.yaml")
    except BankLoadError as error:
        assert all(problem.file == "fuzz.yaml" for problem in error.problems)


def test_summary_counts_read_naturally(tmp_path: Path) -> None:
    bank = write(
        tmp_path,
        "one.yaml",
        "schema: 1\nskill: {id: s, name: S}\nquestions:\n"
        "  - {id: a, type: likert, text: I check my work.}\n",
    )
    code, output = run_validate(bank)
    assert code == 0
    assert "1 bank, 1 item: OK" in output


def test_a_name_too_long_for_the_system_is_one_line(tmp_path: Path) -> None:
    long = tmp_path / ("b" * 300 + ".yaml")
    code, output = run_validate(long)
    assert code == 2
    assert_problem_at(output, long, 1, "cannot read: File name too long")
    assert "internal error" not in output


def test_a_bank_dir_too_long_for_the_system_is_one_line(tmp_path: Path) -> None:
    long = tmp_path / ("d" * 300)
    result = CliRunner().invoke(cli, ["banks", "--bank-dir", str(long)])
    assert result.exit_code == 2
    assert f"{long}:1:1: cannot read: File name too long" in result.output


def test_an_unreadable_folder_is_one_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = tmp_path / "locked"
    folder.mkdir()
    write(folder, "a.yaml", GOOD.format(skill="data_analysis", prefix="da"))
    if os.geteuid() == 0:  # permissions do not stop root: refuse the listing as the OS would
        listing = Path.iterdir

        def refuse(self: Path) -> Iterator[Path]:
            if self == folder:
                raise PermissionError(13, "Permission denied", str(self))
            return listing(self)

        monkeypatch.setattr(Path, "iterdir", refuse)
    folder.chmod(0)
    try:
        code, output = run_validate(folder)
    finally:
        folder.chmod(0o700)
    assert code == 2
    assert_problem_at(output, folder, 1, "cannot read: Permission denied")

"""JSON, Markdown and CSV say the same thing: the numbers match the JSON, not just the headers."""

from __future__ import annotations

import csv
import html
import io
import json
import re
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from report_fixtures import PAYLOAD, full_report

from questions.record import replace
from questions.record_schema import validate_json
from quiz.errors import BadInput
from quiz.report.export import format_for, render, write_report
from quiz.report.json_schema import report_schema
from quiz.report.model import Report
from scoring.models import GapStatus


@pytest.fixture(scope="module")
def report() -> Report:
    return full_report()


@pytest.fixture(scope="module")
def data(report: Report) -> dict[str, Any]:
    loaded: dict[str, Any] = json.loads(render(report, "json"))
    return loaded


# --- JSON -------------------------------------------------------------------------------


def test_json_validates_against_the_generated_schema(data: dict[str, Any]) -> None:
    schema = report_schema()
    jsonschema.Draft202012Validator.check_schema(schema)
    jsonschema.validate(data, schema, cls=jsonschema.Draft202012Validator)
    assert data["schema_version"] == 3


def test_schema_rejects_a_report_missing_its_skills(data: dict[str, Any]) -> None:
    broken = {key: value for key, value in data.items() if key != "skills"}
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(broken, report_schema())


def test_json_round_trip_through_the_models_is_equal(report: Report) -> None:
    text = render(report, "json")
    again = validate_json(Report, text)
    assert again == report
    assert render(again, "json") == text


def test_json_holds_what_the_design_promises(data: dict[str, Any]) -> None:
    assert set(data["attempt"]) >= {
        "id", "name", "started_at", "finished_at", "length", "seed", "experience_years",
    }  # fmt: skip
    assert data["model"] == {"name": "GPCM", "calibrated": False, "parameter_set": None}
    assert set(data["skills"][0]) >= {
        "skill", "name", "self_rated", "level", "level_sd", "interval", "band", "answered",
        "skipped", "calibration", "calibration_note",
    }  # fmt: skip
    assert "demonstrated" not in data["skills"][0] and "weights" not in data
    assert set(data["roles"][0]) >= {
        "role", "name", "open_now", "missing_years", "not_measured", "salary", "met",
        "borderline", "to_build", "p_meets_all", "gaps",
    }  # fmt: skip
    assert "fit" not in data["roles"][0]
    assert set(data["roles"][0]["gaps"][0]) >= {
        "skill", "required_level", "level", "p_meets", "status",
    }  # fmt: skip
    assert set(data["certifications"][0]) >= {"id", "name", "provider", "reason"}
    assert set(data["responses"][0]) >= {
        "question_id",
        "skill",
        "type",
        "answer",
        "keyed",
        "credit",
    }
    opens = [role["open_now"] for role in data["roles"]]
    assert opens == sorted(opens, reverse=True)
    assert data["sources"] and "O*NET" in data["sources"][0]
    assert data["attempt"]["name"] == f"Alex {PAYLOAD}"


# --- Markdown ---------------------------------------------------------------------------


def md_tables(markdown: str) -> list[list[list[str]]]:
    """Every pipe table as rows of cells (header and rule rows dropped)."""
    tables: list[list[list[str]]] = []
    current: list[list[str]] = []
    for line in [*markdown.splitlines(), ""]:
        if line.startswith("| "):
            cells = [c.strip() for c in re.split(r"(?<!\\)\|", line.strip()[1:-1])]
            current.append(cells)
        elif current:
            tables.append(current[2:])
            current = []
    return tables


def unescape(cell: str) -> str:
    """A cell's text as a reader sees it: backslash escapes and HTML entities undone."""
    return html.unescape(re.sub(r"\\(.)", r"\1", cell))


def number(cell: str) -> float | None:
    return None if cell == "—" else float(cell.split()[0].rstrip("%"))


def shows(cell: str, value: float) -> bool:
    """The cell shows ``value`` rounded to a whole number (either way at exactly .5)."""
    shown = number(cell)
    return shown is not None and shown == int(shown) and abs(shown - value) <= 0.5


def test_markdown_skill_table_matches_the_json(report: Report, data: dict[str, Any]) -> None:
    skills_table = md_tables(render(report, "md"))[0]
    assert len(skills_table) == len(data["skills"])
    for row, skill in zip(skills_table, data["skills"], strict=True):
        low, high = skill["interval"]
        assert unescape(row[0]) == skill["name"]
        assert row[1] == f"{skill['level']:.1f} ({low:.1f}-{high:.1f}) of 7"
        assert row[2] == skill["band"]
        assert row[3] == f"{skill['answered']} / {skill['skipped']}"
        rated = skill["self_rated"]
        assert row[4] == ("—" if rated is None else f"{rated:.1f}")
        calibration = skill["calibration"]
        assert row[5] == ("—" if calibration is None else f"{calibration:+.1f}")


def test_markdown_skill_table_says_which_column_holds_the_self_rating_note(
    report: Report,
) -> None:
    lines = render(report, "md").splitlines()
    assert (
        "| Skill | Level (90% interval) | Band | Answered / skipped | Self-rated | Difference "
        "| Self-rating against level |"
    ) in lines


def test_markdown_roles_and_gaps_match_the_json(report: Report, data: dict[str, Any]) -> None:
    markdown = render(report, "md")
    roles_table = md_tables(markdown)[1]
    assert [unescape(row[0]) for row in roles_table] == [r["name"] for r in data["roles"]]
    for row, role in zip(roles_table, data["roles"], strict=True):
        counts = f"{role['met']} met, {role['borderline']} borderline, {role['to_build']} to build"
        assert row[1].startswith(f"{len(role['gaps'])} requirements: {counts}"), row[1]
        assert row[2].startswith("Open to you now" if role["open_now"] else "To grow into")
        salary = role["salary"]
        # The source's figure, marked for the footnote; then the BLS median with its release.
        figure, _, bls = unescape(row[3]).partition("\\*")
        amounts = [int(n.replace(",", "")) for n in re.findall(r"\d[\d,]*", figure)]
        expected = [salary["low"], salary["high"]] if salary["low"] else [salary["average"]]
        assert amounts == expected
        median = salary["bls"]
        assert bls == (
            ""
            if median is None
            else f"; BLS median USD {median['median']:,} "
            f"({median['occupation']}, {median['release']}"
            + (", an older release)" if median["older"] else ")")
        )
    gap_tables = md_tables(markdown)[2 : 2 + len(data["roles"])]
    for table, role in zip(gap_tables, data["roles"], strict=True):
        assert [unescape(r[0]) for r in table] == [g["name"] for g in role["gaps"]]
        for row, gap in zip(table, role["gaps"], strict=True):
            assert float(row[1]) == gap["required_level"]
            assert float(row[2]) == gap["level"]
            word = {"met": "Met", "borderline": "Borderline", "to build": "To build"}[gap["status"]]
            assert row[3] == f"{word} (chance you meet it: {round(gap['p_meets'] * 100)}%)"
    source = data["roles"][0]["salary"]
    footnote = f"*\\* {source['source']}, dated {source['dated']}: {source['note']}*"
    assert markdown.count(footnote) == 1
    assert markdown.count(source["source"]) == 1
    for role in data["roles"]:
        assert (
            markdown.count("Not measured by this quiz: " + role["not_measured"][0][0].lower()) == 1
        )
    assert "To grow into: needs 4 years more hands-on experience" in markdown
    assert "Experience: none" in markdown
    assert "O*NET 29.3 Database" in unescape(markdown)


def test_markdown_review_credits_match_the_json(report: Report, data: dict[str, Any]) -> None:
    markdown = render(report, "md")
    credits = re.findall(r"^- Credit: (.+)$", markdown, flags=re.M)
    assert len(credits) == len(data["responses"])
    for shown, response in zip(credits, data["responses"], strict=True):
        if response["type"] == "likert":
            assert shown == "self-rating"
        elif response["credit"] is None:
            assert shown == "skipped"
        else:
            assert shows(shown, response["credit"] * 100)


def test_markdown_escapes_markup_from_names_and_banks(report: Report) -> None:
    markdown = render(report, "md")
    assert "<" not in markdown  # no raw tag reaches a code host
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in markdown
    piped = replace(
        report,
        skills=[
            replace(report.skills[0], name="Critical | thinking"),
            *report.skills[1:],
        ],
    )
    row = md_tables(render(piped, "md"))[0][0]
    assert len(row) == 7
    assert unescape(row[0]) == "Critical | thinking"


def test_markdown_names_read_as_plain_text(report: Report) -> None:
    """Only what Markdown or HTML would act on is escaped; brackets and R&D stay as typed."""
    named = replace(
        report,
        attempt=replace(report.attempt, name="Ann <b>[red]x[/red]"),
        warnings=["# not a heading", "- not a list", "> not a quote", "R&D &amp; QA"],
    )
    markdown = render(named, "md")
    assert "# Your skills profile, Ann &lt;b&gt;[red]x[/red]\n" in markdown
    assert "\\" not in markdown.split("## Worth knowing")[0]
    warnings = markdown.split("## Worth knowing\n\n")[1].split("\n\n")[0].splitlines()
    assert warnings == [
        "- \\# not a heading",
        "- \\- not a list",
        "- &gt; not a quote",
        "- R&D &amp;amp; QA",
    ]


def test_markdown_has_the_other_sections(report: Report) -> None:
    markdown = render(report, "md")
    for heading in (
        "# Your skills profile",
        "## Your skills",
        "## Roles your results point to",
        "## Certifications to consider",
        "## Next steps",
        "## Your answers, question by question",
    ):
        assert f"\n{heading}" in f"\n{markdown}"
    assert "not a screening or hiring test" in markdown
    assert "Level 3 Certificate in Assessing Vocational Achievement" in markdown


# --- CSV --------------------------------------------------------------------------------


def rows(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text)))


def as_float(cell: str) -> float | None:
    return None if cell == "" else float(cell)


def test_csv_has_one_row_per_skill_with_the_json_numbers(
    report: Report, data: dict[str, Any]
) -> None:
    table = rows(render(report, "csv"))
    assert [row["skill"] for row in table] == [s["skill"] for s in data["skills"]]
    for row, skill in zip(table, data["skills"], strict=True):
        for key in ("self_rated", "level", "level_sd", "calibration"):
            assert as_float(row[key]) == skill[key], key
        assert [as_float(row["interval_low"]), as_float(row["interval_high"])] == skill["interval"]
        assert (int(row["answered"]), int(row["skipped"])) == (skill["answered"], skill["skipped"])
        assert row["band"] == skill["band"]


def test_csv_per_role_has_one_row_per_requirement_with_status_and_credit(
    report: Report, data: dict[str, Any]
) -> None:
    table = rows(render(report, "csv", per_role=True))
    expected = [(r["role"], g["skill"]) for r in data["roles"] for g in r["gaps"]]
    assert [(row["role"], row["skill"]) for row in table] == expected
    by_role = {r["role"]: r for r in data["roles"]}
    for row in table:
        role = by_role[row["role"]]
        gap = next(g for g in role["gaps"] if g["skill"] == row["skill"])
        assert row["open_now"] == ("yes" if role["open_now"] else "no")
        assert as_float(row["missing_years"]) == role["missing_years"]
        assert as_float(row["experience_years"]) == data["attempt"]["experience_years"]
        assert json.loads(row["not_measured"]) == role["not_measured"]
        assert (row["status"], as_float(row["level"])) == (gap["status"], gap["level"])
        assert as_float(row["required_level"]) == gap["required_level"]
        assert as_float(row["p_meets"]) == gap["p_meets"]
        assert [int(row[k]) for k in ("met", "borderline", "to_build")] == [
            role["met"], role["borderline"], role["to_build"],
        ]  # fmt: skip
        assert as_float(row["p_meets_all"]) == role["p_meets_all"]
        assert row["source"] == " ".join(data["sources"])


def test_csv_per_item_has_one_row_per_response(report: Report, data: dict[str, Any]) -> None:
    table = rows(render(report, "csv", per_item=True))
    assert [row["question_id"] for row in table] == [r["question_id"] for r in data["responses"]]
    for row, response in zip(table, data["responses"], strict=True):
        assert as_float(row["credit"]) == response["credit"]
        assert row["text"] == response["text"]
        for key in ("answer", "keyed"):
            value = response[key]
            if value is None:
                assert row[key] == ""
            elif isinstance(value, list):
                assert json.loads(row[key]) == value
            elif isinstance(value, str):
                assert row[key] == value
            else:
                assert float(row[key]) == value


def test_csv_neutralises_spreadsheet_formulas(report: Report) -> None:
    formula = '=HYPERLINK("x","click")'
    response = replace(report.responses[1], text=formula)
    hostile = replace(report, responses=[response])
    (row,) = rows(render(hostile, "csv", per_item=True))
    assert row["text"] == "'" + formula
    # numbers, negative ones included, stay numbers
    (first, *_rest) = rows(render(report, "csv"))
    assert not first["calibration"].startswith("'")


# --- choosing the format and the destination -------------------------------------------


@pytest.mark.parametrize(
    ("name", "fmt"),
    [("r.html", "html"), ("R.HTM", "html"), ("r.md", "md"), ("r.markdown", "md"),
     ("r.json", "json"), ("r.csv", "csv")],
)  # fmt: skip
def test_format_follows_the_extension(name: str, fmt: str) -> None:
    assert format_for(Path(name)) == fmt


def test_unknown_extension_asks_for_a_format() -> None:
    with pytest.raises(BadInput, match="--format"):
        format_for(Path("results.txt"))


def test_stdout_for_text_formats(report: Report, capsys: pytest.CaptureFixture[str]) -> None:
    write_report(report, None, "json")
    assert validate_json(Report, capsys.readouterr().out) == report


def test_html_needs_a_path(report: Report) -> None:
    with pytest.raises(BadInput, match="-o"):
        write_report(report, None, "html")


def test_write_report_keeps_an_existing_file(report: Report, tmp_path: Path) -> None:
    target = tmp_path / "me.html"
    target.write_text("mine", encoding="utf-8")
    with pytest.raises(BadInput) as caught:
        write_report(report, target, "html")
    assert caught.value.message == f"{target} already exists; add --force to replace it"
    assert target.read_text(encoding="utf-8") == "mine"
    write_report(report, target, "html", force=True)
    assert target.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")


@pytest.mark.parametrize(
    ("status", "p_meets", "words"),
    [
        ("to build", 0.04, "To build (chance you meet it: 4%)"),
        ("borderline", 0.5, "Borderline (chance you meet it: 50%)"),
        ("met", 0.9, "Met (chance you meet it: 90%)"),
        ("not assessed", None, "Not assessed in this attempt"),
    ],
)
def test_a_requirement_reads_as_its_status_and_chance(
    status: GapStatus, p_meets: float | None, words: str
) -> None:
    from quiz.report import phrases
    from scoring.models import SkillGap

    gap = SkillGap(
        skill="research",
        name="Research",
        required_level=3.135,
        level=None if p_meets is None else 3.0,
        p_meets=p_meets,
        status=status,
        importance=3,
    )
    assert phrases.gap_status_words(gap) == words

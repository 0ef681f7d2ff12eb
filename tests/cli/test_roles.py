"""`skillquiz roles`: what a person sees about roles, pay and qualifications."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from runner import Run

from quiz.cli.main import cli
from scoring import default_catalog_path

pytestmark = pytest.mark.cli_runner(columns=200)


def test_the_table_shows_every_role_with_pay_and_its_caveat(run: Run) -> None:
    result = run("roles")
    code, output = result.exit_code, result.output
    assert code == 0, output
    lines = output.splitlines()
    for name, pay in [
        ("Production Technician", "USD 35,000-55,000 a year"),
        ("Assembly Technician", "USD 42,000 a year"),
        ("Manufacturing Technician", "USD 44,000 a year"),
        ("Quality Assurance Analyst (software testing)", "USD 53,000 a year"),
        ("Quality Assurance Manager", "USD 71,000 a year"),
    ]:
        at = next(n for n, line in enumerate(lines) if line.startswith(name))
        assert lines[at + 1].startswith(f"  Salary: {pay} (ok.com"), lines[at + 1]
    assert "varies with experience, location and company" in output
    assert "high-school diploma and on-the-job training" in output
    assert "City & Guilds" in output and "12-24 months" in output
    assert "O*NET-SOC 11-3051.01; Job Zone 4; experience needed: 4 years" in output
    assert "BLS median USD 105,480 a year" in output
    assert "Not measured by the quiz: Years of quality work;" in output
    assert "O*NET 29.3 Database" in output and "CC BY 4.0" in output


def test_json_lists_roles_with_required_levels_and_certifications(run: Run) -> None:
    result = run("roles", "--format", "json")
    code, output = result.exit_code, result.output
    assert code == 0
    data = json.loads(output)
    roles = {role["role"]: role for role in data["roles"]}
    assert list(roles) == [
        "production_technician",
        "assembly_technician",
        "manufacturing_technician",
        "qa_analyst",
        "qa_manager",
    ]
    manager = roles["qa_manager"]
    assert manager["salary"]["average"] == 71000 and "location" in manager["salary"]["note"]
    assert (manager["salary"]["dated"], manager["salary"]["bls"]["release"]) == (
        "12/04/2025",
        "May 2019",
    )
    research = next(r for r in manager["requirements"] if r["skill"] == "research")
    assert research == {
        "skill": "research",
        "name": "Research",
        "required_level": 4.645,  # Getting Information 5.17, Active Learning 4.12
        "band": "Proficient",
        "importance": 3.99,
    }
    assert (manager["onet_code"], manager["min_experience_years"]) == ("11-3051.01", 4)
    assert "Knowledge of national regulations" in manager["not_measured"]
    onet, bls = data["sources"]
    assert "O*NET 29.3" in onet and "CC BY 4.0" in onet and "Bureau of Labor Statistics" in bls
    assert [c["id"] for c in data["certifications"]] == [
        "cg_level3_assessing",
        "technical_apprenticeship",
    ]


def test_a_custom_catalog_is_used(run: Run, tmp_path: Path) -> None:
    path = tmp_path / "catalog.yaml"
    text = default_catalog_path().read_text(encoding="utf-8")
    path.write_text(text.replace("Quality Assurance Manager", "Head of Quality"), "utf-8")
    result = run("roles", "--catalog", str(path), "--format", "json")
    code, output = result.exit_code, result.output
    assert code == 0
    assert "Head of Quality" in [role["name"] for role in json.loads(output)["roles"]]


def test_a_bad_catalog_exits_2_with_every_problem_at_its_line(run: Run, tmp_path: Path) -> None:
    path = tmp_path / "catalog.yaml"
    text = default_catalog_path().read_text(encoding="utf-8")
    lines = text.replace("average: 42000", "average: -1").replace(
        "empathy: {level: 2.88, importance: 2.88}", "empathy: {level: 2.88, importance: 9}"
    )
    path.write_text(lines, "utf-8")
    result = run("roles", "--catalog", str(path))
    code, output = result.exit_code, result.output
    assert code == 2
    assert "Traceback" not in output
    numbered = lines.splitlines()
    money = next(n for n, line in enumerate(numbered, 1) if "average: -1" in line)
    weight = next(n for n, line in enumerate(numbered, 1) if "importance: 9" in line)
    assert f"{path}:{money}:" in output and f"{path}:{weight}:" in output
    assert "the catalog has 2 problems" in output


def test_a_missing_catalog_exits_2_with_one_line(run: Run, tmp_path: Path) -> None:
    result = run("roles", "--catalog", str(tmp_path / "none.yaml"))
    code, output = result.exit_code, result.output
    assert code == 2
    assert f"{tmp_path / 'none.yaml'}:1:1: cannot read" in output
    assert "Traceback" not in output


def test_table_reads_at_80_columns_without_trailing_spaces() -> None:
    result = CliRunner().invoke(cli, ["roles"], terminal_width=80)
    assert result.exit_code == 0
    lines = result.output.splitlines()
    assert all(len(line) <= 80 for line in lines)
    assert [line for line in lines if line != line.rstrip()] == []
    assert "Quality Assurance Manager\n  Salary: USD 71,000 a year" in result.output

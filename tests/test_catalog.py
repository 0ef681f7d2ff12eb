"""The built-in catalog holds the source facts, and a bad catalog is reported FILE:LINE."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from questions import InputError
from scoring import Catalog, builtin_catalog, default_catalog_path, load_catalog, parse_catalog
from scoring.catalog import Role

TEXT = default_catalog_path().read_text(encoding="utf-8")
LINES = TEXT.splitlines()
CATALOG = builtin_catalog()
SKILLS = ["critical_thinking", "data_analysis", "attention_to_detail", "empathy", "research"]


def line_of(needle: str, after: str | None = None) -> int:
    """1-based line of the first line containing ``needle`` (after the line with ``after``)."""
    start = line_of(after) if after else 0
    for number, line in enumerate(LINES[start:], start=start + 1):
        if needle in line:
            return number
    raise AssertionError(f"{needle!r} not in the catalog")


def problems_of(text: str, file: str = "catalog.yaml") -> list[str]:
    with pytest.raises(InputError) as error:
        parse_catalog(text, file)
    return [str(problem) for problem in error.value.problems]


def assert_reported(text: str, line: int, fragment: str) -> None:
    found = problems_of(text)
    pattern = re.compile(rf"^catalog\.yaml:{line}:\d+: .*{re.escape(fragment)}")
    assert any(pattern.search(p) for p in found), found


def test_the_five_roles_carry_the_source_salaries() -> None:
    salaries = {
        role.id: (role.salary.average, role.salary.low, role.salary.high) for role in CATALOG.roles
    }
    assert salaries == {
        "production_technician": (None, 35000, 55000),
        "assembly_technician": (42000, None, None),
        "manufacturing_technician": (44000, None, None),
        "qa_analyst": (53000, None, None),
        "qa_manager": (71000, None, None),
    }
    assert {role.salary.currency for role in CATALOG.roles} == {"USD"}


@pytest.mark.parametrize("role", CATALOG.roles, ids=lambda role: role.id)
def test_every_salary_says_it_varies(role: Role) -> None:
    note = role.salary.note.lower()
    assert all(word in note for word in ("experience", "location", "company"))


def test_the_technician_roles_are_the_entry_roles() -> None:
    entry = {role.id for role in CATALOG.roles if role.entry}
    assert entry == {"production_technician", "assembly_technician", "manufacturing_technician"}
    for role in CATALOG.roles:
        if role.entry:
            assert role.entry_requirements == ("A high-school diploma", "On-the-job training")


def test_the_two_qualifications() -> None:
    by_id = {c.id: c for c in CATALOG.certifications}
    assert set(by_id) == {"cg_level3_assessing", "technical_apprenticeship"}
    assessing = by_id["cg_level3_assessing"]
    assert (assessing.provider, assessing.country) == ("City & Guilds", "UK")
    apprenticeship = by_id["technical_apprenticeship"]
    assert apprenticeship.duration == "12-24 months" and apprenticeship.entry_route
    assert {"production_technician", "manufacturing_technician"} <= set(apprenticeship.roles)


@pytest.mark.parametrize("role", CATALOG.roles, ids=lambda role: role.id)
def test_every_role_needs_every_skill_and_entry_roles_ask_less(role: Role) -> None:
    assert sorted(role.skills) == sorted(SKILLS)
    hardest_entry = {
        skill: max(r.skills[skill].required for r in CATALOG.roles if r.entry) for skill in SKILLS
    }
    if not role.entry:
        for skill in SKILLS:
            assert role.skills[skill].required > hardest_entry[skill]


def test_every_requirement_is_reasoned_in_a_comment_above_it() -> None:
    pattern = re.compile(r"^\s+(\w+): \{required: \d+, importance: \d\}")
    requirement_lines = [n for n, line in enumerate(LINES) if pattern.match(line)]
    assert len(requirement_lines) == 5 * len(SKILLS)
    for number in requirement_lines:
        assert LINES[number - 1].strip().startswith("#"), f"line {number + 1} has no reason"


def test_every_skill_has_a_next_step_at_every_level() -> None:
    levels = [level.name for level in CATALOG.scoring.levels]
    assert levels == ["Developing", "Foundational", "Proficient", "Advanced"]
    for skill in SKILLS:
        for level in levels:
            assert 1 <= len(CATALOG.next_steps(skill, level)) <= 2
    assert any(
        "lean manufacturing" in step for step in CATALOG.next_steps("research", "Foundational")
    )


def test_default_weights_and_thresholds() -> None:
    rules = CATALOG.scoring
    assert (rules.weights.self_rated, rules.weights.demonstrated) == (0.3, 0.7)
    assert [rules.level_for(s) for s in (0, 39.9, 40, 59.9, 60, 79.9, 80, 100)] == [
        "Developing", "Developing", "Foundational", "Foundational",
        "Proficient", "Proficient", "Advanced", "Advanced",
    ]  # fmt: skip


def test_load_catalog_reads_a_file(tmp_path: Path) -> None:
    path = tmp_path / "mine.yaml"
    path.write_text(TEXT.replace("average: 71000", "average: 75000"), encoding="utf-8")
    assert isinstance(load_catalog(path), Catalog)
    assert load_catalog(path).role_by_id["qa_manager"].salary.average == 75000


ROLE_LINE = "  - id: qa_analyst"


@pytest.mark.parametrize(
    ("old", "new", "needle", "fragment"),
    [
        (
            "attention_to_detail: {required: 70, importance: 5}",
            "attention_to_detail: {required: 170, importance: 5}",
            "attention_to_detail: {required: 170",
            "required: Input should be less than or equal to 100",
        ),
        (
            "empathy: {required: 60, importance: 4}",
            "empathy: {required: 60, importance: 0}",
            "empathy: {required: 60, importance: 0}",
            "importance: Input should be greater than or equal to 1",
        ),
        (
            "      average: 53000\n",
            "      average: 53000\n      bonus: 5000\n",
            "bonus: 5000",
            "unknown key 'bonus'",
        ),
        (
            "      average: 53000\n",
            "      low: 60000\n      high: 50000\n",
            "    salary:",
            "low must not be above high",
        ),
        ("      average: 53000\n", "      average: '53000'\n", "average: '53000'", "integer"),
    ],
)
def test_bad_role_fields_are_reported_at_their_line(
    old: str, new: str, needle: str, fragment: str
) -> None:
    start = TEXT.index(ROLE_LINE)
    text = TEXT[:start] + TEXT[start:].replace(old, new, 1)
    lines = text.splitlines()
    first = lines.index(ROLE_LINE)
    line = next(n for n in range(first, len(lines)) if needle in lines[n]) + 1
    assert_reported(text, line, fragment)


def test_a_duplicate_role_id_is_reported_at_the_second() -> None:
    text = TEXT.replace("  - id: qa_manager", "  - id: qa_analyst")
    assert_reported(text, line_of("  - id: qa_manager"), "duplicate id 'qa_analyst'")


def test_a_certification_naming_an_unknown_role() -> None:
    text = TEXT.replace("roles: [qa_manager, qa_analyst]", "roles: [qa_manager, qa_director]")
    assert_reported(text, line_of("roles: [qa_manager, qa_analyst]"), "unknown role 'qa_director'")


def test_a_role_naming_an_unknown_skill() -> None:
    text = TEXT.replace("empathy: {required: 35", "patience: {required: 35")
    assert_reported(text, line_of("empathy: {required: 35"), "unknown skill 'patience'")


def test_a_skill_missing_a_level_of_next_steps() -> None:
    advanced = line_of("Advanced:", after="  empathy:")
    lines = LINES[: advanced - 1] + LINES[advanced + 1 :]
    text = "\n".join(lines) + "\n"
    assert_reported(
        text, line_of("next_steps:", after="  empathy:"), "no next steps for level 'Advanced'"
    )


def test_weights_must_add_up_to_one() -> None:
    text = TEXT.replace(
        "{self_rated: 0.3, demonstrated: 0.7}", "{self_rated: 0.3, demonstrated: 0.6}"
    )
    assert_reported(text, line_of("weights:"), "must add up to 1")


def test_levels_must_ascend() -> None:
    text = TEXT.replace("{name: Proficient, min_score: 60}", "{name: Proficient, min_score: 30}")
    assert_reported(text, line_of("  levels:"), "strictly ascending")


@pytest.mark.parametrize("value", [".nan", ".inf", "-.inf"])
@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("{self_rated: 0.3, demonstrated: 0.7}", "{self_rated: 0.3, demonstrated: VALUE}"),
        ("{name: Foundational, min_score: 40}", "{name: Foundational, min_score: VALUE}"),
        ("calibration_gap: 20", "calibration_gap: VALUE"),
        ("empathy: {required: 60, importance: 4}", "empathy: {required: VALUE, importance: 4}"),
    ],
)
def test_a_number_that_is_not_finite_is_one_problem_at_its_line(
    old: str, new: str, value: str
) -> None:
    found = problems_of(TEXT.replace(old, new.replace("VALUE", value), 1))
    assert len(found) == 1, found
    assert found[0].startswith(f"catalog.yaml:{line_of(old)}:")
    assert found[0].endswith("Input should be a finite number")


def test_yaml_syntax_and_shape_errors_name_the_place() -> None:
    assert_reported(TEXT.replace("schema: 1", "schema: [1", 1), line_of("scoring:"), "YAML syntax")
    assert problems_of("- just\n- a list\n") == [
        "catalog.yaml:1:1: the catalog must be a mapping with schema, skills, roles; got a list"
    ]


def test_a_missing_catalog_file_is_one_clear_problem(tmp_path: Path) -> None:
    with pytest.raises(InputError) as error:
        load_catalog(tmp_path / "nope.yaml")
    assert str(error.value).startswith(f"{tmp_path / 'nope.yaml'}:1:1: cannot read")


REQUIREMENT = re.compile(r"^(\s+)(\w+): \{required: (\d+), importance: (\d)\}")


@given(
    st.sampled_from([n for n, line in enumerate(LINES) if REQUIREMENT.match(line)]),
    st.one_of(st.integers(101, 10**6), st.integers(-(10**6), -1)),
)
def test_any_out_of_range_requirement_is_reported_at_its_own_line(index: int, value: int) -> None:
    lines = list(LINES)
    lines[index] = re.sub(r"required: \d+", f"required: {value}", lines[index])
    found = problems_of("\n".join(lines) + "\n")
    assert len(found) == 1
    assert found[0].startswith(f"catalog.yaml:{index + 1}:")
    assert "required" in found[0]


def test_when_every_role_is_invalid_only_the_real_problems_are_reported() -> None:
    text = TEXT
    for salary in ("average: 42000", "average: 44000", "average: 53000", "average: 71000"):
        text = text.replace(salary, "average: 0")
    text = text.replace("low: 35000", "low: 0")
    found = problems_of(text)
    assert len(found) == 5
    assert all("greater than 0" in problem for problem in found)
    assert problems_of("schema: 1\nskills: {}\nroles: []\n") == [
        "catalog.yaml:3:1: roles: must not be empty"
    ]


def test_an_unsupported_schema_is_reported_as_for_banks() -> None:
    assert_reported(
        TEXT.replace("schema: 1", "schema: 9", 1),
        line_of("schema: 1"),
        "schema 9 is not supported (this version reads 1)",
    )


def test_role_ids_follow_the_skill_id_rule() -> None:
    role_id = CATALOG.roles[0].id
    text = TEXT.replace(f"id: {role_id}", "id: Bad-Id", 1)
    assert_reported(text, line_of(f"id: {role_id}"), "should match pattern")

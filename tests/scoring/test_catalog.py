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
# For parametrizing only: a test reads the catalog afresh (fresh()), so what it checks is
# what loading the file gives, not a copy made once when the tests were collected.
CATALOG = builtin_catalog()


def fresh() -> Catalog:
    return load_catalog()


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
        role.id: (role.salary.average, role.salary.low, role.salary.high) for role in fresh().roles
    }
    assert salaries == {
        "production_technician": (None, 35000, 55000),
        "assembly_technician": (42000, None, None),
        "manufacturing_technician": (44000, None, None),
        "qa_analyst": (53000, None, None),
        "qa_manager": (71000, None, None),
    }
    assert {role.salary.currency for role in fresh().roles} == {"USD"}


@pytest.mark.parametrize("role", CATALOG.roles, ids=lambda role: role.id)
def test_every_salary_says_it_varies(role: Role) -> None:
    note = role.salary.note.lower()
    assert all(word in note for word in ("experience", "location", "company"))


def test_the_entry_roles_need_no_experience_and_ask_for_school_and_training() -> None:
    entry = {role.id for role in fresh().roles if role.entry}
    assert entry == {"production_technician", "assembly_technician"}
    for role in fresh().roles:
        if role.entry:
            assert role.min_experience_years == 0
            assert role.entry_requirements == ("A high-school diploma", "On-the-job training")


def test_the_two_qualifications() -> None:
    by_id = {c.id: c for c in fresh().certifications}
    assert set(by_id) == {"cg_level3_assessing", "technical_apprenticeship"}
    assessing = by_id["cg_level3_assessing"]
    assert (assessing.provider, assessing.country) == ("City & Guilds", "UK")
    assert assessing.assessing and not assessing.entry_route
    apprenticeship = by_id["technical_apprenticeship"]
    assert apprenticeship.duration == "12-24 months" and apprenticeship.entry_route
    assert {"production_technician", "manufacturing_technician"} <= set(apprenticeship.roles)


def test_each_role_carries_its_onet_code_and_experience_from_the_job_zone() -> None:
    codes = {
        role.id: (role.onet_code, role.min_experience_years, role.trains_others)
        for role in fresh().roles
    }
    assert codes == {
        # The source makes it an entry role: 51-9061.00, Job Zone 2, 1-3 months.
        "production_technician": ("51-9061.00", 0, True),
        "assembly_technician": ("51-2092.00", 0, False),  # Job Zone 2, 3-6 months
        "manufacturing_technician": ("17-3026.00", 2, False),  # Job Zone 3, 2-4 years
        "qa_analyst": ("15-1253.00", 1, False),  # Job Zone 4, 1-2 years
        "qa_manager": ("11-3051.01", 4, True),  # Job Zone 4, 4-6 years
    }


# O*NET 29.3 level (0..7) / importance (1..5) of the element each skill is mapped to, as
# the data notes list them; attention to detail's importance averages Quality Control
# Analysis with the Attention to Detail work style.
ONET = {
    "production_technician": {
        "critical_thinking": (3.25, 3.25),
        "data_analysis": (3.78, 3.38),
        "attention_to_detail": (3.38, (3.75 + 4.96) / 2),
        "empathy": (2.25, 2.88),
        "research": (2.38, 2.38),
    },
    "qa_manager": {
        "critical_thinking": (4.12, 3.75),
        "data_analysis": (5.03, 4.63),
        "attention_to_detail": (4.12, (4.00 + 4.75) / 2),
        "empathy": (3.75, 3.25),
        "research": (4.12, 3.62),
    },
}


@pytest.mark.parametrize("role_id", sorted(ONET))
def test_requirements_are_onet_levels_through_onets_conversion(role_id: str) -> None:
    role = fresh().role_by_id[role_id]
    for skill, (level, importance) in ONET[role_id].items():
        need = role.skills[skill]
        assert need.level == level
        assert need.required == round(level / 7 * 100, 1)
        assert need.importance == pytest.approx(importance, abs=0.005)


def test_the_qa_manager_asks_most_of_every_skill() -> None:
    manager = fresh().role_by_id["qa_manager"]
    for skill in SKILLS:
        assert manager.skills[skill].required == max(
            r.skills[skill].required for r in fresh().roles
        )


@pytest.mark.parametrize("role", CATALOG.roles, ids=lambda role: role.id)
def test_every_role_needs_every_skill_and_names_what_the_quiz_cannot_see(role: Role) -> None:
    assert sorted(role.skills) == sorted(SKILLS)
    assert role.not_measured


def test_what_the_qa_roles_need_beyond_the_quiz_follows_the_source() -> None:
    analyst = fresh().role_by_id["qa_analyst"].not_measured
    assert "Software testing tools and defect tracking" in analyst
    manager = fresh().role_by_id["qa_manager"].not_measured
    assert {"Years of quality work", "Knowledge of national regulations"} <= set(manager)


def test_onet_is_credited_as_its_licence_asks() -> None:
    onet = fresh().onet
    assert onet is not None and onet.release == "29.3"
    (credit,) = fresh().sources
    for words in ("O*NET 29.3 Database", "USDOL/ETA", "CC BY 4.0", "modified"):
        assert words in credit


def test_a_requirement_gives_level_or_required_not_both() -> None:
    text = TEXT.replace("empathy: {level: 2.25,", "empathy: {level: 2.25, required: 30,", 1)
    assert_reported(text, line_of("empathy: {level: 2.25,"), "not both")


def test_a_blank_level_is_a_missing_requirement_not_zero() -> None:
    text = TEXT.replace("empathy: {level: 2.25,", "empathy: {level: null,", 1)
    assert_reported(text, line_of("empathy: {level: 2.25,"), "required")


def test_every_skill_has_a_next_step_at_every_level() -> None:
    levels = [level.name for level in fresh().scoring.levels]
    assert levels == ["Developing", "Foundational", "Proficient", "Advanced"]
    for skill in SKILLS:
        for level in levels:
            assert 1 <= len(fresh().next_steps(skill, level)) <= 2
    assert any(
        "lean manufacturing" in step for step in fresh().next_steps("research", "Foundational")
    )


def test_default_thresholds() -> None:
    rules = fresh().scoring
    assert (rules.calibration_min_self_ratings, rules.calibration_min_demonstrated) == (3, 4)
    assert (rules.confident_from_level, rules.assessing_from_level) == ("Proficient", "Proficient")
    assert (rules.entry_route_below, rules.little_experience_below) == (60, 1)
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
            "attention_to_detail: {level: 3.62,",
            "attention_to_detail: {level: 7.62,",
            "attention_to_detail: {level: 7.62",
            "level: 7.62 is off O*NET's level scale; a level is 0.0 to 7.0",
        ),
        (
            "empathy: {level: 2.88, importance: 2.88}",
            "empathy: {level: 2.88, importance: 0}",
            "empathy: {level: 2.88, importance: 0}",
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
    text = TEXT.replace("roles: [production_technician, qa_manager]", "roles: [qa_director]")
    assert_reported(
        text, line_of("roles: [production_technician, qa_manager]"), "unknown role 'qa_director'"
    )


def test_a_role_naming_an_unknown_skill() -> None:
    text = TEXT.replace("empathy: {level: 2.25", "patience: {level: 2.25")
    assert_reported(text, line_of("empathy: {level: 2.25"), "unknown skill 'patience'")


def test_a_skill_missing_a_level_of_next_steps() -> None:
    advanced = line_of("Advanced:", after="  empathy:")
    lines = LINES[: advanced - 1] + LINES[advanced + 1 :]
    text = "\n".join(lines) + "\n"
    assert_reported(
        text, line_of("next_steps:", after="  empathy:"), "no next steps for level 'Advanced'"
    )


def test_an_unknown_level_for_the_assessing_award_is_reported() -> None:
    text = TEXT.replace("assessing_from_level: Proficient", "assessing_from_level: Expert")
    assert_reported(text, LINES.index("scoring:") + 1, "'Expert' is not a level")


def test_levels_must_ascend() -> None:
    text = TEXT.replace("{name: Proficient, min_score: 60}", "{name: Proficient, min_score: 30}")
    assert_reported(text, line_of("  levels:"), "strictly ascending")


@pytest.mark.parametrize("value", [".nan", ".inf", "-.inf"])
@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("empathy: {level: 2.88, importance: 2.88}", "empathy: {level: VALUE, importance: 2.88}"),
        ("{name: Foundational, min_score: 40}", "{name: Foundational, min_score: VALUE}"),
        ("calibration_gap: 20", "calibration_gap: VALUE"),
        ("research: {level: 4.12, importance: 3.62}", "research: {level: 4.12, importance: VALUE}"),
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
    assert_reported(
        TEXT.replace("schema: 1", "schema: [1", 1), LINES.index("onet:") + 1, "YAML syntax"
    )
    assert problems_of("- just\n- a list\n") == [
        "catalog.yaml:1:1: the catalog must be a mapping with schema, skills, roles; got a list"
    ]


def test_a_missing_catalog_file_is_one_clear_problem(tmp_path: Path) -> None:
    with pytest.raises(InputError) as error:
        load_catalog(tmp_path / "nope.yaml")
    assert str(error.value).startswith(f"{tmp_path / 'nope.yaml'}:1:1: cannot read")


REQUIREMENT = re.compile(r"^(\s+)(\w+): \{level: ([0-9.]+), importance: ([0-9.]+)\}")


@given(
    st.sampled_from([n for n, line in enumerate(LINES) if REQUIREMENT.match(line)]),
    st.one_of(st.integers(8, 10**6), st.integers(-(10**6), -1)),
)
def test_any_out_of_range_requirement_is_reported_at_its_own_line(index: int, value: int) -> None:
    lines = list(LINES)
    lines[index] = re.sub(r"level: [0-9.]+", f"level: {value}", lines[index])
    found = problems_of("\n".join(lines) + "\n")
    assert len(found) == 1
    assert found[0].startswith(f"catalog.yaml:{index + 1}:")
    assert "level" in found[0]


def test_there_are_five_requirements_per_role() -> None:
    assert len([line for line in LINES if REQUIREMENT.match(line)]) == 5 * len(SKILLS)


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
    role_id = fresh().roles[0].id
    text = TEXT.replace(f"id: {role_id}", "id: Bad-Id", 1)
    assert_reported(text, line_of(f"id: {role_id}"), "should match pattern")


SMALL = """\
schema: 1
skills:
  alpha:
    name: Alpha
    next_steps: {Developing: [a], Foundational: [b], Proficient: [c], Advanced: [d]}
roles:
  - id: job
    name: Job
    description: A job.
    responsibilities: [Work]
    salary: {average: 1, note: Varies.}
    entry_requirements: [School]
    skills: {alpha: {required: 50, importance: 1}}
certifications:
  - id: award
    name: Award
    provider: A college
    type: certificate
    description: An award.
    focus: [Things]
    skills: [alpha]
    entry_route: true
"""


@pytest.mark.parametrize(
    ("old", "new", "problem"),
    [
        (
            "certifications:\n",
            "certifications:\n  - {id: award, name: A, provider: P, type: t, description: D,"
            " focus: [f], skills: [alpha], entry_route: true}\n",
            "<catalog>:16:5: duplicate id 'award'",
        ),
        (
            "Advanced: [d]}",
            "Advanced: [d], Expert: [e]}",
            "<catalog>:5:86: unknown level 'Expert'; the levels are Developing, Foundational, "
            "Proficient, Advanced",
        ),
        (
            "    skills: [alpha]\n",
            "    skills: [alpha, omega]\n",
            "<catalog>:21:21: unknown skill 'omega'",
        ),
        (
            "    skills: [alpha]\n",
            "",
            "<catalog>:15:5: a certification must serve a role or a skill",
        ),
        (
            "    skills: [alpha]\n",
            "    roles: [job]\n    assessing: true\n",
            "<catalog>:15:5: an assessing award must name the skills it needs",
        ),
        (
            "    entry_route: true\n",
            "",
            "<catalog>:15:5: a certification is suggested for a reason: set assessing: true or "
            "entry_route: true, else it is never suggested",
        ),
        (
            "    name: Job\n",
            "    name: Job\n    onet_code: 51-9061.00\n",
            "<catalog>:9:5: an O*NET code needs the onet: credit block",
        ),
    ],
)
def test_cross_reference_problems_are_whole_sentences_at_their_place(
    old: str, new: str, problem: str
) -> None:
    with pytest.raises(InputError) as error:
        parse_catalog(SMALL.replace(old, new, 1))
    assert [str(p) for p in error.value.problems] == [problem]


def test_a_certification_serving_only_a_role_is_valid() -> None:
    text = SMALL.replace("    skills: [alpha]\n", "    roles: [job]\n", 1)
    assert parse_catalog(text).certifications[0].roles == ("job",)


def test_scoring_rules_default_to_the_documented_levels() -> None:
    from scoring.catalog import ScoringRules

    rules = ScoringRules()
    assert [(level.name, level.min_score) for level in rules.levels] == [
        ("Developing", 0),
        ("Foundational", 40),
        ("Proficient", 60),
        ("Advanced", 80),
    ]
    assert [rules.level_for(s) for s in (-1, 0, 40, 60, 80)] == [
        "Developing", "Developing", "Foundational", "Proficient", "Advanced",
    ]  # fmt: skip


def test_names_and_steps_for_what_the_catalog_does_not_list() -> None:
    catalog = parse_catalog(SMALL)
    assert catalog.skill_name("alpha") == "Alpha"
    assert catalog.skill_name("data_analysis") == "Data analysis"
    assert catalog.next_steps("alpha", "Proficient") == ("c",)
    assert catalog.next_steps("alpha", "Expert") == ()
    assert catalog.next_steps("omega", "Proficient") == ()
    assert catalog.sources == []


def test_the_builtin_catalog_is_read_once() -> None:
    first = builtin_catalog()
    assert isinstance(first, Catalog) and builtin_catalog() is first

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
    assert assessing.min_experience_years == 2
    assert assessing.description == (
        "A UK award for people who assess others' vocational work; check whether employers "
        "where you live recognize it."
    )
    assert assessing.skills == ("attention_to_detail", "critical_thinking")
    apprenticeship = by_id["technical_apprenticeship"]
    assert apprenticeship.duration == "12-24 months" and apprenticeship.entry_route
    assert {"production_technician", "manufacturing_technician"} <= set(apprenticeship.roles)


def test_each_role_carries_its_onet_code_job_zone_and_experience() -> None:
    codes = {
        role.id: (role.onet_code, role.job_zone, role.min_experience_years, role.trains_others)
        for role in fresh().roles
    }
    assert codes == {
        # The source makes it an entry role: 51-9061.00, Job Zone 2, 1-3 months.
        "production_technician": ("51-9061.00", 2, 0, True),
        "assembly_technician": ("51-2092.00", 2, 0, False),  # 3-6 months
        "manufacturing_technician": ("17-3026.00", 3, 2, False),  # 2-4 years
        "qa_analyst": ("15-1253.00", 4, 1, False),  # 1-2 years
        "qa_manager": ("11-3051.01", 4, 4, True),  # 4-6 years
    }


def test_entry_texts_match_the_gates_and_the_job_zones() -> None:
    texts = {role.id: role.entry_requirements for role in fresh().roles}
    assert texts == {
        "production_technician": ("A high-school diploma", "On-the-job training"),
        "assembly_technician": ("A high-school diploma", "On-the-job training"),
        "manufacturing_technician": (
            "At least two years of related work experience (O*NET Job Zone 3; most such "
            "technicians have two to four)",
        ),
        "qa_analyst": (
            "At least a year of experience in software testing or quality control",
            "A bachelor's degree, which most such jobs ask for (O*NET Job Zone 4)",
        ),
        "qa_manager": (
            "Several years of quality or production work (O*NET Job Zone 4; most such "
            "managers have four to six)",
            "A bachelor's degree, which most such jobs ask for (O*NET Job Zone 4)",
        ),
    }


def test_the_catalog_is_in_us_english() -> None:
    for british in ("Practise", "practise", "judgement", "licence", "recognise", "colour"):
        assert british not in TEXT


@pytest.mark.parametrize("role", CATALOG.roles, ids=lambda role: role.id)
def test_every_role_needs_every_skill_and_names_what_the_quiz_cannot_see(role: Role) -> None:
    assert sorted(role.skills) == sorted(SKILLS)
    assert role.not_measured


def test_what_the_qa_roles_need_beyond_the_quiz_follows_the_source() -> None:
    analyst = fresh().role_by_id["qa_analyst"].not_measured
    assert "Software testing tools and defect tracking" in analyst
    manager = fresh().role_by_id["qa_manager"].not_measured
    assert {"Years of quality work", "Knowledge of national regulations"} <= set(manager)


def test_onet_and_bls_are_credited_as_their_terms_ask() -> None:
    onet_block = fresh().onet
    assert onet_block is not None and onet_block.release == "29.3"
    onet, bls = fresh().sources
    for words in ("O*NET 29.3 Database", "USDOL/ETA", "CC BY 4.0", "modified"):
        assert words in onet
    assert bls == (
        "Wage medians from the U.S. Bureau of Labor Statistics (BLS), Occupational "
        "Employment and Wage Statistics and the Occupational Outlook Handbook, each with its "
        "release."
    )


def test_a_requirement_on_the_old_score_scale_is_refused_with_the_reason() -> None:
    text = TEXT.replace("empathy: {level: 2.25,", "empathy: {required: 30,", 1)
    assert problems_of(text) == [
        f"catalog.yaml:{line_of('empathy: {level: 2.25,')}:7: roles #1, skills empathy: "
        "required (a 0-100 score) is no longer read: give level, the O*NET level (0-7) as "
        "published"
    ]


def test_a_blank_level_is_a_missing_requirement_not_zero() -> None:
    text = TEXT.replace("empathy: {level: 2.25,", "empathy: {level: null,", 1)
    assert_reported(text, line_of("empathy: {level: 2.25,"), "level")


def test_every_skill_has_a_next_step_in_every_band() -> None:
    bands = [band.name for band in fresh().scoring.bands]
    assert bands == ["Developing", "Foundational", "Proficient", "Advanced"]
    for skill in SKILLS:
        for band in bands:
            assert 1 <= len(fresh().next_steps(skill, band)) <= 2
    assert any(
        "lean manufacturing" in step for step in fresh().next_steps("research", "Foundational")
    )


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
            "is off O*NET's level scale; a level is 0.0 to 7.0",
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
    assert problems_of(text) == [
        f"catalog.yaml:{line_of('  - id: qa_manager')}:5: duplicate id 'qa_analyst'",
        f"catalog.yaml:{line_of('roles: [production_technician, qa_manager]')}:36: "
        "unknown role 'qa_manager'",
    ]


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
        text, line_of("next_steps:", after="  empathy:"), "no next steps for band 'Advanced'"
    )


def test_an_unknown_band_for_confidence_is_reported() -> None:
    text = TEXT.replace("confident_from_band: Proficient", "confident_from_band: Expert")
    assert_reported(text, LINES.index("scoring:") + 1, "'Expert' is not a band")


def test_bands_must_ascend_from_zero_with_unique_names() -> None:
    text = TEXT.replace("{name: Proficient, from_level: 4}", "{name: Proficient, from_level: 1}")
    assert_reported(text, line_of("  bands:"), "strictly ascending")
    text = TEXT.replace("{name: Developing, from_level: 0}", "{name: Developing, from_level: 1}")
    assert_reported(text, line_of("  bands:"), "the first band must start at from_level 0")
    text = TEXT.replace("{name: Advanced, from_level: 5}", "{name: proficient, from_level: 5}")
    assert_reported(text, line_of("  bands:"), "band names must be unique")


@pytest.mark.parametrize(
    ("old", "new", "fragment"),
    [
        ("met_from: 0.90", "met_from: 0.5", "greater than 0.5"),
        ("met_from: 0.90", "met_from: 1.1", "less than or equal to 1"),
        ("to_build_up_to: 0.10", "to_build_up_to: 0.5", "less than 0.5"),
        ("to_build_up_to: 0.10", "to_build_up_to: -0.1", "greater than or equal to 0"),
        ("{name: Advanced, from_level: 5}", "{name: Advanced, from_level: 7.5}", "less than"),
        ("bls_recent_from: 2023", "bls_recent_from: 23", "greater than or equal to 1900"),
        ("release: May 2019", "release: 2019-05", "should match pattern"),
        ("job_zone: 3", "job_zone: 6", "less than or equal to 5"),
        (
            "min_experience_years: 2\n    description",
            "min_experience_years: 1.5\n    description",
            "integer",
        ),
    ],
)
def test_bad_rules_are_reported_at_their_line(old: str, new: str, fragment: str) -> None:
    assert_reported(TEXT.replace(old, new, 1), line_of(old.split("\n")[0]), fragment)


@pytest.mark.parametrize("value", [".nan", ".inf", "-.inf"])
@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("empathy: {level: 2.88, importance: 2.88}", "empathy: {level: VALUE, importance: 2.88}"),
        ("{name: Foundational, from_level: 2}", "{name: Foundational, from_level: VALUE}"),
        ("met_from: 0.90", "met_from: VALUE"),
        (
            "research: {level: 4.645, importance: 3.99}",
            "research: {level: 4.645, importance: VALUE}",
        ),
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
    salaries = "salaries: {source: S, dated: D, note: N}\n"
    assert problems_of(f"schema: 1\n{salaries}skills: {{}}\nroles: []\n") == [
        "catalog.yaml:4:1: roles: must not be empty"
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
salaries: {source: A survey, dated: '2025', note: Varies.}
skills:
  alpha:
    name: Alpha skill
    next_steps: {Developing: [a], Foundational: [b], Proficient: [c], Advanced: [d]}
roles:
  - id: job
    name: Job
    description: A job.
    responsibilities: [Work]
    job_zone: 2
    salary: {average: 1}
    entry_requirements: [School]
    skills: {alpha: {level: 3.5, importance: 1}}
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
            "<catalog>:18:5: duplicate id 'award'",
        ),
        (
            "Advanced: [d]}",
            "Advanced: [d], Expert: [e]}",
            "<catalog>:6:86: unknown band 'Expert'; the bands are Developing, Foundational, "
            "Proficient, Advanced",
        ),
        (
            "    skills: [alpha]\n",
            "    skills: [alpha, omega]\n",
            "<catalog>:23:21: unknown skill 'omega'",
        ),
        (
            "    skills: [alpha]\n",
            "",
            "<catalog>:17:5: a certification must serve a role or a skill",
        ),
        (
            "    skills: [alpha]\n",
            "    roles: [job]\n    assessing: true\n",
            "<catalog>:17:5: an assessing award must name the skills it needs",
        ),
        (
            "    entry_route: true\n",
            "",
            "<catalog>:17:5: a certification is suggested for a reason: set assessing: true or "
            "entry_route: true, else it is never suggested",
        ),
        (
            "    name: Job\n",
            "    name: Job\n    onet_code: 51-9061.00\n",
            "<catalog>:10:5: an O*NET code needs the onet: credit block",
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


def test_scoring_rules_default_to_the_built_in_catalogs() -> None:
    from scoring.catalog import ScoringRules

    assert ScoringRules() == fresh().scoring
    assert parse_catalog(SMALL).scoring == fresh().scoring


def test_names_and_steps_for_what_the_catalog_does_not_list() -> None:
    catalog = parse_catalog(SMALL)
    assert catalog.skill_name("alpha") == "Alpha skill"
    assert catalog.skill_name("data_analysis") == "Data analysis"
    assert catalog.next_steps("alpha", "Proficient") == ("c",)
    assert catalog.next_steps("alpha", "Expert") == ()
    assert catalog.next_steps("omega", "Proficient") == ()
    assert catalog.sources == []
    assert catalog.salary(catalog.roles[0]).describe() == "USD 1 a year (A survey, dated 2025)"
    assert catalog.salary(catalog.roles[0]).bls is None


def test_the_builtin_catalog_is_read_once(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("scoring.catalog._builtin", None)
    first = builtin_catalog()
    assert isinstance(first, Catalog) and builtin_catalog() is first

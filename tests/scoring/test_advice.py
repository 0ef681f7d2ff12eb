"""Qualifications suggested for a reason true of the person, and next steps by band."""

from __future__ import annotations

import pytest
from level_stubs import Normal, everyone_at

from scoring import builtin_catalog, match_roles, next_steps, suggest_certifications
from scoring.models import SkillResult

CATALOG = builtin_catalog()
AWARD = (
    "A UK award for people who assess others' vocational work; check whether employers "
    "where you live recognize it."
)
APPRENTICESHIP = "paid work with structured learning over 12-24 months"


def suggested(levels: dict[str, Normal], experience: float | None) -> list[tuple[str, str]]:
    roles = match_roles(levels, CATALOG, experience)
    return [(c.id, c.reason) for c in suggest_certifications(roles, CATALOG, experience)]


def test_the_assessing_award_with_six_years_and_its_skills_met() -> None:
    assert suggested(everyone_at(6.0), 6) == [
        (
            "cg_level3_assessing",
            "Quality Assurance Manager includes training staff, you meet its requirements "
            f"in attention to detail and critical thinking, and you have 6 years of "
            f"experience. {AWARD}",
        )
    ]


@pytest.mark.parametrize("experience", [None, 0, 0.5, 1, 1.5])
def test_never_the_assessing_award_below_two_years(experience: float | None) -> None:
    ids = [cert for cert, _ in suggested(everyone_at(6.0), experience)]
    assert "cg_level3_assessing" not in ids


def test_at_two_years_the_open_training_role_is_production_technician() -> None:
    assert suggested(everyone_at(6.0), 2) == [
        (
            "cg_level3_assessing",
            "Production Technician includes training staff, you meet its requirements in "
            f"attention to detail and critical thinking, and you have 2 years of experience. "
            f"{AWARD}",
        )
    ]


def test_not_the_assessing_award_when_a_skill_it_rests_on_is_not_met() -> None:
    levels = {**everyone_at(6.0), "critical_thinking": Normal(3.4)}
    # Production Technician needs 3.25: 0.69, borderline; QA Manager 4.12: to build.
    ids = [cert for cert, _ in suggested(levels, 6)]
    assert ids == []
    unmeasured: dict[str, Normal | None] = {**everyone_at(6.0), "attention_to_detail": None}
    roles = match_roles(unmeasured, CATALOG, 6)
    assert suggest_certifications(roles, CATALOG, 6) == []


def test_the_assessing_award_ignores_skills_it_does_not_rest_on() -> None:
    levels = {**everyone_at(6.0), "empathy": Normal(1.0), "data_analysis": Normal(1.0)}
    assert [cert for cert, _ in suggested(levels, 6)] == ["cg_level3_assessing"]


@pytest.mark.parametrize(
    ("experience", "reason"),
    [
        (
            None,
            "You did not give your years of hands-on experience; if you have little or "
            f"none, an apprenticeship offers {APPRENTICESHIP}.",
        ),
        (0, f"Your hands-on experience is none; an apprenticeship offers {APPRENTICESHIP}."),
        (
            0.5,
            f"Your hands-on experience is 0.5 years; an apprenticeship offers {APPRENTICESHIP}.",
        ),
    ],
)
def test_the_apprenticeship_with_little_or_no_experience_as_before(
    experience: float | None, reason: str
) -> None:
    assert suggested(everyone_at(6.0), experience) == [("technical_apprenticeship", reason)]


def test_with_experience_the_apprenticeship_only_when_even_the_closest_role_is_far() -> None:
    # At level 2.6, Assembly Technician (the closest) has 2 of 5 to build: not suggested.
    assert suggested(everyone_at(2.6), 1) == []
    # At level 2.5, 3 of 5 to build: half or more.
    assert suggested(everyone_at(2.5), 1) == [
        (
            "technical_apprenticeship",
            "Even the closest role open to you now, Assembly Technician, has 3 of its 5 "
            f"requirements to build; an apprenticeship offers {APPRENTICESHIP}.",
        )
    ]


def test_no_roles_no_suggestions() -> None:
    assert suggest_certifications([], CATALOG, None) == []


def skill(skill_id: str, level: float | None, band: str | None) -> SkillResult:
    return SkillResult(
        skill=skill_id,
        name=skill_id,
        self_rated=None,
        level=level,
        level_sd=None if level is None else 0.4,
        interval=None if level is None else (level - 0.6, level + 0.6),
        band=band,
        answered=0 if level is None else 5,
        skipped=0,
        calibration=None,
        calibration_note=None,
    )


def test_next_steps_by_band_the_first_roles_gaps_first_then_the_lowest_levels() -> None:
    levels = {
        "critical_thinking": Normal(4.5),
        "data_analysis": Normal(3.0),
        "attention_to_detail": Normal(2.5),
        "empathy": Normal(1.0),
    }
    roles = match_roles(levels, CATALOG, 0)
    assert [r.role for r in roles][:1] == ["assembly_technician"]
    skills = [
        skill("critical_thinking", 4.5, "Proficient"),
        skill("data_analysis", 3.0, "Foundational"),
        skill("attention_to_detail", 2.5, "Foundational"),
        skill("empathy", 1.0, "Developing"),
        skill("research", None, None),
    ]
    assert next_steps(skills, roles, CATALOG) == [
        "Assembly Technician is an entry role: it asks for a high-school diploma and "
        "on-the-job training.",
        # Assembly Technician's gaps to build first, the least likely to be met first.
        "Empathy (Developing): Watch someone use a product or tool you know for the first "
        "time and write down every moment they hesitate.",
        "Attention to detail (Foundational): Re-check a finished test sheet against the "
        "specification line by line and note every difference, however small.",
        "Data analysis (Foundational): Compare output against resources (hours, material, "
        "scrap) for two lines and name the less efficient one with the figures that show it.",
        "Data analysis (Foundational): Learn to build a simple run chart in a spreadsheet "
        "and mark where the process changed.",
        "Critical thinking (Proficient): Lead a root-cause review of a recent defect and "
        "compare two fixes by cost, risk and time before choosing one.",
        "Take the quiz on Research to see how they stand.",
    ]


def test_the_practice_step_is_in_us_english() -> None:
    (step,) = CATALOG.next_steps("critical_thinking", "Foundational")
    assert step.startswith("Practice the five whys")


def test_words_for_counts_names_and_years() -> None:
    from scoring.models import chance, one_decimal
    from scoring.wording import join_names, plural, years

    assert [years(0), years(0.5), years(1), years(2), years(6)] == [
        "none", "0.5 years", "1 year", "2 years", "6 years",
    ]  # fmt: skip
    assert [join_names([]), join_names(["A"]), join_names(["A", "B", "C"])] == [
        "",
        "A",
        "A, B and C",
    ]
    assert [plural(1, "item"), plural(0, "item")] == ["1 item", "0 items"]
    assert (one_decimal(1.26), one_decimal(None), chance(0.905), chance(None)) == (
        1.3, None, 0.91, None,
    )  # fmt: skip


def test_the_first_roles_to_build_and_borderline_skills_come_before_lower_levels() -> None:
    """Assembly Technician comes first (one requirement to build); its attention to detail
    (2.6, to build) and empathy (3.0, borderline) come before data analysis (2.5, met),
    and the met skills follow lowest level first, not in the role's importance order."""
    levels = {
        "data_analysis": Normal(2.5),
        "attention_to_detail": Normal(2.6),
        "empathy": Normal(3.0),
        "critical_thinking": Normal(4.5),
        "research": Normal(5.0),
    }
    roles = match_roles(levels, CATALOG, 0)
    assert [(g.skill, g.status) for g in roles[0].gaps] == [
        ("attention_to_detail", "to build"),
        ("empathy", "borderline"),
        ("data_analysis", "met"),
        ("research", "met"),
        ("critical_thinking", "met"),
    ]
    skills = [
        skill(s, posterior.mean, CATALOG.scoring.band_for(posterior.mean))
        for s, posterior in levels.items()
    ]
    said = [step.split(":")[0] for step in next_steps(skills, roles, CATALOG)]
    assert said == [
        "Assembly Technician is an entry role",
        "Attention to detail (Foundational)",
        "Empathy (Foundational)",
        "Data analysis (Foundational)",
        "Data analysis (Foundational)",
        "Critical thinking (Proficient)",
        "Research (Advanced)",
    ]


def test_the_assessing_award_only_through_the_roles_it_serves() -> None:
    from scoring import parse_catalog
    from scoring.catalog import default_catalog_path

    text = default_catalog_path().read_text(encoding="utf-8")
    only_manager = parse_catalog(
        text.replace("roles: [production_technician, qa_manager]", "roles: [qa_manager]")
    )
    for experience in (2, 6):
        roles = match_roles(everyone_at(6.0), only_manager, experience)
        suggested = suggest_certifications(roles, only_manager, experience)
        ids = [c.id for c in suggested]
        # At 2 years Production Technician trains others but is not among the award's
        # roles, and QA Manager is not open yet; at 6 QA Manager is.
        assert ids == ([] if experience == 2 else ["cg_level3_assessing"])


SMALL_ROLES = """\
schema: 1
salaries: {source: S, dated: D, note: N}
skills:
  alpha:
    name: Alpha
    next_steps: {Developing: [a], Foundational: [b], Proficient: [c], Advanced: [d]}
  beta:
    name: Beta
    next_steps: {Developing: [a], Foundational: [b], Proficient: [c], Advanced: [d]}
roles:
  - id: wide
    name: Wide
    job_zone: 3
    entry: false
    description: A role.
    responsibilities: [Work]
    salary: {average: 1}
    entry_requirements: [A degree]
    skills: {alpha: {level: 6.5, importance: 2}, beta: {level: 1.0, importance: 2}}
  - id: narrow
    name: Narrow
    job_zone: 2
    entry: true
    description: A role.
    responsibilities: [Work]
    salary: {average: 1}
    entry_requirements: [A school certificate]
    skills: {alpha: {level: 6.5, importance: 2}}
certifications:
  - id: apprenticeship
    name: Apprenticeship
    provider: An employer
    type: apprenticeship
    description: Paid learning.
    focus: [Machines]
    skills: [alpha]
    entry_route: true
"""


def test_the_apprenticeship_at_exactly_half_to_build_and_by_share_not_count() -> None:
    from scoring import parse_catalog

    small = parse_catalog(SMALL_ROLES)
    levels = {"alpha": Normal(3.0), "beta": Normal(6.0)}
    roles = match_roles(levels, small, 3)
    assert [(r.role, r.to_build, len(r.gaps)) for r in roles] == [("wide", 1, 2), ("narrow", 1, 1)]
    (suggestion,) = suggest_certifications(roles, small, 3)
    assert suggestion.reason == (
        "Even the closest role open to you now, Wide, has 1 of its 2 requirements to build; "
        "an apprenticeship offers paid work with structured learning."
    )


def test_the_entry_step_is_the_first_roles_own() -> None:
    from scoring import parse_catalog

    small = parse_catalog(SMALL_ROLES)
    levels = {"alpha": Normal(6.9), "beta": Normal(6.0)}
    roles = match_roles(levels, small, 3)
    assert [r.role for r in roles] == ["wide", "narrow"]
    assert next_steps([], roles, small)[:1] == [
        "Take the quiz on Alpha and Beta to see how they stand."
    ]
    swapped = [roles[1], roles[0]]
    assert next_steps([], swapped, small)[0] == (
        "Narrow is an entry role: it asks for a school certificate."
    )

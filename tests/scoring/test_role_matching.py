"""Roles in an adviser's order, each requirement judged by the chance of meeting it."""

from __future__ import annotations

import json
from typing import Any

import pytest
from level_stubs import Fixed, Normal, everyone_at

from questions.record import to_data
from scoring import builtin_catalog, match_roles, parse_catalog
from scoring.catalog import Catalog
from scoring.matching import missing_years
from scoring.models import RoleMatch

CATALOG = builtin_catalog()


def summary(matches: list[RoleMatch]) -> list[tuple[object, ...]]:
    """Each role as a person reads its line: open now, years missing, the counts, the chance."""
    return [
        (m.role, m.open_now, m.missing_years, m.met, m.borderline, m.to_build, m.p_meets_all)
        for m in matches
    ]


def test_someone_who_meets_everything_with_6_years_sees_qa_manager_first() -> None:
    assert summary(match_roles(everyone_at(6.0), CATALOG, 6)) == [
        ("qa_manager", True, 0, 5, 0, 0, 1.0),
        ("qa_analyst", True, 0, 5, 0, 0, 1.0),
        ("manufacturing_technician", True, 0, 5, 0, 0, 1.0),
        ("production_technician", True, 0, 5, 0, 0, 1.0),
        ("assembly_technician", True, 0, 5, 0, 0, 1.0),
    ]


@pytest.mark.parametrize("experience", [0, None])
def test_the_same_person_starting_out_sees_an_entry_role_first_then_years_to_go(
    experience: int | None,
) -> None:
    assert summary(match_roles(everyone_at(6.0), CATALOG, experience)) == [
        ("production_technician", True, 0, 5, 0, 0, 1.0),
        ("assembly_technician", True, 0, 5, 0, 0, 1.0),
        ("qa_analyst", False, 1, 5, 0, 0, 1.0),
        ("manufacturing_technician", False, 2, 5, 0, 0, 1.0),
        ("qa_manager", False, 4, 5, 0, 0, 1.0),
    ]


def test_roles_not_all_met_come_after_met_ones_closest_first() -> None:
    """At level 3.5 (SD 0.3) with 3 years: Assembly Technician is met; Production
    Technician has none to build, so it is closer than Manufacturing Technician (one to
    build) and QA Analyst (three)."""
    assert summary(match_roles(everyone_at(3.5), CATALOG, 3)) == [
        ("assembly_technician", True, 0, 5, 0, 0, 0.88),
        ("production_technician", True, 0, 1, 4, 0, 0.08),
        ("manufacturing_technician", True, 0, 2, 2, 1, 0.02),
        ("qa_analyst", True, 0, 1, 1, 3, 0.0),
        ("qa_manager", False, 1, 0, 1, 4, 0.0),
    ]


def test_each_requirement_shows_the_level_needed_the_level_shown_and_the_chance() -> None:
    (manager,) = [m for m in match_roles(everyone_at(4.5), CATALOG, 4) if m.role == "qa_manager"]
    assert [to_data(gap) for gap in manager.gaps] == [
        {"skill": "data_analysis", "name": "Data analysis", "required_level": 5.03,
         "level": 4.5, "p_meets": 0.04, "status": "to build", "importance": 4.63},
        {"skill": "research", "name": "Research", "required_level": 4.645, "level": 4.5,
         "p_meets": 0.31, "status": "borderline", "importance": 3.99},
        {"skill": "attention_to_detail", "name": "Attention to detail",
         "required_level": 4.12, "level": 4.5, "p_meets": 0.9, "status": "met",
         "importance": 4.375},
        {"skill": "critical_thinking", "name": "Critical thinking", "required_level": 4.12,
         "level": 4.5, "p_meets": 0.9, "status": "met", "importance": 3.75},
        {"skill": "empathy", "name": "Empathy", "required_level": 3.75, "level": 4.5,
         "p_meets": 0.99, "status": "met", "importance": 3.25},
    ]  # fmt: skip
    # 0.04 x 0.31 x 0.90 x 0.90 x 0.99, unrounded: the skills are independent in the model.
    assert manager.p_meets_all == 0.01


def test_p_meets_all_is_the_product_of_the_chances() -> None:
    levels = {
        "critical_thinking": Fixed(4.0, 0.5),
        "data_analysis": Fixed(4.0, 0.8),
        "attention_to_detail": Fixed(4.0, 0.9),
        "empathy": Fixed(4.0, 1.0),
        "research": Fixed(4.0, 0.25),
    }
    matches = match_roles(levels, CATALOG, 10)
    assert {m.p_meets_all for m in matches} == {0.09}  # 0.5 x 0.8 x 0.9 x 1 x 0.25
    assert {(m.met, m.borderline, m.to_build) for m in matches} == {(2, 3, 0)}


def test_a_skill_not_measured_is_not_assessed_and_leaves_the_chance_unknown() -> None:
    """Two skills unmeasured: every role equally undecided, the one that asks most first."""
    levels = {**everyone_at(6.0), "empathy": None}
    del levels["research"]
    matches = match_roles(levels, CATALOG, 6)
    assert [(m.role, m.met, m.not_assessed, m.p_meets_all) for m in matches] == [
        ("qa_manager", 3, 2, None),
        ("qa_analyst", 3, 2, None),
        ("manufacturing_technician", 3, 2, None),
        ("production_technician", 3, 2, None),
        ("assembly_technician", 3, 2, None),
    ]
    assert [(g.skill, g.level, g.p_meets, g.status) for g in matches[0].gaps][-2:] == [
        ("research", None, None, "not assessed"),
        ("empathy", None, None, "not assessed"),
    ]


def test_no_fit_figure_anywhere_in_a_role() -> None:
    for match in match_roles(everyone_at(3.0), CATALOG, 2):
        assert "fit" not in json.dumps(to_data(match)).replace("benefit", "")
        assert set(to_data(match)) >= {
            "role", "name", "open_now", "missing_years", "not_measured", "salary", "met",
            "borderline", "to_build", "p_meets_all", "gaps",
        }  # fmt: skip


def test_the_salary_carries_its_source_date_and_bls_median() -> None:
    (analyst,) = [m for m in match_roles(everyone_at(3.0), CATALOG, 2) if m.role == "qa_analyst"]
    assert to_data(analyst.salary) == {
        "average": 53000, "low": None, "high": None, "currency": "USD", "period": "year",
        "source": 'ok.com, "What Does a Production Technician Do?"', "dated": "12/04/2025",
        "note": "The source's aggregated industry figures; actual pay varies with experience, "
        "location and company.",
        "bls": {"median": 101800, "currency": "USD", "period": "year",
                "occupation": "Software Quality Assurance Analysts and Testers",
                "soc": "15-1253", "publication": "Occupational Outlook Handbook",
                "release": "May 2023", "older": False},
    }  # fmt: skip


NEXT = "    next_steps: {Developing: [a], Foundational: [b], Proficient: [c], Advanced: [d]}\n"


def role(role_id: str, needs: dict[str, float], *, zone: int = 2, years: int = 0) -> str:
    skills = "".join(
        f"      {skill}: {{level: {level}, importance: {weight}}}\n"
        for weight, (skill, level) in enumerate(needs.items(), start=2)
    )
    return (
        f"  - id: {role_id}\n    name: {role_id.capitalize()}\n    job_zone: {zone}\n"
        f"    min_experience_years: {years}\n    description: A role.\n"
        f"    responsibilities: [Work]\n    salary: {{average: 40000}}\n"
        f"    entry_requirements: [School]\n    skills:\n{skills}"
    )


def catalog(*roles: str) -> Catalog:
    return parse_catalog(
        "schema: 1\nsalaries: {source: S, dated: D, note: N}\nskills:\n"
        f"  alpha:\n    name: Alpha\n{NEXT}  beta:\n    name: Beta\n{NEXT}"
        f"  gamma:\n    name: Gamma\n{NEXT}"
        "roles:\n" + "".join(roles)
    )


def test_met_roles_rank_by_job_zone_then_years_then_the_level_they_ask() -> None:
    roles = catalog(
        role("low", {"alpha": 2.0}, zone=2),
        role("higher", {"alpha": 3.0}, zone=2),
        role("zone3", {"alpha": 1.0}, zone=3, years=1),
        role("zone3more", {"alpha": 1.0}, zone=3, years=2),
        role("zone4", {"alpha": 1.0}, zone=4, years=1),
    )
    levels = {"alpha": Normal(6.0)}
    order = [m.role for m in match_roles(levels, roles, 5)]
    assert order == ["zone4", "zone3more", "zone3", "higher", "low"]


def test_a_met_role_ranks_above_a_bigger_role_not_met_and_ties_keep_catalog_order() -> None:
    roles = catalog(
        role("first", {"alpha": 5.0}, zone=4),
        role("second", {"alpha": 5.0}, zone=4),
        role("small", {"alpha": 2.0}, zone=2),
    )
    order = [m.role for m in match_roles({"alpha": Normal(4.0)}, roles, 0)]
    assert order == ["small", "first", "second"]


def test_closeness_is_fewest_to_build_then_fewest_undecided_then_the_bigger_role() -> None:
    roles = catalog(
        role("two_to_build", {"alpha": 5.0, "beta": 6.9}, zone=2),
        role("one_to_build", {"alpha": 5.0, "beta": 1.0}, zone=2),
        role("unmeasured", {"gamma": 1.0, "beta": 1.0}, zone=2),
        role("borderline", {"alpha": 3.0, "beta": 1.0}, zone=2),
        role("bigger", {"alpha": 3.0, "beta": 1.0}, zone=3),
    )
    levels = {"alpha": Normal(3.0), "beta": Normal(6.0)}
    matches = match_roles(levels, roles, 5)
    assert [(m.role, m.to_build, m.borderline, m.not_assessed) for m in matches] == [
        ("bigger", 0, 1, 0),
        ("borderline", 0, 1, 0),
        ("unmeasured", 0, 0, 1),
        ("one_to_build", 1, 0, 0),
        ("two_to_build", 2, 0, 0),
    ]


def test_with_one_skill_unmeasured_the_role_that_asks_most_comes_first() -> None:
    levels = {**everyone_at(6.0), "empathy": None}
    assert [m.role for m in match_roles(levels, CATALOG, 6)] == [
        "qa_manager",
        "qa_analyst",
        "manufacturing_technician",
        "production_technician",
        "assembly_technician",
    ]


def test_roles_to_grow_into_come_fewest_years_missing_first() -> None:
    roles = catalog(
        role("far", {"alpha": 1.0}, years=5),
        role("near", {"alpha": 6.5}, years=2),
        role("open", {"alpha": 6.5}),
    )
    matches = match_roles({"alpha": Normal(3.0)}, roles, 1)
    assert [(m.role, m.open_now, m.missing_years) for m in matches] == [
        ("open", True, 0),
        ("near", False, 1),
        ("far", False, 4),
    ]


def test_years_missing_are_what_is_left_of_the_roles_years() -> None:
    manager = CATALOG.role_by_id["qa_manager"]
    assert [missing_years(manager, y) for y in (None, 0, 0.5, 3, 4, 9)] == [4, 4, 3.5, 1, 0, 0]


def test_a_chance_is_judged_as_shown_to_a_whole_percent() -> None:
    roles = catalog(role("job", {"alpha": 3.0}))
    statuses = [
        match_roles({"alpha": Fixed(3.0, p)}, roles, 0)[0].gaps[0].status
        for p in (0.895, 0.8949, 0.105, 0.1051)
    ]
    assert statuses == ["met", "borderline", "to build", "borderline"]


def test_a_salary_reads_as_the_sources_range_or_average() -> None:
    from scoring.models import Salary

    label: dict[str, Any] = {"source": "A survey", "dated": "2025", "note": "Varies."}
    assert Salary(low=35000, high=55000, **label).describe() == (
        "USD 35,000-55,000 a year (A survey, dated 2025)"
    )
    assert Salary(average=42000, **label).amount() == "USD 42,000 a year"
    assert Salary(average=42000, low=1, **label).amount() == "USD 42,000 a year"
    assert Salary(average=42000, high=1, **label).amount() == "USD 42,000 a year"
    assert Salary(**label).amount() == "USD not given a year"


def test_more_undecided_requirements_rank_below_fewer_whatever_the_role_asks() -> None:
    roles = catalog(
        role("two_undecided", {"alpha": 3.0, "gamma": 1.0}, zone=4),
        role("one_undecided", {"alpha": 3.0, "beta": 1.0}, zone=2),
    )
    levels = {"alpha": Normal(3.0), "beta": Normal(6.0)}
    matches = match_roles(levels, roles, 5)
    assert [(m.role, m.borderline, m.not_assessed) for m in matches] == [
        ("one_undecided", 1, 0),
        ("two_undecided", 1, 1),
    ]


def test_a_role_match_carries_the_roles_facts() -> None:
    (manager,) = [m for m in match_roles(everyone_at(6.0), CATALOG, 6) if m.role == "qa_manager"]
    facts = {k: v for k, v in to_data(manager).items() if k not in ("gaps", "salary")}
    assert facts == {
        "role": "qa_manager",
        "name": "Quality Assurance Manager",
        "onet_code": "11-3051.01",
        "job_zone": 4,
        "open_now": True,
        "min_experience_years": 4,
        "missing_years": 0.0,
        "not_measured": [
            "Years of quality work",
            "Knowledge of national regulations",
            "Leading and training staff",
        ],
        "entry": False,
        "met": 5,
        "borderline": 0,
        "to_build": 0,
        "not_assessed": 0,
        "p_meets_all": 1.0,
        "entry_requirements": [
            "Several years of quality or production work (O*NET Job Zone 4; most such "
            "managers have four to six)",
            "A bachelor's degree, which most such jobs ask for (O*NET Job Zone 4)",
        ],
    }

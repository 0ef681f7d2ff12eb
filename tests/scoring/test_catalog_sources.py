"""The catalog's sources: O*NET's levels as published (research the mean of two), and
salaries labeled with their source and date beside BLS's medians with their releases."""

from __future__ import annotations

import pytest
from test_catalog import CATALOG, SKILLS, TEXT, fresh

from scoring import Catalog, parse_catalog
from scoring.catalog import Role


def test_every_salary_is_labeled_as_the_sources_with_its_date() -> None:
    catalog = fresh()
    source = catalog.salaries
    assert (source.source, source.dated) == (
        'ok.com, "What Does a Production Technician Do?"',
        "12/04/2025",
    )
    assert source.note == (
        "The source's aggregated industry figures; actual pay varies with experience, "
        "location and company."
    )
    described = [catalog.salary(role).describe() for role in catalog.roles]
    assert described == [
        f'USD {figure} a year (ok.com, "What Does a Production Technician Do?", dated 12/04/2025)'
        for figure in ("35,000-55,000", "42,000", "44,000", "53,000", "71,000")
    ]


def test_beside_each_salary_the_bls_median_with_its_release_older_ones_said_so() -> None:
    catalog = fresh()
    said = {
        role.id: bls.describe() if (bls := catalog.salary(role).bls) else None
        for role in catalog.roles
    }
    older = "; an older release, so pay today may differ"
    assert said == {
        "production_technician": "BLS median USD 45,850 a year (Inspectors, Testers, Sorters, "
        "Samplers, and Weighers, Occupational Outlook Handbook, May 2023)",
        "assembly_technician": "BLS median USD 37,930 a year (Assemblers and fabricators, the "
        f"group Team Assemblers belong to, Occupational Outlook Handbook, May 2022{older})",
        "manufacturing_technician": "BLS median USD 56,550 a year (Industrial Engineering "
        f"Technologists and Technicians, Occupational Outlook Handbook, May 2019{older})",
        "qa_analyst": "BLS median USD 101,800 a year (Software Quality Assurance Analysts and "
        "Testers, Occupational Outlook Handbook, May 2023)",
        "qa_manager": "BLS median USD 105,480 a year (Industrial Production Managers, the "
        "occupation Quality Control Systems Managers belong to, Occupational Employment and "
        f"Wage Statistics, May 2019{older})",
    }
    socs = [r.salary.bls.soc for r in catalog.roles if r.salary.bls]
    assert socs == [
        "51-9061", "51-2000", "17-3026", "15-1253", "11-3051",
    ]  # fmt: skip


def test_a_bls_release_is_older_only_before_the_year_the_catalog_names() -> None:
    text = TEXT.replace("bls_recent_from: 2023", "bls_recent_from: 2019")
    assert older(parse_catalog(text)) == [False] * 5
    text = TEXT.replace("bls_recent_from: 2023", "bls_recent_from: 2024")
    assert older(parse_catalog(text)) == [True] * 5
    text = TEXT.replace("  bls_recent_from: 2023\n", "")
    assert older(parse_catalog(text)) == [False] * 5


def older(catalog: Catalog) -> list[bool]:
    return [bls.older for r in catalog.roles if (bls := catalog.salary(r).bls) is not None]


def test_the_qa_analyst_reads_as_software_testing() -> None:
    analyst = fresh().role_by_id["qa_analyst"]
    assert analyst.name == "Quality Assurance Analyst (software testing)"
    assert (
        analyst.description == "Tests software, finds bugs and advises developers before release."
    )


# O*NET 29.3 importance (1..5) / level (0..7) of each element, as the data notes list them
# (O*NET 29.3 Database, USDOL/ETA, CC BY 4.0). Work styles have an importance only.
DATA = {
    "51-9061.00": {
        "Critical Thinking": (3.25, 3.25),
        "Analyzing Data or Information": (3.38, 3.78),
        "Quality Control Analysis": (3.75, 3.38),
        "Attention to Detail": (4.96, None),
        "Social Perceptiveness": (2.88, 2.25),
        "Getting Information": (4.09, 3.89),
        "Active Learning": (2.38, 2.38),
    },
    "51-2092.00": {
        "Critical Thinking": (3.00, 2.88),
        "Analyzing Data or Information": (3.05, 2.07),
        "Quality Control Analysis": (3.12, 3.00),
        "Attention to Detail": (4.34, None),
        "Social Perceptiveness": (3.00, 3.00),
        "Getting Information": (4.39, 3.44),
        "Active Learning": (2.25, 2.12),
    },
    "17-3026.00": {
        "Critical Thinking": (3.88, 3.88),
        "Analyzing Data or Information": (3.48, 3.46),
        "Quality Control Analysis": (3.00, 3.00),
        "Attention to Detail": (4.36, None),
        "Social Perceptiveness": (2.88, 3.12),
        "Getting Information": (3.86, 3.37),
        "Active Learning": (3.00, 3.62),
    },
    "15-1253.00": {
        "Critical Thinking": (3.88, 3.88),
        "Analyzing Data or Information": (4.26, 5.00),
        "Quality Control Analysis": (3.38, 3.62),
        "Attention to Detail": (4.91, None),
        "Social Perceptiveness": (2.88, 2.88),
        "Getting Information": (4.65, 4.85),
        "Active Learning": (3.12, 3.12),
    },
    "11-3051.01": {
        "Critical Thinking": (3.75, 4.12),
        "Analyzing Data or Information": (4.63, 5.03),
        "Quality Control Analysis": (4.00, 4.12),
        "Attention to Detail": (4.75, None),
        "Social Perceptiveness": (3.25, 3.75),
        "Getting Information": (4.36, 5.17),
        "Active Learning": (3.62, 4.12),
    },
}


def expected(code: str) -> dict[str, tuple[float, float]]:
    """Each skill's (level, importance) by the catalog's stated mapping."""
    data = DATA[code]

    def level(element: str) -> float:
        value = data[element][1]
        assert value is not None
        return value

    def importance(element: str) -> float:
        return data[element][0]

    return {
        "critical_thinking": (level("Critical Thinking"), importance("Critical Thinking")),
        "data_analysis": (
            level("Analyzing Data or Information"),
            importance("Analyzing Data or Information"),
        ),
        "attention_to_detail": (
            level("Quality Control Analysis"),
            (importance("Quality Control Analysis") + importance("Attention to Detail")) / 2,
        ),
        "empathy": (level("Social Perceptiveness"), importance("Social Perceptiveness")),
        "research": (
            (level("Getting Information") + level("Active Learning")) / 2,
            (importance("Getting Information") + importance("Active Learning")) / 2,
        ),
    }


@pytest.mark.parametrize("role", CATALOG.roles, ids=lambda role: role.id)
def test_requirements_are_onet_levels_as_published_research_the_mean_of_two(role: Role) -> None:
    assert role.onet_code is not None
    got = {skill: (need.level, need.importance) for skill, need in role.skills.items()}
    want = expected(role.onet_code)
    assert got.keys() == want.keys()
    for skill, (level, importance) in want.items():
        assert got[skill][0] == pytest.approx(level, abs=1e-9), skill
        assert got[skill][1] == pytest.approx(importance, abs=1e-9), skill


def test_research_is_the_mean_of_getting_information_and_active_learning() -> None:
    research = {role.id: role.skills["research"] for role in fresh().roles}
    assert {r: (n.level, n.importance) for r, n in research.items()} == {
        "production_technician": (3.135, 3.235),
        "assembly_technician": (2.78, 3.32),
        "manufacturing_technician": (3.495, 3.43),
        "qa_analyst": (3.985, 3.885),
        "qa_manager": (4.645, 3.99),
    }
    for word in ("Getting Information", "Active Learning", "mean"):
        assert word in TEXT[: TEXT.index("schema: 1")]


def test_the_qa_manager_asks_most_of_every_skill() -> None:
    manager = fresh().role_by_id["qa_manager"]
    for skill in SKILLS:
        assert manager.skills[skill].level == max(r.skills[skill].level for r in fresh().roles)

"""The catalog's decision thresholds and level bands, each with its reason beside it."""

from __future__ import annotations

import pytest
from test_catalog import LINES, fresh, line_of


def test_the_catalogs_thresholds_and_bands() -> None:
    rules = fresh().scoring
    assert (rules.decisions.met_from, rules.decisions.to_build_up_to) == (0.90, 0.10)
    assert (rules.calibration_min_self_ratings, rules.calibration_min_demonstrated) == (3, 4)
    assert rules.confident_from_band == "Proficient"
    assert (rules.entry_route_to_build_share, rules.little_experience_below) == (0.5, 1)
    assert [(band.name, band.from_level) for band in rules.bands] == [
        ("Developing", 0), ("Foundational", 2), ("Proficient", 4), ("Advanced", 5),
    ]  # fmt: skip
    assert [rules.band_for(s) for s in (-1, 0, 1.9, 2, 3.9, 4, 4.9, 5, 7)] == [
        "Developing", "Developing", "Developing", "Foundational", "Foundational",
        "Proficient", "Proficient", "Advanced", "Advanced",
    ]  # fmt: skip
    assert [rules.reaches(level, "Proficient") for level in (3.9, 4.0, 6.0)] == [
        False, True, True,
    ]  # fmt: skip


def test_each_threshold_and_band_carries_its_reason_in_the_catalog() -> None:
    for needle, reason in (
        ("met_from: 0.90", "one time in ten"),
        ("met_from: 0.90", "is met and still inside the interval shown"),
        ("to_build_up_to: 0.10", "mirror of met"),
        ("{name: Developing, from_level: 0}", "level-2 anchors"),
        ("{name: Foundational, from_level: 2}", "level-4 ones not yet"),
        ("{name: Proficient, from_level: 4}", "Assess new parts for precision"),
        ("{name: Advanced, from_level: 5}", "level-6 anchors"),
    ):
        line = line_of(needle)
        above = " ".join(" ".join(LINES[max(0, line - 8) : line - 1]).replace("#", "").split())
        assert reason in above, needle


@pytest.mark.parametrize(
    ("p", "status"),
    [
        (1.0, "met"), (0.9, "met"), (0.89, "borderline"), (0.5, "borderline"),
        (0.11, "borderline"), (0.1, "to build"), (0.0, "to build"),
    ],
)  # fmt: skip
def test_a_status_follows_p_meets_at_the_catalogs_thresholds(p: float, status: str) -> None:
    assert fresh().scoring.decisions.status(p) == status


def test_the_bands_say_where_the_requirements_fall_and_that_status_decides() -> None:
    levels = [need.level for role in fresh().roles for need in role.skills.values()]
    foundational = [level for level in levels if 2 <= level < 4]
    proficient = [level for level in levels if 4 <= level < 5]
    advanced = [level for level in levels if level >= 5]
    text = " ".join(" ".join(LINES).replace("#", "").split())
    said = (
        "A band says which anchors a level reaches, never whether a role's requirement is "
        f"met: the requirements fall across bands ({len(foundational)} of the {len(levels)} "
        f"sit at {min(foundational):g}-{max(foundational):g}, inside Foundational; "
        f"{len(proficient)} at {min(proficient):g}-{max(proficient):g}; {len(advanced)} at "
        f"{min(advanced):.1f}-{max(advanced):g}), and only the requirement's status says met."
    )
    assert said in text
    assert "the non-entry roles ask for" not in text

"""From skill levels to roles: each requirement's status, and the roles in an adviser's order.

A requirement is judged by p_meets, the chance (from the posterior of the person's level)
that the level is at or above the role's O*NET level; the catalog's decisions turn it into
met, borderline or to build, and a skill the attempt did not measure is "not assessed".
p_meets is rounded to a whole percent before it is judged, so "met" never sits beside a
chance that reads below the threshold.

A role's p_meets_all is the chance of meeting all of its requirements: the skills' levels
are estimated independently in the model (each from its own items, under its own prior),
so it is the product of the requirements' p_meets; null when one is not assessed.

The order is an adviser's, never salary's:

1. roles open now (the years of experience they need are met) before roles to grow into;
2. among open roles, those whose requirements are all met first, the one that asks most
   first (Job Zone, then years of experience, then the mean level it requires), so a
   person who meets QA Manager sees it before the entry roles;
3. then the other open roles, closest first: the fewest requirements to build, then the
   fewest undecided (borderline or not assessed), then the one that asks most; counts a
   person can read beside each role, so the order is never a hidden figure;
4. roles to grow into last, fewest years missing first, each group as above.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Protocol

from scoring.catalog import Catalog, Requirement, Role
from scoring.models import GapStatus, RoleMatch, SkillGap, chance, one_decimal


class Posterior(Protocol):
    """What matching needs of a skill's level: its mean and the chance it reaches a cut."""

    @property
    def mean(self) -> float: ...

    def p_at_least(self, cut: float) -> float: ...


Levels = Mapping[str, Posterior | None]

_STATUS_ORDER: dict[GapStatus, int] = {"to build": 0, "borderline": 1, "met": 2, "not assessed": 3}


def missing_years(role: Role, experience_years: float | None) -> float:
    """Years of experience the role needs beyond what the person has (none given: 0 years)."""
    return max(0.0, role.min_experience_years - (experience_years or 0.0))


def _gap(
    skill_id: str, need: Requirement, posterior: Posterior | None, catalog: Catalog
) -> tuple[SkillGap, float | None]:
    """The requirement judged, and the unrounded chance of meeting it (None: not assessed)."""
    if posterior is None:
        level = p_meets = p = None
        status: GapStatus = "not assessed"
    else:
        p = posterior.p_at_least(need.level)
        level = one_decimal(posterior.mean)
        p_meets = round(p, 2)  # scoring.models.chance, as a person reads it
        status = catalog.scoring.decisions.status(p_meets)
    gap = SkillGap(
        skill=skill_id,
        name=catalog.skill_name(skill_id),
        required_level=need.level,
        level=level,
        p_meets=p_meets,
        status=status,
        importance=need.importance,
    )
    return gap, p


def _gap_order(gap: SkillGap) -> tuple[int, float, float]:
    """To build first, then borderline, met, not assessed; within each, the least likely
    to be met first, then the most important."""
    return (_STATUS_ORDER[gap.status], gap.p_meets or 0.0, -gap.importance)


def _match(
    role: Role, levels: Levels, catalog: Catalog, experience_years: float | None
) -> RoleMatch:
    gaps: list[SkillGap] = []
    count = dict.fromkeys(_STATUS_ORDER, 0)
    p_all: float | None = 1.0
    for skill_id, need in role.skills.items():
        gap, p = _gap(skill_id, need, levels.get(skill_id), catalog)
        gaps.append(gap)
        count[gap.status] += 1
        p_all = None if p_all is None or p is None else p_all * p
    missing = missing_years(role, experience_years)
    return RoleMatch(
        role=role.id,
        name=role.name,
        onet_code=role.onet_code,
        job_zone=role.job_zone,
        open_now=missing == 0,
        min_experience_years=role.min_experience_years,
        missing_years=missing,
        not_measured=list(role.not_measured),
        salary=catalog.role_salaries[role.id],
        entry=role.entry,
        met=count["met"],
        borderline=count["borderline"],
        to_build=count["to build"],
        not_assessed=count["not assessed"],
        p_meets_all=chance(p_all),
        gaps=sorted(gaps, key=_gap_order),
        entry_requirements=list(role.entry_requirements),
    )


def _order(role: Role, match: RoleMatch) -> tuple[float, ...]:
    """The sort key of the module docstring's order. A role whose requirements are all met
    has none to build and none undecided, so it comes before every role that has some."""
    asks = (-role.job_zone, -role.min_experience_years, -role.mean_required_level)
    undecided = match.borderline + match.not_assessed
    return (not match.open_now, match.missing_years, match.to_build, undecided, *asks)


def match_roles(
    levels: Levels, catalog: Catalog, experience_years: float | None = None
) -> list[RoleMatch]:
    """Every catalog role with its requirements judged, in an adviser's order (see the
    module docstring). ``levels`` maps skill ids to their posterior, None or absent when the
    attempt did not measure the skill; ``experience_years`` None (not given) counts as none.
    """
    keyed = [(role, _match(role, levels, catalog, experience_years)) for role in catalog.roles]
    # A stable sort: roles alike in every respect keep the catalog's order.
    return [match for _, match in sorted(keyed, key=lambda pair: _order(*pair))]


def unassessed_skills(levels: Levels, catalog: Catalog) -> list[str]:
    """Skills some role requires that this attempt did not measure, in catalog order."""
    needed = catalog.needed_skills
    return [skill for skill in catalog.skills if skill in needed and levels.get(skill) is None]

"""From skill levels to roles: each requirement's status, and the roles in an adviser's order.

A requirement is judged by p_meets, the chance (from the posterior of the person's level)
that the level is at or above the role's O*NET level; the catalog's decisions turn it into
met, borderline or to build, and a skill the attempt did not measure is "not assessed".
p_meets is rounded to a whole percent before it is judged, so "met" never sits beside a
chance that reads below the threshold. A definite status must also survive the skill's
skipped questions (scoring.skip_guard): met only if still met with them guessed, to build
only if still to build with them known; otherwise borderline.

A role's p_meets_all is the product of its requirements' p_meets (null when one is not
assessed), kept in the report for compatibility but never shown as a chance: it would be
the chance of meeting them all only if the skills were unrelated, and a person's skills go
together, so it understates (in simulation, roles shown about 28% were met in full about
68% of the time). The order below rests on the statuses alone.

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

from collections.abc import Callable, Mapping
from typing import Protocol

from scoring.catalog import Catalog, Role
from scoring.models import GapStatus, RoleMatch, SkillGap, chance, one_decimal
from scoring.skip_guard import SkipBounds, guarded_status


class Posterior(Protocol):
    """What matching needs of a skill's level: its mean and the chance it reaches a cut."""

    @property
    def mean(self) -> float: ...

    def p_at_least(self, cut: float) -> float: ...


Levels = Mapping[str, Posterior | None]
Bounds = Mapping[str, SkipBounds | None]

_STATUS_ORDER: dict[GapStatus, int] = {"to build": 0, "borderline": 1, "met": 2, "not assessed": 3}


def missing_years(role: Role, experience_years: float | None) -> float:
    """Years of experience the role needs beyond what the person has (none given: 0 years)."""
    return float(max(0.0, role.min_experience_years - (experience_years or 0.0)))


def _decide(catalog: Catalog) -> Callable[[float], GapStatus]:
    """A chance turned into a status as the person reads it (a whole percent)."""
    decisions = catalog.scoring.decisions
    return lambda p: decisions.status(round(p, 2))


def _status(
    posterior: Posterior, cut: float, bounds: SkipBounds | None, catalog: Catalog
) -> GapStatus:
    decide = _decide(catalog)
    return guarded_status(decide(posterior.p_at_least(cut)), cut, bounds, decide)


def _gap(
    role: Role,
    skill_id: str,
    posterior: Posterior | None,
    catalog: Catalog,
    bounds: SkipBounds | None = None,
) -> SkillGap:
    need = role.skills[skill_id]
    if posterior is None:
        level = p_meets = None
        status: GapStatus = "not assessed"
    else:
        level = one_decimal(posterior.mean)
        p_meets = chance(posterior.p_at_least(need.level))
        status = _status(posterior, need.level, bounds, catalog)
    return SkillGap(
        skill=skill_id,
        name=catalog.skill_name(skill_id),
        required_level=float(need.level),
        level=level,
        p_meets=p_meets,
        status=status,
        importance=float(need.importance),
    )


def _gap_order(gap: SkillGap) -> tuple[int, float, float]:
    """To build first, then borderline, met, not assessed; within each, the least likely
    to be met first, then the most important."""
    return (_STATUS_ORDER[gap.status], gap.p_meets or 0.0, -gap.importance)


def _match(
    role: Role, levels: Levels, catalog: Catalog, experience_years: float | None, bounds: Bounds
) -> RoleMatch:
    gaps = [
        _gap(role, skill_id, levels.get(skill_id), catalog, bounds.get(skill_id))
        for skill_id in role.skills
    ]
    p_all: float | None = 1.0
    for skill_id, need in role.skills.items():
        posterior = levels.get(skill_id)
        p_all = (
            None if p_all is None or posterior is None else p_all * posterior.p_at_least(need.level)
        )
    count = {status: sum(1 for gap in gaps if gap.status == status) for status in _STATUS_ORDER}
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
    levels: Levels,
    catalog: Catalog,
    experience_years: float | None = None,
    bounds: Bounds | None = None,
) -> list[RoleMatch]:
    """Every catalog role with its requirements judged, in an adviser's order (see the
    module docstring). ``levels`` maps skill ids to their posterior, None or absent when the
    attempt did not measure the skill; ``experience_years`` None (not given) counts as none;
    ``bounds``: each skill's levels with its skips guessed or known (none: no skips).
    """
    given = bounds or {}
    keyed = [
        (role, _match(role, levels, catalog, experience_years, given)) for role in catalog.roles
    ]
    # A stable sort: roles alike in every respect keep the catalog's order.
    return [match for _, match in sorted(keyed, key=lambda pair: _order(*pair))]


def unassessed_skills(levels: Levels, catalog: Catalog) -> list[str]:
    """Skills some role requires that this attempt did not measure, in catalog order."""
    needed = catalog.needed_skills
    return [skill for skill in catalog.skills if skill in needed and levels.get(skill) is None]


def undecided_by_skips(levels: Levels, bounds: Bounds, catalog: Catalog) -> list[str]:
    """Skills, in catalog order, with a requirement of some role that the answers decide
    but the skipped questions leave borderline (see scoring.skip_guard)."""
    decide = _decide(catalog)
    undecided: list[str] = []
    for skill in catalog.skills:
        posterior = levels.get(skill)
        if posterior is None or bounds.get(skill) is None:
            continue
        cuts = {role.skills[skill].level for role in catalog.roles if skill in role.skills}
        if any(
            _status(posterior, cut, bounds.get(skill), catalog) != decide(posterior.p_at_least(cut))
            for cut in cuts
        ):
            undecided.append(skill)
    return undecided

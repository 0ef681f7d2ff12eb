"""From role matches to advice: which qualifications to look at and what to do next.

A qualification is suggested only for a reason that is true of the person, and the reason
says it in one sentence: the assessing award to people with the experience it asks who
are open to a role that trains others and meet that role's requirements in the skills
assessing rests on; the apprenticeship to people with little or no experience, or whose
closest open role is still a long way off.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from scoring.catalog import Catalog, Certification
from scoring.models import CertificationSuggestion, RoleMatch, SkillResult
from scoring.wording import join_names, years


def _suggestion(certification: Certification, reason: str) -> CertificationSuggestion:
    return CertificationSuggestion(
        id=certification.id,
        name=certification.name,
        provider=certification.provider,
        reason=reason,
    )


def _assessing_reason(
    certification: Certification,
    roles: Sequence[RoleMatch],
    experience_years: float | None,
    catalog: Catalog,
) -> str | None:
    """Why the assessing award suits this person, or None when it does not.

    It needs the award's years of experience (given, not assumed) and a role open now
    that trains others, among the roles the award serves, whose requirements in every
    skill the award rests on are met. The reason ends with what the award is.
    """
    if experience_years is None or experience_years < certification.min_experience_years:
        return None
    for match in roles:
        role = catalog.role_by_id[match.role]
        serves = not certification.roles or role.id in certification.roles
        if not (match.open_now and role.trains_others and serves):
            continue
        status = {gap.skill: gap.status for gap in match.gaps}
        if all(status.get(skill) == "met" for skill in certification.skills):
            named = join_names([catalog.skill_name(s).lower() for s in certification.skills])
            return (
                f"{match.name} includes training staff, you meet its requirements in "
                f"{named}, and you have {years(experience_years)} of experience. "
                f"{certification.description}"
            )
    return None


def _entry_route_reason(
    certification: Certification,
    roles: Sequence[RoleMatch],
    experience_years: float | None,
    catalog: Catalog,
) -> str | None:
    """Why the apprenticeship suits this person, or None when it does not."""
    rules = catalog.scoring
    how = "paid work with structured learning"
    if certification.duration:
        how += f" over {certification.duration}"
    if experience_years is None:
        return (
            "You did not give your years of hands-on experience; if you have little or "
            f"none, an apprenticeship offers {how}."
        )
    if experience_years < rules.little_experience_below:
        had = years(experience_years)
        return f"Your hands-on experience is {had}; an apprenticeship offers {how}."
    open_roles = [role for role in roles if role.open_now]
    if not open_roles:
        return None
    closest = min(open_roles, key=lambda role: role.to_build / len(role.gaps))
    if closest.to_build / len(closest.gaps) >= rules.entry_route_to_build_share:
        return (
            f"Even the closest role open to you now, {closest.name}, has {closest.to_build} "
            f"of its {len(closest.gaps)} requirements to build; an apprenticeship offers {how}."
        )
    return None


def suggest_certifications(
    roles: Sequence[RoleMatch], catalog: Catalog, experience_years: float | None = None
) -> list[CertificationSuggestion]:
    """Qualifications whose reason holds for this person, in catalog order, each once.
    ``roles`` in the order match_roles gives; none when there are no roles."""
    chosen: list[CertificationSuggestion] = []
    if not roles:
        return chosen
    for certification in catalog.certifications:
        reason = None
        if certification.assessing:
            reason = _assessing_reason(certification, roles, experience_years, catalog)
        if reason is None and certification.entry_route:
            reason = _entry_route_reason(certification, roles, experience_years, catalog)
        if reason is not None:
            chosen.append(_suggestion(certification, reason))
    return chosen


def _skills_in_order(
    skills: Sequence[SkillResult], roles: Sequence[RoleMatch]
) -> Iterator[tuple[str, str]]:
    """Each measured skill with its band: the first role's requirements to build and
    borderline ones first (in its gaps' order), then the others, lowest level first."""
    levels: dict[str, float] = {}
    bands: dict[str, str] = {}
    for result in skills:
        if result.level is not None and result.band is not None:
            levels[result.skill], bands[result.skill] = result.level, result.band
    first = [
        gap.skill
        for gap in (roles[0].gaps if roles else [])
        if gap.status in ("to build", "borderline") and gap.skill in levels
    ]
    rest = sorted((s for s in levels if s not in first), key=levels.__getitem__)
    for skill in [*first, *rest]:
        yield skill, bands[skill]


def unmeasured_needed(skills: Sequence[SkillResult], catalog: Catalog) -> list[str]:
    """Skills some role requires that the attempt did not measure, in catalog order."""
    measured = {s.skill for s in skills if s.level is not None}
    needed = catalog.needed_skills
    return [skill for skill in catalog.skills if skill in needed and skill not in measured]


def next_steps(
    skills: Sequence[SkillResult], roles: Sequence[RoleMatch], catalog: Catalog
) -> list[str]:
    """Concrete steps, most useful first: entry requirements when the first role is an
    entry role, then the catalog's steps for each skill's band, the first role's gaps
    first, then a pointer to the skills not measured."""
    steps: list[str] = []
    if roles and roles[0].entry and roles[0].entry_requirements:
        needs = " and ".join(r[0].lower() + r[1:] for r in roles[0].entry_requirements)
        steps.append(f"{roles[0].name} is an entry role: it asks for {needs}.")
    for skill, band in _skills_in_order(skills, roles):
        name = catalog.skill_name(skill)
        steps.extend(f"{name} ({band}): {step}" for step in catalog.next_steps(skill, band))
    missing = [catalog.skill_name(s) for s in unmeasured_needed(skills, catalog)]
    if missing:
        steps.append(f"Take the quiz on {join_names(missing)} to see how they stand.")
    return steps

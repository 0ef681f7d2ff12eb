"""From role matches to advice: which qualifications to look at and what to do next.

Every suggestion carries its reason in one sentence naming a role and a skill, so a person
can see why it is there and ignore it knowingly.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from scoring.catalog import Catalog, Certification
from scoring.matching import Scored, unassessed_skills
from scoring.models import CertificationSuggestion, RoleMatch, SkillGap
from scoring.wording import join_names, plural

TOP_ROLES = 3


def _suggestion(certification: Certification, reason: str) -> CertificationSuggestion:
    return CertificationSuggestion(
        id=certification.id,
        name=certification.name,
        provider=certification.provider,
        reason=reason,
    )


def _reason(certification: Certification, role: RoleMatch) -> str | None:
    """Why this qualification suits this role, or None when it does not."""
    gaps = [g for g in role.gaps if g.status == "gap" and g.skill in certification.skills]
    serves = role.role in certification.roles
    if gaps:
        gap = gaps[0]
        lead = f"Leads towards {role.name} and develops" if serves else "Develops"
        points = plural(max(round(gap.gap), 1), "point")
        return (
            f"{lead} {gap.name.lower()}, where you are {points} short of the "
            f"{gap.required:.0f} {role.name} needs."
        )
    if serves:
        skill = _main_skill(certification, role)
        builds = f" and builds {skill.name.lower()}, a skill it rests on" if skill else ""
        return f"Leads towards {role.name} (your fit {role.fit:.0f}%){builds}."
    return None


def _main_skill(certification: Certification, role: RoleMatch) -> SkillGap | None:
    """The role's most important skill that the qualification develops."""
    developed = [g for g in role.gaps if g.skill in certification.skills]
    return max(developed, key=lambda g: g.importance) if developed else None


def _entry_route_reason(certification: Certification, top: RoleMatch, best_fit_low: bool) -> str:
    skill = _main_skill(certification, top)
    builds = f"builds {skill.name.lower()}" if skill else "builds practical skills"
    how = "through paid work with structured learning"
    if certification.duration:
        how += f" over {certification.duration}"
    if best_fit_low:
        fit = f"{top.fit:.0f}%"
        return f"Your best fit, {top.name}, is only {fit}; an apprenticeship {builds} {how}."
    return f"{top.name} is an entry role; an apprenticeship {builds} {how}."


def suggest_certifications(
    roles: Sequence[RoleMatch], catalog: Catalog
) -> list[CertificationSuggestion]:
    """Qualifications for the top three roles, each named once with its first reason.

    A qualification is suggested for a role when it serves the role or develops one of the
    role's gap skills. The entry route (the apprenticeship) is also suggested when the best
    fit is below the catalog's entry_route_below or the top role is an entry role.
    """
    chosen: dict[str, CertificationSuggestion] = {}
    for role in roles[:TOP_ROLES]:
        for certification in catalog.certifications:
            if certification.id in chosen:
                continue
            reason = _reason(certification, role)
            if reason:
                chosen[certification.id] = _suggestion(certification, reason)
    if roles:
        top = roles[0]
        low = top.fit < catalog.scoring.entry_route_below
        if low or top.entry:
            for certification in catalog.certifications:
                if certification.entry_route and certification.id not in chosen:
                    reason = _entry_route_reason(certification, top, low)
                    chosen[certification.id] = _suggestion(certification, reason)
    return list(chosen.values())


def _skills_in_order(scores: Sequence[Scored], roles: Sequence[RoleMatch]) -> Iterator[str]:
    """The top role's shortfalls first (largest importance x gap), then the weakest skills."""
    seen: set[str] = set()
    measured = {s.skill: s for s in scores if s.score is not None}
    if roles:
        for gap in roles[0].gaps:
            if gap.status in ("gap", "within error") and gap.skill in measured:
                seen.add(gap.skill)
                yield gap.skill
    rest = sorted((s for s in measured.values() if s.skill not in seen), key=_score_key)
    for scored in rest:
        yield scored.skill


def _score_key(scored: Scored) -> float:
    return scored.score if scored.score is not None else 0.0


def next_steps(
    scores: Sequence[Scored], levels: dict[str, str], roles: Sequence[RoleMatch], catalog: Catalog
) -> list[str]:
    """Concrete steps, most useful first: entry requirements when the top role is an entry
    role, then the catalog's steps for each skill at its level, the top role's gaps first,
    then a pointer to the skills not assessed."""
    steps: list[str] = []
    if roles and roles[0].entry and roles[0].entry_requirements:
        needs = " and ".join(r[0].lower() + r[1:] for r in roles[0].entry_requirements)
        steps.append(f"{roles[0].name} is an entry role: it asks for {needs}.")
    for skill in _skills_in_order(scores, roles):
        level = levels.get(skill)
        if level is None:
            continue
        name = catalog.skill_name(skill)
        steps.extend(f"{name} ({level}): {step}" for step in catalog.next_steps(skill, level))
    missing = [catalog.skill_name(s) for s in unassessed_skills(scores, catalog)]
    if missing:
        steps.append(f"Take the quiz on {join_names(missing)} to see how they stand.")
    return steps

"""From role matches to advice: which qualifications to look at and what to do next.

A qualification is suggested only for a reason that is true of the person, and the reason
says it in one sentence: the assessing award to people heading for a role that trains
others whose own skills are strong enough to assess others'; the apprenticeship to people
with little or no experience, or whose best open role is still a long way off.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from scoring.catalog import Catalog, Certification
from scoring.matching import Scored, unassessed_skills
from scoring.models import CertificationSuggestion, RoleMatch
from scoring.wording import join_names, years

TOP_ROLES = 3


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
    scores: dict[str, float],
    catalog: Catalog,
) -> str | None:
    """Why the assessing award suits this person, or None when it does not.

    It needs a role among the top three that trains others, and every skill the award
    rests on measured at the catalog's assessing level or above.
    """
    rules = catalog.scoring
    trainer = next((r for r in roles[:TOP_ROLES] if catalog.role_by_id[r.role].trains_others), None)
    if trainer is None:
        return None
    shown = {skill: scores.get(skill) for skill in certification.skills}
    if any(v is None or not rules.reaches(v, rules.assessing_from_level) for v in shown.values()):
        return None
    named = join_names(
        [f"{catalog.skill_name(s).lower()} ({v:.0f})" for s, v in shown.items() if v is not None]
    )
    verb = "is" if len(shown) == 1 else "are"
    return (
        f"{trainer.name}, one of your closest roles, includes training staff, and your "
        f"{named} {verb} at {rules.assessing_from_level} or above: this award is for people "
        "who assess others' practical work."
    )


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
    best = next((role for role in roles if role.open_now), None)
    if best is not None and best.fit < rules.entry_route_below:
        return (
            f"Your best fit among the roles open to you now, {best.name}, is "
            f"{best.fit:.0f}%, below {rules.entry_route_below:g}%; an apprenticeship "
            f"offers {how}."
        )
    return None


def suggest_certifications(
    roles: Sequence[RoleMatch],
    scores: Sequence[Scored],
    catalog: Catalog,
    experience_years: float | None = None,
) -> list[CertificationSuggestion]:
    """Qualifications whose reason holds for this person, in catalog order, each once."""
    measured = {s.skill: s.score for s in scores if s.score is not None}
    rounded = {skill: round(value, 1) for skill, value in measured.items()}
    chosen: list[CertificationSuggestion] = []
    if not roles:
        return chosen
    for certification in catalog.certifications:
        reason = None
        if certification.assessing:
            reason = _assessing_reason(certification, roles, rounded, catalog)
        if reason is None and certification.entry_route:
            reason = _entry_route_reason(certification, roles, experience_years, catalog)
        if reason is not None:
            chosen.append(_suggestion(certification, reason))
    return chosen


def _skills_in_order(scores: Sequence[Scored], roles: Sequence[RoleMatch]) -> Iterator[str]:
    """The top role's skills to build and borderline ones first (largest importance x gap),
    then the weakest skills."""
    seen: set[str] = set()
    measured = {s.skill: s for s in scores if s.score is not None}
    if roles:
        for gap in roles[0].gaps:
            if gap.status in ("to build", "borderline") and gap.skill in measured:
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

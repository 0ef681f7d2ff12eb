"""The whole pipeline from one attempt's answers to the advice a person reads."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from scoring.advice import next_steps, suggest_certifications
from scoring.catalog import Catalog, builtin_catalog
from scoring.matching import match_roles, unassessed_skills
from scoring.models import Answer, Assessment
from scoring.skills import AskedItem, grade_responses, pattern_warnings, score_responses
from scoring.wording import join_names

NO_ROLE_SKILLS = (
    "None of the skills assessed are ones the roles are matched on, so no roles or "
    "certifications are suggested."
)
NOTHING_SHOWN = (
    "No practical question of a skill the roles need was answered, so nothing was measured "
    "to match roles on and no roles or certifications are suggested."
)


def _unassessed_warning(names: Sequence[str]) -> str:
    verb = "was" if len(names) == 1 else "were"
    return (
        f"{join_names(names)} {verb} not assessed; they count as not yet shown, so role fits "
        "are lower than a full quiz might give."
    )


EXPERIENCE_NOT_GIVEN = (
    "You did not give your years of experience, so roles are ordered as for someone with "
    "none; if you have experience, run again with --experience."
)


def assess(
    asked: Sequence[AskedItem],
    answers: Mapping[str, Answer],
    catalog: Catalog | None = None,
    experience_years: float | None = None,
) -> Assessment:
    """Score an attempt and turn the scores into roles, certifications and next steps.

    ``asked`` is every question put to the person, in the order asked; ``answers`` maps
    question ids to answers as data (a missing id is a skip). Skills come out in the order
    they first appear in ``asked``, roles best fit first, responses in asked order.
    Skills a role needs but the attempt did not measure add nothing to its fit and are
    named in a warning (see scoring.matching). When no skill a role needs was measured (a
    trainer's own banks on other skills), no roles or certifications are suggested at all.
    An answer that does not fit its question counts as skipped, with a warning (see
    scoring.skills.grade_responses). ``experience_years`` None means not given: roles are
    ordered as for someone with none, and a warning says so once.
    """
    catalog = catalog or builtin_catalog()
    graded = grade_responses(asked, answers)
    scores = score_responses(graded.responses, catalog)
    warnings = [*graded.warnings, *pattern_warnings(scores, graded.responses)]
    missing = unassessed_skills(scores, catalog)
    needed = {skill for role in catalog.roles for skill in role.skills}
    if needed and set(missing) >= needed:
        roles = []
        asked_needed = needed & {s.skill for s in scores}
        warnings.append(NOTHING_SHOWN if asked_needed else NO_ROLE_SKILLS)
    else:
        roles = match_roles(scores, catalog, experience_years)
        if missing:
            warnings.append(_unassessed_warning([catalog.skill_name(s) for s in missing]))
        if experience_years is None and any(r.min_experience_years for r in catalog.roles):
            warnings.append(EXPERIENCE_NOT_GIVEN)
    levels = {s.skill: s.result.level for s in scores if s.result.level is not None}
    return Assessment(
        skills=[s.result for s in scores],
        roles=roles,
        certifications=suggest_certifications(roles, scores, catalog, experience_years),
        next_steps=next_steps(scores, levels, roles, catalog),
        warnings=warnings,
        responses=[response.result() for response in graded.responses],
        sources=catalog.sources if roles else [],
    )

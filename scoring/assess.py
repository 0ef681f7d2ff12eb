"""The whole pipeline from one attempt's answers to the advice a person reads."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from questions.models import Item
from scoring.advice import next_steps, suggest_certifications
from scoring.catalog import Catalog, builtin_catalog
from scoring.matching import Bounds, match_roles, unassessed_skills, undecided_by_skips
from scoring.models import Answer, Assessment, ModelInfo
from scoring.response_models import AnyParams
from scoring.skills import (
    AskedItem,
    Response,
    grade_responses,
    pattern_warnings,
    score_responses,
)
from scoring.skip_guard import skip_bounds, skip_reason
from scoring.wording import join_names

NO_ROLE_SKILLS = (
    "None of the skills assessed are ones the roles are matched on, so no roles or "
    "certifications are suggested."
)
NOTHING_SHOWN = (
    "No practical question of a skill the roles need was answered, so nothing was measured "
    "to match roles on and no roles or certifications are suggested."
)
EXPERIENCE_NOT_GIVEN = (
    "You did not give your years of experience, so roles are ordered as for someone with "
    "none; if you have experience, run again with --experience."
)


def _unassessed_warning(names: Sequence[str]) -> str:
    verb = "was" if len(names) == 1 else "were"
    return (
        f"{join_names(names)} {verb} not measured, so the roles' requirements in "
        f"{'it' if len(names) == 1 else 'them'} are not assessed and no role can be said to "
        "be met in full."
    )


def _skip_bounds(responses: Sequence[Response], params: Mapping[str, AnyParams] | None) -> Bounds:
    """Each skill's level with its skipped questions guessed or known (scoring.skip_guard),
    from the same evidence the level is scored from."""
    evidence: dict[str, list[tuple[Item, float | None]]] = {}
    for r in responses:
        credit = None if r.answer is None else r.credit
        evidence.setdefault(r.entry.skill.id, []).append((r.entry.item, credit))
    return {skill: skip_bounds(answers, params) for skill, answers in evidence.items()}


def assess(
    asked: Sequence[AskedItem],
    answers: Mapping[str, Answer],
    catalog: Catalog | None = None,
    experience_years: float | None = None,
    params: Mapping[str, AnyParams] | None = None,
    parameter_set: str | None = None,
) -> Assessment:
    """Score an attempt and turn the levels into roles, certifications and next steps.

    ``asked`` is every question put to the person, in the order asked; ``answers`` maps
    question ids to answers as data (a missing id is a skip). Skills come out in the order
    they first appear in ``asked``, roles in an adviser's order (scoring.matching),
    responses in asked order. A skill a role needs that the attempt did not measure makes
    that requirement "not assessed", named in a warning. When no skill a role needs was
    measured (a trainer's own banks on other skills), no roles or certifications are
    suggested at all. An answer that does not fit its question counts as skipped, with a
    warning (see scoring.skills.grade_responses). ``experience_years`` None means not
    given: roles are ordered as for someone with none, and a warning says so once.
    ``params`` are calibrated item parameters by question id (the stored set
    ``parameter_set``); without them every item is scored from its label.
    """
    catalog = catalog or builtin_catalog()
    graded = grade_responses(asked, answers)
    scores = score_responses(graded.responses, catalog, params)
    warnings = [*graded.warnings, *pattern_warnings(scores, graded.responses)]
    levels = {s.skill: s.estimate for s in scores}
    missing = unassessed_skills(levels, catalog)
    needed = catalog.needed_skills
    if needed and set(missing) >= needed:
        roles = []
        warnings.append(NOTHING_SHOWN if needed & set(levels) else NO_ROLE_SKILLS)
    else:
        bounds = _skip_bounds(graded.responses, params)
        roles = match_roles(levels, catalog, experience_years, bounds)
        for skill in undecided_by_skips(levels, bounds, catalog):
            skipped = bounds[skill]
            assert skipped is not None
            warnings.append(skip_reason(catalog.skill_name(skill), skipped))
        if missing:
            warnings.append(_unassessed_warning([catalog.skill_name(s) for s in missing]))
        if experience_years is None and any(r.min_experience_years for r in catalog.roles):
            warnings.append(EXPERIENCE_NOT_GIVEN)
    skills = [s.result for s in scores]
    return Assessment(
        model=ModelInfo(calibrated=bool(params), parameter_set=parameter_set),
        skills=skills,
        roles=roles,
        certifications=suggest_certifications(roles, catalog, experience_years),
        next_steps=next_steps(skills, roles, catalog),
        warnings=warnings,
        responses=[response.result() for response in graded.responses],
        sources=catalog.sources if roles else [],
    )

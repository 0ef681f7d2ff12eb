"""From skill scores to roles: how well each role fits, and which skills stand in the way.

fit = 100 x sum(w x min(1, score / required)) / sum(w) over the skills a role requires,
with w the skill's O*NET importance and score the demonstrated score (self-ratings never
count). A requirement is judged with the score's standard error (SE), as the person sees
both, rounded to one decimal:

- met: score - SE >= required (even a score one SE lower would meet it);
- to build: score + SE < required (even a score one SE higher would not);
- borderline: otherwise, the requirement lies within one SE either side of the score;
- not assessed: the attempt did not measure the skill.

Skills not assessed add nothing to the fit but keep their weight: a fit is a claim about the
whole role, and one skill measured cannot show a person fits a role that rests on five.

Experience decides which roles are open now: a role that needs more years of hands-on work
than the person has is "to grow into", with the years still missing, and comes after every
open role however well it fits. Within each group: best fit first, then the role whose
requirements the person is closest to (smallest weighted shortfall), then entry roles
first, then catalog order. Salary never orders roles.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol

from scoring.catalog import Catalog, Role
from scoring.models import GapStatus, RoleMatch, SkillGap, one_decimal


class Scored(Protocol):
    """What matching needs of a skill score: SkillScore (unrounded) or a SkillResult.

    Fit uses the score as given; statuses and gaps use it rounded to one decimal, as the
    person sees it, so "met" never sits beside a score that looks short.
    """

    @property
    def skill(self) -> str: ...
    @property
    def score(self) -> float | None: ...
    @property
    def standard_error(self) -> float | None: ...


def gap_status(score: float, required: float, error: float | None) -> GapStatus:
    """met, borderline or to build: the requirement against the score and one SE."""
    spread = error or 0.0
    if score - spread >= required:
        return "met"
    if score + spread < required:
        return "to build"
    return "borderline"


def missing_years(role: Role, experience_years: float | None) -> float:
    """Years of experience the role needs beyond what the person has (none given: 0 years)."""
    return max(0.0, role.min_experience_years - (experience_years or 0.0))


@dataclass(frozen=True)
class _Ranked:
    match: RoleMatch
    shortfall: float


_STATUS_ORDER: dict[GapStatus, int] = {"to build": 0, "borderline": 1, "met": 2, "not assessed": 3}


def _gap_order(gap: SkillGap) -> tuple[int, float, float]:
    """To build first, then borderline, met, not assessed; within each, the largest
    importance x gap first, then the most important."""
    return (_STATUS_ORDER[gap.status], -gap.importance * gap.gap, -gap.importance)


def _gap(role: Role, skill_id: str, scored: Scored | None, catalog: Catalog) -> SkillGap:
    need = role.skills[skill_id]
    name = catalog.skill_name(skill_id)
    score = one_decimal(scored.score) if scored is not None else None
    if score is None or scored is None:
        return SkillGap(
            skill=skill_id,
            name=name,
            required=need.required,
            score=None,
            standard_error=None,
            status="not assessed",
            gap=0.0,
            importance=need.importance,
        )
    error = one_decimal(scored.standard_error)
    return SkillGap(
        skill=skill_id,
        name=name,
        required=need.required,
        score=score,
        standard_error=error,
        status=gap_status(score, need.required, error),
        gap=round(max(0.0, need.required - score), 1),
        importance=need.importance,
    )


def _match(
    role: Role, scores: dict[str, Scored], catalog: Catalog, experience_years: float | None
) -> _Ranked:
    weighted_fit = weighted_short = weight = 0.0
    total = sum(need.importance for need in role.skills.values())
    gaps = [_gap(role, skill_id, scores.get(skill_id), catalog) for skill_id in role.skills]
    for skill_id, need in role.skills.items():
        scored = scores.get(skill_id)
        exact = scored.score if scored is not None else None
        if exact is None:
            continue
        weight += need.importance
        ratio = min(1.0, exact / need.required) if need.required else 1.0
        weighted_fit += need.importance * ratio
        weighted_short += need.importance * max(0.0, need.required - exact)
    fit = 100 * weighted_fit / total
    if weight:
        shortfall = weighted_short / weight
    else:  # nothing measured: nothing shown yet, so the whole requirement is short
        shortfall = sum(n.importance * n.required for n in role.skills.values()) / total
    missing = missing_years(role, experience_years)
    gaps.sort(key=_gap_order)
    match = RoleMatch(
        role=role.id,
        name=role.name,
        onet_code=role.onet_code,
        fit=round(fit, 1),
        measured=sum(1 for gap in gaps if gap.status != "not assessed"),
        open_now=missing == 0,
        min_experience_years=role.min_experience_years,
        missing_years=missing,
        not_measured=list(role.not_measured),
        salary=role.salary.as_result(),
        entry=role.entry,
        gaps=gaps,
        entry_requirements=list(role.entry_requirements),
    )
    return _Ranked(match, shortfall)


def match_roles(
    scores: Sequence[Scored], catalog: Catalog, experience_years: float | None = None
) -> list[RoleMatch]:
    """Every catalog role with its fit and gaps: open roles first, then roles to grow into;
    within each, best fit (as shown, one decimal), then closest to the requirements, then
    entry roles, then catalog order. ``experience_years`` None (not given) counts as none."""
    by_skill = {scored.skill: scored for scored in scores}
    ranked = [_match(role, by_skill, catalog, experience_years) for role in catalog.roles]
    order = sorted(
        range(len(ranked)),
        key=lambda i: (
            not ranked[i].match.open_now,
            -ranked[i].match.fit,
            ranked[i].shortfall,
            not ranked[i].match.entry,
            i,
        ),
    )
    return [ranked[i].match for i in order]


def unassessed_skills(scores: Sequence[Scored], catalog: Catalog) -> list[str]:
    """Skills some role requires that this attempt did not measure, in catalog order."""
    measured = {scored.skill for scored in scores if scored.score is not None}
    needed = {skill for role in catalog.roles for skill in role.skills}
    return [skill for skill in catalog.skills if skill in needed and skill not in measured]

"""From skill scores to roles: how well each role fits, and which skills stand in the way.

fit = 100 x sum(w x min(1, score / required)) / sum(w) over the skills a role requires,
with w the skill's importance. A skill is "met" at or above the requirement, "within
error" when short by no more than its standard error (the difference may be noise), and
otherwise a gap of required - score.

Skills not assessed in an attempt (a person chose only some skills) add nothing to the fit
but keep their weight: a fit is a claim about the whole role, and one skill measured cannot
show a person fits a role that rests on five. The results carry a warning naming what was
not measured, and such skills appear in a role's gaps with status "not assessed" and no
score, so the report lists every skill a role needs.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol

from scoring.catalog import Catalog, Role
from scoring.models import GapStatus, RoleMatch, SkillGap, one_decimal


class Scored(Protocol):
    """What matching needs of a skill score: SkillScore (unrounded) or a SkillResult.

    Fit and ranking use the score as given; statuses and gaps use it rounded to one
    decimal, as the person sees it, so "met" never sits beside a score that looks short.
    """

    @property
    def skill(self) -> str: ...
    @property
    def score(self) -> float | None: ...
    @property
    def standard_error(self) -> float | None: ...


@dataclass(frozen=True)
class _Ranked:
    match: RoleMatch
    fit: float
    shortfall: float
    salary: float


def _status(score: float, required: float, error: float | None) -> GapStatus:
    if score >= required:
        return "met"
    if score >= required - (error or 0.0):
        return "within error"
    return "gap"


def _gap_order(gap: SkillGap) -> tuple[bool, float, int]:
    """Largest importance x gap first; unassessed skills last."""
    return (gap.status == "not assessed", -gap.importance * gap.gap, -gap.importance)


def _match(role: Role, scores: dict[str, Scored], catalog: Catalog) -> _Ranked:
    gaps: list[SkillGap] = []
    weighted_fit = weighted_short = weight = 0.0
    total = sum(need.importance for need in role.skills.values())
    for skill_id, need in role.skills.items():
        scored = scores.get(skill_id)
        exact = scored.score if scored is not None else None
        name = catalog.skill_name(skill_id)
        if exact is None:
            gaps.append(
                SkillGap(
                    skill=skill_id,
                    name=name,
                    required=need.required,
                    score=None,
                    status="not assessed",
                    gap=0.0,
                    importance=need.importance,
                )
            )
            continue
        assert scored is not None
        weight += need.importance
        weighted_fit += need.importance * (
            1.0 if need.required == 0 else min(1.0, exact / need.required)
        )
        weighted_short += need.importance * max(0.0, need.required - exact)
        shown = round(exact, 1)
        error = one_decimal(scored.standard_error)
        gaps.append(
            SkillGap(
                skill=skill_id,
                name=name,
                required=need.required,
                score=shown,
                status=_status(shown, need.required, error),
                gap=round(max(0.0, need.required - shown), 1),
                importance=need.importance,
            )
        )
    fit = 100 * weighted_fit / total if total else 0.0
    if not weight:  # nothing measured: nothing shown yet, so the whole requirement is short
        weighted_short = sum(n.importance * n.required for n in role.skills.values()) / total
    shortfall = weighted_short / weight if weight else weighted_short
    gaps.sort(key=_gap_order)
    match = RoleMatch(
        role=role.id,
        name=role.name,
        fit=round(fit, 1),
        salary=role.salary.as_result(),
        entry=role.entry,
        gaps=gaps,
        entry_requirements=list(role.entry_requirements),
    )
    return _Ranked(match, fit, shortfall, role.salary.midpoint)


def match_roles(scores: Sequence[Scored], catalog: Catalog) -> list[RoleMatch]:
    """Every catalog role with its fit and gaps, best fit first.

    Ties on fit (every role fits 0 when nothing was shown, or 100 when everything was) are
    broken by the weighted mean shortfall (required - score over the skills measured;
    the whole requirement when none was), smallest first, so the role closest to reach
    leads; then by salary, highest first; then by catalog order.
    """
    by_skill = {scored.skill: scored for scored in scores}
    ranked = [_match(role, by_skill, catalog) for role in catalog.roles]
    order = sorted(
        range(len(ranked)),
        key=lambda i: (-ranked[i].fit, ranked[i].shortfall, -ranked[i].salary, i),
    )
    return [ranked[i].match for i in order]


def unassessed_skills(scores: Sequence[Scored], catalog: Catalog) -> list[str]:
    """Skills some role requires that this attempt did not measure, in catalog order."""
    measured = {scored.skill for scored in scores if scored.score is not None}
    needed = {skill for role in catalog.roles for skill in role.skills}
    return [skill for skill in catalog.skills if skill in needed and skill not in measured]

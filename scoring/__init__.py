"""Scoring: from a bank and responses to per-skill scores, role matches and advice.

The public API (everything here is pure; nothing reads the terminal or storage):

- ``assess(asked, answers, catalog=None, experience_years=None) -> Assessment``: the whole
  pipeline.
- ``grade(item, answer) -> float | None``: one response's credit (0..1).
- ``score_skills(asked, answers, catalog) -> list[SkillScore]``: per-skill scores.
- ``match_roles(scores, catalog, experience_years) -> list[RoleMatch]``: open roles first,
  best fit first, with each requirement's status.
- ``suggest_certifications(roles, scores, catalog, experience_years) -> list[...]``.
- ``load_catalog(path=None) -> Catalog``: scoring/catalog.yaml, or raises InputError.
- ``RULES_VERSION``: the version of these rules; stored conclusions under another version
  are recomputed.
"""

from scoring.advice import next_steps, suggest_certifications
from scoring.assess import assess
from scoring.catalog import (
    Catalog,
    builtin_catalog,
    default_catalog_path,
    load_catalog,
    parse_catalog,
)
from scoring.grading import grade
from scoring.matching import match_roles, unassessed_skills
from scoring.models import (
    Answer,
    Assessment,
    CertificationSuggestion,
    ResponseResult,
    RoleMatch,
    Salary,
    SkillGap,
    SkillResult,
)
from scoring.rules_version import RULES_VERSION
from scoring.skills import AskedItem, SkillScore, grade_responses, score_skills

__all__ = [
    "RULES_VERSION",
    "Answer",
    "AskedItem",
    "Assessment",
    "Catalog",
    "CertificationSuggestion",
    "ResponseResult",
    "RoleMatch",
    "Salary",
    "SkillGap",
    "SkillResult",
    "SkillScore",
    "assess",
    "builtin_catalog",
    "default_catalog_path",
    "grade",
    "grade_responses",
    "load_catalog",
    "match_roles",
    "next_steps",
    "parse_catalog",
    "score_skills",
    "suggest_certifications",
    "unassessed_skills",
]

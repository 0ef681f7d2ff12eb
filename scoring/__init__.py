"""Scoring: from a bank and responses to per-skill levels, role matches and advice.

The public API (everything here is pure; nothing reads the terminal or storage):

- ``assess(asked, answers, catalog=None, experience_years=None, params=None,
  parameter_set=None) -> Assessment``: the whole pipeline.
- ``grade(item, answer) -> float | None``: one response's credit (0..1).
- ``score_skills(asked, answers, catalog, params=None) -> list[SkillScore]``: per-skill
  levels on O*NET's 0-7 scale (scoring.irt's posterior, None when not measured).
- ``match_roles(levels, catalog, experience_years) -> list[RoleMatch]``: every role in an
  adviser's order, with each requirement's status from the chance of meeting it.
- ``suggest_certifications(roles, catalog, experience_years) -> list[...]``.
- ``next_steps(skills, roles, catalog) -> list[str]``: the catalog's steps by band.
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
    ModelInfo,
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
    "ModelInfo",
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

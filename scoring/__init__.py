"""Scoring: from a bank and responses to per-skill levels, role matches and advice.

The public API (everything here is pure; nothing reads the terminal or storage):

- ``assess(asked, answers, catalog=None, experience_years=None, params=None,
  parameter_set=None) -> Assessment``: the whole pipeline.
- ``grade(item, answer) -> float | None``: one response's credit (0..1).
- ``score_skills(asked, answers, catalog, params=None) -> list[SkillScore]``: per-skill
  levels on O*NET's 0-7 scale (scoring.irt's posterior, None when not measured).
- ``match_roles(levels, catalog, experience_years, bounds=None) -> list[RoleMatch]``: every
  role in an adviser's order, with each requirement's status from the chance of meeting it
  (``bounds``: scoring.skip_guard's, so that skips never buy a definite status).
- ``suggest_certifications(roles, catalog, experience_years) -> list[...]``.
- ``next_steps(skills, roles, catalog) -> list[str]``: the catalog's steps by band.
- ``load_catalog(path=None) -> Catalog``: scoring/catalog.yaml, or raises InputError.
- ``RULES_VERSION``: the version of these rules; stored conclusions under another version
  are recomputed.
"""

from typing import TYPE_CHECKING

if TYPE_CHECKING:
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

# Where each public name lives. They are imported on first use rather than here, so that
# importing one small module of the package (scoring.wording, say) does not load pydantic
# and every model with it.
_HOMES = {
    "Answer": "scoring.models",
    "AskedItem": "scoring.skills",
    "Assessment": "scoring.models",
    "Catalog": "scoring.catalog",
    "CertificationSuggestion": "scoring.models",
    "ModelInfo": "scoring.models",
    "RULES_VERSION": "scoring.rules_version",
    "ResponseResult": "scoring.models",
    "RoleMatch": "scoring.models",
    "Salary": "scoring.models",
    "SkillGap": "scoring.models",
    "SkillResult": "scoring.models",
    "SkillScore": "scoring.skills",
    "assess": "scoring.assess",
    "builtin_catalog": "scoring.catalog",
    "default_catalog_path": "scoring.catalog",
    "grade": "scoring.grading",
    "grade_responses": "scoring.skills",
    "load_catalog": "scoring.catalog",
    "match_roles": "scoring.matching",
    "next_steps": "scoring.advice",
    "parse_catalog": "scoring.catalog",
    "score_skills": "scoring.skills",
    "suggest_certifications": "scoring.advice",
    "unassessed_skills": "scoring.matching",
}

if not TYPE_CHECKING:  # mypy reads the imports above; a __getattr__ would hide typos
    from questions.lazy_exports import lazy_exports

    __getattr__, __dir__ = lazy_exports(__name__, _HOMES)

    import sys
    from types import ModuleType

    class _Package(ModuleType):
        """The package, whose submodule scoring.assess, once imported, must not replace the
        function ``assess`` (the import system sets each submodule on its package)."""

        def __setattr__(self, name: str, value: object) -> None:
            if isinstance(value, ModuleType) and _HOMES.get(name) == value.__name__:
                value = getattr(value, name)
            super().__setattr__(name, value)

    sys.modules[__name__].__class__ = _Package

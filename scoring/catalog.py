"""The role and certification catalog (scoring/catalog.yaml) as validated data.

The catalog is the product's judgement made explicit: which skills a role needs and how
much, what it pays, which qualifications lead there, and how scores become levels. It is
data so a trainer can read and argue with it, and it is validated like the banks, with
every problem reported as FILE:LINE:COL.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from functools import cached_property
from importlib import resources
from itertools import pairwise
from pathlib import Path
from typing import Annotated, Any, TypeVar

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    StrictBool,
    StrictFloat,
    StrictInt,
    ValidationError,
    field_validator,
    model_validator,
)

from questions.locate import validation_problems
from questions.models import SchemaVersion, SkillId, Text
from questions.problems import InputError
from questions.yamlsource import Document, PathKey, parse_yaml, read_yaml
from scoring.models import Salary

# Role and certification ids follow the rule for skill ids, which they sit beside.
Id = SkillId
# Checked on the union, not on the float alone, so a .nan is one problem ("a finite
# number") rather than two (not an integer, not finite).
Number = Annotated[StrictInt | StrictFloat, Field(allow_inf_nan=False)]
Score = Annotated[Number, Field(ge=0, le=100)]
Money = Annotated[StrictInt, Field(gt=0)]

T = TypeVar("T", tuple[Any, ...], dict[Any, Any])


def _not_empty(value: T) -> T:
    # An after-validator rather than min_length: pydantic reports min_length as well when
    # every entry is invalid, which would add a false "no roles" to the real problems.
    if not value:
        raise ValueError("must not be empty")
    return value


NotEmpty = AfterValidator(_not_empty)


class _Spec(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Weights(_Spec):
    """How self-rating and demonstrated performance combine into one skill score."""

    self_rated: Annotated[Number, Field(ge=0, le=1)] = 0.3
    demonstrated: Annotated[Number, Field(ge=0, le=1)] = 0.7

    @model_validator(mode="after")
    def _sum_to_one(self) -> Weights:
        if abs(self.self_rated + self.demonstrated - 1) > 1e-9:
            raise ValueError("self_rated and demonstrated must add up to 1")
        return self


class Level(_Spec):
    name: Text
    min_score: Score


def _default_levels() -> tuple[Level, ...]:
    return (
        Level(name="Developing", min_score=0),
        Level(name="Foundational", min_score=40),
        Level(name="Proficient", min_score=60),
        Level(name="Advanced", min_score=80),
    )


class ScoringRules(_Spec):
    weights: Weights = Weights()
    levels: tuple[Level, ...] = Field(default_factory=_default_levels)
    calibration_gap: Annotated[Number, Field(gt=0, le=100)] = 20
    entry_route_below: Score = 60

    @field_validator("levels")
    @classmethod
    def _ascending(cls, levels: tuple[Level, ...]) -> tuple[Level, ...]:
        if not levels or levels[0].min_score != 0:
            raise ValueError("the first level must start at min_score 0")
        for lower, upper in pairwise(levels):
            if upper.min_score <= lower.min_score:
                raise ValueError("levels must be listed with min_score strictly ascending")
        names = [level.name.casefold() for level in levels]
        if len(set(names)) != len(names):
            raise ValueError("level names must be unique")
        return levels

    def level_for(self, score: float) -> str:
        """The highest level whose min_score the score reaches."""
        reached = self.levels[0].name
        for level in self.levels:
            if score >= level.min_score:
                reached = level.name
        return reached


NextSteps = Annotated[tuple[Text, ...], Field(min_length=1, max_length=2)]


class SkillSpec(_Spec):
    name: Text
    next_steps: dict[Text, NextSteps]


class CatalogSalary(_Spec):
    """A salary as the catalog states it: an average or a range, always with the caveat."""

    average: Money | None = None
    low: Money | None = None
    high: Money | None = None
    currency: Text = "USD"
    period: Text = "year"
    note: Text

    @model_validator(mode="after")
    def _average_or_range(self) -> CatalogSalary:
        has_range = self.low is not None or self.high is not None
        if self.average is None and not has_range:
            raise ValueError("give an average, or a low and a high")
        if has_range and (self.low is None or self.high is None):
            raise ValueError("a range needs both low and high")
        if self.low is not None and self.high is not None and self.low > self.high:
            raise ValueError("low must not be above high")
        return self

    @property
    def midpoint(self) -> float:
        """One figure to rank roles by: the average, else the middle of the range."""
        if self.average is not None:
            return float(self.average)
        assert self.low is not None and self.high is not None
        return (self.low + self.high) / 2

    def as_result(self) -> Salary:
        """The salary as results carry it (the same fields, without the catalog's rules)."""
        return Salary.model_validate(self.model_dump(include=set(Salary.model_fields)))


class Requirement(_Spec):
    required: Score
    importance: Annotated[StrictInt, Field(ge=1, le=5)]


class Role(_Spec):
    id: Id
    name: Text
    entry: StrictBool = False
    description: Text
    responsibilities: Annotated[tuple[Text, ...], NotEmpty]
    salary: CatalogSalary
    entry_requirements: Annotated[tuple[Text, ...], NotEmpty]
    skills: Annotated[dict[Id, Requirement], NotEmpty]


class Certification(_Spec):
    id: Id
    name: Text
    provider: Text
    country: Text | None = None
    type: Text
    duration: Text | None = None
    description: Text
    focus: Annotated[tuple[Text, ...], NotEmpty]
    roles: tuple[Id, ...] = ()
    skills: tuple[Id, ...] = ()
    entry_route: StrictBool = Field(
        default=False,
        description="suggested to anyone whose best fit is low or whose top role is an entry role",
    )


class Catalog(_Spec):
    """The whole catalog; cross-references are checked by load_catalog with their lines."""

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)

    schema_version: SchemaVersion = Field(alias="schema")
    scoring: ScoringRules = ScoringRules()
    skills: dict[Id, SkillSpec]
    roles: Annotated[tuple[Role, ...], NotEmpty]
    certifications: tuple[Certification, ...] = ()

    @cached_property
    def role_by_id(self) -> dict[str, Role]:
        return {role.id: role for role in self.roles}

    def skill_name(self, skill_id: str) -> str:
        spec = self.skills.get(skill_id)
        return spec.name if spec else skill_id.replace("_", " ").capitalize()

    def next_steps(self, skill_id: str, level: str) -> tuple[str, ...]:
        spec = self.skills.get(skill_id)
        return spec.next_steps.get(level, ()) if spec else ()


def default_catalog_path() -> Path:
    return Path(str(resources.files("scoring") / "catalog.yaml"))


def _duplicates(ids: Sequence[str], section: str) -> Iterator[tuple[PathKey, str]]:
    seen: set[str] = set()
    for index, entry_id in enumerate(ids):
        if entry_id in seen:
            yield (section, index, "id"), f"duplicate id {entry_id!r}"
        seen.add(entry_id)


def _cross_references(catalog: Catalog) -> Iterator[tuple[PathKey, str]]:
    """Everything a reference names must exist, and every skill needs a step per level."""
    yield from _duplicates([role.id for role in catalog.roles], "roles")
    yield from _duplicates([c.id for c in catalog.certifications], "certifications")
    levels = [level.name for level in catalog.scoring.levels]
    for skill_id, spec in catalog.skills.items():
        for level in spec.next_steps:
            if level not in levels:
                known = ", ".join(levels)
                yield (
                    ("skills", skill_id, "next_steps", level),
                    (f"unknown level {level!r}; the levels are {known}"),
                )
        for level in levels:
            if level not in spec.next_steps:
                yield ("skills", skill_id, "next_steps"), f"no next steps for level {level!r}"
    for index, role in enumerate(catalog.roles):
        for skill_id in role.skills:
            if skill_id not in catalog.skills:
                yield ("roles", index, "skills", skill_id), f"unknown skill {skill_id!r}"
    for index, certification in enumerate(catalog.certifications):
        for position, role_id in enumerate(certification.roles):
            if role_id not in catalog.role_by_id:
                yield ("certifications", index, "roles", position), f"unknown role {role_id!r}"
        for position, skill_id in enumerate(certification.skills):
            if skill_id not in catalog.skills:
                yield ("certifications", index, "skills", position), f"unknown skill {skill_id!r}"
        if not certification.roles and not certification.skills:
            yield ("certifications", index), "a certification must serve a role or a skill"


def _validate(document: Document) -> Catalog:
    data: Any = document.data
    if not isinstance(data, dict):
        kind = type(data).__name__
        raise InputError(
            [
                document.problem(
                    (), f"the catalog must be a mapping with schema, skills, roles; got a {kind}"
                )
            ]
        )
    try:
        catalog = Catalog.model_validate(data)
    except ValidationError as error:
        raise InputError(validation_problems(error, document)) from None
    problems = [document.problem(path, message) for path, message in _cross_references(catalog)]
    if problems:
        raise InputError(problems)
    return catalog


def load_catalog(path: Path | None = None) -> Catalog:
    """Read and validate a catalog (the built-in one by default).

    Raises questions.InputError listing every problem as FILE:LINE:COL: message.
    """
    return _validate(read_yaml(path or default_catalog_path()))


def parse_catalog(text: str, file: str = "<catalog>") -> Catalog:
    """Parse a catalog from text; raises InputError like load_catalog."""
    return _validate(parse_yaml(text, file))


_builtin: Catalog | None = None


def builtin_catalog() -> Catalog:
    """The shipped catalog, read once per process (scoring many attempts reads it once)."""
    global _builtin
    if _builtin is None:
        _builtin = load_catalog()
    return _builtin

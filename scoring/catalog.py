"""The role and certification catalog (scoring/catalog.yaml) as validated data.

The catalog is the product's judgement made explicit: which skills a role needs and how
much, what it pays, which qualifications lead there, and how scores become levels. It is
data so a trainer can read and argue with it, and it is validated like the banks, with
every problem reported as FILE:LINE:COL.
"""

from __future__ import annotations

import math
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
from scoring.calibration_gates import CalibrationGates
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
    levels: tuple[Level, ...] = Field(default_factory=_default_levels)
    calibration_gap: Annotated[Number, Field(gt=0, le=100)] = 20
    # A calibration sentence needs this many answered items of each kind in the skill.
    calibration_min_self_ratings: Annotated[StrictInt, Field(ge=1)] = 3
    calibration_min_demonstrated: Annotated[StrictInt, Field(ge=1)] = 4
    entry_route_below: Score = 60
    # Experience under this many years is "little" (the entry route is suggested).
    little_experience_below: Annotated[Number, Field(ge=0)] = 1
    # The assessing award needs its skills at this level or above.
    assessing_from_level: Text = "Proficient"
    # Below this level, a person who rates themselves low is not told to be more confident.
    confident_from_level: Text = "Proficient"

    @model_validator(mode="after")
    def _known_levels(self) -> ScoringRules:
        names = [level.name for level in self.levels]
        for key in ("assessing_from_level", "confident_from_level"):
            value = getattr(self, key)
            if value not in names:
                known = ", ".join(names)
                raise ValueError(f"{key} {value!r} is not a level; the levels are {known}")
        return self

    def reaches(self, score: float, level: str) -> bool:
        """Whether a score reaches the named level (its min_score or more)."""
        return score >= next(item.min_score for item in self.levels if item.name == level)

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


# O*NET's conversion of a rating to 0..100: (rating - lowest) / (highest - lowest) x 100,
# with levels on 0..7 (onetcenter.org/questions/20.html).
ONET_LEVEL_MAX = 7


def required_from_level(level: float) -> float:
    """An O*NET level (0..7) as a requirement on the 0..100 score scale, to one decimal."""
    return round(level / ONET_LEVEL_MAX * 100, 1)


class Requirement(_Spec):
    """One skill a role needs: the score it asks for (0..100) and how much of the role
    rests on the skill (1..5).

    The built-in catalog gives O*NET's ``level`` (0..7) for the element mapped to the skill
    and ``required`` is derived from it; a trainer's own catalog may give ``required``
    directly instead. Giving both would let them disagree, so it is refused.
    """

    required: Score
    level: Annotated[Number, Field(ge=0, le=ONET_LEVEL_MAX)] | None = None
    importance: Annotated[Number, Field(ge=1, le=5)]

    @model_validator(mode="before")
    @classmethod
    def _required_from_level(cls, data: Any) -> Any:
        if not isinstance(data, dict) or data.get("level") is None:
            return data  # a blank level is a missing requirement, reported as such
        if "required" in data:
            raise ValueError("give level (O*NET, 0-7) or required (0-100), not both")
        level = data["level"]
        number = isinstance(level, (int, float)) and not isinstance(level, bool)
        if number and math.isfinite(level) and 0 <= level <= ONET_LEVEL_MAX:
            return {**data, "required": required_from_level(level)}
        return {**data, "required": 0}  # the level's own check reports the problem


OnetCode = Annotated[str, Field(pattern=r"^[0-9]{2}-[0-9]{4}\.[0-9]{2}$")]


class Role(_Spec):
    id: Id
    name: Text
    onet_code: OnetCode | None = None
    entry: StrictBool = False
    min_experience_years: Annotated[Number, Field(ge=0)] = 0
    trains_others: StrictBool = False
    description: Text
    responsibilities: Annotated[tuple[Text, ...], NotEmpty]
    salary: CatalogSalary
    entry_requirements: Annotated[tuple[Text, ...], NotEmpty]
    not_measured: tuple[Text, ...] = ()
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
        description="suggested to people with little or no experience, or whose best open "
        "fit is below entry_route_below",
    )
    assessing: StrictBool = Field(
        default=False,
        description="suggested to people heading for a role that trains others, with its "
        "skills at assessing_from_level or above",
    )


class Onet(_Spec):
    """The O*NET release the requirements come from, and the credit its licence asks for."""

    release: Text
    credit: Text


class Catalog(_Spec):
    """The whole catalog; cross-references are checked by load_catalog with their lines."""

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)

    schema_version: SchemaVersion = Field(alias="schema")
    onet: Onet | None = None
    scoring: ScoringRules = ScoringRules()
    skills: dict[Id, SkillSpec]
    roles: Annotated[tuple[Role, ...], NotEmpty]
    certifications: tuple[Certification, ...] = ()
    item_calibration: CalibrationGates = CalibrationGates()

    @cached_property
    def role_by_id(self) -> dict[str, Role]:
        return {role.id: role for role in self.roles}

    def skill_name(self, skill_id: str) -> str:
        spec = self.skills.get(skill_id)
        return spec.name if spec else skill_id.replace("_", " ").capitalize()

    @property
    def sources(self) -> list[str]:
        """The credits results must carry for the data they use."""
        return [self.onet.credit] if self.onet is not None else []

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
        if certification.assessing and not certification.skills:
            yield ("certifications", index), "an assessing award must name the skills it needs"
        if not certification.assessing and not certification.entry_route:
            yield (
                ("certifications", index),
                "a certification is suggested for a reason: set assessing: true or "
                "entry_route: true, else it is never suggested",
            )
    if catalog.onet is None:
        for index, role in enumerate(catalog.roles):
            if role.onet_code is not None:
                yield ("roles", index, "onet_code"), "an O*NET code needs the onet: credit block"


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

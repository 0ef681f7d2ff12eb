"""The role and certification catalog (scoring/catalog.yaml) as validated data.

The catalog is the product's judgment made explicit: which skills a role needs and how
much (O*NET levels, on the 0-7 scale a person's level is measured on), what it pays and
by whose figures, which qualifications lead there, and how a level's posterior becomes a
requirement's status and a band. It is
data so a trainer can read and argue with it, and it is validated like the banks, with
every problem reported as FILE:LINE:COL.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, ClassVar

from questions.models import SchemaVersion, SkillId, StrictBool, Text
from questions.problems import InputError
from questions.record import Record, Rule
from scoring.anchors import Element, level_anchor
from scoring.calibration_gates import CalibrationGates
from scoring.models import BlsMedian, GapStatus, LevelAnchor, Salary

if TYPE_CHECKING:
    # The YAML reader is imported when a catalog is read: scoring from a catalog kept
    # validated (see builtin_catalog) never loads it.
    from questions.yamlsource import Document, PathKey

# The catalog's types are plain records (questions.record): a catalog kept validated is
# read without pydantic. Each constraint names its rule in scoring.catalog_rules, which
# pydantic validates a catalog file with.
_RULES = "scoring.catalog_rules"

# Role and certification ids follow the rule for skill ids, which they sit beside.
Id = SkillId
# Whole numbers (never a bool, a float or text): pay, a year, a count, years of work.
Money = Annotated[int, Rule(f"{_RULES}:whole", {"gt": 0})]
Year = Annotated[int, Rule(f"{_RULES}:whole", {"ge": 1900, "le": 2100})]
Count = Annotated[int, Rule(f"{_RULES}:whole", {"ge": 1})]
Years = Annotated[int, Rule(f"{_RULES}:whole", {"ge": 0})]

# O*NET's level scale: requirements, bands and a person's level are all read on it.
ONET_LEVEL_MAX = 7
OnetLevel = Annotated[int | float, Rule(f"{_RULES}:number", {"ge": 0, "le": ONET_LEVEL_MAX})]


class Band(Record):
    """A named stretch of the level scale, from ``from_level`` up to the next band's."""

    name: Text
    from_level: OnetLevel


_DEFAULT_BANDS = (
    Band(name="Developing", from_level=0),
    Band(name="Foundational", from_level=2),
    Band(name="Proficient", from_level=4),
    Band(name="Advanced", from_level=5),
)


class Decisions(Record):
    """How a requirement's status follows from p_meets, the chance the level reaches it.

    Met and to build are the two definite answers; between them the answers cannot tell,
    and the status says so (borderline).
    """

    met_from: Annotated[int | float, Rule(f"{_RULES}:number", {"gt": 0.5, "le": 1})] = 0.90
    to_build_up_to: Annotated[int | float, Rule(f"{_RULES}:number", {"ge": 0, "lt": 0.5})] = 0.10

    def status(self, p_meets: float) -> GapStatus:
        """met, borderline or to build for a chance as the person reads it (two decimals)."""
        if p_meets >= self.met_from:
            return "met"
        if p_meets <= self.to_build_up_to:
            return "to build"
        return "borderline"


# Bands start at from_level 0 and ascend, each named once (checked at the bands key).
Bands = Annotated[tuple[Band, ...], Rule(f"{_RULES}:bands")]


class ScoringRules(Record):
    decisions: Decisions = Decisions()
    bands: Bands = _DEFAULT_BANDS
    # A calibration sentence needs this many answered items of each kind in the skill.
    calibration_min_self_ratings: Count = 3
    calibration_min_demonstrated: Count = 4
    # Experience under this many years is "little" (the entry route is suggested).
    little_experience_below: Annotated[int | float, Rule(f"{_RULES}:number", {"ge": 0})] = 1
    # With more experience, the entry route is suggested when the closest open role has at
    # least this share of its requirements to build.
    entry_route_to_build_share: Annotated[
        int | float, Rule(f"{_RULES}:number", {"gt": 0, "le": 1})
    ] = 0.5
    # Below this band, a person who rates themselves low is not told to be more confident.
    confident_from_band: Text = "Proficient"

    def check(self) -> None:
        names = [band.name for band in self.bands]
        if self.confident_from_band not in names:
            known = ", ".join(names)
            raise ValueError(
                f"confident_from_band {self.confident_from_band!r} is not a band; "
                f"the bands are {known}"
            )

    def band_for(self, level: float) -> str:
        """The last band whose from_level the level reaches."""
        reached = self.bands[0].name
        for band in self.bands:
            if level >= band.from_level:
                reached = band.name
        return reached

    def reaches(self, level: float, band: str) -> bool:
        """Whether a level reaches the named band (its from_level or more)."""
        return level >= next(item.from_level for item in self.bands if item.name == band)


# One or two steps per band.
NextSteps = Annotated[tuple[Text, ...], Rule(f"{_RULES}:next_steps")]


class SkillSpec(Record):
    name: Text
    next_steps: dict[Text, NextSteps]
    # The O*NET element(s) the skill's level is judged on, with their level-scale anchors:
    # what a level means in words (scoring.anchors).
    onet_elements: tuple[Element, ...] = ()


class BlsSpec(Record):
    """A BLS median for the role's occupation (or the group it sits in), with its release."""

    median: Money
    occupation: Text
    soc: Annotated[str, Rule(f"{_RULES}:pattern", r"^[0-9]{2}-[0-9]{4}$")]
    publication: Text
    release: Annotated[str, Rule(f"{_RULES}:pattern", r"^[A-Z][a-z]+ [0-9]{4}$")]

    @property
    def year(self) -> int:
        return int(self.release[-4:])


class SalarySource(Record):
    """Where the roles' salary figures come from, said beside every figure shown."""

    source: Text
    dated: Text
    note: Text
    bls_credit: Text | None = None
    # A BLS release from before this year is said to be older.
    bls_recent_from: Year | None = None


class CatalogSalary(Record):
    """A salary as the catalog states it: the source's average or range, and beside it the
    BLS median where BLS publishes one."""

    average: Money | None = None
    low: Money | None = None
    high: Money | None = None
    currency: Text = "USD"
    period: Text = "year"
    bls: BlsSpec | None = None

    def check(self) -> None:
        has_range = self.low is not None or self.high is not None
        if self.average is None and not has_range:
            raise ValueError("give an average, or a low and a high")
        if has_range and (self.low is None or self.high is None):
            raise ValueError("a range needs both low and high")
        if self.low is not None and self.high is not None and self.low > self.high:
            raise ValueError("low must not be above high")

    def as_result(self, source: SalarySource) -> Salary:
        """The salary as results carry it: the figures labeled with their source and date,
        and the BLS median with its release, said to be older when it is."""
        bls = None
        if self.bls is not None:
            recent = source.bls_recent_from
            bls = BlsMedian(
                median=self.bls.median,
                occupation=self.bls.occupation,
                soc=self.bls.soc,
                publication=self.bls.publication,
                release=self.bls.release,
                older=recent is not None and self.bls.year < recent,
            )
        return Salary(
            average=self.average,
            low=self.low,
            high=self.high,
            currency=self.currency,
            period=self.period,
            source=source.source,
            dated=source.dated,
            note=source.note,
            bls=bls,
        )


class Requirement(Record):
    """One skill a role needs: O*NET's level (0..7) for the element mapped to the skill,
    as published, and how much of the role rests on the skill (importance, 1..5)."""

    level: OnetLevel
    importance: Annotated[int | float, Rule(f"{_RULES}:number", {"ge": 1, "le": 5})]


# A requirement as a catalog gives it: one still written on the old 0-100 score scale
# (``required:``) is refused as a whole, with what to write instead.
Need = Annotated[Requirement, Rule(f"{_RULES}:requirement")]
# Lists a role or certification cannot do without.
Texts = Annotated[tuple[Text, ...], Rule(f"{_RULES}:not_empty", tuple[Text, ...])]
Needs = Annotated[dict[Id, Need], Rule(f"{_RULES}:not_empty", dict[Id, Need])]
OnetCode = Annotated[str, Rule(f"{_RULES}:pattern", r"^[0-9]{2}-[0-9]{4}\.[0-9]{2}$")]


class Role(Record):
    id: Id
    name: Text
    onet_code: OnetCode | None = None
    # O*NET's Job Zone (1-5): how much preparation the work asks; met roles rank by it.
    job_zone: Annotated[int, Rule(f"{_RULES}:whole", {"ge": 1, "le": 5})]
    entry: StrictBool = False
    min_experience_years: Years = 0
    trains_others: StrictBool = False
    description: Text
    responsibilities: Texts
    salary: CatalogSalary
    entry_requirements: Texts
    not_measured: tuple[Text, ...] = ()
    skills: Needs

    @property
    def mean_required_level(self) -> float:
        """How much the role asks of the skills, as one figure (ties after Job Zone and
        experience)."""
        return sum(need.level for need in self.skills.values()) / len(self.skills)


class Certification(Record):
    id: Id
    name: Text
    provider: Text
    country: Text | None = None
    type: Text
    duration: Text | None = None
    description: Text
    focus: Texts
    roles: tuple[Id, ...] = ()
    skills: tuple[Id, ...] = ()
    # Suggested to people with little or no experience, or whose closest open role has
    # entry_route_to_build_share of its requirements to build.
    entry_route: StrictBool = False
    # Suggested to people open to a role that trains others whose requirements in the
    # award's skills they meet.
    assessing: StrictBool = False
    min_experience_years: Years = 0


class Onet(Record):
    """The O*NET release the requirements come from, and the credit its license asks for."""

    release: Text
    credit: Text


Roles = Annotated[tuple[Role, ...], Rule(f"{_RULES}:not_empty", tuple[Role, ...])]


class Catalog(Record):
    """The whole catalog; cross-references are checked by load_catalog with their lines.
    Its ``schema:`` key is ``schema_version`` here; both spellings are read."""

    _aliases: ClassVar[dict[str, str]] = {"schema_version": "schema"}

    schema_version: SchemaVersion
    onet: Onet | None = None
    salaries: SalarySource
    scoring: ScoringRules = ScoringRules()
    skills: dict[Id, SkillSpec]
    roles: Roles
    certifications: tuple[Certification, ...] = ()
    item_calibration: CalibrationGates = CalibrationGates()

    @cached_property
    def role_by_id(self) -> dict[str, Role]:
        return {role.id: role for role in self.roles}

    @cached_property
    def needed_skills(self) -> frozenset[str]:
        """Every skill some role requires (read once: every attempt scored asks)."""
        return frozenset(skill for role in self.roles for skill in role.skills)

    @cached_property
    def role_salaries(self) -> dict[str, Salary]:
        """Each role's salary as results carry it, by role id, built once: every attempt
        scored shows them all, and a Salary is immutable, so the matches share it."""
        return {role.id: self.salary(role) for role in self.roles}

    def skill_name(self, skill_id: str) -> str:
        spec = self.skills.get(skill_id)
        return spec.name if spec else skill_id.replace("_", " ").capitalize()

    @property
    def sources(self) -> list[str]:
        """The credits results must carry for the data they use."""
        credits = [self.onet.credit] if self.onet is not None else []
        if self.salaries.bls_credit and any(r.salary.bls for r in self.roles):
            credits.append(self.salaries.bls_credit)
        return credits

    def salary(self, role: Role) -> Salary:
        """A role's salary as results carry it, labeled with the catalog's source."""
        return role.salary.as_result(self.salaries)

    def anchor(self, skill_id: str, level: float | None) -> LevelAnchor | None:
        """O*NET's anchor task(s) at or below a level of the skill (None without one)."""
        spec = self.skills.get(skill_id)
        return level_anchor(spec.onet_elements, level) if spec else None

    def next_steps(self, skill_id: str, band: str) -> tuple[str, ...]:
        spec = self.skills.get(skill_id)
        return spec.next_steps.get(band, ()) if spec else ()


def default_catalog_path() -> Path:
    """The catalog shipped beside this module (as the banks are found: importlib.resources
    would cost a tenth of a start to say the same of a package installed as files)."""
    return Path(__file__).parent / "catalog.yaml"


def _duplicates(ids: Sequence[str], section: str) -> Iterator[tuple[PathKey, str]]:
    seen: set[str] = set()
    for index, entry_id in enumerate(ids):
        if entry_id in seen:
            yield (section, index), f"duplicate id {entry_id!r}"
        seen.add(entry_id)


def _cross_references(catalog: Catalog) -> Iterator[tuple[PathKey, str]]:
    """Everything a reference names must exist, and every skill needs a step per level."""
    yield from _duplicates([role.id for role in catalog.roles], "roles")
    yield from _duplicates([c.id for c in catalog.certifications], "certifications")
    bands = [band.name for band in catalog.scoring.bands]
    for skill_id, spec in catalog.skills.items():
        for band in spec.next_steps:
            if band not in bands:
                known = ", ".join(bands)
                yield (
                    ("skills", skill_id, "next_steps", band),
                    (f"unknown band {band!r}; the bands are {known}"),
                )
        for band in bands:
            if band not in spec.next_steps:
                yield ("skills", skill_id, "next_steps"), f"no next steps for band {band!r}"
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
    from pydantic import ValidationError

    from questions.record_schema import validate

    try:
        catalog = validate(Catalog, data)
    except ValidationError as error:
        from questions.locate import validation_problems

        raise InputError(validation_problems(error, document)) from None
    problems = [document.problem(path, message) for path, message in _cross_references(catalog)]
    if problems:
        raise InputError(problems)
    return catalog


def load_catalog(path: Path | None = None) -> Catalog:
    """Read and validate a catalog (the built-in one by default).

    Raises questions.InputError listing every problem as FILE:LINE:COL: message.
    """
    from questions.yamlsource import read_yaml

    return _validate(read_yaml(path or default_catalog_path()))


def parse_catalog(text: str, file: str = "<catalog>") -> Catalog:
    """Parse a catalog from text; raises InputError like load_catalog."""
    from questions.yamlsource import parse_yaml

    return _validate(parse_yaml(text, file))


_builtin: Catalog | None = None
_builtin_reader: Callable[[], Catalog] = load_catalog


def read_builtin_catalog_with(reader: Callable[[], Catalog]) -> None:
    """Have ``builtin_catalog`` read the shipped catalog with ``reader`` when first asked.

    The command line passes one that keeps the validated catalog in its cache, so scoring
    skips the YAML reader and the validation; it must give what ``load_catalog()`` gives
    and raise what it raises.
    """
    global _builtin_reader
    _builtin_reader = reader


def builtin_catalog() -> Catalog:
    """The shipped catalog, read once per process (scoring many attempts reads it once)."""
    global _builtin
    if _builtin is None:
        _builtin = _builtin_reader()
    return _builtin

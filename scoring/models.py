"""The results of scoring, as immutable records that write the report's JSON.

Field names follow the JSON report's schema 3 (`skillquiz report --schema`): other tools
read them, so a rename here is a breaking change to the report. Levels are on O*NET's 0-7
level scale. The types are plain records (questions.record), so a command that scores or
shows results needs no pydantic; what a field means, as the report's JSON Schema says it,
is in each class's ``_descriptions`` (quiz.report.json_schema reads them).
"""

from __future__ import annotations

from typing import ClassVar, Literal

# Re-exported: results carry answers in the shape questions/ checks them in.
from questions.answers import Answer as Answer
from questions.record import Record


def one_decimal(value: float | None) -> float | None:
    """Levels as results carry them: a tenth of a level is as fine as a quiz can tell."""
    return None if value is None else round(value, 1)


def chance(value: float | None) -> float | None:
    """A probability as results carry it and a person reads it: a whole percent."""
    return None if value is None else round(value, 2)


# From p_meets, the chance the person's level is at or above the requirement (the
# catalog's decisions say where met and to build start); not assessed: the role needs the
# skill but the attempt did not measure it.
GapStatus = Literal["met", "borderline", "to build", "not assessed"]
GAP_STATUSES: tuple[GapStatus, ...] = ("met", "borderline", "to build", "not assessed")


class Result(Record):
    """Base for result records: immutable, built with keywords. ``_descriptions`` says
    what a field means, in the report's JSON Schema."""

    _descriptions: ClassVar[dict[str, str]] = {}


class ResponseResult(Result):
    """One question asked, what was given, what was keyed, and the credit earned."""

    _descriptions: ClassVar[dict[str, str]] = {
        "exhibit": "a preformatted block the question refers to, shown as written",
        "credit": "0..1; null when skipped",
    }

    question_id: str
    skill: str
    type: str
    text: str
    exhibit: str | None = None
    answer: Answer
    keyed: Answer
    credit: float | None
    explanation: str | None = None


class LevelAnchor(Result):
    """What a level means in words: O*NET's anchor task(s) at or below it."""

    _descriptions: ClassVar[dict[str, str]] = {
        "level": "the anchor's level on O*NET's 0-7 scale",
        "below": "the person's level is below every anchor; this is the lowest, the next step up",
        "elements": "the O*NET elements the skill's level is judged on",
        "tasks": "each element's anchor task at that level",
    }

    level: int
    below: bool
    elements: list[str]
    tasks: list[str]


class SkillResult(Result):
    _descriptions: ClassVar[dict[str, str]] = {
        "self_rated": "the mean self-rating, 1 (Strongly disagree) .. 5 (Strongly agree), "
        "reverse-keyed items flipped; null if none answered; never part of the level",
        "level": "0..7 on O*NET's scale, the posterior mean from demonstrated items only; "
        "null (not measured) when no demonstrated item of the skill was answered",
        "level_sd": "the posterior SD of level",
        "interval": "the 90% interval [low, high]",
        "band": "the catalog's band the level is in",
        "answered": "demonstrated items answered: the level rests on them",
        "skipped": "demonstrated items skipped: no evidence either way",
        "calibration": "self_rated read as a level (answer n as level n) minus level, only "
        "with enough items of both kinds",
        "anchor": "O*NET's anchor task at or below the level (O*NET 29.3, CC BY 4.0)",
    }

    skill: str
    name: str
    self_rated: float | None
    level: float | None
    level_sd: float | None
    interval: tuple[float, float] | None
    band: str | None
    answered: int
    skipped: int
    self_ratings_answered: int = 0
    calibration: float | None
    calibration_note: str | None
    anchor: LevelAnchor | None = None


class BlsMedian(Result):
    """A BLS median wage for the role's occupation, with the release it comes from."""

    _descriptions: ClassVar[dict[str, str]] = {
        "older": "from a release older than the newest read",
    }

    median: int
    currency: str = "USD"
    period: str = "year"
    occupation: str
    soc: str
    publication: str
    release: str
    older: bool

    def describe(self) -> str:
        """E.g. "BLS median USD 56,550 a year (Industrial ..., May 2019; an older release)"."""
        age = "; an older release, so pay today may differ" if self.older else ""
        return (
            f"BLS median {self.currency} {self.median:,} {per(self.period)} "
            f"({self.occupation}, {self.publication}, {self.release}{age})"
        )


def per(period: str) -> str:
    """ "a year", "a month", but "an hour": the article follows the sound, and the h of
    hour is silent."""
    article = "an" if period[:1].lower() in "aeiou" or period.lower() == "hour" else "a"
    return f"{article} {period}"


class Salary(Result):
    _descriptions: ClassVar[dict[str, str]] = {
        "source": "whose figure it is",
        "dated": "the source's date, as it gives it",
    }

    average: int | None = None
    low: int | None = None
    high: int | None = None
    currency: str = "USD"
    period: str = "year"
    source: str
    dated: str
    note: str
    bls: BlsMedian | None = None

    def amount(self) -> str:
        """The source's figure, e.g. "USD 35,000-55,000 a year"."""
        if self.low is not None and self.high is not None:
            figure = f"{self.low:,}-{self.high:,}"
        elif self.average is not None:
            figure = f"{self.average:,}"
        else:
            figure = "not given"
        return f"{self.currency} {figure} {per(self.period)}"

    def describe(self) -> str:
        """The figure labeled as the source's, with its date."""
        return f"{self.amount()} ({self.source}, dated {self.dated})"


class SkillGap(Result):
    _descriptions: ClassVar[dict[str, str]] = {
        "required_level": "0..7, O*NET's level for the role, as published",
        "level": "the person's level (posterior mean); null if not measured",
        "p_meets": "the chance the level is at or above required_level",
        "importance": "1..5, O*NET importance; orders the gaps",
    }

    skill: str
    name: str
    required_level: float
    level: float | None
    p_meets: float | None
    status: GapStatus
    importance: float


class RoleMatch(Result):
    _descriptions: ClassVar[dict[str, str]] = {
        "open_now": "of experience only: the years the role needs are met",
        "missing_years": "years of experience still missing; 0 when open",
        "not_measured": "what the role needs that the quiz cannot see",
        "p_meets_all": "the product of the requirements' p_meets, null when one is not "
        "assessed; kept for compatibility, not shown: it assumes the skills are unrelated, "
        "and they are related, so it understates the chance of meeting every requirement",
    }

    role: str
    name: str
    onet_code: str | None = None
    job_zone: int
    open_now: bool
    min_experience_years: int = 0
    missing_years: float
    not_measured: list[str]
    salary: Salary
    entry: bool
    met: int
    borderline: int
    to_build: int
    not_assessed: int
    p_meets_all: float | None
    gaps: list[SkillGap]
    entry_requirements: list[str] = []  # noqa: RUF012 (copied for each record)


class CertificationSuggestion(Result):
    id: str
    name: str
    provider: str
    reason: str


MODEL_NAME = "GPCM"


class ModelInfo(Result):
    """The item response model the levels come from, and whether its item parameters are
    calibrated from a class's answers (which stored set) or read from the items' labels."""

    _descriptions: ClassVar[dict[str, str]] = {
        "name": "the generalized partial credit model, levels by EAP on O*NET's 0-7 scale",
    }

    name: str = MODEL_NAME
    calibrated: bool = False
    parameter_set: str | None = None


class Assessment(Result):
    """Everything scoring concludes from one attempt; the report adds the attempt's details."""

    _descriptions: ClassVar[dict[str, str]] = {"sources": "credits for data used"}

    model: ModelInfo = ModelInfo()  # immutable, so every assessment may share it
    skills: list[SkillResult]
    roles: list[RoleMatch]
    certifications: list[CertificationSuggestion]
    next_steps: list[str]
    warnings: list[str]
    responses: list[ResponseResult]
    sources: list[str] = []  # noqa: RUF012 (copied for each record)

"""The results of scoring, as pydantic models that serialize to the report's JSON.

Field names follow the JSON report's schema 3 (`skillquiz report --schema`): other tools
read them, so a rename here is a breaking change to the report. Levels are on O*NET's 0-7
level scale.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

# Re-exported: results carry answers in the shape questions/ checks them in.
from questions.answers import Answer as Answer


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


class Result(BaseModel):
    """Base for result models: immutable, and strict about keys when read back from JSON."""

    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)


class ResponseResult(Result):
    """One question asked, what was given, what was keyed, and the credit earned."""

    question_id: str
    skill: str
    type: str
    text: str
    exhibit: str | None = Field(
        default=None, description="a preformatted block the question refers to, shown as written"
    )
    answer: Answer
    keyed: Answer
    credit: float | None = Field(description="0..1; null when skipped")
    explanation: str | None = None


class LevelAnchor(Result):
    """What a level means in words: O*NET's anchor task(s) at or below it."""

    level: int = Field(description="the anchor's level on O*NET's 0-7 scale")
    below: bool = Field(
        description="the person's level is below every anchor; this is the lowest, the next step up"
    )
    elements: list[str] = Field(description="the O*NET elements the skill's level is judged on")
    tasks: list[str] = Field(description="each element's anchor task at that level")


class SkillResult(Result):
    skill: str
    name: str
    self_rated: float | None = Field(
        description="the mean self-rating, 1 (Strongly disagree) .. 5 (Strongly agree), "
        "reverse-keyed items flipped; null if none answered; never part of the level"
    )
    level: float | None = Field(
        description="0..7 on O*NET's scale, the posterior mean from demonstrated items only; "
        "null (not measured) when no demonstrated item of the skill was answered"
    )
    level_sd: float | None = Field(description="the posterior SD of level")
    interval: tuple[float, float] | None = Field(description="the 90% interval [low, high]")
    band: str | None = Field(description="the catalog's band the level is in")
    answered: int = Field(description="demonstrated items answered: the level rests on them")
    skipped: int = Field(description="demonstrated items skipped: no evidence either way")
    self_ratings_answered: int = 0
    calibration: float | None = Field(
        description="self_rated read as a level (answer n as level n) minus level, only "
        "with enough items of both kinds"
    )
    calibration_note: str | None
    anchor: LevelAnchor | None = Field(
        default=None,
        description="O*NET's anchor task at or below the level (O*NET 29.3, CC BY 4.0)",
    )


class BlsMedian(Result):
    """A BLS median wage for the role's occupation, with the release it comes from."""

    median: int
    currency: str = "USD"
    period: str = "year"
    occupation: str
    soc: str
    publication: str
    release: str
    older: bool = Field(description="from a release older than the newest read")

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
    average: int | None = None
    low: int | None = None
    high: int | None = None
    currency: str = "USD"
    period: str = "year"
    source: str = Field(description="whose figure it is")
    dated: str = Field(description="the source's date, as it gives it")
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
    skill: str
    name: str
    required_level: float = Field(description="0..7, O*NET's level for the role, as published")
    level: float | None = Field(
        description="the person's level (posterior mean); null if not measured"
    )
    p_meets: float | None = Field(description="the chance the level is at or above required_level")
    status: GapStatus
    importance: float = Field(description="1..5, O*NET importance; orders the gaps")


class RoleMatch(Result):
    role: str
    name: str
    onet_code: str | None = None
    job_zone: int
    open_now: bool = Field(description="of experience only: the years the role needs are met")
    min_experience_years: int = 0
    missing_years: float = Field(description="years of experience still missing; 0 when open")
    not_measured: list[str] = Field(description="what the role needs that the quiz cannot see")
    salary: Salary
    entry: bool
    met: int
    borderline: int
    to_build: int
    not_assessed: int
    p_meets_all: float | None = Field(
        description="the product of the requirements' p_meets, null when one is not "
        "assessed; kept for compatibility, not shown: it assumes the skills are unrelated, "
        "and they are related, so it understates the chance of meeting every requirement"
    )
    gaps: list[SkillGap]
    entry_requirements: list[str] = Field(default_factory=list)


class CertificationSuggestion(Result):
    id: str
    name: str
    provider: str
    reason: str


MODEL_NAME = "GPCM"


class ModelInfo(Result):
    """The item response model the levels come from, and whether its item parameters are
    calibrated from a class's answers (which stored set) or read from the items' labels."""

    name: str = Field(
        default=MODEL_NAME,
        description="the generalized partial credit model, levels by EAP on O*NET's 0-7 scale",
    )
    calibrated: bool = False
    parameter_set: str | None = None


class Assessment(Result):
    """Everything scoring concludes from one attempt; the report adds the attempt's details."""

    model: ModelInfo = Field(default_factory=ModelInfo)
    skills: list[SkillResult]
    roles: list[RoleMatch]
    certifications: list[CertificationSuggestion]
    next_steps: list[str]
    warnings: list[str]
    responses: list[ResponseResult]
    sources: list[str] = Field(default_factory=list, description="credits for data used")

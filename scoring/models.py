"""The results of scoring, as pydantic models that serialise to the report's JSON.

Field names follow the JSON report contract in DESIGN.md: other tools read them, so a
rename here is a breaking change to the report.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

# Re-exported: results carry answers in the shape questions/ checks them in.
from questions.answers import Answer as Answer


def one_decimal(value: float | None) -> float | None:
    """Scores as results carry them: one decimal place is as precise as a quiz can be."""
    return None if value is None else round(value, 1)


# met: score - SE >= required; to build: score + SE < required; borderline: in between
# (the requirement is within one standard error either side); not assessed: the role needs
# the skill but the attempt did not measure it (score null).
GapStatus = Literal["met", "borderline", "to build", "not assessed"]
GAP_STATUSES: tuple[GapStatus, ...] = ("met", "borderline", "to build", "not assessed")


class Result(BaseModel):
    """Base for result models: immutable, and strict about keys when read back from JSON."""

    model_config = ConfigDict(extra="forbid", frozen=True)


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


class SkillResult(Result):
    skill: str
    name: str
    self_rated: float | None = Field(
        description="0..100 from self-ratings (likert); null if none answered; never part of score"
    )
    score: float | None = Field(
        description="0..100, what the person showed: demonstrated items only; null (not "
        "measured) when no demonstrated item of the skill was answered"
    )
    standard_error: float | None = Field(description="of score, from the same items")
    level: str | None = Field(description="read from score; null when not measured")
    calibration: float | None = Field(
        description="self_rated - score, only with enough items of both kinds"
    )
    calibration_note: str | None
    asked: int
    answered: int
    self_ratings_answered: int = 0
    demonstrated_answered: int = 0


class Salary(Result):
    average: int | None = None
    low: int | None = None
    high: int | None = None
    currency: str = "USD"
    period: str = "year"
    note: str

    def describe(self) -> str:
        """The salary as a person reads it, e.g. "USD 35,000-55,000 a year"."""
        if self.low is not None and self.high is not None:
            amount = f"{self.low:,}-{self.high:,}"
        else:
            amount = f"{self.average or 0:,}"
        return f"{self.currency} {amount} a {self.period}"


class SkillGap(Result):
    skill: str
    name: str
    required: float = Field(description="0..100, from the O*NET level (level / 7 x 100)")
    score: float | None
    standard_error: float | None = None
    status: GapStatus
    gap: float = Field(description="required - score when short, else 0")
    importance: float = Field(description="1..5, O*NET importance")


class RoleMatch(Result):
    role: str
    name: str
    onet_code: str | None = None
    fit: float = Field(description="0..100, from demonstrated scores only")
    measured: int = Field(default=0, description="how many of the role's skills fit rests on")
    open_now: bool = Field(description="experience met, or the role needs none")
    min_experience_years: float = 0
    missing_years: float = Field(description="years of experience still missing; 0 when open")
    not_measured: list[str] = Field(description="what the role needs that the quiz cannot see")
    salary: Salary
    entry: bool
    gaps: list[SkillGap]
    entry_requirements: list[str] = Field(default_factory=list)


class CertificationSuggestion(Result):
    id: str
    name: str
    provider: str
    reason: str


class Assessment(Result):
    """Everything scoring concludes from one attempt; the report adds the attempt's details."""

    skills: list[SkillResult]
    roles: list[RoleMatch]
    certifications: list[CertificationSuggestion]
    next_steps: list[str]
    warnings: list[str]
    responses: list[ResponseResult]
    sources: list[str] = Field(default_factory=list, description="credits for data used")

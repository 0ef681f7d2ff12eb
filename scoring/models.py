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


# "not assessed": the role needs the skill but the attempt did not measure it (score null).
GapStatus = Literal["met", "within error", "gap", "not assessed"]


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
    self_rated: float | None = Field(description="0..100 from likert items; null if none answered")
    demonstrated: float | None = Field(description="0..100 from demonstrated items asked")
    score: float | None = Field(description="0..100, self and demonstrated combined")
    standard_error: float | None
    level: str | None
    calibration: float | None = Field(description="self_rated - demonstrated")
    calibration_note: str | None
    asked: int
    answered: int


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
    required: float
    score: float | None
    status: GapStatus
    gap: float = Field(description="required - score when short, else 0")
    importance: int


class RoleMatch(Result):
    role: str
    name: str
    fit: float = Field(description="0..100")
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

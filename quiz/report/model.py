"""The report as data (``schema_version: 3``): the product's stable interface.

The JSON rendering is these records written as they are (quiz.report.json_text); Markdown,
HTML and CSV render them. Adding a field is fine; renaming or removing one breaks the
scripts and tools that read reports. The types are plain records (questions.record), so
showing a report needs no pydantic; its JSON Schema is built from them on demand
(quiz.report.json_schema).
"""

from __future__ import annotations

from datetime import datetime
from typing import Literal

from questions.record import Record
from scoring.models import (
    CertificationSuggestion,
    ModelInfo,
    ResponseResult,
    RoleMatch,
    SkillResult,
)

# 2: score is demonstrated only (weights gone); attempt.experience_years; per role open_now,
# missing_years, not_measured; each gap's status is met / borderline / to build / not
# assessed, judged with the score's standard error; sources credits the data used.
# 3: each skill a level on O*NET's 0-7 scale (level, level_sd, interval, band, answered,
# skipped) from an item response model named in the model block; each requirement's
# required_level, level, p_meets and status; per role met / borderline / to_build counts and
# p_meets_all, in an adviser's order; no fit; salaries with their source, date and BLS median.
SCHEMA_VERSION: Literal[3] = 3


class BankVersion(Record):
    """Which version of a bank an attempt was drawn from (a hash of its file)."""

    skill: str
    name: str
    digest: str


class AttemptInfo(Record):
    id: int
    name: str | None
    started_at: datetime
    finished_at: datetime | None
    length: str
    seed: int
    banks: list[BankVersion]
    # How many questions the attempt asks; with finished_at null, fewer responses than
    # this means the rest are still to come (absent from reports before it was added).
    questions: int | None = None
    # Years of hands-on experience given at the start; null when skipped (or not asked).
    experience_years: float | None = None
    # taken: on this database; imported: brought in from a learner's exported report,
    # which is self-reported and could have been edited.
    source: Literal["taken", "imported"] = "taken"


class Report(Record):
    # Every report is written with its schema_version, so the schema says it is always
    # there (quiz.report.json_schema: every field of a report is required in it).

    schema_version: Literal[3] = SCHEMA_VERSION
    attempt: AttemptInfo
    model: ModelInfo
    skills: list[SkillResult]
    roles: list[RoleMatch]
    certifications: list[CertificationSuggestion]
    next_steps: list[str]
    warnings: list[str]
    responses: list[ResponseResult]
    # Credits the data used asks for (O*NET's licence); empty when no role is shown.
    sources: list[str] = []  # noqa: RUF012 (copied for each record)

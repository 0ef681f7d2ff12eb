"""What import reads of a learner's report, as lenient pydantic models.

A report comes from outside (a file a learner exported, maybe edited), so it is validated
with pydantic; this module is imported only when a report is read
(quiz.classroom.importing.validated_report). Fields import does not use are let through:
reports of every schema version, and of newer minor additions, carry more.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field


class _Lenient(BaseModel):
    model_config = ConfigDict(extra="ignore", frozen=True, defer_build=True)


class ReportBank(_Lenient):
    skill: str
    digest: str


class ReportAttempt(_Lenient):
    name: str | None = None
    started_at: datetime
    finished_at: datetime | None
    length: str
    seed: int = Field(ge=0, lt=2**63)  # as take --seed takes it, and storage keeps it
    banks: list[ReportBank] = Field(default_factory=list)
    experience_years: float | None = Field(default=None, ge=0, le=70, allow_inf_nan=False)


class ReportResponse(_Lenient):
    question_id: str
    skill: str
    type: str | None = None
    text: str | None = None
    answer: Any = None
    keyed: Any = None


class ImportedReport(_Lenient):
    schema_version: Literal[1, 2, 3]
    attempt: ReportAttempt
    responses: list[ReportResponse]

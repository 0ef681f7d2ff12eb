"""From an attempt's results to its report: the attempt, the banks it drew from and what
scoring concluded, in the shape every rendering reads (``quiz.report.model``)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from questions.record import replace
from quiz.attempts.results import ScoredAttempt, score_stored
from quiz.report import phrases
from quiz.report.model import AttemptInfo, BankVersion, Report

if TYPE_CHECKING:
    from quiz.storage import Store


def build_report(store: Store, attempt_id: int, rescore: bool = False) -> Report:
    """The report for one attempt (finished or not), scored from its snapshot and answers
    with its own parameter set (the newest stored with ``rescore``)."""
    return report_of(score_stored(store, attempt_id, rescore))


def report_of(scored: ScoredAttempt) -> Report:
    """The report for an attempt already scored (as at finish, which has just graded it)."""
    attempt, snapshot, assessment = scored.attempt, scored.snapshot, scored.assessment
    info = AttemptInfo(
        id=attempt.id,
        name=attempt.name,
        started_at=attempt.started_at,
        finished_at=attempt.finished_at,
        length=attempt.length,
        seed=attempt.seed,
        banks=[
            BankVersion(skill=ref.skill.id, name=ref.skill.name, digest=ref.digest)
            for ref in snapshot.banks
        ],
        questions=len(snapshot.questions),
        experience_years=attempt.experience_years,
        source="imported" if attempt.imported else "taken",
    )
    report = Report(
        attempt=info,
        model=assessment.model,
        skills=assessment.skills,
        roles=assessment.roles,
        certifications=assessment.certifications,
        next_steps=assessment.next_steps,
        warnings=assessment.warnings,
        responses=assessment.responses,
        sources=assessment.sources,
    )
    banner = phrases.unfinished(report)
    if banner is None:
        return report
    return replace(report, warnings=[banner, *report.warnings])

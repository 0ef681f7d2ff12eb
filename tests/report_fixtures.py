"""Reports built by hand for the renderer tests: a full five-skill attempt with realistic
figures, and a name and a bank item that try to smuggle a script into the HTML."""

from __future__ import annotations

from datetime import UTC, datetime

from quiz.report.model import AttemptInfo, BankVersion, Report
from scoring.models import (
    CertificationSuggestion,
    ResponseResult,
    RoleMatch,
    Salary,
    SkillGap,
    SkillResult,
)

PAYLOAD = "<script>alert(1)</script>"
ONET_CREDIT = (
    "Role requirements and experience use the O*NET 29.3 Database by the U.S. Department of "
    "Labor, Employment and Training Administration (USDOL/ETA), used under the CC BY 4.0 "
    "license."
)

SKILLS = [
    # skill id, name, self-rated, demonstrated (the score), score, error, level, calibration note
    (
        "critical_thinking",
        "Critical thinking",
        75.0,
        62.5,
        62.5,
        8.4,
        "developing",
        "You rate yourself a little higher than your answers show.",
    ),
    (
        "data_analysis",
        "Data analysis",
        50.0,
        81.3,
        81.3,
        7.2,
        "proficient",
        "Your answers show more than you give yourself credit for.",
    ),
    (
        "attention_to_detail",
        "Attention to detail",
        87.5,
        90.0,
        90.0,
        5.1,
        "strong",
        "Your self-rating matches what your answers show.",
    ),
    (
        "empathy",
        "Empathy",
        62.5,
        45.0,
        45.0,
        11.6,
        "developing",
        "You rate yourself higher than your answers show.",
    ),
    ("research", "Research", None, 37.5, 37.5, 14.3, "beginning", None),
]


def _salary(average: int | None = None, low: int | None = None, high: int | None = None) -> Salary:
    return Salary(
        average=average,
        low=low,
        high=high,
        note="Aggregated industry figure; varies with experience, location and company.",
    )


def _gap(skill: str, required: float, status: str) -> SkillGap:
    result = next(s for s in SKILLS if s[0] == skill)
    score = result[4]
    short = max(0.0, required - score) if status == "to build" else 0.0
    return SkillGap(
        skill=skill,
        name=result[1],
        required=required,
        score=score,
        standard_error=result[5],
        status=status,
        gap=round(short, 2),
        importance=2,
    )


# The parts of the full report (frozen models, shared by every copy of it).
SKILL_RESULTS = tuple(
    SkillResult(
        skill=skill,
        name=label,
        self_rated=self_rated,
        score=score,
        standard_error=error,
        level=level,
        calibration=None if self_rated is None else round(self_rated - score, 2),
        calibration_note=note,
        asked=6,
        answered=6 if skill != "research" else 5,
    )
    for skill, label, self_rated, demonstrated, score, error, level, note in SKILLS
)

ROLES = (
    RoleMatch(
        role="production_technician",
        name="Production Technician",
        open_now=True,
        missing_years=0.0,
        not_measured=["Hands-on skill with the line's equipment"],
        fit=78.4,
        salary=_salary(low=35000, high=55000),
        entry=True,
        gaps=[
            _gap("attention_to_detail", 70, "met"),
            _gap("data_analysis", 65, "met"),
            _gap("critical_thinking", 70, "borderline"),
        ],
    ),
    RoleMatch(
        role="assembly_technician",
        name="Assembly Technician",
        open_now=True,
        missing_years=0.0,
        not_measured=["Reading blueprints"],
        fit=74.0,
        salary=_salary(average=42000),
        entry=True,
        gaps=[_gap("attention_to_detail", 75, "met"), _gap("research", 50, "to build")],
    ),
    RoleMatch(
        role="manufacturing_technician",
        name="Manufacturing Technician",
        open_now=False,
        missing_years=2.0,
        not_measured=["Installing production equipment"],
        fit=69.6,
        salary=_salary(average=44000),
        entry=False,
        gaps=[_gap("data_analysis", 60, "met"), _gap("critical_thinking", 65, "met")],
    ),
    RoleMatch(
        role="qa_analyst",
        name="Quality Assurance Analyst",
        open_now=False,
        missing_years=1.0,
        not_measured=["Software testing tools and defect tracking"],
        fit=58.2,
        salary=_salary(average=53000),
        entry=False,
        gaps=[_gap("empathy", 65, "to build"), _gap("attention_to_detail", 80, "met")],
    ),
    RoleMatch(
        role="qa_manager",
        name="Quality Assurance Manager",
        open_now=False,
        missing_years=4.0,
        not_measured=["Years of quality work", "Knowledge of national regulations"],
        fit=41.7,
        salary=_salary(average=71000),
        entry=False,
        gaps=[
            _gap("research", 70, "to build"),
            _gap("empathy", 70, "to build"),
            _gap("critical_thinking", 75, "to build"),
        ],
    ),
)

CERTIFICATIONS = (
    CertificationSuggestion(
        id="technical_apprenticeship",
        name="Technical Apprenticeship",
        provider="Employer-based, 12-24 months",
        reason="Paid work with structured learning in machinery, safety and quality "
        "control: a direct way into Production Technician.",
    ),
    CertificationSuggestion(
        id="cg_level3_assessing",
        name="Level 3 Certificate in Assessing Vocational Achievement",
        provider="City & Guilds (UK)",
        reason="Builds quality assurance principles towards the QA roles.",
    ),
)

RESPONSES = (
    ResponseResult(
        question_id="ct-self-01",
        skill="critical_thinking",
        type="likert",
        text="When something breaks, I look for the root cause before fixing it.",
        answer=4,
        keyed=None,
        credit=0.75,
    ),
    ResponseResult(
        question_id="ct-scn-01",
        skill="critical_thinking",
        type="choice",
        text="An application lags every afternoon. What do you check first?",
        answer="Restart the server",
        keyed="Check recent code changes and system load to isolate the cause",
        credit=0.25,
        explanation="Restarting hides the cause; compare code changes with system load.",
    ),
    ResponseResult(
        question_id="da-num-01",
        skill="data_analysis",
        type="numeric",
        text="1,250 units were made and 50 failed inspection. Defect rate in percent?",
        answer=4.0,
        keyed=4,
        credit=1.0,
        explanation="50 / 1,250 = 0.04, that is 4%.",
    ),
    ResponseResult(
        question_id="ad-multi-01",
        skill="attention_to_detail",
        type="multi",
        text=f"Which checks catch a safety flaw? {PAYLOAD}",
        answer=["Guard fitted", "Emergency stop tested"],
        keyed=["Guard fitted", "Emergency stop tested", "Earth continuity measured"],
        credit=0.67,
        explanation=f"All three are safety checks. {PAYLOAD}",
    ),
    ResponseResult(
        question_id="ea-scn-02",
        skill="empathy",
        type="choice",
        text="A new operator keeps pressing the wrong button. What do you do first?",
        answer=None,
        keyed="Watch how they use the panel and ask what confuses them",
        credit=None,
    ),
    ResponseResult(
        question_id="rs-ord-01",
        skill="research",
        type="order",
        text="Put the lockout steps in order.",
        answer=["Shut down", "Lock and tag", "Isolate", "Verify"],
        keyed=["Shut down", "Isolate", "Lock and tag", "Verify"],
        credit=0.5,
    ),
)


def full_report(name: str | None = f"Alex {PAYLOAD}") -> Report:
    """A finished standard-length attempt over the five skills, as scoring would report it."""
    attempt = AttemptInfo(
        id=12,
        name=name,
        started_at=datetime(2026, 11, 25, 9, 30, tzinfo=UTC),
        finished_at=datetime(2026, 11, 25, 9, 52, tzinfo=UTC),
        length="standard",
        seed=4711,
        experience_years=0.0,
        banks=[
            BankVersion(skill=skill, name=label, digest=f"{index:x}" * 64)
            for index, (skill, label, *_rest) in enumerate(SKILLS, start=10)
        ],
    )
    return Report(
        attempt=attempt,
        skills=list(SKILL_RESULTS),
        roles=list(ROLES),
        certifications=list(CERTIFICATIONS),
        next_steps=[
            "Practise root-cause analysis on a real fault log: list causes, then test each one.",
            "Read an introduction to lean manufacturing; note three kinds of waste you have seen.",
        ],
        warnings=["Research had no self-rating questions answered, so calibration is not shown."],
        responses=list(RESPONSES),
        sources=[ONET_CREDIT],
    )

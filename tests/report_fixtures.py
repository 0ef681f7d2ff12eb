"""Reports built by hand for the renderer tests: a full five-skill attempt with realistic
figures, and a name and a bank item that try to smuggle a script into the HTML."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from quiz.report.model import AttemptInfo, BankVersion, Report
from scoring.models import (
    CertificationSuggestion,
    GapStatus,
    ModelInfo,
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
    # skill id, name, self-rated (1-5), level (0-7), its SD, 90% interval, band, note
    (
        "critical_thinking",
        "Critical thinking",
        4.0,
        3.6,
        0.45,
        (2.9, 4.4),
        "Foundational",
        "Your self-rating is in line with what you showed.",
    ),
    (
        "data_analysis",
        "Data analysis",
        3.0,
        4.7,
        0.42,
        (4.0, 5.4),
        "Proficient",
        "You showed more than you rate yourself; you can be more confident in this skill.",
    ),
    (
        "attention_to_detail",
        "Attention to detail",
        4.5,
        5.3,
        0.4,
        (4.6, 6.0),
        "Advanced",
        "Your self-rating is in line with what you showed.",
    ),
    (
        "empathy",
        "Empathy",
        4.5,
        2.9,
        0.5,
        (2.1, 3.7),
        "Foundational",
        "You rate yourself higher than you showed.",
    ),
    ("research", "Research", None, 2.4, 0.6, (1.4, 3.4), "Foundational", None),
]


def _salary(average: int | None = None, low: int | None = None, high: int | None = None) -> Salary:
    return Salary(
        average=average,
        low=low,
        high=high,
        source="A careers site",
        dated="12/04/2025",
        note="Aggregated industry figure; varies with experience, location and company.",
    )


def _gap(skill: str, required: float, p_meets: float, status: GapStatus) -> SkillGap:
    result = next(s for s in SKILLS if s[0] == skill)
    return SkillGap(
        skill=skill,
        name=result[1],
        required_level=required,
        level=result[3],
        p_meets=p_meets,
        status=status,
        importance=2.0,
    )


def _role(
    role: str, name: str, zone: int, years: float, gaps: list[SkillGap], **rest: Any
) -> RoleMatch:
    counted = {s: sum(1 for g in gaps if g.status == s) for s in ("met", "borderline", "to build")}
    p_all = 1.0
    for gap in gaps:
        p_all *= gap.p_meets or 0.0
    return RoleMatch(
        role=role,
        name=name,
        job_zone=zone,
        open_now=years == 0,
        missing_years=years,
        met=counted["met"],
        borderline=counted["borderline"],
        to_build=counted["to build"],
        not_assessed=0,
        p_meets_all=round(p_all, 2),
        gaps=gaps,
        **rest,
    )


def _skill_results() -> list[SkillResult]:
    """The report's skills, as scoring would give them."""
    skills = [
        SkillResult(
            skill=skill,
            name=label,
            self_rated=self_rated,
            level=level,
            level_sd=sd,
            interval=interval,
            band=band,
            answered=6 if skill != "research" else 5,
            skipped=0 if skill != "research" else 1,
            self_ratings_answered=0 if self_rated is None else 3,
            calibration=None if self_rated is None else round(self_rated - level, 1),
            calibration_note=note,
        )
        for skill, label, self_rated, level, sd, interval, band, note in SKILLS
    ]
    return skills


def _open_roles() -> list[RoleMatch]:
    """The roles open now: the two entry roles."""
    return [
        _role(
            "production_technician",
            "Production Technician",
            2,
            0.0,
            [
                _gap("attention_to_detail", 3.38, 1.0, "met"),
                _gap("data_analysis", 3.78, 0.99, "met"),
                _gap("critical_thinking", 3.25, 0.79, "borderline"),
            ],
            not_measured=["Hands-on skill with the line's equipment"],
            salary=_salary(low=35000, high=55000),
            entry=True,
        ),
        _role(
            "assembly_technician",
            "Assembly Technician",
            2,
            0.0,
            [
                _gap("attention_to_detail", 3.0, 1.0, "met"),
                _gap("research", 2.78, 0.27, "borderline"),
            ],
            not_measured=["Reading blueprints"],
            salary=_salary(average=42000),
            entry=True,
        ),
    ]


def _roles_to_grow() -> list[RoleMatch]:
    """The roles that need years of experience."""
    return [
        _role(
            "manufacturing_technician",
            "Manufacturing Technician",
            3,
            2.0,
            [
                _gap("data_analysis", 3.46, 1.0, "met"),
                _gap("critical_thinking", 3.88, 0.28, "borderline"),
            ],
            not_measured=["Installing production equipment"],
            salary=_salary(average=44000),
            entry=False,
        ),
        _role(
            "qa_analyst",
            "Quality Assurance Analyst",
            4,
            1.0,
            [
                _gap("empathy", 2.88, 0.52, "borderline"),
                _gap("attention_to_detail", 3.62, 1.0, "met"),
            ],
            not_measured=["Software testing tools and defect tracking"],
            salary=_salary(average=53000),
            entry=False,
        ),
        _role(
            "qa_manager",
            "Quality Assurance Manager",
            4,
            4.0,
            [
                _gap("research", 4.645, 0.0, "to build"),
                _gap("empathy", 3.75, 0.05, "to build"),
                _gap("critical_thinking", 4.12, 0.12, "borderline"),
            ],
            not_measured=["Years of quality work", "Knowledge of national regulations"],
            salary=_salary(average=71000),
            entry=False,
        ),
    ]


def _roles() -> list[RoleMatch]:
    """The report's roles, as scoring would give them."""
    return [*_open_roles(), *_roles_to_grow()]


def _certifications() -> list[CertificationSuggestion]:
    """The report's certifications, as scoring would give them."""
    certifications = [
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
    ]
    return certifications


def _first_responses() -> list[ResponseResult]:
    """The first half of the report's responses."""
    return [
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
    ]


def _last_responses() -> list[ResponseResult]:
    """The second half of the report's responses."""
    return [
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
    ]


def _responses() -> list[ResponseResult]:
    """The report's responses, as scoring would give them."""
    return [*_first_responses(), *_last_responses()]


def full_report(name: str | None = f"Alex {PAYLOAD}") -> Report:
    """A finished standard-length attempt over the five skills, as scoring would report it."""
    skills = _skill_results()
    roles = _roles()
    certifications = _certifications()
    responses = _responses()
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
        model=ModelInfo(),
        skills=skills,
        roles=roles,
        certifications=certifications,
        next_steps=[
            "Practice root-cause analysis on a real fault log: list causes, then test each one.",
            "Read an introduction to lean manufacturing; note three kinds of waste you have seen.",
        ],
        warnings=["Research had no self-rating questions answered, so calibration is not shown."],
        responses=responses,
        sources=[ONET_CREDIT],
    )

"""A full attempt scored by hand: skill scores, role fits and gaps, certifications, advice."""

from __future__ import annotations

import math
from dataclasses import dataclass

import pytest

from questions import parse_bank
from questions.answers import keyed_answer
from scoring import (
    AskedItem,
    Assessment,
    Catalog,
    assess,
    match_roles,
    parse_catalog,
    suggest_certifications,
)
from scoring.models import Answer, SkillResult

CT_BANK = """\
schema: 1
skill: {id: critical_thinking, name: Critical thinking}
questions:
  - {id: ct-self-01, type: likert, text: I look for the root cause of a fault.}
  - {id: ct-self-02, type: likert, text: I fix the symptom and move on., reverse: true}
  - id: ct-scn-01
    type: choice
    text: An application lags. What first?
    options:
      - {text: Check recent code changes and system load, credit: 1}
      - {text: Restart the server, credit: 0.5}
      - {text: Buy a faster server, credit: 0}
  - {id: ct-num-01, type: numeric, text: Defect rate in percent?, answer: 4, tolerance: 0.05}
  - id: ct-ord-01
    type: order
    text: Troubleshooting steps, in order.
    items: [Reproduce, Isolate, Fix, Verify]
"""

DA_BANK = """\
schema: 1
skill: {id: data_analysis, name: Data analysis}
questions:
  - {id: da-self-01, type: likert, text: I check figures before I trust them.}
  - id: da-multi-01
    type: multi
    text: Which are wastes?
    options:
      - {text: Waiting, correct: true}
      - {text: Overproduction, correct: true}
      - {text: Kaizen, correct: false}
      - {text: Kanban, correct: false}
  - id: da-scn-01
    type: choice
    text: Which line is more productive per hour?
    options:
      - {text: Line B, credit: 0}
      - {text: Line C, credit: 1}
"""

CATALOG = """\
schema: 1
skills:
  critical_thinking:
    name: Critical thinking
    next_steps:
      Developing: [Write down two causes for the next fault you see.]
      Foundational: [Practise the five whys.]
      Proficient: [Lead a root-cause review.]
      Advanced: [Coach a colleague through one.]
  data_analysis:
    name: Data analysis
    next_steps:
      Developing: [Work out units per hour for a week of output.]
      Foundational: [Compare two lines' output against resources.]
      Proficient: [Track a defect rate for a month.]
      Advanced: [Build a shift dashboard.]
roles:
  - id: analyst
    name: Analyst
    description: Analyses.
    responsibilities: [Analyse]
    salary: {average: 50000, note: "Varies with experience, location and company."}
    entry_requirements: [Experience]
    skills:
      critical_thinking: {required: 80, importance: 3}
      data_analysis: {required: 60, importance: 1}
  - id: helper
    name: Helper
    entry: true
    description: Helps.
    responsibilities: [Help]
    salary: {average: 30000, note: "Varies with experience, location and company."}
    entry_requirements: [A school certificate]
    skills:
      critical_thinking: {required: 50, importance: 1}
      data_analysis: {required: 30, importance: 1}
certifications:
  - id: course
    name: Analysis course
    provider: A college
    type: course
    description: Teaches analysis.
    focus: [Statistics]
    roles: [analyst]
    skills: [data_analysis]
  - id: apprentice
    name: Apprenticeship
    provider: An employer
    type: apprenticeship
    duration: 12-24 months
    description: Paid work with structured learning.
    focus: [Machinery]
    roles: [helper]
    skills: [critical_thinking]
    entry_route: true
"""

ANSWERS: dict[str, Answer] = {
    "ct-self-01": 4,  # Agree: 0.75
    "ct-self-02": 2,  # Disagree on a reverse item: 0.75
    "ct-scn-01": "Restart the server",  # 0.5
    "ct-num-01": 4.04,  # within 0.05: 1
    "ct-ord-01": ["Isolate", "Reproduce", "Fix", "Verify"],  # one pair of six out: 5/6
    "da-self-01": 5,  # Strongly agree: 1
    "da-multi-01": ["Waiting", "Kaizen"],  # 1/2 - 1/2 = 0
    # da-scn-01 skipped: 0
}


def asked_items() -> list[AskedItem]:
    asked: list[AskedItem] = []
    for text in (CT_BANK, DA_BANK):
        bank = parse_bank(text).bank
        asked.extend(AskedItem(bank.skill, item) for item in bank.questions)
    return asked


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    return parse_catalog(CATALOG)


@pytest.fixture(scope="module")
def result(catalog: Catalog) -> Assessment:
    return assess(asked_items(), ANSWERS, catalog)


def test_critical_thinking_combines_self_and_demonstrated(result: Assessment) -> None:
    ct = result.skills[0]
    demonstrated = (0.5 + 1 + 5 / 6) / 3  # 0.7778
    assert ct.skill == "critical_thinking"
    assert ct.self_rated == 75.0
    assert ct.demonstrated == 77.8
    assert ct.score == round(0.3 * 75 + 0.7 * 100 * demonstrated, 1) == 76.9
    smoothed = (3 * demonstrated + 1) / (3 + 2)  # one more right, one more wrong: 0.6667
    assert ct.standard_error == round(100 * math.sqrt(smoothed * (1 - smoothed) / 3), 1)
    assert ct.standard_error == 27.2
    assert ct.level == "Proficient"
    assert ct.calibration == -2.8
    assert ct.calibration_note == "Your self-rating is in line with how you performed."
    assert (ct.asked, ct.answered) == (5, 5)


def test_data_analysis_counts_the_skip_as_no_credit(result: Assessment) -> None:
    da = result.skills[1]
    assert (da.self_rated, da.demonstrated, da.score) == (100.0, 0.0, 30.0)
    # all wrong is still uncertain on two questions: p = (0 + 1) / (2 + 2), sqrt(p(1-p)/2)
    assert da.standard_error == 30.6
    assert da.level == "Developing"
    assert da.calibration == 100.0
    assert da.calibration_note is not None
    assert da.calibration_note.startswith("You rate yourself higher than you performed")
    assert (da.asked, da.answered) == (3, 2)


def test_roles_rank_by_fit_with_every_required_skill_listed(result: Assessment) -> None:
    helper, analyst = result.roles
    assert (helper.role, helper.fit, helper.entry) == ("helper", 100.0, True)
    assert [(g.skill, g.status) for g in helper.gaps] == [
        ("critical_thinking", "met"),
        ("data_analysis", "met"),
    ]
    # 100 x (3 x 76.944/80 + 1 x 30/60) / 4
    assert analyst.fit == 84.6
    # ordered by importance x gap: data analysis 1 x 30 before critical thinking 3 x 3.1
    assert [(g.skill, g.status, g.gap) for g in analyst.gaps] == [
        ("data_analysis", "within error", 30.0),  # 30 >= 60 - 30.6: two questions say little
        ("critical_thinking", "within error", 3.1),  # 76.9 >= 80 - 27.2
    ]
    assert analyst.salary.average == 50000
    assert "experience, location and company" in analyst.salary.note


def test_certifications_name_the_role_and_skill(result: Assessment) -> None:
    apprentice, course = result.certifications
    assert apprentice.id == "apprentice"
    assert "Helper" in apprentice.reason and "critical thinking" in apprentice.reason
    assert course.id == "course"
    assert course.reason == (
        "Leads towards Analyst (your fit 85%) and builds data analysis, a skill it rests on."
    )


def test_next_steps_start_with_the_entry_route_then_the_weakest_skill(
    result: Assessment,
) -> None:
    assert result.next_steps == [
        "Helper is an entry role: it asks for a school certificate.",
        "Data analysis (Developing): Work out units per hour for a week of output.",
        "Critical thinking (Proficient): Lead a root-cause review.",
    ]


def test_a_clean_attempt_has_no_warnings(result: Assessment) -> None:
    assert result.warnings == []


def test_responses_keep_the_asked_order_with_answer_keyed_and_credit(
    result: Assessment,
) -> None:
    assert [r.question_id for r in result.responses] == [a.item.id for a in asked_items()]
    by_id = {r.question_id: r for r in result.responses}
    assert by_id["ct-ord-01"].credit == pytest.approx(5 / 6)
    assert by_id["ct-ord-01"].keyed == ["Reproduce", "Isolate", "Fix", "Verify"]
    assert by_id["da-scn-01"].answer is None and by_id["da-scn-01"].credit == 0
    assert by_id["ct-self-02"].keyed is None and by_id["ct-self-02"].credit == 0.75


def test_the_assessment_round_trips_through_json(result: Assessment) -> None:
    assert Assessment.model_validate_json(result.model_dump_json()) == result


def test_skills_come_out_in_the_order_first_asked(catalog: Catalog) -> None:
    asked = asked_items()
    reordered = [asked[5], *asked[:5], *asked[6:]]
    assert [s.skill for s in assess(reordered, ANSWERS, catalog).skills] == [
        "data_analysis",
        "critical_thinking",
    ]


def test_skills_not_assessed_count_as_not_yet_shown(catalog: Catalog) -> None:
    only_ct = [a for a in asked_items() if a.skill.id == "critical_thinking"]
    result = assess(only_ct, ANSWERS, catalog)
    assert result.warnings == [
        "Data analysis was not assessed; they count as not yet shown, so role fits are lower "
        "than a full quiz might give."
    ]
    analyst = next(r for r in result.roles if r.role == "analyst")
    # critical thinking (weight 3) as shown; data analysis (weight 1) adds nothing
    assert analyst.fit == round(100 * (3 * 76.944 / 80) / (3 + 1), 1) == 72.1
    missing = next(g for g in analyst.gaps if g.skill == "data_analysis")
    assert (missing.status, missing.score) == ("not assessed", None)
    assert analyst.gaps[-1] is missing
    assert result.next_steps[-1] == "Take the quiz on Data analysis to see how they stand."


def test_one_skill_cannot_make_a_role_fit_fully(catalog: Catalog) -> None:
    only_ct = [a for a in asked_items() if a.skill.id == "critical_thinking"]
    perfect = {a.item.id: keyed_answer(a.item) or 5 for a in only_ct}
    result = assess(only_ct, perfect, catalog)
    assert all(role.fit < 100 for role in result.roles)


def test_no_roles_when_no_skill_a_role_needs_was_assessed(catalog: Catalog) -> None:
    other = parse_bank(
        "schema: 1\nskill: {id: empathy, name: Empathy}\nquestions:\n"
        "  - {id: em-self-01, type: likert, text: I listen.}\n"
    ).bank
    result = assess([AskedItem(other.skill, other.questions[0])], {"em-self-01": 5}, catalog)
    assert (result.roles, result.certifications) == ([], [])
    assert result.skills[0].score == 100  # still scored and shown
    assert result.warnings[-1] == (
        "None of the skills assessed are ones the roles are matched on, so no roles or "
        "certifications are suggested."
    )


def test_a_stored_answer_that_no_longer_fits_counts_as_skipped(catalog: Catalog) -> None:
    result = assess(asked_items(), {**ANSWERS, "ct-scn-01": "Ask a friend"}, catalog)
    response = next(r for r in result.responses if r.question_id == "ct-scn-01")
    assert (response.answer, response.credit) == (None, 0)
    assert result.warnings[0] == (
        "question ct-scn-01: 'Ask a friend' is not one of the options; counted as skipped"
    )


def test_every_question_skipped_in_a_skill_is_flagged(catalog: Catalog) -> None:
    answers = {k: v for k, v in ANSWERS.items() if not k.startswith("da-")}
    result = assess(asked_items(), answers, catalog)
    assert "Every question on Data analysis was skipped, so its scores are unreliable." in (
        result.warnings
    )


def test_identical_self_ratings_are_flagged_as_straight_lining(catalog: Catalog) -> None:
    asked = asked_items()
    extra = parse_bank(
        "schema: 1\nskill: {id: empathy, name: Empathy}\nquestions:\n"
        "  - {id: em-self-01, type: likert, text: I listen.}\n"
    ).bank
    asked.append(AskedItem(extra.skill, extra.questions[0]))
    answers = {**ANSWERS, "ct-self-01": 3, "ct-self-02": 3, "da-self-01": 3, "em-self-01": 3}
    warnings = assess(asked, answers, catalog).warnings
    assert any(
        w.startswith("All 4 self-ratings were 'Neither agree nor disagree'") for w in warnings
    )
    three = {**ANSWERS, "ct-self-01": 3, "ct-self-02": 3, "da-self-01": 3}
    assert not any("self-ratings were" in w for w in assess(asked_items(), three, catalog).warnings)


@pytest.mark.parametrize(
    ("self_answer", "note"),
    [
        (5, "You rate yourself higher than you performed (20 points above"),
        (3, "You performed better than you rate yourself (30 points above"),
        (4, "Your self-rating is in line"),
    ],
)
def test_calibration_turns_into_a_sentence_at_20_points(
    catalog: Catalog, self_answer: int, note: str
) -> None:
    bank = parse_bank(
        "schema: 1\nskill: {id: data_analysis, name: Data analysis}\nquestions:\n"
        "  - {id: s, type: likert, text: I am good at this.}\n"
        "  - id: c\n    type: choice\n    text: Pick.\n"
        "    options: [{text: A, credit: 1}, {text: B, credit: 0.8}]\n"
    ).bank
    asked = [AskedItem(bank.skill, item) for item in bank.questions]
    skill = assess(asked, {"s": self_answer, "c": "B"}, catalog).skills[0]  # demonstrated 80
    assert skill.calibration_note is not None and skill.calibration_note.startswith(note)


def _agree_against(catalog: Catalog, shown_credit: float) -> SkillResult:
    """A self-rating of Agree (75) against one choice item answered for shown_credit."""
    bank = parse_bank(
        "schema: 1\nskill: {id: data_analysis, name: Data analysis}\nquestions:\n"
        "  - {id: s, type: likert, text: I am good at this.}\n"
        "  - id: c\n    type: choice\n    text: Pick.\n"
        f"    options: [{{text: A, credit: 1}}, {{text: B, credit: {shown_credit}}}]\n"
    ).bank
    asked = [AskedItem(bank.skill, item) for item in bank.questions]
    return assess(asked, {"s": 4, "c": "B"}, catalog).skills[0]


@pytest.mark.parametrize(
    ("shown_credit", "calibration", "note"),
    [
        (0.95, -20.0, "You performed better than you rate yourself (20 points above"),
        (0.949, -19.9, "Your self-rating is in line"),
        (0.55, 20.0, "You rate yourself higher than you performed (20 points above"),
        (0.551, 19.9, "Your self-rating is in line"),
    ],
)
def test_calibration_of_exactly_20_points_either_way_gets_a_sentence(
    catalog: Catalog, shown_credit: float, calibration: float, note: str
) -> None:
    skill = _agree_against(catalog, shown_credit)
    assert skill.calibration == calibration
    assert skill.calibration_note is not None and skill.calibration_note.startswith(note)


@dataclass(frozen=True)
class _Scored:
    skill: str
    score: float | None
    standard_error: float | None


def _analyst_gaps(catalog: Catalog, *scores: _Scored) -> list[tuple[str, str, float]]:
    analyst = next(r for r in match_roles(list(scores), catalog) if r.role == "analyst")
    return [(g.skill, g.status, g.gap) for g in analyst.gaps]


def test_gaps_are_ordered_by_importance_times_gap_not_by_gap_alone(catalog: Catalog) -> None:
    # Analyst: critical thinking 80 at importance 3, data analysis 60 at importance 1.
    gaps = _analyst_gaps(
        catalog,
        _Scored("critical_thinking", 70.0, 0.0),  # 10 short x 3 = 30
        _Scored("data_analysis", 40.0, 0.0),  # 20 short x 1 = 20
    )
    assert gaps == [("critical_thinking", "gap", 10.0), ("data_analysis", "gap", 20.0)]


@pytest.mark.parametrize(
    ("score", "status"),
    [(69.9, "gap"), (70.0, "within error"), (70.1, "within error"), (80.0, "met")],
)
def test_within_error_means_short_by_no_more_than_one_standard_error(
    catalog: Catalog, score: float, status: str
) -> None:
    # critical thinking needs 80; a standard error of 10 covers scores from 70 up
    gaps = _analyst_gaps(
        catalog,
        _Scored("critical_thinking", score, 10.0),
        _Scored("data_analysis", 60.0, 0.0),
    )
    assert ("critical_thinking", status) in [(skill, s) for skill, s, _ in gaps]


def test_a_certification_names_the_gap_it_closes_in_whole_points(catalog: Catalog) -> None:
    roles = match_roles(
        [_Scored("critical_thinking", 90.0, 2.0), _Scored("data_analysis", 39.3, 4.0)], catalog
    )
    course = next(c for c in suggest_certifications(roles, catalog) if c.id == "course")
    assert course.reason == (
        "Leads towards Analyst and develops data analysis, where you are 21 points short "
        "of the 60 Analyst needs."
    )


def _helper_only(apprentice_serves: str) -> Catalog:
    """The test catalog with the Helper role alone and the apprenticeship re-aimed."""
    text = CATALOG
    for start, end in (("  - id: analyst", "  - id: helper"), ("  - id: course", "  - id: appr")):
        text = text[: text.index(start)] + text[text.index(end) :]
    old = "    roles: [helper]\n    skills: [critical_thinking]\n"
    return parse_catalog(text.replace(old, apprentice_serves))


def test_the_entry_route_is_suggested_when_the_best_fit_is_low() -> None:
    catalog = _helper_only("    skills: [data_analysis]\n")
    strong_da: dict[str, Answer] = {
        "da-self-01": 5,
        "da-multi-01": ["Waiting", "Overproduction"],
        "da-scn-01": "Line C",
    }
    result = assess(asked_items(), strong_da, catalog)  # critical thinking all skipped: 0
    assert [(r.role, r.fit) for r in result.roles] == [("helper", 50.0)]
    assert [(c.id, c.reason) for c in result.certifications] == [
        (
            "apprentice",
            "Your best fit, Helper, is only 50%; an apprenticeship builds data analysis "
            "through paid work with structured learning over 12-24 months.",
        )
    ]


def test_the_entry_route_is_suggested_when_the_top_role_is_an_entry_role() -> None:
    catalog = _helper_only("    skills: [data_analysis]\n")
    result = assess(
        asked_items(),
        {**ANSWERS, "ct-scn-01": "Check recent code changes and system load"},
        catalog,
    )
    assert result.roles[0].fit == 100
    assert [c.reason for c in result.certifications] == [
        "Helper is an entry role; an apprenticeship builds data analysis through paid work "
        "with structured learning over 12-24 months."
    ]


def test_no_entry_route_for_a_strong_fit_to_a_role_that_is_not_entry() -> None:
    no_entry_roles = CATALOG.replace("    entry: true\n", "")
    old = "    roles: [helper]\n    skills: [critical_thinking]\n"
    catalog = parse_catalog(no_entry_roles.replace(old, "    skills: [data_analysis]\n"))
    perfect: dict[str, Answer] = {
        **ANSWERS,
        "ct-scn-01": "Check recent code changes and system load",
        "ct-ord-01": ["Reproduce", "Isolate", "Fix", "Verify"],
        "ct-self-01": 5,
        "ct-self-02": 1,
        "da-multi-01": ["Waiting", "Overproduction"],
        "da-scn-01": "Line C",
    }
    result = assess(asked_items(), perfect, catalog)
    assert result.roles[0].fit == 100 and not result.roles[0].entry
    assert [c.id for c in result.certifications] == ["course"]

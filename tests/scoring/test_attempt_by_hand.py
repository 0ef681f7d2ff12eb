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
)
from scoring.matching import gap_status
from scoring.models import Answer

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
    min_experience_years: 2
    trains_others: true
    description: Analyzes.
    responsibilities: [Analyze, Train staff]
    salary: {average: 50000, note: "Varies with experience, location and company."}
    entry_requirements: [Experience]
    not_measured: [Spreadsheet tools]
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
    name: Assessing award
    provider: A college
    type: course
    description: For people who assess others.
    focus: [Assessment]
    roles: [analyst]
    skills: [critical_thinking]
    assessing: true
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
    "ct-scn-01": "Check recent code changes and system load",  # 1
    "ct-num-01": 4.04,  # within 0.05: 1
    "ct-ord-01": ["Isolate", "Fix", "Reproduce", "Verify"],  # 2 of 6 pairs out: tau 1/3
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


@pytest.fixture
def catalog() -> Catalog:
    return parse_catalog(CATALOG)


@pytest.fixture
def result(catalog: Catalog) -> Assessment:
    return assess(asked_items(), ANSWERS, catalog)


def test_experience_not_given_is_said_once_and_nothing_else_is_warned(
    result: Assessment,
) -> None:
    assert result.warnings == [
        "You did not give your years of experience, so roles are ordered as for someone "
        "with none; if you have experience, run again with --experience."
    ]


def test_responses_keep_the_asked_order_with_answer_keyed_and_credit(
    result: Assessment,
) -> None:
    assert [r.question_id for r in result.responses] == [a.item.id for a in asked_items()]
    by_id = {r.question_id: r for r in result.responses}
    assert by_id["ct-ord-01"].credit == pytest.approx(1 / 3)
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
    only = result.skills[0]
    assert (only.self_rated, only.score, only.level) == (100.0, None, None)
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


def test_the_score_is_what_was_shown_and_self_ratings_stand_beside_it(
    result: Assessment,
) -> None:
    ct = result.skills[0]
    shown = (1 + 1 + 1 / 3) / 3  # 0.7778: the self-ratings (75) are not in it
    assert ct.skill == "critical_thinking"
    assert (ct.self_rated, ct.score) == (75.0, round(100 * shown, 1)) == (75.0, 77.8)
    smoothed = (3 * shown + 1) / (3 + 2)  # one more right, one more wrong: 0.6667
    assert ct.standard_error == round(100 * math.sqrt(smoothed * (1 - smoothed) / 3), 1)
    assert ct.standard_error == 27.2
    assert ct.level == "Proficient"
    assert (ct.asked, ct.answered, ct.self_ratings_answered, ct.demonstrated_answered) == (
        5,
        5,
        2,
        3,
    )


def test_a_quick_quiz_is_too_few_items_to_compare(result: Assessment) -> None:
    ct, da = result.skills
    assert ct.calibration is None
    assert ct.calibration_note == (
        "Too few items to compare your self-rating with your performance (2 self-ratings "
        "and 3 practical questions answered; at least 3 and 4 are needed, as a standard or "
        "full quiz asks)."
    )
    assert da.calibration is None
    assert da.calibration_note is not None
    assert "(1 self-rating and 1 practical question answered;" in da.calibration_note


def test_a_skip_counts_as_no_credit_but_one_answer_makes_the_skill_measured(
    result: Assessment,
) -> None:
    da = result.skills[1]
    assert (da.self_rated, da.score, da.level) == (100.0, 0.0, "Developing")
    # all wrong is still uncertain on two questions: p = (0 + 1) / (2 + 2), sqrt(p(1-p)/2)
    assert da.standard_error == 30.6
    assert (da.asked, da.answered) == (3, 2)


def test_no_demonstrated_answer_means_not_measured_whatever_the_self_rating(
    catalog: Catalog,
) -> None:
    answers = {"da-self-01": 5, "da-multi-01": None, "da-scn-01": None}
    da = assess(asked_items(), {**ANSWERS, **answers}, catalog).skills[1]
    assert (da.self_rated, da.score, da.standard_error, da.level) == (100.0, None, None, None)


def test_roles_open_now_come_first_with_statuses_judged_with_the_error(
    result: Assessment,
) -> None:
    helper, analyst = result.roles
    assert (helper.role, helper.open_now, helper.missing_years, helper.fit) == (
        "helper",
        True,
        0.0,
        50.0,  # 100 x (1 x min(1, 77.8/50) + 1 x 0/30) / 2
    )
    # critical thinking 77.8 - 27.2 = 50.6 >= 50: met; data analysis 0 + 30.6 >= 30: borderline
    assert [(g.skill, g.status, g.score, g.standard_error) for g in helper.gaps] == [
        ("data_analysis", "borderline", 0.0, 30.6),
        ("critical_thinking", "met", 77.8, 27.2),
    ]
    assert (analyst.open_now, analyst.missing_years, analyst.not_measured) == (
        False,
        2.0,
        ["Spreadsheet tools"],
    )
    # 100 x (3 x 77.78/80 + 1 x 0/60) / 4
    assert analyst.fit == 72.9
    assert [(g.skill, g.status, g.gap) for g in analyst.gaps] == [
        ("data_analysis", "to build", 60.0),  # 0 + 30.6 < 60
        ("critical_thinking", "borderline", 2.2),  # 77.8 - 27.2 < 80 <= 77.8 + 27.2
    ]
    assert analyst.salary.average == 50000


def test_certifications_say_a_true_reason(result: Assessment) -> None:
    assert [(c.id, c.reason) for c in result.certifications] == [
        (
            "course",
            "Analyst, one of your closest roles, includes training staff, and your critical "
            "thinking (78) is at Proficient or above: this award is for people who assess "
            "others' practical work.",
        ),
        (
            "apprentice",
            "You did not give your years of hands-on experience; if you have little or "
            "none, an apprenticeship offers paid work with structured learning over 12-24 "
            "months.",
        ),
    ]


def test_next_steps_start_with_the_entry_route_then_the_top_roles_shortfalls(
    result: Assessment,
) -> None:
    assert result.next_steps == [
        "Helper is an entry role: it asks for a school certificate.",
        "Data analysis (Developing): Work out units per hour for a week of output.",
        "Critical thinking (Proficient): Lead a root-cause review.",
    ]


def test_skills_not_assessed_count_as_not_yet_shown(catalog: Catalog) -> None:
    only_ct = [a for a in asked_items() if a.skill.id == "critical_thinking"]
    result = assess(only_ct, ANSWERS, catalog, experience_years=5)
    assert result.warnings == [
        "Data analysis was not assessed; they count as not yet shown, so role fits are lower "
        "than a full quiz might give."
    ]
    analyst = next(r for r in result.roles if r.role == "analyst")
    # critical thinking (weight 3) as shown; data analysis (weight 1) adds nothing
    assert analyst.fit == round(100 * (3 * 77.778 / 80) / (3 + 1), 1) == 72.9
    assert analyst.measured == 1
    missing = next(g for g in analyst.gaps if g.skill == "data_analysis")
    assert (missing.status, missing.score) == ("not assessed", None)
    assert analyst.gaps[-1] is missing
    assert result.next_steps[-1] == "Take the quiz on Data analysis to see how they stand."


@dataclass(frozen=True)
class _Scored:
    skill: str
    score: float | None
    standard_error: float | None


def _analyst_gaps(catalog: Catalog, *scores: _Scored) -> list[tuple[str, str, float]]:
    analyst = next(r for r in match_roles(list(scores), catalog) if r.role == "analyst")
    return [(g.skill, g.status, g.gap) for g in analyst.gaps]


# Requirement 80 with a standard error of 10: met from 90 (80 + one SE), to build below 70
# (80 - one SE), borderline between.
@pytest.mark.parametrize(
    ("score", "status"),
    [
        (90.1, "met"),
        (90.0, "met"),
        (89.9, "borderline"),
        (80.0, "borderline"),
        (70.1, "borderline"),
        (70.0, "borderline"),
        (69.9, "to build"),
    ],
)
def test_status_boundaries_are_exactly_one_standard_error_either_side(
    catalog: Catalog, score: float, status: str
) -> None:
    assert gap_status(score, 80.0, 10.0) == status
    gaps = _analyst_gaps(
        catalog, _Scored("critical_thinking", score, 10.0), _Scored("data_analysis", 60.0, 0.0)
    )
    assert ("critical_thinking", status) in [(skill, s) for skill, s, _ in gaps]


def test_with_no_error_the_requirement_itself_is_the_boundary() -> None:
    assert [gap_status(s, 50.0, None) for s in (49.9, 50.0)] == ["to build", "met"]


def test_gaps_are_ordered_to_build_first_then_by_importance_times_gap(catalog: Catalog) -> None:
    # Analyst: critical thinking 80 at importance 3, data analysis 60 at importance 1.
    gaps = _analyst_gaps(
        catalog,
        _Scored("critical_thinking", 70.0, 0.0),  # 10 short x 3 = 30
        _Scored("data_analysis", 40.0, 0.0),  # 20 short x 1 = 20
    )
    assert gaps == [("critical_thinking", "to build", 10.0), ("data_analysis", "to build", 20.0)]
    mixed = _analyst_gaps(
        catalog,
        _Scored("critical_thinking", 75.0, 10.0),  # borderline, 5 short x 3 = 15
        _Scored("data_analysis", 55.0, 1.0),  # to build, 5 short x 1 = 5
    )
    assert mixed == [("data_analysis", "to build", 5.0), ("critical_thinking", "borderline", 5.0)]


def _calibrated(catalog: Catalog, ratings: int, shown: int, rating: int, credit: float) -> str:
    """The note for ``ratings`` self-ratings all at ``rating`` and ``shown`` choice items
    all answered for ``credit``."""
    lines = ["schema: 1", "skill: {id: data_analysis, name: Data analysis}", "questions:"]
    lines += [
        f"  - {{id: s{i}, type: likert, text: I am good at this {i}.}}" for i in range(ratings)
    ]
    for i in range(shown):
        lines += [
            f"  - id: c{i}",
            "    type: choice",
            f"    text: Pick {i}.",
            f"    options: [{{text: A, credit: 1}}, {{text: B, credit: {credit}}}]",
        ]
    bank = parse_bank("\n".join(lines) + "\n").bank
    asked = [AskedItem(bank.skill, item) for item in bank.questions]
    answers: dict[str, Answer] = {f"s{i}": rating for i in range(ratings)}
    answers.update({f"c{i}": "B" for i in range(shown)})
    note = assess(asked, answers, catalog).skills[0].calibration_note
    assert note is not None
    return note


@pytest.mark.parametrize(("ratings", "shown"), [(2, 4), (3, 3), (1, 9), (9, 1)])
def test_calibration_needs_three_self_ratings_and_four_practical_questions(
    catalog: Catalog, ratings: int, shown: int
) -> None:
    note = _calibrated(catalog, ratings, shown, 5, 0.5)
    assert note.startswith("Too few items to compare your self-rating with your performance")


def test_calibration_at_the_threshold_says_what_it_found(catalog: Catalog) -> None:
    note = _calibrated(catalog, 3, 4, 5, 0.5)  # self 100 against a score of 50
    assert note == (
        "You rate yourself higher than you performed (50 points above your demonstrated "
        "score); check your view against real results before relying on it."
    )
    assert _calibrated(catalog, 3, 4, 4, 0.75) == (
        "Your self-rating is in line with how you performed."
    )


@pytest.mark.parametrize(
    ("credit", "ending"),
    [
        (0.5, "your results are a fairer guide to where you stand than your self-doubt."),
        (0.59, "your results are a fairer guide to where you stand than your self-doubt."),
        (0.6, "you can be more confident in this skill."),
    ],
)
def test_only_proficient_or_above_is_told_to_be_more_confident(
    catalog: Catalog, credit: float, ending: str
) -> None:
    # Strongly disagree (0) against a Foundational 50, 59 or a Proficient 60.
    note = _calibrated(catalog, 3, 4, 1, credit)
    assert note.startswith("You performed better than you rate yourself (")
    assert note.endswith(ending)


@pytest.mark.parametrize(
    ("credit", "calibration", "note"),
    [
        (0.95, -20.0, "You performed better than you rate yourself (20 points above"),
        (0.949, -19.9, "Your self-rating is in line"),
        (0.55, 20.0, "You rate yourself higher than you performed (20 points above"),
        (0.551, 19.9, "Your self-rating is in line"),
    ],
)
def test_calibration_of_exactly_20_points_either_way_gets_a_sentence(
    catalog: Catalog, credit: float, calibration: float, note: str
) -> None:
    assert _calibrated(catalog, 3, 4, 4, credit).startswith(note)

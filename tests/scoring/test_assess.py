"""A whole attempt through scoring: levels on O*NET's scale, roles, suggestions, warnings."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from typing import Any

import pytest

from questions import load_banks, parse_bank
from questions.answers import keyed_answer
from questions.models import LikertItem
from questions.record import replace, to_data
from questions.record_schema import validate
from scoring import RULES_VERSION, AskedItem, Assessment, ModelInfo, assess, builtin_catalog
from scoring.irt import estimate_level
from scoring.models import Answer
from scoring.response_models import params_from_label

CATALOG = builtin_catalog()


def every_item() -> list[AskedItem]:
    """Every question of the built-in banks, as a full quiz asks them."""
    return [
        AskedItem(loaded.skill, item)
        for loaded in load_banks().banks
        for item in loaded.bank.questions
    ]


def all_right(asked: list[AskedItem]) -> dict[str, Answer]:
    """Every demonstrated item answered as keyed, every self-rating 'Agree'."""
    return {a.item.id: 4 if isinstance(a.item, LikertItem) else keyed_answer(a.item) for a in asked}


def ranked(result: Assessment) -> list[tuple[object, ...]]:
    return [
        (r.role, r.open_now, r.missing_years, r.met, r.borderline, r.to_build, r.not_assessed)
        for r in result.roles
    ]


def test_every_item_right_with_6_years_shows_qa_manager_first() -> None:
    asked = every_item()
    result = assess(asked, all_right(asked), experience_years=6)
    assert ranked(result) == [
        ("qa_manager", True, 0, 5, 0, 0, 0),
        ("qa_analyst", True, 0, 5, 0, 0, 0),
        ("manufacturing_technician", True, 0, 5, 0, 0, 0),
        ("production_technician", True, 0, 5, 0, 0, 0),
        ("assembly_technician", True, 0, 5, 0, 0, 0),
    ]
    assert [c.id for c in result.certifications] == ["cg_level3_assessing"]
    assert {s.band for s in result.skills} == {"Advanced"}
    assert [(s.answered, s.skipped) for s in result.skills] == [
        (sum(1 for a in asked if a.skill.id == s.skill and not isinstance(a.item, LikertItem)), 0)
        for s in result.skills
    ]
    for s in result.skills:  # the SD to two decimals, the rest to one
        assert s.level_sd is not None and s.level is not None and s.interval is not None
        assert (round(s.level_sd, 2), round(s.level, 1)) == (s.level_sd, s.level)
        assert s.interval == (round(s.interval[0], 1), round(s.interval[1], 1))
    assert any(s.level_sd != round(s.level_sd or 0, 1) for s in result.skills)
    assert not any("entry role" in step for step in result.next_steps)


def test_every_item_right_with_0_years_shows_an_entry_role_first_then_years_to_go() -> None:
    asked = every_item()
    result = assess(asked, all_right(asked), experience_years=0)
    assert ranked(result) == [
        ("production_technician", True, 0, 5, 0, 0, 0),
        ("assembly_technician", True, 0, 5, 0, 0, 0),
        ("qa_analyst", False, 1, 5, 0, 0, 0),
        ("manufacturing_technician", False, 2, 5, 0, 0, 0),
        ("qa_manager", False, 4, 5, 0, 0, 0),
    ]
    assert [c.id for c in result.certifications] == ["technical_apprenticeship"]
    assert result.next_steps[0] == (
        "Production Technician is an entry role: it asks for a high-school diploma and "
        "on-the-job training."
    )


@pytest.mark.parametrize("experience", [None, 0, 0.5, 1, 1.5])
def test_never_the_assessing_award_below_2_years(experience: float | None) -> None:
    asked = every_item()
    result = assess(asked, all_right(asked), experience_years=experience)
    assert "cg_level3_assessing" not in [c.id for c in result.certifications]


def keys(value: Any) -> Iterator[str]:
    if isinstance(value, dict):
        for key, inner in value.items():
            yield key
            yield from keys(inner)
    elif isinstance(value, list):
        for inner in value:
            yield from keys(inner)


def strings(value: Any) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for inner in value.values():
            yield from strings(inner)
    elif isinstance(value, list):
        for inner in value:
            yield from strings(inner)


@pytest.mark.parametrize("experience", [None, 0, 6])
def test_no_fit_anywhere_in_the_assessment_json(experience: int | None) -> None:
    asked = every_item()
    data = json.loads(
        json.dumps(to_data(assess(asked, all_right(asked), experience_years=experience)))
    )
    assert "fit" not in set(keys(data))
    del data["responses"]  # the questions' own words, not what scoring says
    said = [text for text in strings(data) if re.search(r"\bfit\b", text, re.IGNORECASE)]
    assert said == []


def test_the_assessment_json_carries_schema_3s_fields() -> None:
    asked = every_item()
    data = to_data(assess(asked, all_right(asked), experience_years=2))
    assert data["model"] == {"name": "GPCM", "calibrated": False, "parameter_set": None}
    assert set(data["skills"][0]) == {
        "skill", "name", "self_rated", "level", "level_sd", "interval", "band", "answered",
        "skipped", "self_ratings_answered", "calibration", "calibration_note", "anchor",
    }  # fmt: skip
    assert set(data["roles"][0]) == {
        "role", "name", "onet_code", "job_zone", "open_now", "min_experience_years",
        "missing_years", "not_measured", "salary", "entry", "met", "borderline", "to_build",
        "not_assessed", "p_meets_all", "gaps", "entry_requirements",
    }  # fmt: skip
    assert set(data["roles"][0]["gaps"][0]) == {
        "skill", "name", "required_level", "level", "p_meets", "status", "importance",
    }  # fmt: skip
    assert validate(Assessment, data) == assess(asked, all_right(asked), experience_years=2)


def test_the_rules_version_is_4() -> None:
    assert RULES_VERSION == "4"


BANK = """\
schema: 1
skill: {id: critical_thinking, name: Critical thinking}
questions:
  - {id: ct-self-01, type: likert, text: I look for the root cause of a fault.}
  - {id: ct-self-02, type: likert, text: I fix the symptom and move on., reverse: true}
  - {id: ct-self-03, type: likert, text: I test my explanation before I act on it.}
  - id: ct-scn-01
    type: choice
    text: An application lags. What first?
    level: 3.0
    options:
      - {text: Check recent code changes and system load, credit: 1}
      - {text: Restart the server, credit: 0.5}
      - {text: Buy a faster server, credit: 0}
  - {id: ct-num-01, type: numeric, text: Defect rate in percent?, answer: 4, tolerance: 0.05,
     level: 3.5}
  - id: ct-ord-01
    type: order
    text: Troubleshooting steps, in order.
    level: 4.0
    items: [Reproduce, Isolate, Fix, Verify]
  - {id: ct-num-02, type: numeric, text: Units an hour?, answer: 150, tolerance: 0, level: 4.5}
  - {id: ct-num-03, type: numeric, text: Scrap in percent?, answer: 2, tolerance: 0, level: 5.0}
"""


def bank_items() -> list[AskedItem]:
    bank = parse_bank(BANK).bank
    return [AskedItem(bank.skill, item) for item in bank.questions]


ANSWERS: dict[str, Answer] = {
    "ct-self-01": 5,
    "ct-self-02": 1,  # Strongly disagree on a reverse item: 5 once flipped
    "ct-self-03": 5,
    "ct-scn-01": "Check recent code changes and system load",  # 1
    "ct-num-01": 4.04,  # within 0.05: 1
    "ct-ord-01": ["Isolate", "Fix", "Reproduce", "Verify"],  # tau 1/3
    "ct-num-02": 140,  # 0
    # ct-num-03 skipped
}


def test_a_skill_as_a_level_its_interval_band_counts_and_self_rating_apart() -> None:
    asked = bank_items()
    # Strongly disagree with the two positive statements, strongly agree with the reverse.
    humble: dict[str, Answer] = {**ANSWERS, "ct-self-01": 1, "ct-self-02": 5, "ct-self-03": 1}
    (skill,) = assess(asked, humble, CATALOG, 3).skills
    evidence = [
        (a.item, credit)
        for a, credit in zip(asked, (None, None, None, 1.0, 1.0, 1 / 3, 0.0, None), strict=True)
        if not isinstance(a.item, LikertItem)
    ]
    estimate = estimate_level(evidence)
    assert estimate is not None
    level = round(estimate.mean, 1)
    low, high = round(estimate.low, 1), round(estimate.high, 1)
    assert low > 1.0  # the note's premise: the self-rating lies below the interval
    ending = (
        "you can be more confident in this skill."
        if CATALOG.scoring.reaches(level, "Proficient")
        else "your results are a fairer guide to where you stand than your self-doubt."
    )
    assert to_data(skill) == {
        "skill": "critical_thinking",
        "name": "Critical thinking",
        "self_rated": 1.0,
        "level": level,
        "level_sd": round(estimate.sd, 2),
        "interval": [low, high],
        "band": CATALOG.scoring.band_for(level),
        "answered": 4,
        "skipped": 1,
        "self_ratings_answered": 3,
        "calibration": round(1.0 - level, 1),
        "calibration_note": (
            "You showed more than you rate yourself: your self-ratings average 1.0 of 5, "
            f"read as level 1.0 of 7, and your 90% interval is {low:.1f}-{high:.1f}; {ending}"
        ),
        "anchor": to_data(CATALOG.anchor("critical_thinking", level)),
    }


def test_a_skipped_item_carries_no_evidence() -> None:
    asked = bank_items()
    answered_only = [a for a in asked if a.item.id != "ct-num-03"]
    with_skip = assess(asked, ANSWERS, CATALOG, 3).skills[0]
    without = assess(answered_only, ANSWERS, CATALOG, 3).skills[0]
    assert (with_skip.level, with_skip.level_sd, with_skip.interval) == (
        without.level,
        without.level_sd,
        without.interval,
    )
    assert (with_skip.answered, with_skip.skipped, without.skipped) == (4, 1, 0)


def test_one_answer_and_the_rest_skipped_is_a_wide_interval_not_a_low_level() -> None:
    asked = bank_items()
    (skill,) = assess(asked, {"ct-scn-01": "Check recent code changes and system load"}).skills
    assert (skill.answered, skill.skipped) == (1, 4)
    assert skill.level is not None and skill.level > 3.5  # above the prior's middle
    assert skill.interval is not None and skill.interval[1] - skill.interval[0] > 3


def test_every_item_skipped_is_not_measured_never_a_level() -> None:
    asked = bank_items()
    result = assess(asked, {}, CATALOG, 3)
    (skill,) = result.skills
    assert to_data(skill) == {
        "skill": "critical_thinking",
        "name": "Critical thinking",
        "self_rated": None,
        "level": None,
        "level_sd": None,
        "interval": None,
        "band": None,
        "answered": 0,
        "skipped": 5,
        "self_ratings_answered": 0,
        "calibration": None,
        "calibration_note": None,
        "anchor": None,
    }
    assert result.roles == [] and result.certifications == []
    assert result.warnings == [
        "Every question on Critical thinking was skipped, so it is not measured.",
        "No practical question of a skill the roles need was answered, so nothing was "
        "measured to match roles on and no roles or certifications are suggested.",
    ]


def test_self_ratings_alone_do_not_measure_a_skill() -> None:
    (skill,) = assess(bank_items(), {"ct-self-01": 5}, CATALOG).skills
    assert (skill.level, skill.self_rated, skill.band) == (None, 5.0, None)
    assert skill.calibration_note == (
        "Too few items to compare your self-rating with your level (1 self-rating and 0 "
        "practical questions answered; at least 3 and 4 are needed, as a standard or full "
        "quiz asks)."
    )


def test_a_skill_not_measured_makes_its_requirements_not_assessed_and_says_so() -> None:
    result = assess(bank_items(), ANSWERS, CATALOG, 3)
    assert {r.not_assessed for r in result.roles} == {4}
    assert {r.p_meets_all for r in result.roles} == {None}
    assert result.warnings == [
        "Data analysis, Attention to detail, Empathy and Research were not measured, so the "
        "roles' requirements in them are not assessed and no role can be said to be met in "
        "full."
    ]
    assert result.next_steps[-1] == (
        "Take the quiz on Data analysis, Attention to detail, Empathy and Research to see how "
        "they stand."
    )


def test_one_skill_not_measured_is_named_in_the_singular() -> None:
    asked = [a for a in every_item() if a.skill.id != "empathy"]
    result = assess(asked, all_right(asked), experience_years=6)
    assert result.warnings[-1] == (
        "Empathy was not measured, so the roles' requirements in it are not assessed and no "
        "role can be said to be met in full."
    )
    assert [(r.role, r.met, r.not_assessed) for r in result.roles][:1] == [("qa_manager", 4, 1)]


def test_experience_not_given_is_said_once() -> None:
    asked = every_item()
    result = assess(asked, all_right(asked))
    assert (
        result.warnings.count(
            "You did not give your years of experience, so roles are ordered as for someone "
            "with none; if you have experience, run again with --experience."
        )
        == 1
    )


def test_calibrated_parameters_are_used_and_named() -> None:
    asked = bank_items()
    numeric = next(a.item for a in asked if a.item.id == "ct-num-02")
    params = {"ct-num-02": params_from_label(replace(numeric, level=1.0))}
    plain = assess(asked, ANSWERS, CATALOG, 3)
    calibrated = assess(asked, ANSWERS, CATALOG, 3, params=params, parameter_set="set-7")
    assert calibrated.model == ModelInfo(name="GPCM", calibrated=True, parameter_set="set-7")
    assert plain.model == ModelInfo(name="GPCM", calibrated=False, parameter_set=None)
    # Wrong on an item calibrated as easy says more against the person than on a hard one.
    assert calibrated.skills[0].level is not None and plain.skills[0].level is not None
    assert calibrated.skills[0].level < plain.skills[0].level


SELF_BANK = """\
schema: 1
skill: {id: empathy, name: Empathy}
questions:
  - {id: em-self-01, type: likert, text: I ask users what confused them.}
  - {id: em-self-02, type: likert, text: I watch how people use what I test.}
  - {id: em-self-03, type: likert, text: I picture who will use a product.}
  - {id: em-self-04, type: likert, text: I notice when a coworker is frustrated.}
  - {id: em-self-05, type: likert, text: Other people's reactions rarely concern me., reverse: true}
  - id: em-scn-01
    type: choice
    text: A trainee goes quiet. What first?
    options:
      - {text: Ask what is unclear, credit: 1}
      - {text: Carry on, credit: 0}
"""


def self_items(reverse_asked: bool) -> list[AskedItem]:
    bank = parse_bank(SELF_BANK).bank
    return [
        AskedItem(bank.skill, item)
        for item in bank.questions
        if reverse_asked or item.id != "em-self-05"
    ]


def test_four_honest_agrees_with_positive_statements_are_not_straight_lining() -> None:
    answers: dict[str, Answer] = {f"em-self-0{n}": 4 for n in range(1, 6)}
    warnings = assess(self_items(reverse_asked=False), answers, CATALOG, 2).warnings
    assert not any("self-ratings were" in warning for warning in warnings)


def test_one_answer_to_every_self_rating_with_a_reverse_one_among_them_is_flagged() -> None:
    answers: dict[str, Answer] = {f"em-self-0{n}": 4 for n in range(1, 6)}
    warnings = assess(self_items(reverse_asked=True), answers, CATALOG, 2).warnings
    assert warnings[0] == (
        "All 5 self-ratings were 'Agree', though some are worded the other way round, which "
        "suggests answering without reading; the self-ratings for Empathy are unreliable."
    )


def test_four_alike_with_a_reverse_one_among_them_are_enough() -> None:
    answers: dict[str, Answer] = {"em-self-01": 2, "em-self-02": 2, "em-self-03": 2}
    answers["em-self-05"] = 2
    warnings = assess(self_items(reverse_asked=True), answers, CATALOG, 2).warnings
    assert warnings[0] == (
        "All 4 self-ratings were 'Disagree', though some are worded the other way round, "
        "which suggests answering without reading; the self-ratings for Empathy are "
        "unreliable."
    )


def test_a_reverse_statement_skipped_does_not_count() -> None:
    answers: dict[str, Answer] = {f"em-self-0{n}": 4 for n in range(1, 5)}
    warnings = assess(self_items(reverse_asked=True), answers, CATALOG, 2).warnings
    assert not any("self-ratings were" in warning for warning in warnings)


def test_three_alike_with_a_reverse_one_are_too_few_to_call_straight_lining() -> None:
    answers: dict[str, Answer] = {"em-self-01": 4, "em-self-02": 4, "em-self-05": 4}
    warnings = assess(self_items(reverse_asked=True), answers, CATALOG, 2).warnings
    assert not any("self-ratings were" in warning for warning in warnings)


def test_responses_keep_the_asked_order_with_answer_keyed_and_credit() -> None:
    result = assess(bank_items(), ANSWERS, CATALOG, 3)
    assert [(r.question_id, r.answer, r.credit) for r in result.responses] == [
        ("ct-self-01", 5, 1.0),
        ("ct-self-02", 1, 1.0),
        ("ct-self-03", 5, 1.0),
        ("ct-scn-01", "Check recent code changes and system load", 1.0),
        ("ct-num-01", 4.04, 1.0),
        ("ct-ord-01", ["Isolate", "Fix", "Reproduce", "Verify"], pytest.approx(1 / 3)),
        ("ct-num-02", 140, 0.0),
        ("ct-num-03", None, 0.0),
    ]


def test_a_stored_answer_that_no_longer_fits_counts_as_skipped_with_a_warning() -> None:
    answers = {**ANSWERS, "ct-scn-01": "Reboot everything"}
    result = assess(bank_items(), answers, CATALOG, 3)
    assert result.warnings[0] == (
        "question ct-scn-01: 'Reboot everything' is not one of the options; counted as skipped"
    )
    assert (result.responses[3].answer, result.skills[0].answered) == (None, 3)
    assert result.skills[0].skipped == 2


def test_three_self_ratings_and_three_answers_are_too_few_to_compare() -> None:
    answers = {k: v for k, v in ANSWERS.items() if k != "ct-num-01"}
    (skill,) = assess(bank_items(), answers, CATALOG, 3).skills
    assert (skill.answered, skill.self_ratings_answered, skill.calibration) == (3, 3, None)
    assert skill.calibration_note == (
        "Too few items to compare your self-rating with your level (3 self-ratings and 3 "
        "practical questions answered; at least 3 and 4 are needed, as a standard or full "
        "quiz asks)."
    )


def test_a_response_keeps_its_exhibit_and_explanation() -> None:
    bank = parse_bank(
        "schema: 1\nskill: {id: alpha, name: Alpha}\nquestions:\n"
        "  - id: q\n    type: choice\n    text: Pick.\n"
        "    exhibit: |\n      Line 1\n    explanation: Because.\n"
        "    options: [{text: A, credit: 1}, {text: B, credit: 0}]\n"
    ).bank
    asked = [AskedItem(bank.skill, item) for item in bank.questions]
    result = assess(asked, {"q": "B"}, CATALOG)
    (response,) = result.responses
    assert (response.exhibit, response.explanation, response.keyed, response.credit) == (
        "Line 1",
        "Because.",
        "A",
        0.0,
    )
    # A trainer's bank on a skill no role needs: measured, but no roles are suggested.
    assert (result.roles, result.certifications, result.sources) == ([], [], [])
    assert result.warnings == [
        "None of the skills assessed are ones the roles are matched on, so no roles or "
        "certifications are suggested."
    ]
    assert result.skills[0].level is not None


def test_a_large_numeric_answer_absorbs_binary_rounding_in_proportion() -> None:
    from scoring import grade

    bank = parse_bank(
        "schema: 1\nskill: {id: alpha, name: Alpha}\nquestions:\n"
        "  - {id: big, type: numeric, text: How many?, answer: 1000000, tolerance: 0}\n"
    ).bank
    (item,) = bank.questions
    assert grade(item, 1000000.0005) == 1.0  # within 1e-9 of a million
    assert grade(item, 1000000.01) == 0.0


def test_sources_credit_onet_and_bls_when_roles_are_shown() -> None:
    asked = every_item()
    assert assess(asked, all_right(asked), experience_years=1).sources == CATALOG.sources


def test_score_skills_gives_each_skills_posterior_and_result() -> None:
    from scoring import score_skills

    (scored,) = score_skills(bank_items(), ANSWERS, CATALOG)
    assert scored.estimate is not None
    assert (scored.skill, scored.name, scored.result.level) == (
        "critical_thinking",
        "Critical thinking",
        round(scored.estimate.mean, 1),
    )
    assert scored.result == assess(bank_items(), ANSWERS, CATALOG).skills[0]
    item = next(a.item for a in bank_items() if a.item.id == "ct-num-02")
    params = {"ct-num-02": params_from_label(replace(item, level=1.0))}
    (calibrated,) = score_skills(bank_items(), ANSWERS, CATALOG, params)
    assert calibrated.result.level is not None and scored.result.level is not None
    assert calibrated.result.level < scored.result.level

"""Hand-worked decisions: role order with and without experience, the experience still
missing, fits at their edges, and each suggestion's reason at the edge where it starts."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from scoring import (
    AskedItem,
    Catalog,
    assess,
    match_roles,
    parse_catalog,
    suggest_certifications,
)
from scoring.models import Answer, RoleMatch

NEXT = """\
    next_steps:
      Developing: [Practise.]
      Foundational: [Practise more.]
      Proficient: [Lead.]
      Advanced: [Coach.]
"""


def role(
    role_id: str,
    needs: dict[str, float],
    *,
    salary: int = 40000,
    entry: bool = False,
    years: float = 0,
    trains: bool = False,
) -> str:
    skills = "".join(
        f"      {skill}: {{required: {required}, importance: 2}}\n"
        for skill, required in needs.items()
    )
    return (
        f"  - id: {role_id}\n    name: {role_id.capitalize()}\n"
        f"    entry: {str(entry).lower()}\n    min_experience_years: {years}\n"
        f"    trains_others: {str(trains).lower()}\n"
        f"    description: A role.\n    responsibilities: [Work]\n"
        f"    salary: {{average: {salary}, note: 'Varies with experience and place.'}}\n"
        f"    entry_requirements: [School]\n    not_measured: [Tools]\n"
        f"    skills:\n{skills}"
    )


CERTIFICATIONS = """\
certifications:
  - id: assessing
    name: Assessing award
    provider: A college
    type: certificate
    description: For assessors.
    focus: [Assessing]
    skills: [alpha, beta]
    assessing: true
  - id: apprenticeship
    name: Apprenticeship
    provider: An employer
    type: apprenticeship
    duration: 12-24 months
    description: Paid learning.
    focus: [Machines]
    skills: [alpha]
    entry_route: true
"""


def catalog(*roles: str, certifications: str = CERTIFICATIONS) -> Catalog:
    text = (
        "schema: 1\nskills:\n"
        f"  alpha:\n    name: Alpha\n{NEXT}"
        f"  beta:\n    name: Beta\n{NEXT}"
        f"  gamma:\n    name: Gamma\n{NEXT}"
        "roles:\n" + "".join(roles) + certifications
    )
    return parse_catalog(text)


@dataclass(frozen=True)
class Scored:
    skill: str
    score: float | None
    standard_error: float | None = 5.0


def order(matches: list[RoleMatch]) -> list[str]:
    return [match.role for match in matches]


def test_an_open_role_ranks_above_a_better_fitting_role_that_needs_years() -> None:
    roles = catalog(
        role("senior", {"alpha": 50}, years=2),
        role("junior", {"alpha": 80}, entry=True),
    )
    scores = [Scored("alpha", 60.0)]
    for experience in (None, 0, 1.5):
        matches = match_roles(scores, roles, experience)
        assert order(matches) == ["junior", "senior"]
        senior = matches[1]
        assert (senior.open_now, senior.min_experience_years) == (False, 2)
        assert senior.missing_years == 2 - (experience or 0)
        assert senior.fit == 100.0 and matches[0].fit == 75.0
    enough = match_roles(scores, roles, 2)
    assert order(enough) == ["senior", "junior"]
    assert [(m.open_now, m.missing_years) for m in enough] == [(True, 0), (True, 0)]
    assert order(match_roles(scores, roles, 7)) == ["senior", "junior"]


def test_equal_fits_go_to_the_closest_requirements_then_entry_roles_never_salary() -> None:
    # Both fit 50%: 25 of 50 is 25 short, 40 of 80 is 40 short.
    far = role("far", {"alpha": 80}, salary=90000, entry=True)
    near = role("near", {"alpha": 50}, salary=30000)
    scores_far = [Scored("alpha", 40.0)]
    scored = match_roles([Scored("alpha", 25.0)], catalog(far, near))
    assert [(m.role, m.fit) for m in scored] == [("near", 50.0), ("far", 31.2)]
    both_half = match_roles(
        [Scored("alpha", 25.0), Scored("beta", 40.0)],
        catalog(role("far", {"beta": 80}, salary=90000, entry=True), near),
    )
    assert [(m.role, m.fit) for m in both_half] == [("near", 50.0), ("far", 50.0)]
    # Same requirements and fit: the entry role first, whatever the salary or catalog order.
    rich = role("rich", {"alpha": 50}, salary=90000)
    modest = role("modest", {"alpha": 50}, salary=30000, entry=True)
    for roles in (catalog(rich, modest), catalog(modest, rich)):
        assert order(match_roles(scores_far, roles)) == ["modest", "rich"]
    # Nothing to tell them apart: catalog order, not salary.
    cheap = role("cheap", {"alpha": 50}, salary=30000)
    assert order(match_roles(scores_far, catalog(cheap, rich))) == ["cheap", "rich"]
    assert order(match_roles(scores_far, catalog(rich, cheap))) == ["rich", "cheap"]


def test_with_nothing_measured_the_lowest_requirements_come_first() -> None:
    roles = catalog(role("high", {"alpha": 80, "beta": 60}), role("low", {"alpha": 40}))
    matches = match_roles([], roles)
    assert [(m.role, m.fit, m.measured) for m in matches] == [("low", 0.0, 0), ("high", 0.0, 0)]
    partly = match_roles([Scored("alpha", 40.0)], roles)
    assert [(m.role, m.fit, m.measured) for m in partly] == [("low", 100.0, 1), ("high", 25.0, 1)]


def test_a_requirement_of_zero_is_met_by_any_score() -> None:
    roles = catalog(role("any", {"alpha": 0, "beta": 50}))
    (match,) = match_roles([Scored("alpha", 0.0, 0.0), Scored("beta", 25.0, 0.0)], roles)
    assert match.fit == 75.0
    assert [(g.skill, g.status, g.gap, g.standard_error) for g in match.gaps] == [
        ("beta", "to build", 25.0, 0.0),
        ("alpha", "met", 0.0, 0.0),
    ]


def test_gaps_equal_in_importance_times_gap_put_the_more_important_first() -> None:
    text = role("r", {"alpha": 60, "beta": 60}).replace(
        "beta: {required: 60, importance: 2}", "beta: {required: 70, importance: 4}"
    )
    text = text.replace(
        "alpha: {required: 60, importance: 2}", "alpha: {required: 60, importance: 1}"
    )
    (match,) = match_roles([Scored("alpha", 40.0, 0.0), Scored("beta", 60.0, 0.0)], catalog(text))
    # alpha: 1 x 20 = 20; beta: 4 x 10 = 40
    assert [(g.skill, g.gap, g.importance) for g in match.gaps] == [
        ("beta", 10.0, 4),
        ("alpha", 20.0, 1),
    ]
    (tied,) = match_roles([Scored("alpha", 20.0, 0.0), Scored("beta", 60.0, 0.0)], catalog(text))
    # alpha: 1 x 40 = 40; beta: 4 x 10 = 40: the more important first
    assert [g.skill for g in tied.gaps] == ["beta", "alpha"]


def test_the_assessing_award_needs_a_training_role_near_the_top_and_proficient_skills() -> None:
    trainer = role("trainer", {"alpha": 50, "beta": 50}, trains=True)
    roles = catalog(trainer, role("other", {"alpha": 90}))

    def reasons(alpha: float, beta: float, roles: Catalog = roles) -> dict[str, str]:
        scores = [Scored("alpha", alpha), Scored("beta", beta)]
        matches = match_roles(scores, roles, 5)
        return {c.id: c.reason for c in suggest_certifications(matches, scores, roles, 5)}

    assert reasons(60.0, 72.4) == {
        "assessing": "Trainer, one of your closest roles, includes training staff, and your "
        "alpha (60) and beta (72) are at Proficient or above: this award is for people who "
        "assess others' practical work."
    }
    assert reasons(59.9, 90.0) == {}
    assert reasons(90.0, 59.9) == {}
    far = catalog(
        role("a", {"alpha": 10}),
        role("b", {"alpha": 10}),
        role("c", {"alpha": 10}),
        role("trainer", {"alpha": 95, "beta": 95}, trains=True),
    )
    assert reasons(80.0, 80.0, far) == {}
    one_skill = CERTIFICATIONS.replace("skills: [alpha, beta]", "skills: [beta]")
    single = catalog(trainer, certifications=one_skill)
    assert reasons(10.0, 61.0, single) == {
        "assessing": "Trainer, one of your closest roles, includes training staff, and your "
        "beta (61) is at Proficient or above: this award is for people who assess others' "
        "practical work."
    }


def test_the_assessing_award_needs_every_skill_it_rests_on_measured() -> None:
    roles = catalog(role("trainer", {"alpha": 50, "beta": 50}, trains=True))
    scores = [Scored("alpha", 90.0), Scored("beta", None)]
    matches = match_roles(scores, roles, 5)
    assert [c.id for c in suggest_certifications(matches, scores, roles, 5)] == ["apprenticeship"]


@pytest.mark.parametrize(
    ("experience", "fit_score", "reason"),
    [
        (
            None,
            90.0,
            "You did not give your years of hands-on experience; if you have little or none, "
            "an apprenticeship offers paid work with structured learning over 12-24 months.",
        ),
        (
            0,
            90.0,
            "Your hands-on experience is none; an apprenticeship offers paid work with "
            "structured learning over 12-24 months.",
        ),
        (
            0.5,
            90.0,
            "Your hands-on experience is 0.5 years; an apprenticeship offers paid work with "
            "structured learning over 12-24 months.",
        ),
        (
            1,
            29.9,  # fit 59.8%
            "Your best fit among the roles open to you now, Job, is 60%, below 60%; an "
            "apprenticeship offers paid work with structured learning over 12-24 months.",
        ),
        (1, 30.0, None),  # fit exactly 60%: not below
        (3, 90.0, None),
    ],
)
def test_the_apprenticeship_reason_is_true_of_the_person(
    experience: float | None, fit_score: float, reason: str | None
) -> None:
    roles = catalog(role("job", {"alpha": 50}), role("later", {"alpha": 10}, years=30))
    scores = [Scored("alpha", fit_score)]
    matches = match_roles(scores, roles, experience)
    suggested = suggest_certifications(matches, scores, roles, experience)
    assert [(c.id, c.reason) for c in suggested] == (
        [] if reason is None else [("apprenticeship", reason)]
    )


def test_an_apprenticeship_without_a_duration_says_none() -> None:
    roles = catalog(
        role("job", {"alpha": 50}),
        certifications=CERTIFICATIONS.replace("    duration: 12-24 months\n", ""),
    )
    scores = [Scored("alpha", 10.0)]
    (suggestion,) = suggest_certifications(match_roles(scores, roles, 0), scores, roles, 0)
    assert suggestion.reason == (
        "Your hands-on experience is none; an apprenticeship offers paid work with "
        "structured learning."
    )


def test_no_roles_no_suggestions() -> None:
    roles = catalog(role("job", {"alpha": 50}))
    assert suggest_certifications([], [Scored("alpha", 10.0)], roles, 0) == []


def test_experience_is_said_once_and_only_when_a_role_needs_years() -> None:
    from questions import parse_bank
    from scoring import AskedItem

    bank = parse_bank(
        "schema: 1\nskill: {id: alpha, name: Alpha}\nquestions:\n"
        "  - id: q\n    type: choice\n    text: Pick.\n"
        "    options: [{text: A, credit: 1}, {text: B, credit: 0}]\n"
    ).bank
    asked = [AskedItem(bank.skill, item) for item in bank.questions]
    needs_years = catalog(role("senior", {"alpha": 50, "beta": 50}, years=2))
    no_years = catalog(role("junior", {"alpha": 50, "beta": 50}))
    beta = "Beta was not assessed; they count as not yet shown, so role fits are lower than "
    beta += "a full quiz might give."
    said = (
        "You did not give your years of experience, so roles are ordered as for someone "
        "with none; if you have experience, run again with --experience."
    )
    assert assess(asked, {"q": "A"}, needs_years).warnings == [beta, said]
    assert assess(asked, {"q": "A"}, needs_years, experience_years=0).warnings == [beta]
    assert assess(asked, {"q": "A"}, no_years).warnings == [beta]
    three = catalog(role("junior", {"alpha": 50, "beta": 50, "gamma": 50}))
    assert assess(asked, {"q": "A"}, three).warnings == [
        "Beta and Gamma were not assessed; they count as not yet shown, so role fits are "
        "lower than a full quiz might give."
    ]


def test_not_measured_and_measured_counts_reach_the_match() -> None:
    roles = catalog(role("job", {"alpha": 50, "beta": 50}, years=1))
    (match,) = match_roles([Scored("alpha", 55.0)], roles, 0.25)
    assert (match.not_measured, match.measured, match.missing_years) == (["Tools"], 1, 0.75)
    assert (match.open_now, match.entry, match.onet_code) == (False, False, None)


def test_the_standard_error_by_hand() -> None:
    from scoring.skills import standard_error

    # p = (x + 1) / (n + 2): one right of one is p = 2/3; SE = 100 x sqrt(2/9 / 1) = 47.14
    assert round(standard_error(100.0, 1) or 0, 2) == 47.14
    # half right of four: p = 3/6 = 0.5, SE = 100 x sqrt(0.25 / 4) = 25
    assert standard_error(50.0, 4) == 25.0
    # nothing right of nine: p = 1/11, SE = 100 x sqrt(10/121 / 9) = 9.58
    assert round(standard_error(0.0, 9) or 0, 2) == 9.58
    assert (standard_error(None, 3), standard_error(50.0, 0)) == (None, None)


def test_a_response_keeps_its_exhibit_and_explanation() -> None:
    from questions import parse_bank
    from scoring import AskedItem

    bank = parse_bank(
        "schema: 1\nskill: {id: alpha, name: Alpha}\nquestions:\n"
        "  - id: q\n    type: choice\n    text: Pick.\n"
        "    exhibit: |\n      Line 1\n    explanation: Because.\n"
        "    options: [{text: A, credit: 1}, {text: B, credit: 0}]\n"
    ).bank
    asked = [AskedItem(bank.skill, item) for item in bank.questions]
    (response,) = assess(asked, {"q": "B"}, catalog(role("j", {"alpha": 50}))).responses
    assert (response.exhibit, response.explanation, response.keyed, response.credit) == (
        "Line 1",
        "Because.",
        "A",
        0.0,
    )


def test_the_assessing_award_reads_scores_as_shown_to_one_decimal() -> None:
    roles = catalog(role("trainer", {"alpha": 50, "beta": 50}, trains=True))
    scores = [Scored("alpha", 59.96), Scored("beta", 70.0)]  # alpha is shown as 60.0
    suggested = suggest_certifications(match_roles(scores, roles, 5), scores, roles, 5)
    assert [c.id for c in suggested] == ["assessing"]


def test_no_apprenticeship_reason_from_fit_when_no_role_is_open() -> None:
    roles = catalog(role("later", {"alpha": 50}, years=5))
    scores = [Scored("alpha", 10.0)]
    assert suggest_certifications(match_roles(scores, roles, 1), scores, roles, 1) == []


def test_next_steps_take_the_top_roles_shortfalls_then_the_weakest_skills() -> None:
    from scoring import next_steps

    top = role("top", {"alpha": 80, "beta": 50}, entry=True).replace(
        "entry_requirements: [School]", "entry_requirements: [School, Training on the job]"
    )
    roles = catalog(top)
    scores = [
        Scored("alpha", 50.0, 5.0),  # to build for top
        Scored("beta", 90.0, 5.0),  # met
        Scored("gamma", 30.0, 5.0),  # not a requirement: after, weakest first
    ]
    matches = match_roles(scores, roles, 0)
    levels = {"alpha": "Foundational", "beta": "Advanced", "gamma": "Developing"}
    assert next_steps(scores, levels, matches, roles) == [
        "Top is an entry role: it asks for school and training on the job.",
        "Alpha (Foundational): Practise more.",
        "Gamma (Developing): Practise.",
        "Beta (Advanced): Coach.",
    ]
    # A skill without a level is passed over, and the rest still follow.
    partial = {"beta": "Advanced", "gamma": "Developing"}
    assert next_steps(scores, partial, matches, roles)[1:] == [
        "Gamma (Developing): Practise.",
        "Beta (Advanced): Coach.",
    ]
    borderline = [Scored("alpha", 78.0, 5.0), Scored("beta", 40.0, 20.0), Scored("gamma", None)]
    steps = next_steps(borderline, levels, match_roles(borderline, roles, 0), roles)
    assert steps[1:] == [
        "Beta (Advanced): Coach.",  # 40 + 20 >= 50: borderline, 10 short x 2 = 20
        "Alpha (Foundational): Practise more.",  # 78 + 5 >= 80: borderline, 2 short x 2 = 4
    ]


def test_assess_passes_experience_to_the_order_and_the_suggestions_and_credits_sources() -> None:
    from questions import parse_bank
    from scoring import AskedItem

    bank = parse_bank(
        "schema: 1\nskill: {id: alpha, name: Alpha}\nquestions:\n"
        "  - id: q\n    type: choice\n    text: Pick.\n"
        "    options: [{text: A, credit: 1}, {text: B, credit: 0.5}]\n"
    ).bank
    asked = [AskedItem(bank.skill, item) for item in bank.questions]
    text = (
        "schema: 1\nonet: {release: '1', credit: Credit line.}\nskills:\n"
        f"  alpha:\n    name: Alpha\n{NEXT}roles:\n"
        + role("senior", {"alpha": 10}, years=2)
        + role("junior", {"alpha": 90}, entry=True)
        + CERTIFICATIONS.replace("skills: [alpha, beta]", "skills: [alpha]")
    )
    roles = parse_catalog(text)
    seasoned = assess(asked, {"q": "B"}, roles, experience_years=3)
    assert [(r.role, r.open_now) for r in seasoned.roles] == [("senior", True), ("junior", True)]
    assert seasoned.certifications == []
    assert seasoned.sources == ["Credit line."]
    new = assess(asked, {"q": "B"}, roles, experience_years=0.5)
    assert [(r.role, r.open_now) for r in new.roles] == [("junior", True), ("senior", False)]
    assert [c.reason for c in new.certifications] == [
        "Your hands-on experience is 0.5 years; an apprenticeship offers paid work with "
        "structured learning over 12-24 months."
    ]
    other = parse_bank(
        "schema: 1\nskill: {id: delta, name: Delta}\nquestions:\n"
        "  - {id: d, type: likert, text: I rate myself.}\n"
    ).bank
    nothing = assess([AskedItem(other.skill, other.questions[0])], {"d": 3}, roles)
    assert (nothing.roles, nothing.sources) == ([], [])


def _bank(questions: str) -> list[AskedItem]:
    from questions import parse_bank

    bank = parse_bank(f"schema: 1\nskill: {{id: alpha, name: Alpha}}\nquestions:\n{questions}").bank
    return [AskedItem(bank.skill, item) for item in bank.questions]


RATED = "".join(f"  - {{id: s{i}, type: likert, text: I rate myself {i}.}}\n" for i in range(4))
SHOWN = "".join(
    f"  - {{id: n{i}, type: numeric, text: How many {i}?, answer: 4, tolerance: 0}}\n"
    for i in range(4)
)


def test_score_skills_gives_self_rating_score_error_and_calibration_apart() -> None:
    from scoring import score_skills

    asked = _bank(RATED + SHOWN)
    answers: dict[str, Answer] = {f"s{i}": 1 for i in range(4)}
    answers.update({"n0": 4, "n1": 4, "n2": 4, "n3": 5})
    (skill,) = score_skills(asked, answers, catalog(role("j", {"alpha": 50})))
    assert (skill.self_rated, skill.score) == (0.0, 75.0)
    result = skill.result
    assert (result.self_rated, result.score, result.calibration) == (0.0, 75.0, -75.0)
    assert result.standard_error == 23.6  # p = 4/6, 100 x sqrt(2/9 / 4)
    assert result.calibration_note == (
        "You performed better than you rate yourself (75 points above your self-rating); "
        "you can be more confident in this skill."
    )


def test_only_self_ratings_alike_are_straight_lining_not_numbers_answered_alike() -> None:
    asked = _bank(RATED + SHOWN)
    answers: dict[str, Answer] = {f"s{i}": 3 for i in range(4)}
    answers.update({"n0": 4, "n1": 4, "n2": 4, "n3": 4})
    warnings = assess(asked, answers, catalog(role("j", {"alpha": 50}))).warnings
    assert warnings[0] == (
        "All 4 self-ratings were 'Neither agree nor disagree', which suggests answering "
        "without reading; the self-rated scores for Alpha are unreliable."
    )


def test_a_large_numeric_answer_absorbs_binary_rounding_in_proportion() -> None:
    from scoring import grade

    (entry,) = _bank(
        "  - {id: big, type: numeric, text: How many?, answer: 1000000, tolerance: 0}\n"
    )
    assert grade(entry.item, 1000000.0005) == 1.0  # within 1e-9 of a million
    assert grade(entry.item, 1000000.01) == 0.0


def test_a_needed_skill_asked_but_not_shown_is_not_called_a_skill_roles_ignore() -> None:
    roles = catalog(role("job", {"alpha": 50}))
    asked = _bank(SHOWN)
    result = assess(asked, {}, roles)
    assert (result.roles, result.certifications) == ([], [])
    assert result.warnings[-1] == (
        "No practical question of a skill the roles need was answered, so nothing was "
        "measured to match roles on and no roles or certifications are suggested."
    )

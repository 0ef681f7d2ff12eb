"""Skipping questions never buys a definite status: met must survive the skipped questions
guessed, to build must survive them known; otherwise borderline, said once per skill."""

from __future__ import annotations

from questions import load_banks
from questions.answers import keyed_answer
from questions.models import ChoiceItem, Item, LikertItem
from scoring import AskedItem, Assessment, assess, builtin_catalog
from scoring.chance import chance_credit
from scoring.irt import estimate_level
from scoring.matching import undecided_by_skips
from scoring.models import Answer, GapStatus
from scoring.response_models import params_from_label
from scoring.skip_guard import SkipBounds, guarded_status, skip_bounds

# A standard form of critical thinking, easiest first (levels 1.6-4.8).
FORM = [
    "ct-scn-14",
    "ct-scn-22",
    "ct-scn-24",
    "ct-scn-05",
    "ct-scn-01",
    "ct-scn-06",
    "ct-multi-11",
    "ct-scn-09",
    "ct-scn-16",
    "ct-multi-03",
    "ct-scn-30",
    "ct-scn-29",
    "ct-multi-08",
    "ct-multi-09",
]
(BANK,) = [b for b in load_banks().banks if b.skill.id == "critical_thinking"]
ITEMS = {item.id: item for item in BANK.bank.questions}
ASKED = [AskedItem(BANK.skill, ITEMS[i]) for i in FORM]
REASON = (
    "Critical thinking: {} of 14 questions skipped, so a requirement your answers would "
    "otherwise decide is shown as borderline; answer them for a clear decision."
)
NOT_MEASURED = (
    "Data analysis, Attention to detail, Empathy and Research were not measured, so the "
    "roles' requirements in them are not assessed and no role can be said to be met in full."
)


def wrong(item: Item) -> Answer:
    assert isinstance(item, ChoiceItem)
    return next(option.text for option in item.options if option.credit == 0)


def critical_thinking(result: Assessment) -> list[tuple[str, float, float | None, str]]:
    return [
        (role.role, gap.required_level, gap.p_meets, gap.status)
        for role in result.roles
        for gap in role.gaps
        if gap.skill == "critical_thinking"
    ]


def test_the_easy_five_right_and_the_hard_nine_skipped_is_met_nowhere() -> None:
    result = assess(ASKED, {i: keyed_answer(ITEMS[i]) for i in FORM[:5]}, experience_years=0)
    skill = result.skills[0]
    assert (skill.level, skill.interval, skill.answered, skill.skipped) == (4.7, (2.9, 6.4), 5, 9)
    assert critical_thinking(result) == [
        ("production_technician", 3.25, 0.91, "borderline"),
        ("assembly_technician", 2.88, 0.96, "borderline"),
        ("qa_analyst", 3.88, 0.77, "borderline"),
        ("manufacturing_technician", 3.88, 0.77, "borderline"),
        ("qa_manager", 4.12, 0.7, "borderline"),
    ]
    assert result.warnings == [REASON.format(9), NOT_MEASURED]


def test_the_hard_five_wrong_and_the_easier_nine_skipped_is_to_build_nowhere() -> None:
    hard = [i for i in FORM[5:] if isinstance(ITEMS[i], ChoiceItem)]
    result = assess(ASKED, {i: wrong(ITEMS[i]) for i in hard}, experience_years=0)
    assert critical_thinking(result) == [
        ("production_technician", 3.25, 0.07, "borderline"),
        ("assembly_technician", 2.88, 0.16, "borderline"),
        ("qa_analyst", 3.88, 0.01, "borderline"),
        ("manufacturing_technician", 3.88, 0.01, "borderline"),
        ("qa_manager", 4.12, 0.01, "borderline"),
    ]
    assert result.warnings == [REASON.format(9), NOT_MEASURED]


def test_a_skip_that_could_not_change_a_status_leaves_it_and_says_nothing() -> None:
    result = assess(ASKED, {i: keyed_answer(ITEMS[i]) for i in FORM[:-1]}, experience_years=0)
    assert critical_thinking(result) == [
        ("production_technician", 3.25, 1.0, "met"),
        ("assembly_technician", 2.88, 1.0, "met"),
        ("qa_analyst", 3.88, 0.99, "met"),
        ("manufacturing_technician", 3.88, 0.99, "met"),
        ("qa_manager", 4.12, 0.98, "met"),
    ]
    assert result.warnings == [NOT_MEASURED]


def test_only_the_requirements_the_skips_could_overturn_turn_borderline() -> None:
    result = assess(ASKED, {i: keyed_answer(ITEMS[i]) for i in FORM[:9]}, experience_years=0)
    assert critical_thinking(result) == [
        ("production_technician", 3.25, 0.99, "met"),
        ("assembly_technician", 2.88, 1.0, "met"),
        ("qa_analyst", 3.88, 0.94, "borderline"),
        ("manufacturing_technician", 3.88, 0.94, "borderline"),
        ("qa_manager", 4.12, 0.89, "borderline"),
    ]
    assert result.warnings == [REASON.format(5), NOT_MEASURED]


def evidence(answered: int) -> list[tuple[Item, float | None]]:
    """The form's first ``answered`` items right, the rest skipped."""
    return [(ITEMS[i], 1.0 if n < answered else None) for n, i in enumerate(FORM)]


def test_the_bounds_score_skips_at_chance_credit_and_at_full_credit() -> None:
    rating = next(i for i in BANK.bank.questions if isinstance(i, LikertItem))
    bounds = skip_bounds([*evidence(5), (rating, None)])
    assert bounds is not None
    guessed = [(ITEMS[i], 1.0 if n < 5 else chance_credit(ITEMS[i])) for n, i in enumerate(FORM)]
    assert (bounds.asked, bounds.skipped) == (14, 9)
    assert bounds.floor == estimate_level(guessed)
    assert bounds.ceiling == estimate_level([(ITEMS[i], 1.0) for i in FORM])
    assert (round(bounds.floor.mean, 1), round(bounds.ceiling.mean, 1)) == (3.1, 5.8)


def test_no_bounds_without_a_skip_or_without_an_answer() -> None:
    assert skip_bounds(evidence(14)) is None
    assert skip_bounds(evidence(0)) is None


def decide(p: float) -> GapStatus:
    return "met" if p >= 0.9 else "to build" if p <= 0.1 else "borderline"


def test_each_definite_status_stands_only_if_its_own_bound_agrees() -> None:
    bounds = skip_bounds(evidence(5))  # floor 3.1 (1.8-4.2), ceiling 5.8 (4.6-6.8)
    assert isinstance(bounds, SkipBounds)
    statuses: list[GapStatus] = ["met", "to build", "borderline"]
    table = {
        (status, cut): guarded_status(status, cut, bounds, decide)
        for status in statuses
        for cut in (1.0, 4.0, 6.9)
    }
    assert table == {
        ("met", 1.0): "met",
        ("met", 4.0): "borderline",
        ("met", 6.9): "borderline",
        ("to build", 1.0): "borderline",
        ("to build", 4.0): "borderline",
        ("to build", 6.9): "to build",
        ("borderline", 1.0): "borderline",
        ("borderline", 4.0): "borderline",
        ("borderline", 6.9): "borderline",
    }
    assert guarded_status("met", 6.9, None, decide) == "met"


def test_the_ceiling_keeps_the_answers_given_and_the_bounds_use_the_given_parameters() -> None:
    wrong_five = [(ITEMS[i], 0.0 if n < 5 else None) for n, i in enumerate(FORM)]
    params = {i: params_from_label(ITEMS[i], "gpcm") for i in FORM}
    bounds = skip_bounds(wrong_five, params)
    assert bounds is not None
    known = [(ITEMS[i], 0.0 if n < 5 else 1.0) for n, i in enumerate(FORM)]
    guessed = [(ITEMS[i], 0.0 if n < 5 else chance_credit(ITEMS[i])) for n, i in enumerate(FORM)]
    assert bounds.ceiling == estimate_level(known, params)
    assert bounds.floor == estimate_level(guessed, params)
    assert bounds.floor != estimate_level(guessed)
    assert bounds.ceiling != estimate_level([(ITEMS[i], 1.0) for i in FORM], params)


def test_only_skills_whose_skips_overturn_a_status_are_named_in_catalog_order() -> None:
    catalog = builtin_catalog()
    answered = estimate_level(evidence(5))
    bounds = skip_bounds(evidence(5))
    assert answered is not None and bounds is not None
    levels = {skill: answered for skill in catalog.skills}
    assert undecided_by_skips(levels, {"research": bounds}, catalog) == ["research"]
    assert undecided_by_skips(levels, {"research": bounds, "empathy": bounds}, catalog) == [
        "empathy",
        "research",
    ]
    assert undecided_by_skips({}, {"research": bounds}, catalog) == []
    assert undecided_by_skips(levels, {}, catalog) == []

"""Properties of scoring and matching over generated banks and answers (hypothesis).

Banks are generated for the five skills of the built-in catalog, so the role properties
are checked against the roles a person actually sees.
"""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from questions.answers import keyed_answer
from questions.models import (
    ChoiceItem,
    ChoiceOption,
    Item,
    LikertItem,
    MultiItem,
    MultiOption,
    NumericItem,
    OrderItem,
    Skill,
)
from questions.record import replace
from scoring import AskedItem, Assessment, assess, builtin_catalog
from scoring.models import Answer

CATALOG = builtin_catalog()
SKILLS = [Skill(id=skill, name=spec.name) for skill, spec in CATALOG.skills.items()]
LETTERS = "ABCDEFG"


def _likert(item_id: str, draw: st.DrawFn) -> Item:
    return LikertItem(id=item_id, type="likert", text="I do this.", reverse=draw(st.booleans()))


def _choice(item_id: str, draw: st.DrawFn) -> Item:
    others = draw(st.lists(st.sampled_from([0, 0.25, 0.5, 0.75]), min_size=1, max_size=4))
    credits = [1, 0, *others]  # a right answer and a wrong one, always
    options = tuple(ChoiceOption(text=LETTERS[i], credit=c) for i, c in enumerate(credits))
    return ChoiceItem(id=item_id, type="choice", text="Pick.", options=options)


def _multi(item_id: str, draw: st.DrawFn) -> Item:
    right = draw(st.integers(1, 3))
    wrong = draw(st.integers(1, 3))
    flags = [True] * right + [False] * wrong
    options = tuple(MultiOption(text=LETTERS[i], correct=f) for i, f in enumerate(flags))
    return MultiItem(id=item_id, type="multi", text="Pick all.", options=options)


def _numeric(item_id: str, draw: st.DrawFn) -> Item:
    answer = draw(st.integers(-1000, 1000))
    tolerance = draw(st.sampled_from([0, 0.5, 2]))
    return NumericItem(
        id=item_id, type="numeric", text="How many?", answer=answer, tolerance=tolerance
    )


def _order(item_id: str, draw: st.DrawFn) -> Item:
    size = draw(st.integers(3, 6))
    return OrderItem(id=item_id, type="order", text="Order.", items=tuple(LETTERS[:size]))


MAKERS = {
    "likert": _likert,
    "choice": _choice,
    "multi": _multi,
    "numeric": _numeric,
    "order": _order,
}


@st.composite
def attempts(draw: st.DrawFn, shown: bool = False) -> list[AskedItem]:
    """One to six items per catalog skill, of any types (``shown``: at least one
    demonstrated item per skill)."""
    asked = []
    for skill in SKILLS:
        kinds = draw(st.lists(st.sampled_from(list(MAKERS)), min_size=1, max_size=6))
        if shown and set(kinds) == {"likert"}:
            kinds.append(draw(st.sampled_from([k for k in MAKERS if k != "likert"])))
        for index, kind in enumerate(kinds):
            item = MAKERS[kind](f"{skill.id}-{index}", draw)
            asked.append(AskedItem(skill, item))
    return asked


def any_answer(item: Item, draw: st.DrawFn) -> Answer:
    if draw(st.integers(0, 9)) == 0:
        return None
    if isinstance(item, LikertItem):
        return draw(st.integers(1, 5))
    if isinstance(item, ChoiceItem):
        return draw(st.sampled_from([o.text for o in item.options]))
    if isinstance(item, MultiItem):
        texts = [o.text for o in item.options]
        return draw(st.lists(st.sampled_from(texts), min_size=1, unique=True))
    if isinstance(item, NumericItem):
        return draw(st.sampled_from([item.answer, item.answer + item.tolerance + 1]))
    assert isinstance(item, OrderItem)
    return draw(st.permutations(list(item.items)))


def wrong_answer(item: Item) -> Answer:
    """An answer with no credit: the lowest option, one wrong pick, off by a lot, reversed."""
    if isinstance(item, ChoiceItem):
        return next(o.text for o in item.options if o.credit == 0)
    if isinstance(item, MultiItem):
        return [next(o.text for o in item.options if not o.correct)]
    if isinstance(item, NumericItem):
        return item.answer + item.tolerance + 10
    assert isinstance(item, OrderItem)
    return list(reversed(item.items))


def best_answer(item: Item) -> Answer:
    if isinstance(item, LikertItem):
        return 1 if item.reverse else 5
    return keyed_answer(item)


@st.composite
def answered(draw: st.DrawFn, shown: bool = False) -> tuple[list[AskedItem], dict[str, Answer]]:
    asked = draw(attempts(shown))
    return asked, {a.item.id: any_answer(a.item, draw) for a in asked}


def levels_of(result: Assessment) -> list[float]:
    values: list[float] = []
    for skill in result.skills:
        if skill.level is not None and skill.interval is not None:
            values += [skill.level, *skill.interval]
    values += [gap.level for role in result.roles for gap in role.gaps if gap.level is not None]
    return values


SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@SETTINGS
@given(answered())
def test_every_level_is_on_the_0_to_7_scale_inside_its_interval(
    case: tuple[list[AskedItem], dict[str, Answer]],
) -> None:
    result = assess(*case, CATALOG)
    assert all(0 <= value <= 7 for value in levels_of(result))
    for skill in result.skills:
        assert (skill.level is None) == (skill.interval is None) == (skill.band is None)
        if skill.level is not None and skill.interval is not None:
            low, high = skill.interval
            assert low <= skill.level <= high
            assert skill.answered >= 1
        assert skill.self_rated is None or 1 <= skill.self_rated <= 5
    for role in result.roles:
        chances = [gap.p_meets for gap in role.gaps if gap.p_meets is not None]
        assert all(0 <= p <= 1 for p in chances)
        if role.p_meets_all is not None:
            assert role.p_meets_all <= min(chances) + 0.005
        counts = (role.met, role.borderline, role.to_build, role.not_assessed)
        assert sum(counts) == len(role.gaps)


@SETTINGS
@given(answered(), st.data())
def test_a_correct_answer_never_lowers_a_level_or_turns_met_into_to_build(
    case: tuple[list[AskedItem], dict[str, Answer]], data: st.DataObject
) -> None:
    asked, answers = case
    entry = data.draw(st.sampled_from([a for a in asked if a.item.demonstrated] or asked))
    if not entry.item.demonstrated:
        return
    experience = data.draw(st.none() | st.sampled_from([0, 0.5, 1, 3, 5]))
    before = assess(asked, answers, CATALOG, experience)
    after = assess(asked, {**answers, entry.item.id: best_answer(entry.item)}, CATALOG, experience)
    skill_before = next(s for s in before.skills if s.skill == entry.skill.id)
    skill_after = next(s for s in after.skills if s.skill == entry.skill.id)
    assert skill_after.level is not None
    assert skill_after.level >= (skill_before.level or 0)
    statuses_before = {(r.role, g.skill): g.status for r in before.roles for g in r.gaps}
    for role in after.roles if before.roles else []:  # no role before: nothing was measured
        for gap in role.gaps:
            if statuses_before[(role.role, gap.skill)] == "met":
                assert gap.status == "met", (role.role, gap.skill)


@SETTINGS
@given(answered(), st.data())
def test_self_ratings_never_move_a_level_or_a_status(
    case: tuple[list[AskedItem], dict[str, Answer]], data: st.DataObject
) -> None:
    asked, answers = case
    ratings = {
        a.item.id: data.draw(st.none() | st.integers(1, 5))
        for a in asked
        if isinstance(a.item, LikertItem)
    }
    before = assess(asked, answers, CATALOG)
    after = assess(asked, {**answers, **ratings}, CATALOG)
    assert [(s.level, s.level_sd, s.interval, s.band) for s in after.skills] == [
        (s.level, s.level_sd, s.interval, s.band) for s in before.skills
    ]
    assert [(r.role, r.gaps, r.p_meets_all) for r in after.roles] == [
        (r.role, r.gaps, r.p_meets_all) for r in before.roles
    ]


@SETTINGS
@given(answered(), st.none() | st.floats(0, 10, allow_nan=False))
def test_no_role_ranks_above_an_open_role_while_it_needs_more_years(
    case: tuple[list[AskedItem], dict[str, Answer]], experience: float | None
) -> None:
    roles = assess(*case, CATALOG, experience).roles
    for role in roles:
        needed = CATALOG.role_by_id[role.role].min_experience_years
        assert role.open_now == (needed <= (experience or 0))
        assert role.missing_years == max(0.0, needed - (experience or 0))
    ranks = [role.open_now for role in roles]
    assert ranks == sorted(ranks, reverse=True), [(r.role, r.open_now) for r in roles]
    met = [r.met == len(r.gaps) for r in roles if r.open_now]
    assert met == sorted(met, reverse=True), [(r.role, r.met) for r in roles]


@SETTINGS
@given(attempts(shown=True))
def test_a_perfect_attempt_has_nothing_to_build(asked: list[AskedItem]) -> None:
    result = assess(asked, {a.item.id: best_answer(a.item) for a in asked}, CATALOG)
    for role in result.roles:
        assert {gap.status for gap in role.gaps} <= {"met", "borderline"}
    assert [role.open_now for role in result.roles] == [True, True, False, False, False]


@SETTINGS
@given(answered(shown=True))
def test_every_demonstrated_item_wrong_points_to_an_entry_role_and_the_apprenticeship(
    case: tuple[list[AskedItem], dict[str, Answer]],
) -> None:
    asked, answers = case
    wrong = {
        a.item.id: answers[a.item.id] if isinstance(a.item, LikertItem) else wrong_answer(a.item)
        for a in asked
    }
    result = assess(asked, wrong, CATALOG)
    assert all(s.level is not None and s.level < 3.5 for s in result.skills)
    assert result.roles[0].entry
    assert "technical_apprenticeship" in [c.id for c in result.certifications]


@SETTINGS
@given(answered())
def test_reverse_keying_flips_the_self_rating(
    case: tuple[list[AskedItem], dict[str, Answer]],
) -> None:
    asked, answers = case
    flipped = [
        AskedItem(a.skill, replace(a.item, reverse=not a.item.reverse))
        if isinstance(a.item, LikertItem)
        else a
        for a in asked
    ]
    before = assess(asked, answers, CATALOG).skills
    after = assess(flipped, answers, CATALOG).skills
    for old, new in zip(before, after, strict=True):
        assert (old.self_rated is None) == (new.self_rated is None)
        if old.self_rated is not None and new.self_rated is not None:
            assert abs(new.self_rated - (6 - old.self_rated)) <= 0.1 + 1e-9
        assert (new.level, new.interval) == (old.level, old.interval)
    mirrored = {
        a.item.id: 6 - v if isinstance(a.item, LikertItem) and isinstance(v, int) else v
        for a in asked
        for v in [answers[a.item.id]]
    }
    assert assess(flipped, mirrored, CATALOG).skills == before

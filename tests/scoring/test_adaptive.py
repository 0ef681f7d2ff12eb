"""Adaptive selection, one skill: what a learner notices is which question comes next and
when the skill ends. The choice must follow from the seed and the answers alone (so a
resumed quiz goes on as it would have), stay within 4-14 questions, stop when every
requirement is decided, spread items over quizzes, and keep the bank's mix of types."""

from __future__ import annotations

import math
import random
from collections import Counter
from collections.abc import Callable, Mapping, Sequence

import pytest

from questions.models import ChoiceItem, Item, MultiItem, NumericItem, OrderItem
from questions.record import replace
from questions.record_schema import validate
from scoring.adaptive import (
    CALIBRATED,
    UNCALIBRATED,
    Ask,
    Rules,
    Stop,
    next_step,
    params_of,
    rules_for,
    standard_sd,
)
from scoring.adaptive_limits import MIN_ITEMS
from scoring.irt import GRID, PRIOR, LevelEstimate, Prior, estimate_level, prior_weights
from scoring.response_models import AnyParams, FractionalParams, item_information

KINDS = ("choice",) * 16 + ("multi",) * 6 + ("numeric",) * 5 + ("order",) * 3
EXHIBIT = "Line  Part      Qty\n1     M6 bolt   40"


def _item(index: int, kind: str, level: float, exhibit: bool) -> Item:
    base: dict[str, object] = {"id": f"q-{index:02d}", "text": "A question.", "level": level}
    if exhibit:
        base["exhibit"] = EXHIBIT
    if kind == "choice":
        options = [{"text": "Right", "credit": 1}, {"text": "Half", "credit": 0.5}]
        options += [{"text": "Wrong", "credit": 0}, {"text": "No", "credit": 0}]
        return validate(ChoiceItem, base | {"type": kind, "options": options})
    if kind == "multi":
        options = [{"text": f"O{n}", "correct": n < 2} for n in range(4)]
        return validate(MultiItem, base | {"type": kind, "options": options})
    if kind == "numeric":
        return validate(NumericItem, base | {"type": kind, "answer": 4, "tolerance": 0})
    return validate(OrderItem, base | {"type": kind, "items": ["A", "B", "C", "D"]})


def bank(exhibits: bool = True) -> list[Item]:
    """30 items, levels spread over 1.5-5.5, the shipped banks' mix of types; every
    fifth item has an exhibit."""
    rng = random.Random(4)
    levels = [round(1.5 + 4 * index / 29, 1) for index in range(30)]
    rng.shuffle(levels)
    return [
        _item(index, kind, level, exhibits and index % 5 == 4)
        for index, (kind, level) in enumerate(zip(KINDS, levels, strict=True))
    ]


BANK = bank()
BY_ID = {item.id: item for item in BANK}
CUTS = (2.88, 3.25, 3.88, 3.88, 4.12)
Answerer = Callable[[Item, random.Random], float | None]


def run(
    seed: str,
    answerer: Answerer,
    rules: Rules = CALIBRATED,
    cuts: tuple[float, ...] = CUTS,
    items: list[Item] = BANK,
) -> tuple[list[tuple[str, float | None]], Stop]:
    """A whole quiz of one skill, answers from ``answerer`` (seeded by the quiz seed)."""
    rng = random.Random(seed)
    answers: list[tuple[str, float | None]] = []
    while True:
        step = next_step(items, answers, cuts, seed, rules=rules)
        if isinstance(step, Stop):
            return answers, step
        answers.append((step.item.id, answerer(step.item, rng)))


def at_level(theta: float) -> Answerer:
    """Right (full credit) when the item's level is below theta, else wrong."""
    return lambda item, _: 1.0 if (getattr(item, "level", 0) or 0) < theta else 0.0


def coin(item: Item, rng: random.Random) -> float | None:
    return rng.choice((0.0, 1.0))


@pytest.mark.parametrize(("rules", "width"), [(CALIBRATED, 8), (UNCALIBRATED, 3)])
def test_the_first_item_is_one_of_the_nearest_the_prior_middle(rules: Rules, width: int) -> None:
    """Calibrated: one of the eight nearest, so no opening is in more than about an
    eighth of quizzes; from labels, one of the three nearest."""
    nearest = sorted(BANK, key=lambda item: abs(params_of(item, None).location - PRIOR.mean))
    firsts: Counter[str] = Counter()
    for seed in range(30 * width):
        step = next_step(BANK, [], CUTS, seed, rules=rules)
        assert isinstance(step, Ask)
        firsts[step.item.id] += 1
    assert sorted(firsts) == sorted(item.id for item in nearest[:width])
    assert min(firsts.values()) >= 15  # each about 30 of the quizzes
    # The second item is one of the three most informative again.
    history = [(nearest[0].id, 1.0)]
    estimate = _estimate(history)
    ranked = sorted(
        (item for item in BANK if item is not nearest[0]),
        key=lambda item: -item_information(params_of(item, None), estimate.mean),
    )
    seconds = set()
    for seed in range(60):
        step = next_step(BANK, history, CUTS, seed, rules=rules)
        assert isinstance(step, Ask)
        seconds.add(step.item.id)
    assert seconds == {item.id for item in ranked[:3]}


def test_the_choice_follows_from_seed_and_answers_alone() -> None:
    """Asked again at any point with the same answers, it picks the same item: a resumed
    quiz goes on exactly as the first sitting would have."""
    answers, stop = run("resume", coin)
    for position in range(len(answers)):
        again = next_step(BANK, answers[:position], CUTS, "resume")
        assert isinstance(again, Ask) and again.item.id == answers[position][0]
    assert next_step(BANK, answers, CUTS, "resume") == stop
    others = {tuple(item for item, _ in run(f"other-{n}", coin)[0]) for n in range(10)}
    assert len(others) == 10


def test_a_clear_answer_still_takes_four_items_calibrated_and_eight_not() -> None:
    for rules, least in ((CALIBRATED, 4), (UNCALIBRATED, 8)):
        answers, stop = run("clear", at_level(7.0), rules, cuts=(1.0,))
        assert (len(answers), stop.reason) == (least, "decided")


def test_an_unclear_answer_stops_at_fourteen() -> None:
    answers, stop = run("unclear", at_level(3.5), Rules(target_sd=None))
    assert (len(answers), stop.reason) == (14, "cap")


def test_it_stops_when_every_requirement_is_decided_and_not_before() -> None:
    for seed in range(12):
        answers, stop = run(f"decide-{seed}", at_level(5.5), Rules(target_sd=None))
        assert stop.reason == "decided" and stop.estimate is not None
        assert all(p >= 0.95 or p <= 0.05 for p in map(stop.estimate.p_at_least, CUTS))
        before = estimate_level([(BY_ID[i], c) for i, c in answers[:-1]])
        assert (
            len(answers) == 4
            or before is None
            or not all(p >= 0.95 or p <= 0.05 for p in map(before.p_at_least, CUTS))
        )


def test_it_stops_at_the_precision_target_without_requirements() -> None:
    answers, stop = run("precise", coin, Rules(target_sd=0.8), cuts=())
    assert stop.reason == "precise" and stop.estimate is not None and stop.estimate.sd <= 0.8
    before = estimate_level([(BY_ID[i], c) for i, c in answers[:-1]])
    assert before is not None and (before.sd > 0.8 or len(answers) == 4)


def test_skips_count_towards_fourteen_but_not_four() -> None:
    answers, stop = run("skips", lambda item, rng: None)
    assert (len(answers), stop.reason, stop.estimate) == (14, "cap", None)
    answers, stop = run("some", lambda item, rng: None if rng.random() < 0.5 else 1.0, cuts=(1.0,))
    assert sum(credit is not None for _, credit in answers) == 4


def test_one_of_the_three_most_informative_is_picked() -> None:
    history = [("q-16", 1.0), ("q-22", 0.0), ("q-27", 1.0), ("q-04", 1.0)]  # all types open
    estimate = estimate_level([(BY_ID[i], c) for i, c in history])
    assert estimate is not None
    asked = {item_id for item_id, _ in history}
    picked: Counter[str] = Counter()
    for seed in range(90):
        step = next_step(BANK, history, (), seed, rules=Rules(target_sd=None))
        assert isinstance(step, Ask)
        picked[step.item.id] += 1
    ranked = sorted(
        (item for item in BANK if item.id not in asked),
        key=lambda item: -item_information(params_of(item, None), estimate.mean),
    )
    assert sorted(picked) == sorted(item.id for item in ranked[:3])


def test_types_stay_near_their_share_and_an_exhibit_is_asked() -> None:
    share = Counter(item.type for item in BANK)
    for seed in range(30):
        answers, _ = run(f"mix-{seed}", coin)
        asked = [BY_ID[item_id] for item_id, _ in answers]
        for position in range(1, len(asked) + 1):
            used = Counter(item.type for item in asked[:position])
            for kind, count in used.items():
                assert count <= share[kind] / len(BANK) * position + CALIBRATED.balance_slack
        assert any(item.exhibit is not None for item in asked)


def test_a_bank_without_exhibits_runs_all_the_same() -> None:
    plain = bank(exhibits=False)
    answers, stop = run("plain", at_level(7.0), cuts=(1.0,), items=plain)
    assert (len(answers), stop.reason) == (4, "decided")


def test_an_answer_to_an_item_not_offered_is_refused() -> None:
    with pytest.raises(ValueError, match="answer to question zz-01, which is not among the items"):
        next_step(BANK, [("zz-01", 1.0)], CUTS, 1)


def test_the_precision_target_is_what_a_standard_quiz_reaches() -> None:
    """Calibrated rules unless fewer than half the items are calibrated; the SD target is
    the bank's standard-quiz precision, smaller for a longer form."""
    rules = rules_for(BANK, None)
    assert rules.min_items == 8 and rules.target_sd == standard_sd(BANK)
    assert standard_sd(BANK, form=30) < standard_sd(BANK) < standard_sd(BANK, form=4) < PRIOR.sd


def test_items_closed_to_a_quiz_are_not_asked_unless_nothing_else_is_left() -> None:
    closed = {item.id: 0.0 for item in BANK[:25]}
    answers, _ = run("closed", coin, Rules(target_sd=None, eligibility=closed), cuts=())
    asked = [item_id for item_id, _ in answers]
    assert sorted(asked[:5]) == sorted(item.id for item in BANK[25:])
    assert len(asked) == 14


def test_the_progressive_method_spreads_early_picks_then_takes_the_best() -> None:
    """Progressive: after one answer the pick is mostly chance, so many items come up;
    from the fourth answer on it is the most informative item every time."""
    rules = Rules(target_sd=None, progressive=True)
    early = {
        step.item.id
        for seed in range(60)
        if isinstance(step := next_step(BANK, [("q-16", 1.0)], (), seed, rules=rules), Ask)
    }
    assert len(early) > 6
    history = [("q-16", 1.0), ("q-22", 0.0), ("q-27", 1.0), ("q-04", 1.0)]
    estimate = estimate_level([(BY_ID[i], c) for i, c in history])
    assert estimate is not None
    late = {
        step.item.id
        for seed in range(30)
        if isinstance(step := next_step(BANK, history, (), seed, rules=rules), Ask)
    }
    asked = {item_id for item_id, _ in history}
    best = max(
        (item for item in BANK if item.id not in asked),
        key=lambda item: item_information(params_of(item, None), estimate.mean),
    )
    assert late == {best.id}


def _progressive_ranks(
    history: Sequence[tuple[str, float | None]], least: int = MIN_ITEMS
) -> Counter[int]:
    """How often each rank of information at the estimate is picked over 200 quizzes."""
    estimate = _estimate(history)
    asked = {item_id for item_id, _ in history}
    ranked = sorted(
        (item.id for item in BANK if item.id not in asked),
        key=lambda item_id: -item_information(params_of(BY_ID[item_id], None), estimate.mean),
    )
    rules = Rules(min_items=least, target_sd=None, progressive=True)
    ranks: Counter[int] = Counter()
    for seed in range(200):
        step = next_step(BANK, history, (), seed, rules=rules)
        assert isinstance(step, Ask)
        ranks[ranked.index(step.item.id)] += 1
    return ranks


def test_the_progressive_pick_weighs_information_by_how_near_the_minimum_is() -> None:
    """Two of the four questions asked: chance and information (relative to the best)
    count alike, so the most informative item comes up in about half of quizzes (95 of
    200) and the rest spread down the ranking; nine asked, past the minimum, information
    alone decides, though the second best gives 0.87 of the best's; and so it does after
    one answer where the minimum is one question."""
    halfway = _progressive_ranks([("q-16", 1.0), ("q-22", 0.0)])
    assert (halfway[0], len(halfway), max(halfway)) == (95, 11, 10)
    nine = [("q-16", 1.0), ("q-22", 0.0), ("q-27", 1.0), ("q-04", 1.0), ("q-00", 1.0)]
    nine += [("q-01", 0.0), ("q-02", 1.0), ("q-05", 0.0), ("q-06", 1.0)]
    assert _progressive_ranks(nine) == {0: 200}
    assert _progressive_ranks([("q-16", 1.0)], least=1) == {0: 200}


def _calibrated(count: int) -> dict[str, AnyParams]:
    """The first ``count`` items of the bank calibrated as one 2PL item (slope 1.2, level 3)."""
    return {item.id: FractionalParams(1.2, 3.0, 0.0, 0.0, "calibrated") for item in BANK[:count]}


def test_the_standard_quiz_precision_is_the_textbook_2pl_figure() -> None:
    """14 items of slope 1.2 at level 3: 1 / sqrt(1 / 1.5^2 + 14 a^2 P (1 - P)), averaged
    over the person prior on the grid, P the 2PL's chance of a right answer."""
    expected = 0.0
    for theta, weight in zip(GRID, prior_weights(PRIOR), strict=True):
        right = 1 / (1 + math.exp(-1.2 * (theta - 3.0)))
        expected += weight / math.sqrt(1 / 1.5**2 + 14 * 1.2**2 * right * (1 - right))
    params = _calibrated(30)
    assert standard_sd(BANK, params) == pytest.approx(expected, abs=1e-12)
    assert standard_sd(BANK, params) == pytest.approx(0.5782, abs=1e-4)
    assert standard_sd(BANK) == pytest.approx(0.6649, abs=1e-4)  # from the labels
    assert standard_sd(BANK, form=4) == pytest.approx(1.0101, abs=1e-4)


@pytest.mark.parametrize(("count", "least"), [(30, 4), (15, 4), (14, 8), (1, 8)])
def test_half_the_items_calibrated_is_enough_for_the_calibrated_rules(
    count: int, least: int
) -> None:
    params = _calibrated(count)
    base = CALIBRATED if least == 4 else UNCALIBRATED
    expected = replace(base, min_items=least, target_sd=standard_sd(BANK, params))
    assert rules_for(BANK, params) == expected


def test_exposure_chances_close_items_in_calibrated_quizzes_alone() -> None:
    """A parameter set's exposure chances hold items back from a share of the quizzes of
    a skill asked in calibrated mode; one asked from its labels goes without them."""
    chances = {"q-00": 0.4, "q-01": 0.7}
    half, under_half = _calibrated(15), _calibrated(14)
    assert rules_for(BANK, half, chances) == replace(
        CALIBRATED, target_sd=standard_sd(BANK, half), eligibility=chances
    )
    assert rules_for(BANK, under_half, chances) == replace(
        UNCALIBRATED, target_sd=standard_sd(BANK, under_half)
    )


def test_an_item_open_to_half_the_quizzes_is_closed_to_about_half() -> None:
    """The three items nearest the prior's middle open to half the quizzes each, the best
    open item asked first: the nearest starts about half the quizzes, the next a quarter,
    the third an eighth, and an eighth start further out, every quiz the same on resume."""
    nearest = sorted(BANK, key=lambda item: abs(params_of(item, None).location - PRIOR.mean))
    rules = Rules(eligibility={item.id: 0.5 for item in nearest[:3]}, best_of=1)
    firsts: Counter[str] = Counter()
    for seed in range(200):
        step = next_step(BANK, [], CUTS, seed, rules=rules)
        assert isinstance(step, Ask)
        firsts[step.item.id] += 1
    assert [firsts[item.id] for item in nearest[:4]] == [110, 49, 16, 25]


FOUR = [("q-00", 1.0), ("q-04", 0.0), ("q-22", 1.0), ("q-27", 0.0)]  # one with an exhibit


def _estimate(
    answers: Sequence[tuple[str, float | None]],
    params: Mapping[str, AnyParams] | None = None,
    prior: Prior = PRIOR,
) -> LevelEstimate:
    estimate = estimate_level([(BY_ID[i], c) for i, c in answers], params, prior)
    assert estimate is not None
    return estimate


def test_a_stop_at_exactly_the_precision_or_the_decision_edge_is_taken() -> None:
    estimate = _estimate(FOUR)
    precise = Rules(target_sd=estimate.sd)
    assert next_step(BANK, FOUR, (), 1, rules=precise) == Stop(reason="precise", estimate=estimate)
    likely, unlikely = estimate.p_at_least(2.0), estimate.p_at_least(3.0)
    assert likely > 0.5 > unlikely and 1 - (1 - unlikely) == unlikely
    for cut, decide_at in ((2.0, likely), (3.0, 1 - unlikely)):
        rules = Rules(decide_at=decide_at, target_sd=None)
        assert next_step(BANK, FOUR, (cut,), 1, rules=rules) == Stop(
            reason="decided", estimate=estimate
        )


def test_the_last_stop_carries_the_estimate_from_the_parameters_and_prior_given() -> None:
    params, prior = _calibrated(30), Prior(mean=3.0, sd=1.0)
    capped = [(item.id, float(index % 2)) for index, item in enumerate(BANK[:14])]
    stop = next_step(BANK, capped, CUTS, 1, params=params, prior=prior)
    assert stop == Stop(reason="cap", estimate=_estimate(capped, params, prior))
    assert stop != Stop(reason="cap", estimate=_estimate(capped))
    five = [(item.id, 1.0) for item in BANK[:5]]
    stop = next_step(BANK[:5], five, (), 1, rules=Rules(target_sd=None))
    assert stop == Stop(reason="exhausted", estimate=_estimate(five))


def test_a_quiz_capped_past_sixteen_answers_ends_on_scoring_s_estimate() -> None:
    """Rules with a longer cap (20): past sixteen answers the estimate is worked out from
    the evidence rows in steps, and the last stop still carries scoring's very estimate,
    skips counted, under the prior given."""
    rules, prior = Rules(target_sd=None, max_items=20), Prior(mean=3.0, sd=1.0)
    answers: list[tuple[str, float | None]] = []
    while isinstance(step := next_step(BANK, answers, (), 1, rules=rules, prior=prior), Ask):
        answers.append((step.item.id, None if len(answers) % 7 == 3 else len(answers) % 2))
    estimate = _estimate(answers, prior=prior)
    assert (len(answers), estimate.answered, estimate.skipped) == (20, 17, 3)
    assert step == Stop(reason="cap", estimate=estimate)


def test_calibrated_parameters_choose_the_items() -> None:
    """One item calibrated as very informative at the prior's middle is asked first; one
    calibrated as very informative where the first answer leaves the estimate, next."""
    first = {"q-10": FractionalParams(3.0, PRIOR.mean, 0.0, 0.0, "calibrated")}
    step = next_step(BANK, [], CUTS, 1, params=first, rules=Rules(best_of=1))
    assert isinstance(step, Ask) and step.item.id == "q-10"
    after = _estimate([("q-10", 1.0)], first)
    second = first | {"q-11": FractionalParams(3.0, after.mean, 0.0, 0.0, "calibrated")}
    step = next_step(BANK, [("q-10", 1.0)], CUTS, 1, params=second, rules=Rules(best_of=1))
    assert isinstance(step, Ask) and step.item.id == "q-11"


def test_a_type_is_asked_as_often_as_its_share_allows_and_no_more() -> None:
    """Numbers made the most informative items: 5 of 30 items, two over their share at
    most, so the 1st, 2nd, 6th and 12th questions (1 + 2 <= 5/30 x 6 + 2, ...)."""
    numbers = {item.id: FractionalParams(3.0, 3.5, 0.0, 0.0, "calibrated") for item in BANK}
    numbers = {key: value for key, value in numbers.items() if BY_ID[key].type == "numeric"}
    answers: list[tuple[str, float | None]] = []
    rules = Rules(target_sd=None, best_of=1)
    while isinstance(step := next_step(BANK, answers, (), 1, params=numbers, rules=rules), Ask):
        answers.append((step.item.id, 0.5))
    kinds = [BY_ID[item_id].type for item_id, _ in answers]
    assert [index for index, kind in enumerate(kinds) if kind == "numeric"] == [0, 1, 5, 11]


@pytest.mark.parametrize(
    ("rules", "position"),
    [
        (Rules(target_sd=None), 4),
        (Rules(target_sd=None, min_items=8), 8),
        (Rules(target_sd=None, min_items=12, max_items=6), 6),
        (Rules(target_sd=None, eligibility={f"q-{n:02d}": 0.0 for n in range(4, 30, 5)}), 4),
    ],
)
def test_an_exhibit_is_asked_by_the_question_the_quiz_could_stop_after(
    rules: Rules, position: int
) -> None:
    """Exhibit items made the least informative are left to the last moment: the question
    the quiz could first stop after (its minimum) or its last; even when closed to it."""
    dull = {
        f"q-{n:02d}": FractionalParams(0.2, 0.5, 0.0, 0.0, "calibrated") for n in range(4, 30, 5)
    }
    answers: list[tuple[str, float | None]] = []
    while isinstance(step := next_step(BANK, answers, (), 1, params=dull, rules=rules), Ask):
        answers.append((step.item.id, 1.0))
    exhibits = [index for index, (item_id, _) in enumerate(answers) if item_id in dull]
    assert exhibits[0] + 1 == position


def test_a_resumed_quiz_without_its_exhibit_asks_it_before_stopping() -> None:
    plain = [("q-00", 1.0), ("q-01", 1.0), ("q-02", 1.0), ("q-03", 1.0)]
    step = next_step(BANK, plain, (1.0,), 1)
    assert isinstance(step, Ask) and step.item.exhibit is not None


def test_the_pick_among_the_best_three_is_drawn_again_at_each_question() -> None:
    plain = bank(exhibits=False)
    free = Rules(target_sd=None, balance_slack=len(plain))  # the ranking alone decides
    answers, _ = run("redrawn", coin, free, cuts=(), items=plain)
    ranks = []
    for position, (item_id, _) in enumerate(answers[1:], start=1):
        estimate = estimate_level([(BY_ID[i], c) for i, c in answers[:position]])
        assert estimate is not None
        asked = {i for i, _ in answers[:position]}
        ranked = sorted(
            (item for item in plain if item.id not in asked),
            key=lambda item: -item_information(params_of(item, None), estimate.mean),
        )
        ranks.append([item.id for item in ranked].index(item_id))
    assert set(ranks) == {0, 1, 2}

"""Item and test statistics: Moodle's own test case reproduced, and small cases by hand."""

from __future__ import annotations

from itertools import combinations, permutations
from pathlib import Path

import pytest
import yaml

from questions import load_banks
from questions.models import (
    ChoiceItem,
    MatchItem,
    MultiItem,
    NumericItem,
    OrderItem,
    TextItem,
)
from questions.record_schema import validate
from scoring.grading import multi_credit, order_credit
from scoring.statistics import (
    ItemInfo,
    SkillStatistics,
    cronbach_alpha,
    item_statistics,
    moments,
    random_guess,
    self_rating_statistics,
    skill_statistics,
)

MOODLE = yaml.safe_load(
    (Path(__file__).parents[1] / "data" / "moodle_statistics_00.yaml").read_text(encoding="utf-8")
)
FOUR_DECIMALS = 5e-5


def moodle_skill() -> SkillStatistics:
    questions = MOODLE["questions"]
    attempts = [dict(zip(questions, row, strict=True)) for row in MOODLE["attempts"]]
    items = {q: ItemInfo(q, "choice", None) for q in questions}
    return skill_statistics("quiz00", "Moodle test quiz 00", items, attempts)


@pytest.mark.parametrize("question", ["q1", "q2", "q3", "q4", "q5", "q6", "q7"])
def test_item_figures_match_moodles_test_case_to_four_decimals(question: str) -> None:
    stats = moodle_skill()
    item = next(i for i in stats.items if i.question_id == question)
    expected = MOODLE["items"][question]
    assert item.n == 25
    assert item.facility == pytest.approx(expected["facility"], abs=FOUR_DECIMALS)
    assert item.sd == pytest.approx(expected["sd"], abs=FOUR_DECIMALS)
    assert item.discrimination == pytest.approx(expected["discrimination"], abs=FOUR_DECIMALS)
    assert item.efficiency == pytest.approx(expected["efficiency"], abs=FOUR_DECIMALS)


def test_test_figures_match_moodles_test_case_to_four_decimals() -> None:
    stats = moodle_skill()
    expected = MOODLE["test"]
    percent = 100 / len(MOODLE["questions"])  # Moodle's marks out of 7 as a score out of 100
    assert stats.attempts == expected["attempts"]
    assert stats.mean == pytest.approx(expected["mean"] * percent, abs=FOUR_DECIMALS)
    assert stats.median == pytest.approx(expected["median"] * percent, abs=FOUR_DECIMALS)
    assert stats.sd == pytest.approx(expected["sd"] * percent, abs=FOUR_DECIMALS)
    assert stats.skewness == pytest.approx(expected["skewness"], abs=FOUR_DECIMALS)
    assert stats.kurtosis == pytest.approx(expected["kurtosis"], abs=FOUR_DECIMALS)
    assert stats.cic == pytest.approx(expected["cic"], abs=FOUR_DECIMALS)
    assert stats.error_ratio == pytest.approx(expected["error_ratio"], abs=FOUR_DECIMALS)
    assert stats.standard_error == pytest.approx(
        expected["standard_error"] * percent, abs=FOUR_DECIMALS
    )
    assert (stats.cic_attempts, stats.cic_items) == (25, 7)


def test_item_figures_worked_by_hand() -> None:
    # x = 1, 0, 1, 0 (mean .5); rest = 2, 1, 1, 0 (mean 1). var(x) = 1/3, var(rest) = 2/3,
    # cov = 1/3, so r = (1/3) / sqrt(2/9) = 0.7071. Sorted and paired, (0,0) (0,1) (1,1) (1,2)
    # give the same covariance, 1/3: efficiency 100.
    item = item_statistics(ItemInfo("x", "choice", 50.0), [1, 0, 1, 0], [2, 1, 1, 0])
    assert item.n == 4
    assert item.facility == 50
    assert item.sd == pytest.approx(57.735027, abs=1e-6)
    assert item.discrimination == pytest.approx(70.710678, abs=1e-6)
    assert item.efficiency == pytest.approx(100.0)
    assert item.random_guess == 50.0
    assert item.flags == ("too few attempts",)


def test_an_item_everyone_gets_right_has_no_discrimination_and_is_too_easy() -> None:
    item = item_statistics(
        ItemInfo("x", "numeric", 0.0), [1.0] * 40, [float(i % 5) for i in range(40)]
    )
    assert (item.facility, item.sd, item.discrimination, item.efficiency) == (100, 0, None, None)
    assert item.flags == ("too easy",)


def test_an_item_that_pulls_against_the_rest_is_flagged_dubious_and_to_check() -> None:
    marks = [float(i % 2) for i in range(30)]
    rests = [1.0 - m + (i % 3) for i, m in enumerate(marks)]
    item = item_statistics(ItemInfo("x", "choice", 50.0), marks, rests)
    assert item.discrimination is not None and item.discrimination < 0
    assert item.flags == ("dubious", "needs checking")


def test_a_single_attempt_gives_facility_only() -> None:
    item = item_statistics(ItemInfo("x", "choice", 50.0), [0.0], [1.0])
    assert (item.facility, item.sd, item.discrimination, item.efficiency) == (0, None, None, None)
    assert item.flags == ("too hard", "too few attempts")


def test_moments_worked_by_hand() -> None:
    # 1, 2, 3, 4: mean 2.5, SD sqrt(5/3); symmetric, so skewness 0; k4 = -10/3 and
    # k2 = 5/3 give kurtosis -1.2.
    shape = moments([1, 2, 3, 4])
    assert (shape.n, shape.mean, shape.median) == (4, 2.5, 2.5)
    assert shape.sd == pytest.approx(1.2909944, abs=1e-7)
    assert shape.skewness == pytest.approx(0.0, abs=1e-12)
    assert shape.kurtosis == pytest.approx(-1.2)
    assert moments([3, 1, 2]).median == 2
    assert moments([5]).sd is None
    assert moments([]).mean is None


def test_cronbach_alpha_worked_by_hand() -> None:
    # Items (1, 0, 1) and (1, 0, 0): variances 1/3 each; totals 2, 0, 1: variance 1.
    # alpha = 2/1 x (1 - 2/3) = 66.67 %.
    assert cronbach_alpha([[1, 1], [0, 0], [1, 0]]) == pytest.approx(200 / 3)
    assert cronbach_alpha([[1, 1], [0, 0]]) is None  # two attempts are too few
    # Items in perfect step: 100 % (rounding can give a hair more, which would make the
    # error ratio the root of a negative number).
    assert cronbach_alpha([[0.1] * 40, [0.1] * 40, [1.0] * 40]) == 100
    assert cronbach_alpha([[1], [0], [1]]) is None  # one item has no consistency to measure


def test_consistency_uses_the_largest_group_asked_the_same_items() -> None:
    same = [{"a": 1.0, "b": 1.0}, {"a": 0.0, "b": 0.0}, {"a": 1.0, "b": 0.0}]
    other = [{"a": 1.0, "c": 0.0}, {"c": 1.0, "b": 1.0}]
    items = {q: ItemInfo(q, "choice", None) for q in "abc"}
    stats = skill_statistics("s", "S", items, [*same, *other, {}])
    assert stats.attempts == 5  # the attempt asked nothing on the skill is left out
    assert (stats.cic_attempts, stats.cic_items) == (3, 2)
    assert stats.cic == pytest.approx(200 / 3)
    assert stats.error_ratio == pytest.approx(100 * (1 / 3) ** 0.5)
    assert stats.standard_error == pytest.approx(stats.error_ratio * stats.sd / 100)  # type: ignore[operator]
    assert [(i.question_id, i.n) for i in stats.items] == [("a", 4), ("b", 4), ("c", 2)]
    assert stats.mean == pytest.approx((100 + 0 + 50 + 50 + 100) / 5)


def test_random_guess_per_type() -> None:
    choice = validate(
        ChoiceItem,
        {
            "id": "c",
            "type": "choice",
            "text": "?",
            "options": [
                {"text": "A", "credit": 1},
                {"text": "B", "credit": 0},
                {"text": "C", "credit": 0.5},
            ],
        },
    )
    # Two right, one wrong: of the 7 non-empty picks, {R1} and {R2} earn .5 and {R1, R2}
    # earns 1; every pick with the wrong option earns 0. 2 / 7.
    multi = validate(
        MultiItem,
        {
            "id": "m",
            "type": "multi",
            "text": "?",
            "options": [
                {"text": "R1", "correct": True},
                {"text": "R2", "correct": True},
                {"text": "W", "correct": False},
            ],
        },
    )
    order = validate(OrderItem, {"id": "o", "type": "order", "text": "?", "items": list("abcde")})
    numeric = validate(NumericItem, {"id": "n", "type": "numeric", "text": "?", "answer": 4})
    assert random_guess(choice) == 50
    assert random_guess(multi) == pytest.approx(200 / 7)
    assert random_guess(order) == pytest.approx(100 * 49 / 300)  # max(0, tau), 5 steps
    assert random_guess(numeric) == 0
    text = validate(
        TextItem,
        {"id": "t", "type": "text", "text": "?", "answers": [{"text": "SDS", "credit": 1}]},
    )
    match = validate(
        MatchItem,
        {
            "id": "mt",
            "type": "match",
            "text": "?",
            "pairs": [{"prompt": "P1", "answer": "A1"}, {"prompt": "P2", "answer": "A2"}],
            "distractors": ["D1", "D2"],
        },
    )
    assert random_guess(text) == 0
    assert random_guess(match) == 25  # 4 answers to pick from for each prompt


@pytest.mark.parametrize("length", [3, 4, 5, 6])
def test_a_random_orders_guess_is_its_mean_credit_over_every_arrangement(length: int) -> None:
    steps = [str(i) for i in range(length)]
    credits = [order_credit(steps, list(given)) for given in permutations(steps)]
    item = validate(OrderItem, {"id": "o", "type": "order", "text": "?", "items": steps})
    assert random_guess(item) == pytest.approx(100 * sum(credits) / len(credits))


def test_self_ratings_worked_by_hand() -> None:
    # Self-rated 50, 75, 100 against shown 40, 60, 80 (a perfect line); one attempt skipped
    # every self-rating and one showed nothing.
    stats = self_rating_statistics(
        "s", [(50.0, 40.0), (75.0, 60.0), (100.0, 80.0), (None, 10.0), (25.0, None)]
    )
    assert (stats.n, stats.paired) == (4, 3)
    assert stats.mean == pytest.approx(62.5)
    assert stats.sd == pytest.approx(32.274861, abs=1e-6)
    assert stats.correlation_with_score == pytest.approx(1.0)


def test_multi_guess_agrees_with_grading_every_pick_of_the_built_in_items() -> None:
    for loaded in load_banks().banks:
        for item in loaded.bank.questions:
            if not isinstance(item, MultiItem):
                continue
            texts = [option.text for option in item.options]
            picks = [p for size in range(1, len(texts) + 1) for p in combinations(texts, size)]
            expected = 100 * sum(multi_credit(item, list(p)) for p in picks) / len(picks)
            assert random_guess(item) == pytest.approx(expected), item.id


def test_the_sorted_pairing_from_counts_equals_pairing_the_sorted_lists() -> None:
    import random

    from scoring.statistics import item_sums, sorted_cross_sum

    rng = random.Random(3)
    for _ in range(50):
        n = rng.randint(2, 60)
        marks = [rng.choice([0.0, 0.25, 0.5, 1.0]) for _ in range(n)]
        rests = [float(rng.randint(0, 9)) / 3 for _ in range(n)]
        sums = item_sums(marks, rests)
        paired = zip(sorted(marks), sorted(rests), strict=True)
        expected = sum((x - sums.mean_x) * (r - sums.mean_rest) for x, r in paired)
        assert sorted_cross_sum(sums) == pytest.approx(expected, abs=1e-9)

"""Quality checks over the five built-in banks.

A person learns something true about themselves only if the items are good, so these
tests hold the shipped content to the rules a careful assessor would apply: enough items
of each kind, no answer-length giveaways, no repeated questions, an explanation for every
demonstrated item, and every numeric key recomputed from the figures in its own text.
"""

from __future__ import annotations

import difflib
import json
import math
import re
from collections import Counter
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from questions import BankSet, load_banks, parse_bank
from questions.models import ChoiceItem, ChoiceOption, Item, LikertItem, MultiItem, NumericItem
from quiz.cli import cli

SKILLS = ("attention_to_detail", "critical_thinking", "data_analysis", "empathy", "research")
PREFIX = {
    "attention_to_detail": "ad",
    "critical_thinking": "ct",
    "data_analysis": "da",
    "empathy": "em",
    "research": "rs",
}
DEMONSTRATED_TYPES = ("choice", "multi", "numeric", "order")
ID_STYLE = {
    "likert": "self",
    "choice": "scn",
    "multi": "multi",
    "numeric": "num",
    "order": "ord",
    "text": "txt",
    "match": "match",
}

# Each numeric item's answer, worked out again from the figures printed in its text.
# A new numeric item without an entry here fails test_every_numeric_item_is_recomputed.
NUMERIC_ANSWERS: dict[str, Callable[[], float]] = {
    "da-num-01": lambda: 50 / 1250 * 100,
    "da-num-02": lambda: 2232 / 2400 * 100,
    "da-num-03": lambda: 3600 * 0.025 * 4.20,
    "da-num-04": lambda: 1980 / (8 - 30 / 60 - 45 / 60),
    "da-num-05": lambda: ((480 - 60) / 480) * (756 * 0.5 / (480 - 60)) * (720 / 756) * 100,
    "da-num-06": lambda: sum([12.02, 11.98, 12.05, 11.97, 12.03]) / 5,
    "da-num-07": lambda: sorted([35, 12, 48, 20, 15, 90, 22])[3],
    "da-num-08": lambda: 50.0 + 3 * 0.4,
    "da-num-09": lambda: 4800 / (6 * 8),
    "ad-num-01": lambda: sum(
        not 10.00 - 0.05 <= reading <= 10.00 + 0.05
        for reading in [10.02, 9.96, 10.05, 10.06, 9.94, 10.01, 9.95, 10.04, 9.99, 10.03]
    ),
    "ad-num-02": lambda: 42.50 - 0.05,
    "ad-num-03": lambda: 1200 - 6 * 8 * 24,
}

# What an item's text says about rounding, and the decimal places that means.
ROUNDING = {"one decimal place": 1, "two decimal places": 2, "nearest whole": 0}

AUTHORING_GUIDE = Path(__file__).resolve().parent.parent / "docs" / "authoring.md"


@pytest.fixture(scope="module")
def bank_set() -> BankSet:
    return load_banks()


def questions_of(bank_set: BankSet, skill: str) -> tuple[Item, ...]:
    return bank_set.bank(skill).bank.questions


def choice_items(bank_set: BankSet, skill: str) -> list[ChoiceItem]:
    return [item for item in questions_of(bank_set, skill) if isinstance(item, ChoiceItem)]


def numeric_items(bank_set: BankSet) -> Iterator[NumericItem]:
    return (item for item in bank_set.items.values() if isinstance(item, NumericItem))


def full_credit_text(item: ChoiceItem) -> str:
    return next(option.text for option in item.options if option.credit == 1)


def others(item: ChoiceItem) -> list[str]:
    key = full_credit_text(item)
    return [option.text for option in item.options if option.text != key]


def normalise(text: str) -> str:
    return re.sub(r"[\W_]+", " ", text.casefold()).strip()


def test_the_five_skills_ship(bank_set: BankSet) -> None:
    assert sorted(skill.id for skill in bank_set.skills) == sorted(SKILLS)


@pytest.mark.parametrize("skill", SKILLS)
def test_bank_has_enough_items_of_each_kind(bank_set: BankSet, skill: str) -> None:
    questions = questions_of(bank_set, skill)
    counts: Counter[str] = Counter(item.type for item in questions)
    assert len(questions) >= 24
    assert counts["likert"] >= 6
    assert sum(counts[kind] for kind in DEMONSTRATED_TYPES) >= 16
    assert sum(1 for kind in DEMONSTRATED_TYPES if counts[kind]) >= 3
    # The quiz draws per type, so every type needs a few items to draw from.
    assert counts["choice"] >= 8
    assert counts["multi"] >= 2
    assert counts["order"] >= 2
    # Arithmetic belongs to data analysis, and to attention to detail as counts read off an
    # exhibit; the other skills ask none.
    minimum_numeric = {"data_analysis": 6, "attention_to_detail": 2}
    if skill in minimum_numeric:
        assert counts["numeric"] >= minimum_numeric[skill]
    else:
        assert counts["numeric"] == 0


@pytest.mark.parametrize("skill", SKILLS)
def test_bank_has_reverse_keyed_self_ratings(bank_set: BankSet, skill: str) -> None:
    likert = [item for item in questions_of(bank_set, skill) if isinstance(item, LikertItem)]
    reverse = [item for item in likert if item.reverse]
    assert len(reverse) >= 2
    assert len(likert) - len(reverse) >= 2


@pytest.mark.parametrize("skill", SKILLS)
def test_ids_follow_the_house_style(bank_set: BankSet, skill: str) -> None:
    for item in questions_of(bank_set, skill):
        pattern = rf"{PREFIX[skill]}-{ID_STYLE[item.type]}-\d\d"
        assert re.fullmatch(pattern, item.id), item.id


@pytest.mark.parametrize("skill", SKILLS)
def test_longest_option_is_seldom_the_right_one(bank_set: BankSet, skill: str) -> None:
    """Test-wise candidates learn that the longest answer is right; the banks must not teach it."""
    items = choice_items(bank_set, skill)
    longest = [
        item.id
        for item in items
        if all(len(full_credit_text(item)) > len(text) for text in others(item))
    ]
    assert len(longest) <= 0.25 * len(items), longest


def strictly_longest(item: ChoiceItem) -> ChoiceOption | None:
    """The one option longer than every other, or None when two or more tie for longest."""
    ranked = sorted(item.options, key=lambda option: len(option.text), reverse=True)
    return ranked[0] if len(ranked[0].text) > len(ranked[1].text) else None


@pytest.mark.parametrize("skill", SKILLS)
def test_longest_option_is_not_a_reliable_wrong_answer(bank_set: BankSet, skill: str) -> None:
    """Once candidates learn that the longest answer earns nothing, they can rule it out
    unread; the best answer must sometimes be the longest and the longest seldom worthless."""
    items = choice_items(bank_set, skill)
    longest = {item.id: strictly_longest(item) for item in items}
    best_longest = [key for key, option in longest.items() if option and option.credit == 1]
    zero_longest = [key for key, option in longest.items() if option and option.credit == 0]
    assert len(best_longest) >= 2, best_longest
    assert len(zero_longest) <= 0.4 * len(items), zero_longest


@pytest.mark.parametrize("skill", SKILLS)
def test_shortest_option_is_not_a_cue_either(bank_set: BankSet, skill: str) -> None:
    items = choice_items(bank_set, skill)
    shortest = [
        item.id
        for item in items
        if all(len(full_credit_text(item)) < len(text) for text in others(item))
    ]
    assert len(shortest) <= len(items) / 3, shortest


@pytest.mark.parametrize("skill", SKILLS)
def test_choice_items_offer_plausible_graded_options(bank_set: BankSet, skill: str) -> None:
    items = choice_items(bank_set, skill)
    for item in items:
        assert 3 <= len(item.options) <= 4, item.id
        assert sum(option.credit == 1 for option in item.options) == 1, item.id
    graded = [item for item in items if any(0 < option.credit < 1 for option in item.options)]
    assert len(graded) >= len(items) / 2


def test_multi_items_do_not_teach_how_many_to_pick(bank_set: BankSet) -> None:
    """If most multi items had, say, 3 right of 5, a test-wise candidate would learn to tick
    three; no one pattern of (right options, all options) may cover more than half."""
    patterns: Counter[tuple[int, int]] = Counter(
        (sum(option.correct for option in item.options), len(item.options))
        for item in bank_set.items.values()
        if isinstance(item, MultiItem)
    )
    assert patterns.most_common(1)[0][1] <= patterns.total() / 2, patterns


def test_no_two_items_ask_near_identical_questions(bank_set: BankSet) -> None:
    texts = [(item.id, normalise(item.text)) for item in bank_set.items.values()]
    clashes = []
    for index, (first_id, first) in enumerate(texts):
        for second_id, second in texts[index + 1 :]:
            matcher = difflib.SequenceMatcher(None, first, second)
            if first == second or (
                matcher.real_quick_ratio() > 0.9
                and matcher.quick_ratio() > 0.9
                and matcher.ratio() > 0.9
            ):
                clashes.append((first_id, second_id))
    assert clashes == []


def test_every_demonstrated_item_explains_its_answer(bank_set: BankSet) -> None:
    missing = [
        item.id
        for item in bank_set.items.values()
        if item.demonstrated and (item.explanation is None or len(item.explanation) < 40)
    ]
    assert missing == []


def test_every_item_is_tagged(bank_set: BankSet) -> None:
    untagged = [item.id for item in bank_set.items.values() if not 1 <= len(item.tags) <= 2]
    assert untagged == []


def test_every_numeric_item_is_recomputed(bank_set: BankSet) -> None:
    assert {item.id for item in numeric_items(bank_set)} == set(NUMERIC_ANSWERS)


@pytest.mark.parametrize("item_id", sorted(NUMERIC_ANSWERS))
def test_numeric_key_matches_the_figures_in_the_text(bank_set: BankSet, item_id: str) -> None:
    item = bank_set.items[item_id]
    assert isinstance(item, NumericItem)
    computed = float(NUMERIC_ANSWERS[item_id]())
    assert abs(item.answer - computed) <= item.tolerance + 1e-9
    assert item.unit, f"{item_id} names no unit"
    stated = [places for phrase, places in ROUNDING.items() if phrase in item.text]
    if stated:
        # Rounded as the text asks, with a tolerance no looser than half the last place.
        assert round(computed, stated[0]) == pytest.approx(item.answer)
        assert item.tolerance <= 0.5 * 10 ** -stated[0] + 1e-12
    else:
        assert math.isclose(item.answer, computed, rel_tol=1e-9), (item.answer, computed)
        assert item.tolerance <= 0.5


def test_validate_passes_on_the_shipped_banks(bank_set: BankSet) -> None:
    result = CliRunner().invoke(cli, ["validate"])
    assert result.exit_code == 0, result.output
    assert f"5 banks, {len(bank_set)} items: OK" in result.output


def test_banks_command_reports_the_counts(bank_set: BankSet) -> None:
    result = CliRunner().invoke(cli, ["banks", "--format", "json"])
    assert result.exit_code == 0, result.output
    rows = {row["skill"]: row for row in json.loads(result.output)}
    assert sorted(rows) == sorted(SKILLS)
    for skill, row in rows.items():
        questions = questions_of(bank_set, skill)
        assert row["items"] == len(questions) >= 24
        counts: Counter[str] = Counter(item.type for item in questions)
        assert row["by_type"] == {kind: counts[kind] for kind in row["by_type"]}
        assert sum(row["by_type"].values()) == row["items"]


def test_the_authoring_guide_example_is_a_valid_bank_with_every_type() -> None:
    """Trainers copy the worked example; it must load as printed."""
    blocks = re.findall(r"```yaml\n(.*?)```", AUTHORING_GUIDE.read_text(encoding="utf-8"), re.S)
    example = next(block for block in blocks if "questions:\n  - id:" in block)
    loaded = parse_bank(example, str(AUTHORING_GUIDE))
    assert {item.type for item in loaded.bank.questions} == set(ID_STYLE)
    assert all(item.explanation for item in loaded.bank.questions if item.demonstrated)

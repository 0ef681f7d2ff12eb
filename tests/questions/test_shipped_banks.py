"""Quality checks over the five built-in banks.

A person learns something true about themselves only if the items are good, so these
tests hold the shipped content to the rules a careful assessor would apply: enough items
of each kind, no answer-length giveaways, no repeated questions, an explanation for every
demonstrated item, and every numeric key recomputed from the figures in its own text.
"""

from __future__ import annotations

import difflib
import math
import re
from collections import Counter
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path

import pytest

from questions import BankSet, load_banks, parse_bank
from questions.models import ChoiceItem, ChoiceOption, Item, LikertItem, MultiItem, NumericItem

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
    "da-num-04": lambda: 1980 / (8 - 30 / 60 - 45 / 60),
    "da-num-14": lambda: (12000 * 2.25 + 1500) / (12000 - 720),
    "da-num-13": lambda: sum(52 - seconds for seconds in (38, 52, 45, 30, 47)),
    "da-num-12": lambda: 2 * (8 * 60 - 30 - 2 * 10) * 60 / 420,
}


def _rows(exhibit: str | None) -> list[list[str]]:
    """An exhibit's lines split into columns at runs of two or more spaces."""
    assert exhibit is not None
    return [re.split(r"\s{2,}", line.strip()) for line in exhibit.splitlines() if line.strip()]


def _numbered_rows(item: Item) -> list[list[str]]:
    """The exhibit rows that start with a line (or operation) number."""
    return [row for row in _rows(item.exhibit) if row[0].isdigit()]


def _pins_out(item: Item) -> float:
    spec = re.search(r"diameter ([\d.]+) mm \+/- ([\d.]+) mm", item.exhibit or "")
    assert spec is not None
    nominal, plus_minus = float(spec[1]), float(spec[2])
    readings = [float(row[1]) for row in _numbered_rows(item)]
    assert len(readings) == 10
    return sum(
        not nominal - plus_minus - 1e-9 <= r <= nominal + plus_minus + 1e-9 for r in readings
    )


# Fields written differently that mean the same thing (6 ft is 72 in).
SAME_MEANING = {("6 ft", "72 in")}


def _label_fields_failing(item: Item) -> float:
    fields = [row for row in _rows(item.exhibit)[1:] if len(row) == 3]
    assert len(fields) == 12
    return sum(order != label and (order, label) not in SAME_MEANING for _, order, label in fields)


def _instruments_overdue(item: Item) -> float:
    today = re.search(r"January (\d+), (\d{4})", item.text)
    assert today is not None
    day = date(int(today[2]), 1, int(today[1]))
    dues = [date.fromisoformat(row[-1]) for row in _rows(item.exhibit) if row[0].startswith("G-")]
    assert len(dues) == 11
    return sum(due < day for due in dues)


def _readings_copied_wrongly(item: Item) -> float:
    rows = _numbered_rows(item)
    assert len(rows) == 12
    return sum(float(printout) != float(record) for _, _, printout, record in rows)


def _readings_outside_control_limits(item: Item) -> float:
    mean = re.search(r"mean of ([\d.]+) g", item.text)
    spread = re.search(r"standard deviation .* of ([\d.]+) g", item.text)
    assert mean is not None and spread is not None
    low, high = float(mean[1]) - 3 * float(spread[1]), float(mean[1]) + 3 * float(spread[1])
    readings = [float(row[1]) for row in _numbered_rows(item)]
    assert len(readings) == 12
    return sum(not low - 1e-9 <= reading <= high + 1e-9 for reading in readings)


def _top_cause_share(item: Item) -> float:
    minutes: Counter[str] = Counter()
    for row in _rows(item.exhibit)[2:]:
        minutes[row[1]] += int(row[2])
    return minutes.most_common(1)[0][1] / minutes.total() * 100


def _rolled_yield(item: Item) -> float:
    stations = [row for row in _rows(item.exhibit) if row[0][:1].isdigit()]
    assert len(stations) == 3
    return math.prod(int(row[2]) / int(row[1]) for row in stations) * 100


# Numeric answers read from an item's exhibit: each counted or worked out again from the
# exhibit's own figures, by the rule the item's text states.
EXHIBIT_ANSWERS: dict[str, Callable[[Item], float]] = {
    "ad-num-01": _pins_out,
    "ad-num-04": _label_fields_failing,
    "ad-num-05": _instruments_overdue,
    "ad-num-06": _readings_copied_wrongly,
    "da-num-08": _readings_outside_control_limits,
    "da-num-10": _top_cause_share,
    "da-num-11": _rolled_yield,
}

# What an item's text says about rounding, and the decimal places that means.
ROUNDING = {"one decimal place": 1, "two decimal places": 2, "nearest whole": 0}

AUTHORING_GUIDE = Path(__file__).resolve().parents[2] / "docs" / "authoring.md"


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


@pytest.mark.parametrize("skill", SKILLS)
def test_multi_items_do_not_teach_how_many_to_pick(bank_set: BankSet, skill: str) -> None:
    """If most of a bank's multi items keyed, say, 3 options, a test-wise candidate would
    learn to tick three: within each bank (a quiz on one skill sees only that bank), no
    number of right options may be shared by more than half of its multi items."""
    keyed: Counter[int] = Counter(
        sum(option.correct for option in item.options)
        for item in bank_set.items.values()
        if isinstance(item, MultiItem) and bank_set.skill_of[item.id] == skill
    )
    assert keyed.total() >= 2, keyed
    assert keyed.most_common(1)[0][1] <= keyed.total() / 2, keyed


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


def test_empathy_often_asks_for_the_best_of_two_reasonable_answers(bank_set: BankSet) -> None:
    """When one answer is plainly considerate and the rest plainly not, everyone gets it
    right; empathy items need a second answer that is sound but not the best."""
    close = [
        item.id
        for item in choice_items(bank_set, "empathy")
        if any(0.5 <= option.credit < 1 for option in item.options)
    ]
    assert len(close) >= 8, close


LEAN_TERMS = re.compile(r"\b(lean|kaizen|5S|SMED|kanban|two-bin|value.stream|muda)\b", re.I)


def test_research_asks_about_research_not_lean_vocabulary(bank_set: BankSet) -> None:
    """Lean manufacturing appears only as outside knowledge being applied, in a few items."""
    lean = [
        item.id
        for item in questions_of(bank_set, "research")
        if item.demonstrated and LEAN_TERMS.search(item.text)
    ]
    assert len(lean) <= 3, lean
    assert all("applying" in bank_set.items[item_id].tags for item_id in lean), lean


def test_every_numeric_item_is_recomputed(bank_set: BankSet) -> None:
    assert set(NUMERIC_ANSWERS).isdisjoint(EXHIBIT_ANSWERS)
    recomputed = set(NUMERIC_ANSWERS) | set(EXHIBIT_ANSWERS)
    assert {item.id for item in numeric_items(bank_set)} == recomputed


@pytest.mark.parametrize("item_id", sorted(set(NUMERIC_ANSWERS) | set(EXHIBIT_ANSWERS)))
def test_numeric_key_matches_the_figures_in_the_text(bank_set: BankSet, item_id: str) -> None:
    item = bank_set.items[item_id]
    assert isinstance(item, NumericItem)
    if item_id in EXHIBIT_ANSWERS:
        computed = float(EXHIBIT_ANSWERS[item_id](item))
    else:
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


def test_the_authoring_guide_example_is_a_valid_bank_with_every_type() -> None:
    """Trainers copy the worked example; it must load as printed."""
    blocks = re.findall(r"```yaml\n(.*?)```", AUTHORING_GUIDE.read_text(encoding="utf-8"), re.S)
    example = next(block for block in blocks if "questions:\n  - id:" in block)
    loaded = parse_bank(example, str(AUTHORING_GUIDE))
    assert {item.type for item in loaded.bank.questions} == set(ID_STYLE)
    assert all(item.explanation for item in loaded.bank.questions if item.demonstrated)


# Every bank tells a beginner from an experienced technician: big enough, rated for
# difficulty with a real share of hard items, and self-ratings anyone can answer.
@pytest.mark.parametrize("skill", SKILLS)
def test_bank_tells_people_apart(bank_set: BankSet, skill: str) -> None:
    questions = questions_of(bank_set, skill)
    likert = [item for item in questions if isinstance(item, LikertItem)]
    demonstrated = [item for item in questions if item.demonstrated]
    assert len(questions) >= 32
    assert len(demonstrated) >= 24
    assert 6 <= len(likert) <= 8
    assert sum(item.reverse for item in likert) >= 2
    levels = Counter(getattr(item, "difficulty", None) for item in demonstrated)
    assert levels[None] == 0, "every demonstrated item has a difficulty"
    assert levels["hard"] >= 0.3 * len(demonstrated), levels
    assert levels["easy"] <= 0.3 * len(demonstrated), levels


def exhibit_lines(item: Item) -> int:
    return len(item.exhibit.splitlines()) if item.exhibit else 0


def test_attention_to_detail_finds_discrepancies_in_exhibits(bank_set: BankSet) -> None:
    questions = questions_of(bank_set, "attention_to_detail")
    found = [
        item.id
        for item in questions
        if item.type in ("multi", "numeric") and 10 <= exhibit_lines(item) <= 20
    ]
    assert len(found) >= 6, found
    # A number in this bank is only ever a count of what the candidate finds in an exhibit.
    for item in questions:
        if isinstance(item, NumericItem):
            assert item.exhibit is not None and isinstance(item.answer, int), item.id


def test_data_analysis_reads_data_from_exhibits(bank_set: BankSet) -> None:
    found = [item.id for item in questions_of(bank_set, "data_analysis") if item.exhibit]
    assert len(found) >= 4, found


def keyed_lines(item: Item) -> set[int]:
    assert isinstance(item, MultiItem)
    return {int(option.text.split()[1]) for option in item.options if option.correct}


def test_pick_list_key_is_every_line_that_differs_from_the_order(bank_set: BankSet) -> None:
    item = bank_set.items["ad-multi-04"]
    rows = _numbered_rows(item)
    assert len(rows) == 12
    differing = {int(row[0]) for row in rows if row[1:3] != row[3:5]}
    assert keyed_lines(item) == differing == {4, 6, 9, 12}


def test_traveler_key_is_every_operation_that_breaks_a_stated_rule(bank_set: BankSet) -> None:
    item = bank_set.items["ad-multi-08"]
    broken = set()
    previous: list[str] | None = None
    for row in _numbered_rows(item):
        unsigned = len(row) == 5  # op, operation, in, out, date: the signature is missing
        qty_in, qty_out = int(row[2]), int(row[3])
        backward = previous is not None and row[-1] < previous[-1]
        took_other = previous is not None and qty_in != int(previous[3])
        if unsigned or backward or qty_out > qty_in or took_other:
            broken.add(int(row[0]))
        previous = row
    assert keyed_lines(item) == broken == {30, 50, 70}


def test_production_log_key_is_every_line_with_an_error(bank_set: BankSet) -> None:
    item = bank_set.items["da-multi-04"]
    rows = _numbered_rows(item)
    days = [int(row[1].split("/")[1]) for row in rows]
    wrong = set()
    for index, row in enumerate(rows):
        good, scrap, total = (int(value.replace(",", "")) for value in row[5:8])
        start, end = (int(value[:2]) * 60 + int(value[3:]) for value in row[3:5])
        neighbors = days[max(0, index - 1) : index] + days[index + 1 : index + 2]
        stray_date = all(abs(days[index] - day) > 1 for day in neighbors)
        if good + scrap != total or (end - start) % (24 * 60) != 8 * 60 or stray_date:
            wrong.add(int(row[0]))
    assert keyed_lines(item) == wrong == {5, 10, 11}


def _figures(row: list[str]) -> list[int]:
    return [int(value.replace(",", "")) for value in row if value.replace(",", "").isdigit()]


def test_changeover_table_holds_the_figures_its_key_rests_on(bank_set: BankSet) -> None:
    item = bank_set.items["da-multi-06"]
    assert isinstance(item, MultiItem)
    rows = {row[0]: _figures(row) for row in _rows(item.exhibit)[2:]}
    losses = ("Changeovers", "Waiting for material", "Minor stops")
    for shift in (0, 1):
        assert rows["Running"][shift] + sum(rows[name][shift] for name in losses) == 450
        assert rows["Total"][shift] == 450
    packed, running = rows["Units packed"], rows["Running"]
    day_rate, night_rate = (u / r for u, r in zip(packed, running, strict=True))
    assert day_rate == night_rate == 30  # the same pace: night ran longer, not faster
    waiting = rows["Waiting for material"]
    assert (waiting[0] - waiting[1]) * day_rate == 540
    assert rows["Changeovers"][0] > rows["Waiting for material"][0] + rows["Minor stops"][0]
    assert rows["Changeovers"][1] > rows["Minor stops"][1]  # so minor stops are not the biggest
    counts = rows["(number of changeovers)"]
    each = [minutes / count for minutes, count in zip(rows["Changeovers"], counts, strict=True)]
    assert 1.05 < each[0] / each[1] < 1.15  # about 10% longer, not 50%
    keyed = {option.text for option in item.options if option.correct}
    assert keyed == {
        "Both shifts packed about 30 units per running minute",
        "Changeovers cost day shift more than waiting and minor stops together",
        "With night's waiting time, day shift could have packed about 540 more",
    }


def test_product_mix_table_rates_are_its_counts(bank_set: BankSet) -> None:
    """Each product's rate rose while the total fell: the table must say exactly that."""
    item = bank_set.items["da-scn-16"]
    rates: dict[str, list[float]] = {}
    for row in _rows(item.exhibit)[3:]:
        october, november = _figures(row[1:3]), _figures(row[4:6])
        stated = [float(value.rstrip("%")) for value in (row[3], row[6])]
        computed = [round(s / m * 100, 1) for m, s in (october, november)]
        assert stated == computed, row
        rates[row[0]] = computed
    assert rates["A (bracket)"][1] > rates["A (bracket)"][0]
    assert rates["B (housing)"][1] > rates["B (housing)"][0]
    assert rates["Both"][1] < rates["Both"][0]

"""Drawing a quiz from banks, and progress through it across interruptions."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
from pydantic import ValidationError

from questions import BankSet, load_banks, parse_bank
from questions.record import to_data
from questions.record_schema import validate, validate_json
from quiz.attempts.draw import draw
from quiz.attempts.session import Session
from quiz.attempts.snapshot import Snapshot
from quiz.storage import Store


@pytest.fixture
def banks(bank_dir: Path) -> BankSet:
    return load_banks([bank_dir])


def _big_bank() -> BankSet:
    """A bank of 40 items: 8 likert, 16 choice, 8 numeric, 8 order."""
    lines = ["schema: 1", "skill: {id: big, name: Big}", "questions:"]
    for n in range(8):
        lines.append(f"  - {{id: l{n}, type: likert, text: Likert {n}}}")
        lines.append(f"  - {{id: n{n}, type: numeric, text: Numeric {n}, answer: {n}}}")
        lines.append(f"  - {{id: o{n}, type: order, text: Order {n}, items: [A, B, C]}}")
    for n in range(16):
        lines.append(
            f"  - {{id: c{n}, type: choice, text: Choice {n},"
            " options: [{text: Agree, credit: 1}, {text: Disagree, credit: 0}]}"
        )
    return BankSet(banks=(parse_bank("\n".join(lines) + "\n", "big.yaml"),))


def test_same_seed_and_banks_give_the_same_quiz(banks: BankSet) -> None:
    first = draw(banks, ["alpha", "beta"], "quick", seed=42)
    assert first == draw(banks, ["alpha", "beta"], "quick", seed=42)
    others = {draw(banks, ["alpha", "beta"], "quick", seed=s).to_json() for s in range(20)}
    assert len(others) > 1  # the seed does change the quiz


def test_leaving_out_a_skill_keeps_the_other_skills_questions(banks: BankSet) -> None:
    both = draw(banks, ["alpha", "beta"], "quick", seed=5)
    alone = draw(banks, ["beta"], "quick", seed=5)
    assert [q for q in both.questions if q.skill == "beta"] == list(alone.questions)


def test_quick_asks_one_self_rating_and_three_different_demonstrated_types(banks: BankSet) -> None:
    for seed in range(30):
        asked = [q.item for q in draw(banks, ["alpha"], "quick", seed).questions]
        types = [item.type for item in asked]
        assert len(asked) == 4
        assert types.count("likert") == 1
        assert len(set(types) - {"likert"}) == 3


def test_quick_asks_a_reverse_keyed_self_rating_of_every_skill_that_has_one() -> None:
    shipped = load_banks(None)
    skills = [skill.id for skill in shipped.skills]
    for seed in range(40):
        asked = draw(shipped, skills, "quick", seed).questions
        for skill in skills:
            ratings = [q.item for q in asked if q.skill == skill and q.item.type == "likert"]
            assert [getattr(item, "reverse", False) for item in ratings] == [True], (seed, skill)


def test_quick_takes_any_self_rating_from_a_bank_with_none_reverse_keyed(banks: BankSet) -> None:
    drawn = {
        q.item.id
        for seed in range(30)
        for q in draw(_big_bank(), ["big"], "quick", seed).questions
        if q.item.type == "likert"
    }
    assert len(drawn) > 1


def test_quick_takes_every_item_of_a_bank_of_four(banks: BankSet) -> None:
    asked = draw(banks, ["beta"], "quick", seed=1).questions
    assert sorted(q.item.id for q in asked) == [
        "b-choice-01",
        "b-num-01",
        "b-order-01",
        "b-self-01",
    ]


def test_standard_asks_three_self_ratings_and_demonstrated_types_in_proportion() -> None:
    big = _big_bank()  # 32 demonstrated items: half choice, a quarter each numeric and order
    for seed in range(10):
        asked = draw(big, ["big"], "standard", seed).questions
        assert Counter(q.item.type for q in asked) == {
            "likert": 3,
            "choice": 7,
            "numeric": 4,
            "order": 3,
        }
        assert len({q.item.id for q in asked}) == 17


def test_a_standard_quiz_of_the_built_in_banks_asks_enough_to_compare_self_ratings() -> None:
    # Scoring compares self-rating with performance from 3 answered self-ratings and 4
    # answered demonstrated items: a standard quiz must ask at least that in every skill.
    from scoring.catalog import load_catalog

    rules = load_catalog().scoring
    built_in = load_banks(None)
    for seed in range(5):
        asked = draw(built_in, [bank.skill.id for bank in built_in.banks], "standard", seed)
        by_skill = Counter((q.skill, q.item.type == "likert") for q in asked.questions)
        for bank in built_in.banks:
            assert by_skill[(bank.skill.id, True)] == rules.calibration_min_self_ratings
            assert by_skill[(bank.skill.id, False)] == 14


def test_full_asks_everything_in_a_shuffled_order(banks: BankSet) -> None:
    bank_order = [item.id for item in banks.bank("alpha").bank.questions]
    orders = set()
    for seed in range(5):
        asked = [q.item.id for q in draw(banks, ["alpha"], "full", seed).questions]
        assert sorted(asked) == sorted(bank_order)
        orders.add(tuple(asked))
    assert len(orders) > 1


def test_options_are_shuffled_and_steps_never_shown_in_order(banks: BankSet) -> None:
    option_orders = set()
    for seed in range(40):
        for asked in draw(banks, ["alpha", "beta"], "full", seed).questions:
            item = asked.item
            if item.type == "order":
                assert sorted(asked.shown) == sorted(item.items)
                assert list(asked.shown) != list(item.items)
            elif item.type in ("choice", "multi"):
                assert sorted(asked.shown) == sorted(o.text for o in item.options)
                if item.id == "a-choice-01":
                    option_orders.add(asked.shown)
            else:
                assert asked.shown == ()
    assert len(option_orders) > 1


def test_session_resumes_at_the_next_unanswered_question(banks: BankSet, tmp_path: Path) -> None:
    with Store.open(tmp_path) as store:
        session = Session.start(
            store, banks, skills=["alpha", "beta"], length="quick", seed=3, name="Ada"
        )
        first = session.next_question()
        assert first is not None and first.heading == f"Alpha skill - question 1 of {session.total}"
        session.answer(first.item.id, None)
        second = session.next_question()
        assert second is not None and second.number == 2
        attempt = store.attempt(session.id)
        assert attempt is not None
    with Store.open(tmp_path) as store:
        resumed = Session.resume(store, attempt)
        assert resumed.answered == 1
        assert resumed.next_question() == second
        assert resumed.snapshot == session.snapshot


def test_a_snapshot_survives_the_bank_changing(banks: BankSet, bank_dir: Path) -> None:
    snapshot = draw(banks, ["alpha"], "full", seed=9)
    text = snapshot.to_json()
    (bank_dir / "alpha.yaml").write_text("not a bank any more\n")
    restored = validate_json(Snapshot, text)
    assert restored == snapshot
    assert restored.banks[0].digest == banks.bank("alpha").digest


def test_a_snapshot_naming_a_skill_it_lacks_does_not_validate(banks: BankSet) -> None:
    data = to_data(draw(banks, ["alpha", "beta"], "quick", seed=1))
    data["questions"][0]["skill"] = "nope"
    with pytest.raises(ValidationError, match="names a skill not in the snapshot"):
        validate(Snapshot, data)


def test_a_snapshot_asking_a_question_twice_does_not_validate(banks: BankSet) -> None:
    data = to_data(draw(banks, ["alpha"], "quick", seed=1))
    data["questions"].append(data["questions"][0])
    with pytest.raises(ValidationError, match="asked twice"):
        validate(Snapshot, data)


def test_items_by_id_are_built_once_and_read_only(banks: BankSet) -> None:
    snapshot = draw(banks, ["alpha", "beta"], "full", seed=5)
    restored = validate_json(Snapshot, snapshot.to_json())
    assert restored == snapshot
    for each in (snapshot, restored):
        assert each.items is each.items  # looked up per answer: not rebuilt every time
        assert list(each.items) == [asked.item.id for asked in each.questions]
        with pytest.raises(TypeError):
            each.items["x"] = each.questions[0].item  # type: ignore[index]

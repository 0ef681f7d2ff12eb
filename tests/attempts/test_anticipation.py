"""An adaptive quiz chooses its next question while the current one is read: for each
credit the answer can earn, worked out ahead, so the answer finds its choice made; and
the quiz asks exactly what it asks without working ahead."""

from __future__ import annotations

from itertools import combinations, permutations
from pathlib import Path
from typing import Any

import pytest

import scoring.adaptive
from questions import load_banks
from questions.answers import keyed_answer
from questions.loader import builtin_bank_dir
from questions.models import Item
from quiz.attempts.anticipation import possible_credits
from quiz.attempts.session import QuizQuestion, Turn
from quiz.attempts.taking import TakeRun
from quiz.storage import Store
from scoring.grading import credit
from scoring.models import Answer

GOLDEN_BANKS = Path(__file__).resolve().parent.parent / "golden" / "banks"


def _every_answer(item: Item) -> list[Answer]:
    """Every answer of a kind grading tells apart (numeric: right and wrong)."""
    match item.type:
        case "choice":
            return [option.text for option in item.options]
        case "multi":
            texts = [option.text for option in item.options]
            return [list(p) for size in range(len(texts) + 1) for p in combinations(texts, size)]
        case "order":
            return [list(p) for p in permutations(item.items)]
        case "numeric":
            return [item.answer, item.answer + item.tolerance + 1]
        case "match":
            key = item.key
            prompts = list(key)
            return [
                {prompt: key[prompt] if prompt in right else "" for prompt in prompts}
                for size in range(len(prompts) + 1)
                for right in combinations(prompts, size)
            ]
        case "text":
            return ["no such reply", *(a.text for a in item.answers)]
    raise AssertionError(item.type)


def _items() -> list[Item]:
    return [
        item
        for folder in (builtin_bank_dir(), GOLDEN_BANKS)
        for bank in load_banks([folder]).banks
        for item in bank.bank.questions
        if item.type != "likert"
    ]


def test_every_credit_grading_gives_is_listed_exactly_and_skipping_first() -> None:
    items = _items()
    assert {item.type for item in items} >= {"choice", "multi", "order", "numeric"}
    for item in items:
        listed = possible_credits(item)
        graded = {credit(item, answer) for answer in _every_answer(item)}
        assert listed[0] is None, item.id
        # The same floats, not near ones: the next choice's random pick is seeded by them.
        assert graded <= set(listed[1:]), (item.id, graded - set(listed[1:]))
        if item.type in ("choice", "order", "numeric"):
            assert set(listed[1:]) == graded, item.id


def _reply(item: Item) -> Answer:
    """Self-ratings 3; a practical question answered as keyed or skipped by its id."""
    if item.type == "likert":
        return 3
    return keyed_answer(item) if sum(map(ord, item.id)) % 3 else None


def _take(home: Path, ahead: bool, made: list[int]) -> tuple[list[str], str, list[int]]:
    """An adaptive quiz (seed 11), working ahead before each answer or not: the questions
    asked, the draw stored, and for each answer how many choices the rule made after it
    was given (``made`` grows by one a choice)."""
    banks = load_banks([builtin_bank_dir()])
    shown: list[str] = []
    after_answers: list[int] = []
    mark = [0]

    def ask(question: QuizQuestion, _turn: Turn) -> Answer:
        if shown:
            after_answers.append(len(made) - mark[0])
        if ahead:
            for _ in run.anticipate():
                pass
        mark[0] = len(made)
        shown.append(question.item.id)
        return _reply(question.item)

    with Store.open(home) as store:
        run = TakeRun(store)
        run.start(banks, skills=["research", "empathy"], length="adaptive", seed=11)
        run.ask_all(ask)
        (attempt,) = store.attempts()
        return shown, attempt.draw or "", after_answers


def test_an_answer_finds_its_next_question_chosen_ahead(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    made: list[int] = []
    real = scoring.adaptive.next_step

    def counted(*args: Any, **kwargs: Any) -> Any:
        made.append(1)
        return real(*args, **kwargs)

    monkeypatch.setattr(scoring.adaptive, "next_step", counted)
    asked, draw, plain = _take(tmp_path / "plain", ahead=False, made=made)
    asked_ahead, draw_ahead, ahead = _take(tmp_path / "ahead", ahead=True, made=made)
    # The same quiz, question for question, and the same draw stored.
    assert (asked_ahead, draw_ahead) == (asked, draw)
    assert len(asked) > 20
    # Without working ahead most answers wait for a choice; with it, none does.
    assert sum(1 for count in plain if count) > 15
    assert ahead == [0] * len(ahead)

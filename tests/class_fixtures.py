"""Finished attempts recorded straight into the attempts database, for class-level tests."""

from __future__ import annotations

import math
import random
from collections.abc import Mapping, Sequence
from datetime import datetime

from questions import BankSet
from questions.answers import keyed_answer
from questions.models import ChoiceItem, Item, LikertItem, MultiItem, NumericItem, OrderItem
from quiz.attempts.session import Session
from quiz.storage import Store
from scoring.models import Answer


def record(
    store: Store,
    bank_set: BankSet,
    answers: Mapping[str, Answer],
    *,
    name: str | None = None,
    skills: Sequence[str] = ("beta",),
    length: str = "full",
    seed: int = 1,
    finished_at: datetime | None = None,
    experience_years: float | None = None,
) -> int:
    """One finished attempt at ``skills`` with these answers (a missing id is skipped)."""
    session = Session.start(
        store,
        bank_set,
        skills=skills,
        length=length,
        seed=seed,
        name=name,
        experience_years=experience_years,
    )
    session.answer_all(answers)
    store.finish(session.id, finished_at)
    return session.id


def _wrong(item: Item) -> Answer:
    """An answer that earns no credit (or as little as the item allows)."""
    if isinstance(item, ChoiceItem):
        return min(item.options, key=lambda option: option.credit).text
    if isinstance(item, MultiItem):
        return [next(option.text for option in item.options if not option.correct)]
    if isinstance(item, NumericItem):
        return item.answer + 1000
    if isinstance(item, OrderItem):
        return list(reversed(item.items))
    raise AssertionError(f"no wrong answer made for {item.type}")


def record_class(
    store: Store,
    bank_set: BankSet,
    learners: int,
    *,
    skills: Sequence[str] = ("alpha", "beta"),
    seed: int = 5,
    skip_every: int = 17,
) -> list[int]:
    """``learners`` finished full-length attempts, graded as take grades them, in one
    transaction: each learner of a level drawn around 3 answers each practical item right
    with chance logistic(1.4 (level - 3)), else wrong; every ``skip_every``-th question
    asked is skipped; self-ratings answer 3. Returns the attempt ids."""
    from quiz.attempts.draw import bank_snapshot, draw
    from quiz.attempts.snapshot import encode_draw
    from quiz.attempts.summaries import grade_attempt

    rng = random.Random(seed)
    banks = bank_snapshot(bank_set, skills).to_json()
    quiz = draw(bank_set, skills, "full", seed)
    ids = []
    asked = 0
    with store.batch():
        for number in range(learners):
            level = rng.gauss(3.0, 1.2)
            attempt = store.create_attempt(
                name=f"Learner {number:04d}",
                length="full",
                seed=seed,
                skills=list(skills),
                snapshot=banks,
                draw=encode_draw(quiz),
                questions=len(quiz.questions),
            )
            answers: dict[str, Answer] = {}
            for question in quiz.questions:
                item = question.item
                asked += 1
                if isinstance(item, LikertItem):
                    answers[item.id] = 3
                elif asked % skip_every == 0:
                    answers[item.id] = None
                else:
                    right = rng.random() < 1 / (1 + math.exp(-1.4 * (level - 3.0)))
                    answers[item.id] = keyed_answer(item) if right else _wrong(item)
            store.record_answers(attempt, answers)
            graded, summary = grade_attempt(quiz, answers, finished=True)
            store.finish(attempt, graded=graded, summary=summary)
            ids.append(attempt)
    return ids

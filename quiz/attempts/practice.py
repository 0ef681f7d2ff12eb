"""Practice: questions with the answer after each one, kept nowhere.

Practice is not an attempt. Its questions come from the banks, or from the stored snapshot
of a finished attempt (the questions as that attempt asked them, read only); each answer is
graded on the spot (scoring.grade) to say whether it was right, and forgotten once counted
in the tally. Nothing here writes to the database, so practice never shows in history,
statistics or a class's results.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Literal

from questions.answers import AnswerError, keyed_answer
from questions.record import Record
from quiz.attempts.draw import display_order, new_seed
from quiz.attempts.results import load_attempt, resolve_attempt, snapshot_of
from quiz.attempts.session import QuizQuestion
from quiz.errors import BadInput, RuntimeFailure, plural
from scoring.grading import grade, readable_pattern
from scoring.wording import join_names

if TYPE_CHECKING:
    from questions import BankSet, Item, Skill
    from quiz.storage import Store
    from scoring.models import Answer

# Questions a practice asks from the banks unless told otherwise: a few minutes' worth.
DEFAULT_COUNT = 10

Verdict = Literal["right", "partly right", "not right", "skipped"]


class Feedback(Record):
    """What a person is told after one answer: how it did, the best answer and why."""

    verdict: Verdict
    credit: float
    best: Answer  # the keyed answer, a short answer's wildcards spelled out
    explanation: str | None


def feedback(item: Item, answer: Answer) -> Feedback:
    """Grade one answer to a demonstrated item: right is full credit, partly right some."""
    credit = grade(item, answer) or 0.0
    verdict: Verdict
    if answer is None:
        verdict = "skipped"
    elif credit >= 1:
        verdict = "right"
    elif credit > 0:
        verdict = "partly right"
    else:
        verdict = "not right"
    best = keyed_answer(item)
    if item.type == "text" and isinstance(best, str):
        best = readable_pattern(best)
    return Feedback(verdict=verdict, credit=credit, best=best, explanation=item.explanation)


class Tally(Record):
    """The answers counted so far, by verdict, out of the ``total`` questions planned
    (``counts`` grows as answers come; the fields themselves are never reassigned)."""

    total: int
    counts: dict[Verdict, int] = {}  # noqa: RUF012 (each tally's own: copied for each record)

    def add(self, given: Feedback) -> None:
        self.counts[given.verdict] = self.counts.get(given.verdict, 0) + 1

    @property
    def asked(self) -> int:
        return sum(self.counts.values())

    def line(self) -> str:
        """The tally in one line, e.g. "Tally: 6 of 10 right, 2 partly right, 1 skipped."
        (questions never reached are counted apart, after an early stop)."""
        if not self.asked:
            return f"Tally: no question answered (of {self.total})."
        parts = [f"{self.counts.get('right', 0)} of {self.asked} right"]
        parts.extend(
            f"{self.counts[verdict]} {verdict}"
            for verdict in ("partly right", "not right", "skipped")
            if self.counts.get(verdict)
        )
        left = self.total - self.asked
        rest = f"; {left} of {self.total} not asked" if left else ""
        return f"Tally: {', '.join(parts)}{rest}."


def practise(
    questions: Sequence[QuizQuestion],
    ask: Callable[[QuizQuestion], Answer],
    tell: Callable[[QuizQuestion, Answer, Feedback], None],
    tally: Tally,
) -> None:
    """Ask each question, tell the feedback at once and count it; the tally stays right
    whenever this stops (Ctrl-C, end of input), since it is counted as each answer comes."""
    for question in questions:
        answer = ask(question)
        given = feedback(question.item, answer)
        tally.add(given)
        tell(question, answer, given)


class Plan(Record):
    """The questions a practice asks, and where they come from."""

    questions: list[QuizQuestion]
    skills: list[str]  # the names of the skills asked about (looked in, when none is)
    attempt_id: int | None = None  # with --missed: the attempt that missed them


def _plan(
    picked: Sequence[tuple[Skill, Item]],
    offered: Sequence[Skill],
    rng: random.Random,
    attempt_id: int | None = None,
) -> Plan:
    """The questions as shown (numbered, options in a fresh random order), and the skills
    they are on in the order ``offered`` lists them (all of those when none is picked)."""
    questions = [
        QuizQuestion(
            number=number,
            total=len(picked),
            skill=skill,
            item=item,
            shown=display_order(item, rng),
        )
        for number, (skill, item) in enumerate(picked, start=1)
    ]
    used = {skill.id for skill, _ in picked}
    names = [skill.name for skill in offered if skill.id in used or not used]
    return Plan(questions=questions, skills=names, attempt_id=attempt_id)


def _check_skills(skills: Sequence[str], offered: Sequence[Skill], where: str) -> list[Skill]:
    """The skills asked for (all when none is), in the order offered; an unknown one is bad
    input naming those there are."""
    ids = [skill.id for skill in offered]
    for skill_id in skills:
        if skill_id not in ids:
            raise BadInput(
                f"--skill: no skill {skill_id!r} in {where}; choose from {', '.join(ids)}"
            )
    return [skill for skill in offered if skill.id in skills or not skills]


def from_banks(
    bank_set: BankSet, skills: Sequence[str], count: int | None, seed: int | None
) -> Plan:
    """``count`` demonstrated items of these skills (all skills when none is given), drawn
    at random: self-ratings have no right answer to practise against."""
    chosen = _check_skills(skills, bank_set.skills, "the banks")
    pool = [
        (loaded.skill, item)
        for loaded in bank_set.banks
        if loaded.skill in chosen
        for item in loaded.bank.questions
        if item.type != "likert"
    ]
    rng = random.Random(new_seed() if seed is None else seed)
    return _plan(rng.sample(pool, min(len(pool), count or DEFAULT_COUNT)), chosen, rng)


def from_attempt(
    store: Store,
    ref: str,
    skills: Sequence[str],
    count: int | None,
    seed: int | None,
) -> Plan:
    """The questions a finished attempt ("latest": the latest finished one) got below full
    credit on or skipped, from its stored snapshot, never the current banks; all of them
    unless ``count`` says fewer."""
    attempt = load_attempt(store, resolve_attempt(store, ref))
    if not attempt.finished:
        raise RuntimeFailure(
            f"attempt {attempt.id} is still in progress ({attempt.answered} of "
            f"{attempt.questions} answered): finish it with skillquiz take --resume "
            f"{attempt.id}, then practise what it missed"
        )
    snapshot = snapshot_of(store, attempt)
    chosen = _check_skills(skills, [bank.skill for bank in snapshot.banks], f"attempt {attempt.id}")
    ids = {skill.id for skill in chosen}
    answers = store.answers(attempt.id)
    missed: list[tuple[Skill, Item]] = []
    for asked in snapshot.questions:
        if asked.item.type == "likert" or asked.skill not in ids:
            continue
        try:
            credit = grade(asked.item, answers.get(asked.item.id))
        except AnswerError:
            raise RuntimeFailure(
                f"attempt {attempt.id} cannot be read (its stored answer to {asked.item.id} "
                f"does not fit the question); delete it with skillquiz history --delete "
                f"{attempt.id}"
            ) from None
        if credit is not None and credit < 1:
            missed.append((snapshot.skill(asked.skill), asked.item))
    rng = random.Random(new_seed() if seed is None else seed)
    picked = rng.sample(missed, min(len(missed), count or len(missed)))
    return _plan(picked, chosen, rng, attempt.id)


def nothing_missed(plan: Plan, filtered: bool) -> str:
    """The one line said when a finished attempt left nothing to practise."""
    where = f" in {join_names(plan.skills)}" if filtered else ""
    return (
        f"Attempt {plan.attempt_id} earned full credit on every question{where}: "
        "nothing to practise."
    )


def plan_line(plan: Plan) -> str:
    """What this practice is, said before the first question."""
    what = plural(len(plan.questions), "question")
    if plan.attempt_id is not None:
        what = f"the {what} attempt {plan.attempt_id} missed"
    return (
        f"Practice: {what}, on {join_names(plan.skills)}. After each answer: right or not, "
        "the best answer and why. Nothing is saved; Ctrl-C stops."
    )

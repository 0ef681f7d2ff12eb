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
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Literal

from questions.answers import AnswerError, keyed_answer
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


@dataclass(frozen=True)
class Feedback:
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
    return Feedback(verdict, credit, best, item.explanation)


@dataclass
class Tally:
    """The answers counted so far, by verdict, out of the ``total`` questions planned."""

    total: int
    counts: dict[Verdict, int] = field(default_factory=dict)

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


def _numbered(picked: Sequence[tuple[Skill, Item]], rng: random.Random) -> list[QuizQuestion]:
    """The questions as shown: numbered, options in a fresh random order."""
    return [
        QuizQuestion(
            number=number,
            total=len(picked),
            skill=skill,
            item=item,
            shown=display_order(item, rng),
        )
        for number, (skill, item) in enumerate(picked, start=1)
    ]


def _check_skills(skills: Sequence[str], offered: Sequence[str], where: str) -> list[str]:
    """The skills asked for, each once; an unknown one is bad input naming those there are."""
    for skill in skills:
        if skill not in offered:
            raise BadInput(
                f"--skill: {where} has no skill {skill!r}; choose from {', '.join(offered)}"
            )
    return list(dict.fromkeys(skills)) or list(offered)


def from_banks(
    bank_set: BankSet, skills: Sequence[str], count: int | None, seed: int | None
) -> list[QuizQuestion]:
    """``count`` demonstrated items of these skills (all skills when none is given), drawn
    at random: self-ratings have no right answer to practise against."""
    chosen = _check_skills(skills, [skill.id for skill in bank_set.skills], "the banks")
    pool = [
        (loaded.skill, item)
        for loaded in bank_set.banks
        if loaded.skill.id in chosen
        for item in loaded.bank.questions
        if item.type != "likert"
    ]
    rng = random.Random(new_seed() if seed is None else seed)
    picked = rng.sample(pool, min(len(pool), count or DEFAULT_COUNT))
    return _numbered(picked, rng)


@dataclass(frozen=True)
class Missed:
    """The questions a finished attempt got below full credit (or skipped), as it asked them."""

    attempt_id: int
    questions: list[QuizQuestion]
    skills: list[str]  # the names of the skills looked in


def from_attempt(
    store: Store,
    ref: str,
    skills: Sequence[str],
    count: int | None,
    seed: int | None,
) -> Missed:
    """The missed questions of a finished attempt ("latest": the latest finished one), from
    its stored snapshot, never the current banks; all of them unless ``count`` says fewer."""
    attempt = load_attempt(store, resolve_attempt(store, ref))
    if not attempt.finished:
        raise RuntimeFailure(
            f"attempt {attempt.id} is still in progress ({attempt.answered} of "
            f"{attempt.questions} answered): finish it with skillquiz take --resume "
            f"{attempt.id}, then practise what it missed"
        )
    snapshot = snapshot_of(store, attempt)
    offered = [bank.skill.id for bank in snapshot.banks]
    chosen = _check_skills(skills, offered, f"attempt {attempt.id}")
    answers = store.answers(attempt.id)
    missed: list[tuple[Skill, Item]] = []
    for asked in snapshot.questions:
        if asked.item.type == "likert" or asked.skill not in chosen:
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
    names = [snapshot.skill(skill).name for skill in chosen]
    return Missed(attempt.id, _numbered(picked, rng), names)


def nothing_missed(missed: Missed, filtered: bool) -> str:
    """The one line said when a finished attempt left nothing to practise."""
    where = f" in {join_names(missed.skills)}" if filtered else ""
    return (
        f"Attempt {missed.attempt_id} earned full credit on every question{where}: "
        "nothing to practise."
    )


def plan_line(questions: Sequence[QuizQuestion], missed: Missed | None) -> str:
    """What this practice is, said before the first question."""
    names = join_names(list(dict.fromkeys(question.skill.name for question in questions)))
    what = plural(len(questions), "question")
    if missed is not None:
        what = f"the {what} attempt {missed.attempt_id} missed"
    return (
        f"Practice: {what}, on {names}. After each answer: right or not, the best answer "
        "and why. Nothing is saved; Ctrl-C stops."
    )

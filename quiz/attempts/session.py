"""One attempt in progress: its questions as shown, the answers so far (each saved the
moment it is given, so nothing is lost to Ctrl-C) and finishing it with its grading kept.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

from questions import BankSet, Item, Skill
from questions.record import Record
from quiz.attempts.draw import bank_snapshot, draw, new_seed
from quiz.attempts.snapshot import Snapshot, encode_draw, load_snapshot
from quiz.errors import BadInput
from quiz.safetext import MAX_NAME
from quiz.storage import AttemptRow, Store
from scoring.models import Answer, Assessment

if TYPE_CHECKING:
    from quiz.attempts.parameters import ScoringSet


class QuizQuestion(Record):
    """A question ready to show: where it sits in the quiz and its options as shown."""

    number: int
    total: int
    skill: Skill
    item: Item
    shown: tuple[str, ...]
    # How far the quiz has got, where "N of TOTAL" would not be true (an adaptive quiz
    # does not know its length in advance).
    progress: str | None = None

    @property
    def heading(self) -> str:
        if self.progress is not None:
            return f"{self.skill.name} - {self.progress}"
        return f"{self.skill.name} - question {self.number} of {self.total}"


class Back:
    """What an asker returns when the person asks for the previous question."""

    def __repr__(self) -> str:
        return "BACK"


BACK = Back()


class Given(Record):
    """The answer a question already has when the person comes back to it (``answer``
    None: it was skipped); shown, and kept when they just confirm it."""

    answer: Answer


class Turn(Record):
    """What an asker needs beyond the question itself: whether "back" is on offer, and the
    answer already given when this question is asked again."""

    back: bool = False
    given: Given | None = None


def clean_name(name: str | None) -> str | None:
    """A person's name as kept: no control or format characters, None when nothing is left.

    Names are printed back in history, the summary and reports; an escape sequence in
    one would restyle or move the cursor on every terminal that shows it.
    """
    if name is None:
        return None
    kept = "".join(char for char in name if not unicodedata.category(char).startswith("C"))
    return " ".join(kept.split()) or None


def checked_name(name: str | None) -> str | None:
    """``clean_name``, or ValueError saying why the name is refused (too long)."""
    kept = clean_name(name)
    if kept is not None and len(kept) > MAX_NAME:
        raise ValueError(
            f"a name of {len(kept):,} characters; names are at most {MAX_NAME} characters"
        )
    return kept


class Session:
    """An attempt in progress: the snapshot, the answers so far, and saving each answer."""

    def __init__(self, store: Store, attempt: AttemptRow, snapshot: Snapshot) -> None:
        self.store = store
        self.attempt = attempt
        self.snapshot = snapshot
        self.answers: dict[str, Answer] = store.answers(attempt.id)
        self._questions = [
            QuizQuestion(
                number=index,
                total=len(snapshot.questions),
                skill=snapshot.skill(asked.skill),
                item=asked.item,
                shown=asked.shown,
            )
            for index, asked in enumerate(snapshot.questions, start=1)
        ]

    @classmethod
    def start(
        cls,
        store: Store,
        bank_set: BankSet,
        *,
        skills: Sequence[str],
        length: str,
        seed: int | None = None,
        name: str | None = None,
        experience_years: float | None = None,
    ) -> Session:
        """Draw a quiz and record it as a new attempt (experience None: not given)."""
        try:
            kept_name = checked_name(name)
        except ValueError as error:
            raise BadInput(f"--name: {error}") from None
        seed = new_seed() if seed is None else seed
        snapshot = draw(bank_set, skills, length, seed)
        attempt_id = store.create_attempt(
            name=kept_name,
            length=length,
            seed=seed,
            skills=list(skills),
            snapshot=bank_snapshot(bank_set, skills).to_json(),
            draw=encode_draw(snapshot),
            questions=len(snapshot.questions),
            experience_years=experience_years,
        )
        from quiz.attempts.parameters import newest_set_id

        store.use_parameter_set(attempt_id, newest_set_id(store))
        attempt = store.attempt(attempt_id)
        assert attempt is not None
        return cls(store, attempt, snapshot)

    @classmethod
    def resume(cls, store: Store, attempt: AttemptRow) -> Session:
        return cls(store, attempt, load_snapshot(store, attempt))

    @property
    def id(self) -> int:
        return self.attempt.id

    @property
    def questions(self) -> list[QuizQuestion]:
        return list(self._questions)

    @property
    def total(self) -> int:
        return len(self._questions)

    @property
    def answered(self) -> int:
        return sum(1 for question in self._questions if question.item.id in self.answers)

    @property
    def allows_back(self) -> bool:
        """Whether the person may return to the previous question and change its answer.

        A fixed-length quiz asks the same questions whatever the answers, so an answer can
        be changed at any point. An adaptive quiz picks each question from the answers
        before it: changing one would leave later questions chosen for answers no longer
        given, so it never offers a way back. This is the one place that decides.
        """
        return self.attempt.length != "adaptive"

    def position(self) -> int | None:
        """The index of the first question not yet answered (or skipped); None when done."""
        for index, question in enumerate(self._questions):
            if question.item.id not in self.answers:
                return index
        return None

    def turn(self, index: int) -> Turn:
        """How question ``index`` is put: back on offer from the second question on (where
        the quiz allows it), and its answer so far when it has one."""
        question_id = self._questions[index].item.id
        given = Given(answer=self.answers[question_id]) if question_id in self.answers else None
        return Turn(back=self.allows_back and index > 0, given=given)

    def next_question(self) -> QuizQuestion | None:
        """The first question not yet answered (or skipped), in the order drawn."""
        for question in self._questions:
            if question.item.id not in self.answers:
                return question
        return None

    def answer(self, question_id: str, value: object) -> Answer:
        """Check an answer against its item, save it (committed at once) and return it."""
        from questions.answers import check_answer

        item = self.snapshot.items[question_id]
        checked = check_answer(item, value)
        self.store.record_answer(self.id, question_id, checked)
        self.answers[question_id] = checked
        return checked

    def answer_all(self, values: Mapping[str, Answer]) -> None:
        """Save already checked answers for every unanswered question; missing ids are skipped."""
        pending = {
            question.item.id: values.get(question.item.id)
            for question in self._questions
            if question.item.id not in self.answers
        }
        self.store.record_answers(self.id, pending)
        self.answers.update(pending)

    def scoring_set(self) -> ScoringSet:
        """The parameters this attempt is scored with: the set it recorded at its start."""
        from quiz.attempts.results import attempt_scoring

        return attempt_scoring(self.store, self.attempt, self.snapshot)

    def finish(self) -> Assessment:
        """Mark the attempt finished and keep its grading (credits and summary) with it;
        returns the assessment graded, for the report shown at once."""
        from quiz.attempts.results import assess_snapshot
        from quiz.attempts.summaries import graded_answers, summarize

        assessment = assess_snapshot(
            self.snapshot,
            self.answers,
            finished=True,
            attempt_id=self.id,
            experience_years=self.attempt.experience_years,
            scoring=self.scoring_set(),
        )
        self.store.finish(self.id, graded=graded_answers(assessment), summary=summarize(assessment))
        refreshed = self.store.attempt(self.id)
        assert refreshed is not None
        self.attempt = refreshed
        return assessment

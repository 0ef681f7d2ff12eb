"""An adaptive attempt: per skill, the self-ratings as a standard quiz asks them, then
practical questions one at a time, each chosen from the answers before it
(scoring.adaptive), until the skill's result is clear.

The draw grows as the quiz goes: the next question is chosen when an answer is given, and
stored in the same transaction as the answer, so an interruption anywhere leaves a draw
that a resumed quiz continues exactly (the choice depends only on the seed, the answers
so far and the attempt's parameter set). The choosing is done before that transaction
starts, never inside it: it takes a while, and a class of takers on one SQLite file would
queue on the write lock behind it. There is no going back: a changed answer would
leave later questions chosen for answers no longer given (Session.allows_back).

Without a calibrated set for a skill, questions are chosen from the authors' level labels
and the skill asks at least 8 (scoring.adaptive's uncalibrated mode).
"""

from __future__ import annotations

import random
from collections.abc import Iterator, Mapping, Sequence

from questions import BankSet, Item, Skill
from questions.record import Record, replace, unchecked
from quiz.attempts.draw import bank_snapshot, display_order, draw_items, new_seed
from quiz.attempts.lengths import ADAPTIVE_MOST
from quiz.attempts.parameters import ScoringSet, newest_set_id, scoring_set
from quiz.attempts.session import QuizQuestion, Session, checked_name
from quiz.attempts.snapshot import (
    AskedQuestion,
    Snapshot,
    encode_draw,
    encode_questions,
    load_snapshot,
)
from quiz.errors import BadInput
from quiz.storage import AttemptRow, Store
from scoring.adaptive import Ask, Rules, Stop
from scoring.adaptive_pool import Pool
from scoring.models import Answer

ADAPTIVE = "adaptive"
# A skill's practical answers so far, in the order asked: (item id, credit or None).
Credits = tuple[tuple[str, float | None], ...]


class SkillPlan(Record):
    """One skill's part: its self-ratings (drawn once, by the seed), its practical items,
    and the rule's settings for it."""

    skill: Skill
    ratings: tuple[Item, ...]
    items: tuple[Item, ...]
    cuts: tuple[float, ...]
    calibrated: bool


def _cuts(skill: str) -> tuple[float, ...]:
    """The catalog's requirement levels on a skill (none for a trainer's own skill)."""
    from scoring.catalog import builtin_catalog

    levels = set()
    for role in builtin_catalog().roles:
        requirement = role.skills.get(skill)
        if requirement is not None and requirement.level is not None:
            levels.add(float(requirement.level))
    return tuple(sorted(levels))


def _plans(
    banks: Snapshot, skills: Sequence[str], seed: int, scoring: ScoringSet
) -> list[SkillPlan]:
    from scoring.adaptive import is_calibrated

    plans = []
    for skill_id in skills:
        items = [asked.item for asked in banks.questions if asked.skill == skill_id]
        rng = random.Random(f"{seed}:{skill_id}")
        ratings = tuple(
            item for item in draw_items(items, "standard", rng) if item.type == "likert"
        )
        shown = tuple(item for item in items if item.type != "likert")
        plans.append(
            SkillPlan(
                skill=banks.skill(skill_id),
                ratings=ratings,
                items=shown,
                cuts=_cuts(skill_id),
                calibrated=is_calibrated(shown, scoring.params),
            )
        )
    return plans


def _asked(skill: str, item: Item, seed: int) -> AskedQuestion:
    """A question as shown, its options in an order fixed by the seed and the item."""
    rng = random.Random(f"{seed}:{skill}:{item.id}")
    # Built without validation: the item is the snapshot's own, its options as it has them.
    return AskedQuestion(skill=skill, item=item, shown=display_order(item, rng))


class _Growth(Record):
    """What comes next, chosen before it is stored: the questions added, the draw with
    them, and the skills the rule stopped on the way."""

    added: tuple[AskedQuestion, ...]
    snapshot: Snapshot
    draw: str
    stopped: tuple[str, ...]


class AdaptiveSession(Session):
    """An adaptive attempt in progress (see the module docstring)."""

    def __init__(
        self,
        store: Store,
        attempt: AttemptRow,
        snapshot: Snapshot,
        banks: Snapshot,
        scoring: ScoringSet,
    ) -> None:
        from scoring.adaptive import rules_for
        from scoring.adaptive_pool import prepare

        self.scoring = scoring
        self.plans = _plans(banks, list(attempt.skills), attempt.seed, scoring)
        self._plan = {plan.skill.id: plan for plan in self.plans}
        # Each skill's rules and items made ready once, before the first question: the SD
        # target and the items' information tables cost more than a turn may take.
        exposure = scoring.exposure or None
        self._rules: dict[str, Rules] = {
            plan.skill.id: rules_for(plan.items, scoring.params, exposure) for plan in self.plans
        }
        self._pools: dict[str, Pool] = {
            plan.skill.id: prepare(plan.items, scoring.params) for plan in self.plans
        }
        # Skills the rule has stopped: their answers can no longer change (no going back).
        self._done: set[str] = set()
        self._graded: dict[str, tuple[Answer, float | None]] = {}
        # The rule's choice for each skill and credits so far (a pure function of them),
        # made when an answer comes or ahead of it (anticipate).
        self._steps: dict[tuple[str, Credits], Ask | Stop] = {}
        super().__init__(store, attempt, snapshot)
        self._draw = encode_draw(snapshot)
        self._number()

    @property
    def uncalibrated(self) -> list[str]:
        """The skills whose questions are chosen from labels (at least 8 each)."""
        return [plan.skill.name for plan in self.plans if not plan.calibrated]

    @classmethod
    def begin(
        cls,
        store: Store,
        bank_set: BankSet,
        *,
        skills: Sequence[str],
        seed: int | None = None,
        name: str | None = None,
        experience_years: float | None = None,
    ) -> AdaptiveSession:
        """Record a new adaptive attempt with the newest parameter set, its first
        questions chosen."""
        try:
            kept_name = checked_name(name)
        except ValueError as error:
            raise BadInput(f"--name: {error}") from None
        seed = new_seed() if seed is None else seed
        banks = bank_snapshot(bank_set, skills)
        set_id = newest_set_id(store)
        scoring = scoring_set(store, set_id, (asked.item for asked in banks.questions))
        empty = Snapshot(banks=banks.banks, questions=())
        body = banks.to_json()
        with store.batch():
            attempt_id = store.create_attempt(
                name=kept_name,
                length=ADAPTIVE,
                seed=seed,
                skills=list(skills),
                snapshot=body,
                draw=None,
                questions=0,
                experience_years=experience_years,
            )
            store.use_parameter_set(attempt_id, set_id)
            attempt = store.attempt(attempt_id)
        assert attempt is not None
        # The first questions chosen and stored after: an attempt left with no draw (the
        # process killed in between) grows it when resumed, as ``reopen`` does.
        session = cls(store, attempt, empty, banks, scoring)
        session._grow()
        return session

    @classmethod
    def reopen(cls, store: Store, attempt: AttemptRow) -> AdaptiveSession:
        """An adaptive attempt resumed: its draw so far, its banks and its set."""
        from quiz.attempts.snapshot import stored_snapshot

        body = store.snapshot(attempt.snapshot)
        if body is None:
            raise ValueError("its stored questions are missing")
        banks = stored_snapshot(body, None)
        scoring = scoring_set(
            store,
            store.attempt_parameter_set(attempt.id),
            (asked.item for asked in banks.questions),
        )
        snapshot = (
            load_snapshot(store, attempt)
            if attempt.draw
            else Snapshot(banks=banks.banks, questions=())
        )
        session = cls(store, attempt, snapshot, banks, scoring)
        if session.position() is None and not attempt.finished:
            session._grow()
        return session

    def _number(self) -> None:
        """Headings: a skill's self-ratings as "about you, N of 3", its practical questions
        as "practical question N of at most 14 (this skill ends when the answer is clear)",
        the words and counts the welcome and ``take --help`` use (quiz.attempts.lengths)."""
        self._counts: dict[tuple[str, bool], int] = {}
        self._questions = [self._headed(question) for question in self._questions]

    def _headed(self, question: QuizQuestion) -> QuizQuestion:
        """The question with its heading, counted after those headed before it."""
        rated = question.item.type == "likert"
        key = (question.skill.id, rated)
        count = self._counts[key] = self._counts.get(key, 0) + 1
        progress = (
            f"about you, {count} of {len(self._plan[question.skill.id].ratings)}"
            if rated
            else f"practical question {count} of at most {ADAPTIVE_MOST} "
            "(this skill ends when the answer is clear)"
        )
        return replace(question, progress=progress)

    def _credits(
        self, plan: SkillPlan, answers: Mapping[str, Answer]
    ) -> list[tuple[str, float | None]]:
        """The skill's practical answers so far, in the order asked, as credits (the
        questions drawn and not yet answered left out)."""
        return [
            (asked.item.id, self._credit(asked.item, answers[asked.item.id]))
            for asked in self.snapshot.questions
            if asked.skill == plan.skill.id
            and asked.item.type != "likert"
            and asked.item.id in answers
        ]

    def _credit(self, item: Item, answer: Answer) -> float | None:
        """An answer's credit (None for a skip), graded once for each answer given."""
        from scoring.grading import credit

        known = self._graded.get(item.id)
        if known is None or known[0] is not answer:
            graded = None if answer is None else credit(item, answer)
            known = self._graded[item.id] = (answer, graded)
        return known[1]

    def _next(self, answers: Mapping[str, Answer]) -> tuple[list[AskedQuestion], list[str]]:
        """What to ask next, given every question so far answered: the next skill's
        self-ratings, or the rule's next practical question; none when every skill is
        done. Also the skills found stopped on the way (kept once the answers are)."""
        drawn = self.snapshot.items
        seed = self.attempt.seed
        stopped: list[str] = []
        for plan in self.plans:
            if plan.skill.id in self._done:
                continue
            ratings = [item for item in plan.ratings if item.id not in drawn]
            if ratings:
                return [_asked(plan.skill.id, item, seed) for item in ratings], stopped
            step = self._step(plan, tuple(self._credits(plan, answers)))
            if isinstance(step, Ask):
                return [_asked(plan.skill.id, step.item, seed)], stopped
            stopped.append(plan.skill.id)
        return [], stopped

    def _step(self, plan: SkillPlan, credits: Credits) -> Ask | Stop:
        """The rule's next step on a skill after these credits, worked out once."""
        from scoring.adaptive import next_step

        key = (plan.skill.id, credits)
        step = self._steps.get(key)
        if step is None:
            step = self._steps[key] = next_step(
                plan.items,
                credits,
                plan.cuts,
                f"{self.attempt.seed}:{plan.skill.id}",
                self.scoring.params,
                self._rules[plan.skill.id],
                pool=self._pools[plan.skill.id],
            )
        return step

    def anticipate(self) -> Iterator[None]:
        """Work out, one answer at a time (a yield after each), the rule's choice after
        every answer the current question can be given, while the person reads it: the
        answer then finds its next question chosen. Only the last question drawn is
        followed by a choice; a self-rating leaves the practical credits as they are."""
        from quiz.attempts.anticipation import possible_credits

        index = self.position()
        if index is None or index != len(self._questions) - 1:
            return
        question = self._questions[index]
        plan = self._plan[question.skill.id]
        if plan.skill.id in self._done:
            return
        before = tuple(self._credits(plan, self.answers))
        item = question.item
        if item.type == "likert":
            self._step(plan, before)
            yield
            return
        for credit in possible_credits(item):
            self._step(plan, (*before, (item.id, credit)))
            yield

    def _grown(self, answers: Mapping[str, Answer]) -> _Growth | None:
        """The draw with what comes next after ``answers`` added (None: nothing more to
        ask). Choosing is slow beside a write, so it is called outside any transaction."""
        added, stopped = self._next(answers)
        if not added:
            return None
        # Built without validation: the rule never asks a question twice, and every one
        # comes from the snapshot's own banks.
        snapshot = unchecked(
            Snapshot, banks=self.snapshot.banks, questions=(*self.snapshot.questions, *added)
        )
        more = encode_questions(added)
        draw = f"{self._draw},{more}" if self._draw else more
        return _Growth(added=tuple(added), snapshot=snapshot, draw=draw, stopped=tuple(stopped))

    def _adopt(self, growth: _Growth) -> None:
        self.snapshot = growth.snapshot
        self._draw = growth.draw
        self._done.update(growth.stopped)
        self._extend(growth.added)

    def _store_draw(self) -> None:
        self.store.extend_draw(self.id, self._draw, len(self.snapshot.questions))

    def _grow(self) -> None:
        """Add what comes next to the draw, and store it (in a transaction of its own)."""
        grown = self._grown(self.answers)
        if grown is not None:
            self._adopt(grown)
            self._store_draw()

    def _extend(self, added: Sequence[AskedQuestion]) -> None:
        """The questions with those added headed after them, every one counting the new
        total (headings before them stay as they were)."""
        total = len(self._questions) + len(added)
        kept = [replace(q, total=total) for q in self._questions]
        start = len(kept) + 1
        self._questions = kept + [
            self._headed(
                QuizQuestion(
                    number=number,
                    total=total,
                    skill=self._plan[asked.skill].skill,
                    item=asked.item,
                    shown=asked.shown,
                )
            )
            for number, asked in enumerate(added, start=start)
        ]

    def answer(self, question_id: str, value: object) -> Answer:
        """Check an answer, choose what comes next, then save both in one transaction."""
        from questions.answers import check_answer

        item = self.snapshot.items[question_id]
        checked = check_answer(item, value)
        answers = {**self.answers, question_id: checked}
        last = all(question.item.id in answers for question in self._questions)
        grown = self._grown(answers) if last else None
        with self.store.batch():
            self.store.record_answer(self.id, question_id, checked)
            if grown is not None:
                self.store.extend_draw(self.id, grown.draw, len(grown.snapshot.questions))
        self.answers[question_id] = checked
        if grown is not None:
            self._adopt(grown)
        return checked

    def answer_all(self, values: Mapping[str, Answer]) -> None:
        """Answer from a file, question by question as the rule chooses them (an id the
        file lacks: skipped): the whole quiz chosen first, then stored in one transaction."""
        given: dict[str, Answer] = {}
        while (index := self.position()) is not None:
            question_id = self._questions[index].item.id
            self.answers[question_id] = given[question_id] = values.get(question_id)
            if self.position() is None:
                grown = self._grown(self.answers)
                if grown is not None:
                    self._adopt(grown)
        with self.store.batch():
            self.store.record_answers(self.id, given)
            self._store_draw()

    def scoring_set(self) -> ScoringSet:
        return self.scoring

    def never_asked(self, values: Mapping[str, Answer]) -> list[str]:
        """The ids in an answers file the quiz did not ask, in the file's order."""
        return [question_id for question_id in values if question_id not in self.snapshot.items]

"""One quiz attempt: which questions, in what order, and how far a person has got.

Everything random (which items, their order, the order of options) comes from one seed
stored with the attempt, so the same seed and banks give the same quiz. The questions as
asked, options in the order shown, are frozen into a snapshot when the attempt starts:
resuming continues the same quiz even if the banks changed in between.

Questions are asked one skill at a time (in the order the skills were chosen), shuffled
within each skill, so a person stays with one topic while the types still mix.
"""

from __future__ import annotations

import random
import re
import secrets
import unicodedata
from collections import Counter, OrderedDict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from types import MappingProxyType
from typing import Any

from pydantic import BaseModel, ConfigDict, PrivateAttr, model_validator

from questions import ITEM_TYPES, BankSet, Item, ItemType, Skill
from quiz.attempts.lengths import PER_SKILL, SELF_RATINGS
from quiz.storage import AttemptRow, Store
from scoring.models import Answer, Assessment


class _Frozen(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class BankRef(_Frozen):
    """The bank a skill's questions came from, identified by a hash of its file."""

    skill: Skill
    digest: str
    source: str


class AskedQuestion(_Frozen):
    """One question as asked: its skill, the item itself, and the options in display order."""

    skill: str
    item: Item
    shown: tuple[str, ...] = ()


class Snapshot(_Frozen):
    """The whole quiz as drawn.

    Stored in two parts: the banks it was drawn from (every item, stored once and shared by
    every attempt drawn from the same banks; see ``bank_snapshot``) and the attempt's draw
    (which items, options in which order; see ``encode_draw``).
    """

    banks: tuple[BankRef, ...]
    questions: tuple[AskedQuestion, ...]
    # Built once: it is looked up for every answer given and every answer in a file.
    _items: Mapping[str, Item] = PrivateAttr(default_factory=dict)

    def model_post_init(self, context: Any, /) -> None:
        self._items = MappingProxyType({asked.item.id: asked.item for asked in self.questions})

    @model_validator(mode="after")
    def _consistent(self) -> Snapshot:
        """A stored snapshot can be edited by hand: every question must name a skill it
        carries, and each question id may be asked once, or scoring it would fail later
        rather than here, where the failure is one line."""
        skills = {ref.skill.id for ref in self.banks}
        seen: set[str] = set()
        for asked in self.questions:
            if asked.skill not in skills:
                raise ValueError(f"question {asked.item.id} names a skill not in the snapshot")
            if asked.item.id in seen:
                raise ValueError(f"question {asked.item.id} is asked twice")
            seen.add(asked.item.id)
        return self

    def skill(self, skill_id: str) -> Skill:
        for ref in self.banks:
            if ref.skill.id == skill_id:
                return ref.skill
        raise KeyError(skill_id)

    @property
    def items(self) -> Mapping[str, Item]:
        """Every question's item by id (read-only)."""
        return self._items


@dataclass(frozen=True)
class QuizQuestion:
    """A question ready to show: where it sits in the quiz and its options as shown."""

    number: int
    total: int
    skill: Skill
    item: Item
    shown: tuple[str, ...]

    @property
    def heading(self) -> str:
        return f"{self.skill.name} - question {self.number} of {self.total}"


def clean_name(name: str | None) -> str | None:
    """A person's name as kept: no control or format characters, None when nothing is left.

    Names are printed back in history, the summary and reports; an escape sequence in
    one would restyle or move the cursor on every terminal that shows it.
    """
    if name is None:
        return None
    kept = "".join(char for char in name if not unicodedata.category(char).startswith("C"))
    return " ".join(kept.split()) or None


def new_seed() -> int:
    return secrets.randbelow(2**31)


def _level(item: Item) -> str:
    """An item's difficulty as the draw groups it; unrated items form a group of their own."""
    return getattr(item, "difficulty", None) or "unrated"


def _spread(
    pool: Sequence[Item],
    count: int,
    rng: random.Random,
    quota: Mapping[ItemType, int] | None = None,
) -> list[Item]:
    """``count`` items spread across difficulties (and, without a quota, across types).

    A hard item comes first when there is one, so even a quick quiz can tell a practised
    candidate from a beginner. Each later pick takes the least represented type, then the
    difficulty furthest below its share of the pool; ties go to a random item. With a
    ``quota`` per type, each type gives exactly that many items.
    """
    shuffled = rng.sample(list(pool), len(pool))
    share = Counter(_level(item) for item in shuffled)
    types: Counter[str] = Counter()
    levels: Counter[str] = Counter()
    chosen: list[Item] = []

    def open_(item: Item) -> bool:
        return item not in chosen and (quota is None or types[item.type] < quota[item.type])

    def rank(item: Item) -> tuple[float, float]:
        level = _level(item)
        spread = (levels[level] + 0.5) / share[level]
        return (0.0 if quota else types[item.type], spread)

    while len(chosen) < count:
        candidates = [item for item in shuffled if open_(item)]
        if not candidates:
            break
        hard = [item for item in candidates if _level(item) == "hard"]
        pick = hard[0] if hard and not chosen else min(candidates, key=rank)
        chosen.append(pick)
        types[pick.type] += 1
        levels[_level(pick)] += 1
    return chosen


def _draw_quick(items: Sequence[Item], count: int, rng: random.Random) -> list[Item]:
    """One self-rating, the rest demonstrated items: a hard one first, then as many
    different types and difficulties as there are."""
    likert = [item for item in items if item.type == "likert"]
    chosen: list[Item] = rng.sample(likert, min(SELF_RATINGS["quick"], len(likert)))
    demonstrated = [item for item in items if item.type != "likert"]
    chosen.extend(_spread(demonstrated, count - len(chosen), rng))
    return _top_up(chosen, likert, count, rng)


def _top_up(
    chosen: list[Item], likert: Sequence[Item], count: int, rng: random.Random
) -> list[Item]:
    """``chosen`` filled up to ``count`` with self-ratings when demonstrated items run out."""
    if len(chosen) < count:
        spare = [item for item in likert if item not in chosen]
        chosen.extend(rng.sample(spare, min(len(spare), count - len(chosen))))
    return chosen


def _draw_stratified(items: Sequence[Item], count: int, rng: random.Random) -> list[Item]:
    """Three self-ratings, then demonstrated items with each type in proportion to its share
    of the bank's demonstrated items, spread across difficulties (a hard one first when
    there is one)."""
    likert = [item for item in items if item.type == "likert"]
    demonstrated = [item for item in items if item.type != "likert"]
    chosen: list[Item] = rng.sample(likert, min(SELF_RATINGS["standard"], len(likert)))
    wanted = min(count - len(chosen), len(demonstrated))
    sizes: Counter[str] = Counter(item.type for item in demonstrated)
    kinds = [kind for kind in ITEM_TYPES if sizes[kind]]
    exact = {kind: wanted * sizes[kind] / len(demonstrated) for kind in kinds}
    quota: dict[ItemType, int] = {kind: int(share) for kind, share in exact.items()}
    by_remainder = sorted(kinds, key=lambda kind: exact[kind] - quota[kind], reverse=True)
    for kind in by_remainder[: wanted - sum(quota.values())]:
        quota[kind] += 1
    chosen.extend(_spread(demonstrated, wanted, rng, quota))
    return _top_up(chosen, likert, count, rng)


def draw_items(items: Sequence[Item], length: str, rng: random.Random) -> list[Item]:
    """The items one skill contributes to a quiz of this length, in the order to ask them."""
    count = PER_SKILL.get(length)
    if count is None or count >= len(items):
        chosen = list(items)
    elif length == "quick":
        chosen = _draw_quick(items, count, rng)
    else:
        chosen = _draw_stratified(items, count, rng)
    rng.shuffle(chosen)
    return chosen


_NUMBERED = re.compile(r"([A-Za-z][\w-]*) ([0-9]{1,4})\b")


def _numbered(texts: Sequence[str]) -> list[str] | None:
    """Options that name numbered lines of an exhibit ("Line 3", "Op 40 (grind)") in
    number order, or None when they are not all such labels with the same word."""
    keyed: list[tuple[str, int, str]] = []
    for text in texts:
        match = _NUMBERED.match(text)
        if match is None:
            return None
        keyed.append((match.group(1), int(match.group(2)), text))
    if len({word for word, _, _ in keyed}) != 1:
        return None
    return [text for _, _, text in sorted(keyed)]


def display_order(item: Item, rng: random.Random) -> tuple[str, ...]:
    """Options (or steps) in the order shown; steps are never shown already in order.

    Options naming numbered lines of an exhibit keep their number order: shuffled, "Line
    9" would sit where a reader looks for line 3, and in plain mode option 3 would not be
    line 3. The random generator is drawn from either way, so later items are unaffected.
    """
    if item.type in ("choice", "multi"):
        texts = [option.text for option in item.options]
        shuffled = tuple(rng.sample(texts, len(texts)))
        numbered = _numbered(texts) if item.exhibit is not None else None
        return shuffled if numbered is None else tuple(numbered)
    if item.type == "match":  # the answers to pick from; the prompts keep the bank's order
        choices = list(item.choices)
        return tuple(rng.sample(choices, len(choices)))
    if item.type == "order":
        steps = list(item.items)
        shown = steps[:]
        while shown == steps:
            rng.shuffle(shown)
        return tuple(shown)
    return ()


def planned_count(bank_set: BankSet, skills: Sequence[str], length: str) -> int:
    """How many questions a quiz of this length over these skills asks."""
    total = 0
    for skill_id in skills:
        size = len(bank_set.bank(skill_id).bank.questions)
        per = PER_SKILL.get(length)
        total += size if per is None else min(per, size)
    return total


def draw(bank_set: BankSet, skills: Sequence[str], length: str, seed: int) -> Snapshot:
    """The quiz for these skills, length and seed.

    Each skill draws from its own generator seeded with the seed and the skill id, so
    leaving a skill out does not change the questions drawn for the others.
    """
    refs: list[BankRef] = []
    questions: list[AskedQuestion] = []
    for skill_id in skills:
        loaded = bank_set.bank(skill_id)
        rng = random.Random(f"{seed}:{skill_id}")
        refs.append(BankRef(skill=loaded.skill, digest=loaded.digest, source=loaded.source))
        for item in draw_items(loaded.bank.questions, length, rng):
            questions.append(
                AskedQuestion(skill=skill_id, item=item, shown=display_order(item, rng))
            )
    return Snapshot(banks=tuple(refs), questions=tuple(questions))


def bank_snapshot(bank_set: BankSet, skills: Sequence[str]) -> Snapshot:
    """Every item of the chosen skills' banks, in the banks' order: what attempts drawn
    from the same banks share in storage, whatever each one drew."""
    chosen = set(skills)
    refs: list[BankRef] = []
    questions: list[AskedQuestion] = []
    for loaded in bank_set.banks:
        if loaded.skill.id not in chosen:
            continue
        refs.append(BankRef(skill=loaded.skill, digest=loaded.digest, source=loaded.source))
        questions.extend(
            AskedQuestion(skill=loaded.skill.id, item=item) for item in loaded.bank.questions
        )
    return Snapshot(banks=tuple(refs), questions=tuple(questions))


def _choices(item: Item) -> list[str]:
    """What an item shows in some order: option texts, or an order item's steps."""
    if item.type in ("choice", "multi"):
        return [option.text for option in item.options]
    if item.type == "match":
        return list(item.choices)
    if item.type == "order":
        return list(item.items)
    return []


def encode_draw(snapshot: Snapshot) -> str:
    """The draw as stored: the questions in the order asked, each with the positions (in
    the bank) of its options as shown, e.g. ``da-scn-01:2.0.1,da-num-01`` (about 300
    bytes a quick quiz; ids never hold ``:`` or ``,``)."""
    entries = []
    for asked in snapshot.questions:
        choices = _choices(asked.item)
        positions = ".".join(str(choices.index(text)) for text in asked.shown)
        entries.append(f"{asked.item.id}:{positions}" if positions else asked.item.id)
    return ",".join(entries)


def decode_draw(text: str) -> list[tuple[str, list[int]]]:
    """Each question id of a stored draw with the positions of its options as shown;
    ValueError when the text is not a draw."""
    draw = []
    for entry in text.split(","):
        question_id, _, positions = entry.partition(":")
        if not question_id:
            raise ValueError(text)
        draw.append((question_id, [int(p) for p in positions.split(".")] if positions else []))
    return draw


def _as_shown(asked: AskedQuestion, positions: Sequence[int]) -> AskedQuestion:
    """A question with its options in the order a draw gives by position; ValueError when
    the positions are not each of its options once (a damaged draw: ``-1`` would quietly
    pick the last option, a missing one would drop an option)."""
    choices = _choices(asked.item)
    if positions and sorted(positions) != list(range(len(choices))):
        raise ValueError(f"option positions {list(positions)} do not match {asked.item.id}")
    return asked.model_copy(update={"shown": tuple(choices[p] for p in positions)})


def stored_snapshot(body: str, draw: str | None) -> Snapshot:
    """The quiz as asked, from its stored banks and draw (None: the body is the quiz as
    asked, as attempts stored before draws were kept). ValueError when either is damaged.

    Only the questions drawn are validated, not the whole banks: a quick quiz asks 20 of
    some 130 items, and validating them all would be most of the time ``show`` takes.
    """
    return StoredBanks(body).snapshot(draw)


class StoredBanks:
    """One stored bank snapshot, read for any number of attempts drawn from it.

    A class's attempts share a few stored snapshots (some 150 KB of JSON each). Parsing the
    body and validating each drawn question again for every attempt was most of the time
    cohort and regrading took; here the body is parsed once and each question (and
    bank) validated the first time a draw asks for it, never the whole banks up front.
    Each attempt still gets its own questions with its own option order.
    """

    def __init__(self, body: str) -> None:
        self._body = body
        # The body's questions by id and its banks, each with its skill id (JSON as read).
        self._by_id: dict[Any, Any] | None = None
        self._banks: list[tuple[Any, Any]] = []
        self._broken = False
        # Validated once; None marks one that does not validate.
        self._questions: dict[Any, AskedQuestion | None] = {}
        self._refs: dict[int, BankRef | None] = {}

    def _parse(self) -> dict[Any, Any]:
        """The body's questions by id (and its banks kept); ValueError when it is not a
        bank snapshot, however often asked."""
        import json

        if self._broken:
            raise ValueError("the stored draw does not match its banks")
        if self._by_id is None:
            try:
                whole = json.loads(self._body)
                by_id = {question["item"]["id"]: question for question in whole["questions"]}
                self._banks = [(ref["skill"]["id"], ref) for ref in whole["banks"]]
            except (KeyError, IndexError, TypeError, ValueError, AttributeError):
                self._broken = True
                raise ValueError("the stored draw does not match its banks") from None
            self._by_id = by_id
        return self._by_id

    def _question(self, question_id: Any, raw: Any) -> AskedQuestion | None:
        if question_id not in self._questions:
            try:
                self._questions[question_id] = AskedQuestion.model_validate(raw)
            except ValueError:
                self._questions[question_id] = None
        return self._questions[question_id]

    def _ref(self, index: int) -> BankRef | None:
        if index not in self._refs:
            try:
                self._refs[index] = BankRef.model_validate(self._banks[index][1])
            except ValueError:
                self._refs[index] = None
        return self._refs[index]

    def snapshot(self, draw: str | None) -> Snapshot:
        """The quiz one attempt asked (see ``stored_snapshot``): a Snapshot of its own,
        sharing only the validated, frozen questions and banks."""
        if draw is None:  # the whole quiz as asked, stored for this attempt alone
            return Snapshot.model_validate_json(self._body)
        try:
            by_id = self._parse()
            drawn = [
                (question_id, by_id[question_id], positions)
                for question_id, positions in decode_draw(draw)
            ]
            used = list(dict.fromkeys(question["skill"] for _, question, _ in drawn))
            chosen = sorted(
                (index for index, (skill, _) in enumerate(self._banks) if skill in used),
                key=lambda index: used.index(self._banks[index][0]),
            )
        except (KeyError, IndexError, TypeError, ValueError, AttributeError):
            raise ValueError("the stored draw does not match its banks") from None
        refs = [self._ref(index) for index in chosen]
        asked = [self._question(question_id, raw) for question_id, raw, _ in drawn]
        banks = tuple(ref for ref in refs if ref is not None)
        valid = tuple(question for question in asked if question is not None)
        if len(banks) < len(refs) or len(valid) < len(asked):
            # Damaged: validated together, so the failure counts every problem at once.
            whole = Snapshot.model_validate(
                {
                    "banks": [self._banks[index][1] for index in chosen],
                    "questions": [raw for _, raw, _ in drawn],
                }
            )
            banks, valid = whole.banks, whole.questions
        questions: tuple[AskedQuestion, ...] | None
        try:
            questions = tuple(
                _as_shown(question, positions)
                for question, (_, _, positions) in zip(valid, drawn, strict=True)
            )
        except (IndexError, ValueError):
            questions = None
        # Built from validated parts: the snapshot's own checks run (a question asked twice,
        # one naming a skill it lacks) before a draw's bad option positions are reported.
        snapshot = Snapshot(banks=banks, questions=valid if questions is None else questions)
        if questions is None:
            raise ValueError("the stored draw does not match its banks")
        return snapshot


class SnapshotCache:
    """Stored bank snapshots read once each, for a run that reads many attempts (cohort,
    regrading, import): the few most recently used are kept, by digest, so memory stays
    bounded however many snapshots the database holds. Keep one per command run: a body
    is trusted to stay what its digest says only while the run lasts."""

    def __init__(self, size: int = 8) -> None:
        self._size = size
        self._bodies: OrderedDict[str, StoredBanks] = OrderedDict()

    def load(self, store: Store, attempt: AttemptRow) -> Snapshot:
        """As ``load_snapshot``."""
        banks = self._bodies.get(attempt.snapshot)
        if banks is None:
            body = store.snapshot(attempt.snapshot)
            if body is None:
                raise ValueError("its stored questions are missing")
            banks = self._bodies[attempt.snapshot] = StoredBanks(body)
            if len(self._bodies) > self._size:
                self._bodies.popitem(last=False)
        else:
            self._bodies.move_to_end(attempt.snapshot)
        return banks.snapshot(attempt.draw)


def load_snapshot(
    store: Store, attempt: AttemptRow, cache: SnapshotCache | None = None
) -> Snapshot:
    """The quiz an attempt asked; ValueError (a pydantic ValidationError for a body that
    does not validate) when what is stored is damaged or missing. Reading many attempts,
    pass one ``cache`` for them all."""
    return (SnapshotCache(size=1) if cache is None else cache).load(store, attempt)


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
        seed = new_seed() if seed is None else seed
        snapshot = draw(bank_set, skills, length, seed)
        attempt_id = store.create_attempt(
            name=clean_name(name),
            length=length,
            seed=seed,
            skills=list(skills),
            snapshot=bank_snapshot(bank_set, skills).model_dump_json(),
            draw=encode_draw(snapshot),
            questions=len(snapshot.questions),
            experience_years=experience_years,
        )
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
        )
        self.store.finish(self.id, graded=graded_answers(assessment), summary=summarize(assessment))
        refreshed = self.store.attempt(self.id)
        assert refreshed is not None
        self.attempt = refreshed
        return assessment

"""The quiz as asked, frozen when an attempt starts, and how it is stored and read back.

The questions as asked, options in the order shown, are frozen into a snapshot: resuming
continues the same quiz even if the banks changed in between, and scoring a past attempt
reads what it asked, never the current banks. Storage keeps the banks drawn from once
(shared by every attempt drawn from them) and each attempt's draw (which items, options
in which order); a stored snapshot is validated only as far as a draw asks.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Mapping, Sequence
from functools import cached_property
from types import MappingProxyType
from typing import Any, NamedTuple, Protocol, assert_never

from questions import Item, Skill
from questions.models import (
    ChoiceItem,
    LikertItem,
    MatchItem,
    MultiItem,
    NumericItem,
    OrderItem,
    TextItem,
)
from questions.record import Record, replace, to_data
from quiz.storage import AttemptRow, Store


class BankRef(Record):
    """The bank a skill's questions came from, identified by a hash of its file."""

    skill: Skill
    digest: str
    source: str


class AskedQuestion(Record):
    """One question as asked: its skill, the item itself, and the options in display order."""

    skill: str
    item: Item
    shown: tuple[str, ...] = ()


class Snapshot(Record):
    """The whole quiz as drawn.

    Stored in two parts: the banks it was drawn from (every item, stored once and shared by
    every attempt drawn from the same banks; see ``bank_snapshot``) and the attempt's draw
    (which items, options in which order; see ``encode_draw``).
    """

    banks: tuple[BankRef, ...]
    questions: tuple[AskedQuestion, ...]

    def check(self) -> None:
        """A stored snapshot can be edited by hand: every question must name a skill it
        carries, and each question id may be asked once, or scoring it would fail later
        rather than here, where the failure is one line."""
        problem = _inconsistency(self.banks, self.questions)
        if problem is not None:
            raise ValueError(problem)

    def skill(self, skill_id: str) -> Skill:
        for ref in self.banks:
            if ref.skill.id == skill_id:
                return ref.skill
        raise KeyError(skill_id)

    @cached_property
    def items(self) -> Mapping[str, Item]:
        """Every question's item by id (read-only); built once, as it is looked up for
        every answer given and every answer in a file."""
        return MappingProxyType({asked.item.id: asked.item for asked in self.questions})

    def to_json(self) -> str:
        """The snapshot as stored: compact JSON, text kept as written (not escaped)."""
        import json

        return json.dumps(to_data(self), ensure_ascii=False, separators=(",", ":"))


class KeptParts(NamedTuple):
    """What validating a stored bank snapshot concluded: each bank's skill id as the body
    gives it, in the body's order, and those of its questions (by id) and banks (by
    position) that validated. A part that did not validate is never kept."""

    skills: tuple[Any, ...]
    questions: Mapping[str, AskedQuestion]
    refs: Mapping[int, BankRef]


class KeptBanks(Protocol):
    """Keeps validated parts of stored bank snapshots between runs, found again by the
    body's text (the command line keeps them in its file cache).

    Validating the questions an attempt drew builds pydantic's validators on first use,
    every run anew. What one validation concluded about a stored body holds for as long as
    the body's text and the code that validated it stay what they were, so it may be kept
    under the two. quiz.attempts knows no file cache: the command line gives one
    (``keep_banks_with``), as it gives scoring its catalog reader.
    """

    def read(self, body: str) -> KeptParts | None:
        """What is kept for exactly this body (None: nothing). A part that cannot be read
        back is missing from the mappings, never wrong: reading then validates it."""

    def keep(self, body: str, parts: KeptParts) -> None:
        """Add ``parts`` (validated from this very body) to what is kept for it; failing
        to keep them is no error."""


_keeper: KeptBanks | None = None


def keep_banks_with(keeper: KeptBanks | None) -> None:
    """Have stored snapshots read through ``keeper`` from now on (None: keep nothing)."""
    global _keeper
    _keeper = keeper


def _inconsistency(banks: Sequence[BankRef], questions: Sequence[AskedQuestion]) -> str | None:
    """What makes these questions not a snapshot of these banks (see ``Snapshot``), if
    anything."""
    skills = {ref.skill.id for ref in banks}
    seen: set[str] = set()
    for asked in questions:
        if asked.skill not in skills:
            return f"question {asked.item.id} names a skill not in the snapshot"
        if asked.item.id in seen:
            return f"question {asked.item.id} is asked twice"
        seen.add(asked.item.id)
    return None


def _banks_used(skills: Sequence[Any], asked: Sequence[Any]) -> list[int]:
    """The positions of the banks (by their skills, in stored order) that the questions
    asked (by their skills, in order) came from, in the order each skill was first asked."""
    used = list(dict.fromkeys(asked))
    return sorted(
        (index for index, skill in enumerate(skills) if skill in used),
        key=lambda index: used.index(skills[index]),
    )


def choices_of(item: Item) -> list[str]:
    """What an item shows in some order, in the bank's order: option texts, a match item's
    answers or an order item's steps; nothing for the types that show no list."""
    match item:
        case ChoiceItem() | MultiItem():
            return [option.text for option in item.options]
        case MatchItem():
            return list(item.choices)
        case OrderItem():
            return list(item.items)
        case LikertItem() | NumericItem() | TextItem():
            return []
        case _:
            assert_never(item)


def encode_draw(snapshot: Snapshot) -> str:
    """The draw as stored: the questions in the order asked, each with the positions (in
    the bank) of its options as shown, e.g. ``da-scn-01:2.0.1,da-num-01`` (about 300
    bytes a quick quiz; ids never hold ``:`` or ``,``)."""
    return encode_questions(snapshot.questions)


def encode_questions(questions: Sequence[AskedQuestion]) -> str:
    """Questions as a draw stores them (``encode_draw``): a draw that grows by some
    questions grows by their encoding after a comma."""
    entries = []
    for asked in questions:
        choices = choices_of(asked.item)
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
    choices = choices_of(asked.item)
    if positions and sorted(positions) != list(range(len(choices))):
        raise ValueError(f"option positions {list(positions)} do not match {asked.item.id}")
    return replace(asked, shown=tuple(choices[p] for p in positions))


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

    With a keeper (``KeptBanks``; by default the one the command line gave), what was
    validated is kept for later runs, and a draw whose questions and banks are all kept is
    read without parsing or validating anything. Anything else (a part not kept, a
    damaged draw) is read as without a keeper, so every failure is the same.
    """

    def __init__(self, body: str, kept: KeptBanks | None = None) -> None:
        self._body = body
        # The body's questions by id and its banks, each with its skill id (JSON as read).
        self._by_id: dict[Any, Any] | None = None
        self._banks: list[tuple[Any, Any]] = []
        self._broken = False
        # Validated once; None marks one that does not validate.
        self._questions: dict[Any, AskedQuestion | None] = {}
        self._refs: dict[int, BankRef | None] = {}
        self._keeper = kept if kept is not None else _keeper
        self._kept: KeptParts | None = None
        self._read_kept = False
        # Validated here and not yet handed to the keeper.
        self._fresh = False

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

    def _parts(self) -> KeptParts | None:
        """What the keeper holds for this body, read once."""
        if not self._read_kept:
            self._read_kept = True
            if self._keeper is not None:
                self._kept = self._keeper.read(self._body)
        return self._kept

    def _question(self, question_id: Any, raw: Any) -> AskedQuestion | None:
        if question_id not in self._questions:
            kept = self._parts()
            found = None if kept is None else kept.questions.get(question_id)
            if found is None:
                from questions.record_schema import validate

                try:
                    found = validate(AskedQuestion, raw)
                    self._fresh = True
                except ValueError:
                    pass
            self._questions[question_id] = found
        return self._questions[question_id]

    def _ref(self, index: int) -> BankRef | None:
        if index not in self._refs:
            kept = self._parts()
            found = None if kept is None else kept.refs.get(index)
            if found is None:
                from questions.record_schema import validate

                try:
                    found = validate(BankRef, self._banks[index][1])
                    self._fresh = True
                except ValueError:
                    pass
            self._refs[index] = found
        return self._refs[index]

    def snapshot(self, draw: str | None) -> Snapshot:
        """The quiz one attempt asked (see ``stored_snapshot``): a Snapshot of its own,
        sharing only the validated, frozen questions and banks."""
        if draw is None:  # the whole quiz as asked, stored for this attempt alone
            from questions.record_schema import validate_json

            snapshot: Snapshot = validate_json(Snapshot, self._body)
            return snapshot
        kept = self._from_kept(draw)
        if kept is not None:
            return kept
        try:
            return self._validated(draw)
        finally:
            self._keep()

    def _from_kept(self, draw: str) -> Snapshot | None:
        """The snapshot of ``draw`` from kept parts alone, as validating would give it;
        None when any part is not kept or anything would fail (then it is validated)."""
        parts = self._parts()
        if parts is None:
            return None
        try:
            drawn = [
                (parts.questions[question_id], positions)
                for question_id, positions in decode_draw(draw)
            ]
            chosen = _banks_used(parts.skills, [asked.skill for asked, _ in drawn])
            banks = tuple(parts.refs[index] for index in chosen)
            questions = tuple(_as_shown(asked, positions) for asked, positions in drawn)
        except (KeyError, IndexError, ValueError):
            return None
        if _inconsistency(banks, questions) is not None:
            return None
        # Every part validated and the whole consistent: what validating would build.
        return Snapshot(banks=banks, questions=questions)

    def _validated(self, draw: str) -> Snapshot:
        try:
            by_id = self._parse()
            drawn = [
                (question_id, by_id[question_id], positions)
                for question_id, positions in decode_draw(draw)
            ]
            skills = [skill for skill, _ in self._banks]
            chosen = _banks_used(skills, [question["skill"] for _, question, _ in drawn])
        except (KeyError, IndexError, TypeError, ValueError, AttributeError):
            raise ValueError("the stored draw does not match its banks") from None
        refs = [self._ref(index) for index in chosen]
        asked = [self._question(question_id, raw) for question_id, raw, _ in drawn]
        banks = tuple(ref for ref in refs if ref is not None)
        valid = tuple(question for question in asked if question is not None)
        if len(banks) < len(refs) or len(valid) < len(asked):
            # Damaged: validated together, so the failure counts every problem at once.
            from questions.record_schema import validate

            whole = validate(
                Snapshot,
                {
                    "banks": [self._banks[index][1] for index in chosen],
                    "questions": [raw for _, raw, _ in drawn],
                },
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

    def _keep(self) -> None:
        """Hand what was validated here to the keeper (the parts that validated only)."""
        if self._keeper is None or not self._fresh or self._by_id is None:
            return
        self._fresh = False
        self._keeper.keep(
            self._body,
            KeptParts(
                skills=tuple(skill for skill, _ in self._banks),
                questions={key: got for key, got in self._questions.items() if got is not None},
                refs={index: got for index, got in self._refs.items() if got is not None},
            ),
        )


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


def keep_validated(store: Store, attempt: AttemptRow) -> None:
    """Read an attempt's snapshot once so that the keeper given (if any) keeps what it
    validated: the first ``show`` after a quiz then validates nothing. Read as any later
    command would read it, so nothing is kept that the stored body would not give; a
    snapshot that cannot be read is left for that command to report."""
    from contextlib import suppress

    if _keeper is None:
        return
    with suppress(ValueError):
        load_snapshot(store, attempt)

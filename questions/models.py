"""The question-bank schema as immutable records.

A bank is data written by trainers, so the schema is strict about shape (unknown keys
are errors, text must be text) but says nothing about scoring or how a question is shown.
The types here are plain records (questions.record), so reading a cached bank needs no
pydantic; each constrained type names its rule in questions.bank_rules, which validates
a bank file with pydantic.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Annotated, ClassVar, Literal

from questions.kinds import ITEM_TYPES as ITEM_TYPES
from questions.kinds import ItemType as ItemType
from questions.record import Record, Rule

SUPPORTED_SCHEMAS = (1,)

LIKERT_LABELS = (
    "Strongly disagree",
    "Disagree",
    "Neither agree nor disagree",
    "Agree",
    "Strongly agree",
)


# Characters that change how the text around them shows without showing themselves: bidi
# controls reorder what follows them (a name can read one way and be another), zero-width
# characters hide inside a word (two names that look alike differ).
BIDI_CONTROLS = "\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
ZERO_WIDTH = "\u200b\u200c\u200d\u2060\ufeff"
_INVISIBLE = re.compile(f"[{BIDI_CONTROLS}{ZERO_WIDTH}]")

_RULES = "questions.bank_rules"

# Printable text (line breaks allowed), stripped, at least one character.
Text = Annotated[str, Rule(f"{_RULES}:text")]
# A text shown on one line: a skill's name, an option, a step, an answer, a unit, a tag.
Name = Annotated[str, Rule(f"{_RULES}:name")]
SkillId = Annotated[str, Rule(f"{_RULES}:skill_id")]
ItemId = Annotated[str, Rule(f"{_RULES}:item_id")]
# A number scoring can use: an int or a finite float, never a bool or text.
Number = Annotated[int | float, Rule(f"{_RULES}:number")]
Credit = Annotated[int | float, Rule(f"{_RULES}:number", 0, 1)]
Tolerance = Annotated[int | float, Rule(f"{_RULES}:number", 0)]
# The ``schema:`` number of a file this version reads (banks and the scoring catalog).
SchemaVersion = Annotated[int, Rule(f"{_RULES}:schema_version")]
StrictBool = Annotated[bool, Rule(f"{_RULES}:strict_bool")]

Difficulty = Literal["easy", "medium", "hard"]
DIFFICULTIES: tuple[Difficulty, ...] = ("easy", "medium", "hard")
EXHIBIT_WIDTH = 76


class Skill(Record):
    id: SkillId
    name: Name
    description: Text | None = None


def columns(line: str) -> int:
    """How many terminal columns a line takes: wide (East Asian) characters take two,
    combining marks none, so a table lines up as the author sees it."""
    return sum(
        0 if unicodedata.combining(char) else 2 if unicodedata.east_asian_width(char) in "WF" else 1
        for char in line
    )


def exhibit_problems(exhibit: str) -> list[tuple[int, str]]:
    """Each line of an exhibit that cannot be shown verbatim, as (1-based line, reason).

    An exhibit is never re-wrapped, so a line wider than the narrowest terminal we support
    (80 columns, less the indent) would be cut or folded mid-table; a tab lines up
    differently in every terminal, and other control characters could move the cursor.
    """
    problems = []
    for number, line in enumerate(exhibit.split("\n"), start=1):
        if "\t" in line:
            problems.append((number, "a tab; line the columns up with spaces"))
        elif any(unicodedata.category(char) == "Cc" for char in line):
            problems.append((number, "a control character; exhibits hold printable text only"))
        elif _INVISIBLE.search(line):
            problems.append(
                (number, "a bidi control or zero-width character; exhibits show what they hold")
            )
        elif (width := columns(line.rstrip(" "))) > EXHIBIT_WIDTH:
            problems.append((number, f"{width} columns wide; at most {EXHIBIT_WIDTH} fit"))
    return problems


# A preformatted block shown as written: a pick list, an inspection record, a run chart.
Exhibit = Annotated[str | None, Rule(f"{_RULES}:exhibit")]


class ItemBase(Record):
    id: ItemId
    text: Text
    exhibit: Exhibit = None
    explanation: Text | None = None
    tags: tuple[Name, ...] = ()

    @property
    def demonstrated(self) -> bool:
        """Likert items are self-ratings; every other type shows what a person can do."""
        return True


def text_key(text: str) -> str:
    """Texts are told apart ignoring case and surrounding or repeated spaces."""
    return " ".join(text.split()).casefold()


def _quoted(text: str) -> str:
    """A text as a one-line message quotes it: its start only, when it is long."""
    return repr(text) if len(text) <= 60 else f"{text[:30]!r}... ({len(text):,} characters)"


def unique_texts(texts: list[str], what: str) -> None:
    seen: set[str] = set()
    for text in texts:
        key = text_key(text)  # answers are matched the same way
        if key in seen:
            raise ValueError(f"{what} texts must be unique within an item; {_quoted(text)} repeats")
        seen.add(key)


class LikertItem(ItemBase):
    type: Literal["likert"]
    reverse: StrictBool = False

    @property
    def demonstrated(self) -> bool:
        return False


# O*NET's level scale, on which item levels and a person's skill level are both read.
LEVEL_MIN = 0.0
LEVEL_MAX = 7.0

# The O*NET level (0.0-7.0, one decimal) at which a person earns about halfway from what a
# random answer earns to full credit, judged against the level anchors of the skill's
# O*NET element (docs/authoring.md says how to judge it).
ItemLevel = Annotated[float, Rule(f"{_RULES}:item_level")]


class DemonstratedBase(ItemBase):
    """An item that shows what a person can do, with the author's estimate of how hard it
    is: easy (more than 80% of entry-level candidates answer it right), medium (50-80%) or
    hard (under 50%), and its ``level`` on O*NET's scale. Both optional, so banks written
    before they existed stay valid; scoring reads a missing level from the difficulty."""

    difficulty: Difficulty | None = None
    level: ItemLevel | None = None


class ChoiceOption(Record):
    text: Name
    credit: Credit


class ChoiceItem(DemonstratedBase):
    type: Literal["choice"]
    options: tuple[ChoiceOption, ...]

    def check(self) -> None:
        if len(self.options) < 2:
            raise ValueError("a choice item needs at least 2 options")
        if not any(option.credit == 1 for option in self.options):
            raise ValueError(
                "a choice item needs one option with credit 1 (the full-credit answer)"
            )
        unique_texts([option.text for option in self.options], "option")


class MultiOption(Record):
    text: Name
    correct: StrictBool


class MultiItem(DemonstratedBase):
    type: Literal["multi"]
    options: tuple[MultiOption, ...]

    def check(self) -> None:
        if not any(option.correct for option in self.options):
            raise ValueError("a multi item needs at least one option with correct: true")
        if all(option.correct for option in self.options):
            raise ValueError("a multi item needs at least one option with correct: false")
        unique_texts([option.text for option in self.options], "option")


class NumericItem(DemonstratedBase):
    type: Literal["numeric"]
    answer: Number
    tolerance: Tolerance = 0
    unit: Name | None = None


# Steps to put in order: at least three, each told apart from the others (checked where
# the items key is, so the problem is reported at its line).
OrderSteps = Annotated[tuple[str, ...], Rule(f"{_RULES}:order_items")]


class OrderItem(DemonstratedBase):
    type: Literal["order"]
    items: OrderSteps


class TextAnswer(Record):
    """One accepted reply to a short-answer item; ``*`` matches any run of characters."""

    text: Name
    credit: Credit


class TextItem(DemonstratedBase):
    """Short answer: the reply is compared with each accepted answer in turn, ignoring case
    and surrounding spaces; the first that matches gives its credit (Moodle's rule)."""

    type: Literal["text"]
    answers: tuple[TextAnswer, ...]

    def check(self) -> None:
        if not self.answers:
            raise ValueError("a text item needs at least one answer")
        if not any(answer.credit == 1 for answer in self.answers):
            raise ValueError("a text item needs one answer with credit 1 (the full-credit answer)")
        unique_texts([answer.text for answer in self.answers], "answer")


class MatchPair(Record):
    prompt: Name
    answer: Name


class MatchItem(DemonstratedBase):
    """Match each prompt to an answer; answers may serve more than one prompt, and
    distractors are answers that match none."""

    type: Literal["match"]
    pairs: tuple[MatchPair, ...]
    distractors: tuple[Name, ...] = ()

    def check(self) -> None:
        if len(self.pairs) < 2:
            raise ValueError("a match item needs at least 2 pairs")
        unique_texts([pair.prompt for pair in self.pairs], "prompt")
        answers = {text_key(pair.answer) for pair in self.pairs}
        unique_texts(list(self.distractors), "distractor")
        for text in self.distractors:
            if text_key(text) in answers:
                raise ValueError(f"distractor {_quoted(text)} is also the answer of a pair")

    @property
    def choices(self) -> tuple[str, ...]:
        """Every answer a prompt can be given, each once: the pairs' answers, then the
        distractors."""
        seen: dict[str, str] = {}
        for text in (*(pair.answer for pair in self.pairs), *self.distractors):
            seen.setdefault(text_key(text), text)
        return tuple(seen.values())

    @property
    def key(self) -> dict[str, str]:
        """Each prompt's right answer, spelled as in ``choices``."""
        spelling = {text_key(text): text for text in self.choices}
        return {pair.prompt: spelling[text_key(pair.answer)] for pair in self.pairs}


# Any item, told apart by its ``type``.
Item = Annotated[
    LikertItem | ChoiceItem | MultiItem | NumericItem | OrderItem | TextItem | MatchItem,
    Rule(f"{_RULES}:item"),
]
BankQuestions = Annotated[tuple[Item, ...], Rule(f"{_RULES}:bank_questions")]


class Bank(Record):
    """One skill's bank, as written in one YAML file (its ``schema:`` key is
    ``schema_version`` here; both spellings are read)."""

    _aliases: ClassVar[dict[str, str]] = {"schema_version": "schema"}

    schema_version: SchemaVersion
    skill: Skill
    questions: BankQuestions

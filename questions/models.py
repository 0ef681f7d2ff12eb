"""The question-bank schema as immutable pydantic models.

A bank is data written by trainers, so the models are strict about shape (unknown keys
are errors, text must be text) but say nothing about scoring or how a question is shown.
"""

from __future__ import annotations

import math
import re
import unicodedata
from typing import Annotated, Any, Literal

from pydantic import (
    AfterValidator,
    AllowInfNan,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    StrictBool,
    StrictFloat,
    StrictInt,
    StringConstraints,
    field_validator,
    model_validator,
)
from pydantic_core import PydanticCustomError

from questions.kinds import ITEM_TYPES as ITEM_TYPES
from questions.kinds import ItemType as ItemType
from questions.numbers import too_large

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
# Control characters (Unicode's Cc: C0, DEL and C1) but the line break, and the above.
_REFUSED = re.compile(f"[\x00-\x09\x0b-\x1f\x7f-\x9f{BIDI_CONTROLS}{ZERO_WIDTH}]")
_INVISIBLE = re.compile(f"[{BIDI_CONTROLS}{ZERO_WIDTH}]")


def _printable(text: str) -> str:
    """Refuse control characters other than line breaks: bank text reaches terminals, where
    ESC and its kin can retitle the window, clear the screen or hide what follows; and
    refuse bidi controls and zero-width characters, which make text read other than it is."""
    found = _REFUSED.search(text)
    if found is None:
        return text
    char, position = found.group(), found.start() + 1
    if char in BIDI_CONTROLS or char in ZERO_WIDTH:
        kind = "bidi control" if char in BIDI_CONTROLS else "zero-width"
        raise ValueError(
            f"a {kind} character (U+{ord(char):04X}) at character {position}; bank text "
            "holds no characters that reorder or hide the text around them"
        )
    raise ValueError(
        f"a control character (\\x{ord(char):02x}) at character {position}; bank text "
        "holds printable characters and line breaks only"
    )


# What YAML, GIFT or a terminal may take for the end of a line.
_LINE_BREAK = re.compile("[\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029]")


def _one_line(text: str) -> str:
    """Refuse a line break in a text that names something (a skill, an option, a step, an
    answer, a unit, a tag): it is shown on one line, and written into one line of GIFT,
    where a break would start a new question."""
    found = _LINE_BREAK.search(text)
    if found is not None:
        raise ValueError(
            f"a line break at character {found.start() + 1}; this text is one line "
            "(only a question's text, explanation and description may have more)"
        )
    return text


Text = Annotated[
    str,
    StringConstraints(strict=True, strip_whitespace=True, min_length=1),
    AfterValidator(_printable),
]
# A text shown on one line: a skill's name, an option, a step, an answer, a unit, a tag.
Name = Annotated[Text, AfterValidator(_one_line)]
SkillId = Annotated[str, StringConstraints(strict=True, pattern=r"^[a-z][a-z0-9]*(_[a-z0-9]+)*$")]
ItemId = Annotated[
    str, StringConstraints(strict=True, pattern=r"^[A-Za-z0-9][A-Za-z0-9_.-]*$", max_length=64)
]


def _bank_number(value: Any) -> Any:
    """One clear problem for a value that is not a number scoring can use: a bool, a number
    of more digits than a float holds (scoring works in floats) or text YAML did not read as
    a number ("1e3" needs a dot and a signed exponent in YAML 1.1: 1.0e+3)."""
    if isinstance(value, bool):
        raise PydanticCustomError("number_type", "should be a number, not true/false")
    if isinstance(value, int) and too_large(value):
        raise PydanticCustomError(
            "number_too_large", "a whole number of more than 300 digits is too large to score"
        )
    if isinstance(value, float) and not math.isfinite(value):
        raise PydanticCustomError("number_too_large", "should be a finite number")
    if isinstance(value, str) and _NUMERIC.fullmatch(value) and math.isfinite(float(value)):
        shown = value if len(value) <= 30 else f"{value[:20]}..."
        raise PydanticCustomError(
            "number_as_text",
            "should be a number; YAML reads {shown} as text: write {plain}, or {dotted}",
            {"shown": shown, **_spellings(value)},
        )
    if not isinstance(value, int | float):
        # One problem, not one per kind of number the union would try.
        raise PydanticCustomError("number_type", "should be a number")
    return value


# Text that Python reads as a number but YAML 1.1 does not ("1e3", "5e-2", "1.5E3").
_NUMERIC = re.compile(r"[-+]?(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:[eE][-+]?[0-9]+)?")


def _spellings(text: str) -> dict[str, str]:
    """How to write a number YAML would read: plainly, and with a dot and signed exponent."""
    number = float(text)
    plain = f"{number:.15g}" if number.is_integer() and abs(number) < 1e15 else repr(number)
    mantissa, _, exponent = f"{number:e}".partition("e")
    dotted = f"{float(mantissa):.15g}"
    dotted = dotted if "." in dotted else f"{dotted}.0"
    return {"plain": plain.removesuffix(".0"), "dotted": f"{dotted}e{int(exponent):+d}"}


Number = Annotated[
    StrictInt | Annotated[StrictFloat, AllowInfNan(False)], BeforeValidator(_bank_number)
]


def _supported_schema(version: int) -> int:
    if version not in SUPPORTED_SCHEMAS:
        supported = ", ".join(str(v) for v in SUPPORTED_SCHEMAS)
        raise ValueError(f"schema {version} is not supported (this version reads {supported})")
    return version


# The ``schema:`` number of a file this version reads (banks and the scoring catalog).
SchemaVersion = Annotated[StrictInt, AfterValidator(_supported_schema)]

Difficulty = Literal["easy", "medium", "hard"]
DIFFICULTIES: tuple[Difficulty, ...] = ("easy", "medium", "hard")
EXHIBIT_WIDTH = 76


class Frozen(BaseModel):
    """Base for every bank model: unknown keys are errors and nothing mutates after loading."""

    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)


class Skill(Frozen):
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


def _check_exhibit(value: Any) -> str | None:
    """Keep an exhibit verbatim but for blank lines around it and spaces at line ends."""
    if value is None:
        return None
    if not isinstance(value, str):
        raise PydanticCustomError("string_type", "Input should be a valid string")
    lines = [line.rstrip(" ") for line in value.split("\n")]
    while lines and not lines[0].strip():
        lines.pop(0)
    while lines and not lines[-1].strip():
        lines.pop()
    if not lines:
        raise PydanticCustomError("exhibit_empty", "an exhibit needs at least one line of text")
    problems = exhibit_problems(value)
    if problems:
        # Lines are counted in the text as written, so the loader can point at each one.
        raise PydanticCustomError(
            "exhibit_lines",
            "exhibit line {first}: {reason}",
            {"first": problems[0][0], "reason": problems[0][1], "lines": problems},
        )
    return "\n".join(lines)


# A preformatted block shown as written: a pick list, an inspection record, a run chart.
Exhibit = Annotated[str | None, BeforeValidator(_check_exhibit)]


class ItemBase(Frozen):
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


def _unique_texts(texts: list[str], what: str) -> None:
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


def _one_decimal_level(value: float) -> float:
    """A level is a judgement against O*NET's anchors: a tenth of a level is as fine as
    anyone can judge it, so more decimals are a typo rather than precision."""
    if round(value, 1) != value:
        raise PydanticCustomError(
            "level_decimals", "a level is given to one decimal place (e.g. 3.5)"
        )
    return float(value)


# The O*NET level (0.0-7.0, one decimal) at which a person earns about halfway from what a
# random answer earns to full credit, judged against the level anchors of the skill's
# O*NET element (docs/authoring.md says how to judge it).
ItemLevel = Annotated[Number, Field(ge=LEVEL_MIN, le=LEVEL_MAX), AfterValidator(_one_decimal_level)]


class DemonstratedBase(ItemBase):
    """An item that shows what a person can do, with the author's estimate of how hard it
    is: easy (more than 80% of entry-level candidates answer it right), medium (50-80%) or
    hard (under 50%), and its ``level`` on O*NET's scale. Both optional, so banks written
    before they existed stay valid; scoring reads a missing level from the difficulty."""

    difficulty: Difficulty | None = None
    level: ItemLevel | None = None


class ChoiceOption(Frozen):
    text: Name
    credit: Annotated[Number, Field(ge=0, le=1)]


class ChoiceItem(DemonstratedBase):
    type: Literal["choice"]
    options: tuple[ChoiceOption, ...]

    @model_validator(mode="after")
    def _check_options(self) -> ChoiceItem:
        if len(self.options) < 2:
            raise ValueError("a choice item needs at least 2 options")
        if not any(option.credit == 1 for option in self.options):
            raise ValueError(
                "a choice item needs one option with credit 1 (the full-credit answer)"
            )
        _unique_texts([option.text for option in self.options], "option")
        return self


class MultiOption(Frozen):
    text: Name
    correct: StrictBool


class MultiItem(DemonstratedBase):
    type: Literal["multi"]
    options: tuple[MultiOption, ...]

    @model_validator(mode="after")
    def _check_options(self) -> MultiItem:
        if not any(option.correct for option in self.options):
            raise ValueError("a multi item needs at least one option with correct: true")
        if all(option.correct for option in self.options):
            raise ValueError("a multi item needs at least one option with correct: false")
        _unique_texts([option.text for option in self.options], "option")
        return self


class NumericItem(DemonstratedBase):
    type: Literal["numeric"]
    answer: Number
    tolerance: Annotated[Number, Field(ge=0)] = 0
    unit: Name | None = None


class OrderItem(DemonstratedBase):
    type: Literal["order"]
    items: tuple[Name, ...]

    @field_validator("items")
    @classmethod
    def _check_items(cls, items: tuple[str, ...]) -> tuple[str, ...]:
        # A field validator, so the problem is reported at the items key's line.
        if len(items) < 3:
            raise ValueError("an order item needs at least 3 items to put in order")
        _unique_texts(list(items), "item")
        return items


class TextAnswer(Frozen):
    """One accepted reply to a short-answer item; ``*`` matches any run of characters."""

    text: Name
    credit: Annotated[Number, Field(ge=0, le=1)]


class TextItem(DemonstratedBase):
    """Short answer: the reply is compared with each accepted answer in turn, ignoring case
    and surrounding spaces; the first that matches gives its credit (Moodle's rule)."""

    type: Literal["text"]
    answers: tuple[TextAnswer, ...]

    @model_validator(mode="after")
    def _check_answers(self) -> TextItem:
        if not self.answers:
            raise ValueError("a text item needs at least one answer")
        if not any(answer.credit == 1 for answer in self.answers):
            raise ValueError("a text item needs one answer with credit 1 (the full-credit answer)")
        _unique_texts([answer.text for answer in self.answers], "answer")
        return self


class MatchPair(Frozen):
    prompt: Name
    answer: Name


class MatchItem(DemonstratedBase):
    """Match each prompt to an answer; answers may serve more than one prompt, and
    distractors are answers that match none."""

    type: Literal["match"]
    pairs: tuple[MatchPair, ...]
    distractors: tuple[Name, ...] = ()

    @model_validator(mode="after")
    def _check_pairs(self) -> MatchItem:
        if len(self.pairs) < 2:
            raise ValueError("a match item needs at least 2 pairs")
        _unique_texts([pair.prompt for pair in self.pairs], "prompt")
        answers = {text_key(pair.answer) for pair in self.pairs}
        _unique_texts(list(self.distractors), "distractor")
        for text in self.distractors:
            if text_key(text) in answers:
                raise ValueError(f"distractor {_quoted(text)} is also the answer of a pair")
        return self

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


Item = Annotated[
    LikertItem | ChoiceItem | MultiItem | NumericItem | OrderItem | TextItem | MatchItem,
    Field(discriminator="type"),
]


class Bank(Frozen):
    """One skill's bank, as written in one YAML file."""

    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True, populate_by_name=True)

    schema_version: SchemaVersion = Field(alias="schema")
    skill: Skill
    questions: tuple[Item, ...]

    @field_validator("questions")
    @classmethod
    def _check_not_empty(cls, questions: tuple[Item, ...]) -> tuple[Item, ...]:
        if not questions:
            raise ValueError("a bank needs at least one question")
        return questions

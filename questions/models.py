"""The question-bank schema as immutable pydantic models.

A bank is data written by trainers, so the models are strict about shape (unknown keys
are errors, text must be text) but say nothing about scoring or how a question is shown.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import (
    AfterValidator,
    AllowInfNan,
    BaseModel,
    ConfigDict,
    Field,
    StrictBool,
    StrictFloat,
    StrictInt,
    StringConstraints,
    field_validator,
    model_validator,
)

SUPPORTED_SCHEMAS = (1,)

LIKERT_LABELS = (
    "Strongly disagree",
    "Disagree",
    "Neither agree nor disagree",
    "Agree",
    "Strongly agree",
)

Text = Annotated[str, StringConstraints(strict=True, strip_whitespace=True, min_length=1)]
SkillId = Annotated[str, StringConstraints(strict=True, pattern=r"^[a-z][a-z0-9]*(_[a-z0-9]+)*$")]
ItemId = Annotated[
    str, StringConstraints(strict=True, pattern=r"^[A-Za-z0-9][A-Za-z0-9_.-]*$", max_length=64)
]
Number = StrictInt | Annotated[StrictFloat, AllowInfNan(False)]


def _supported_schema(version: int) -> int:
    if version not in SUPPORTED_SCHEMAS:
        supported = ", ".join(str(v) for v in SUPPORTED_SCHEMAS)
        raise ValueError(f"schema {version} is not supported (this version reads {supported})")
    return version


# The ``schema:`` number of a file this version reads (banks and the scoring catalog).
SchemaVersion = Annotated[StrictInt, AfterValidator(_supported_schema)]

ItemType = Literal["likert", "choice", "multi", "numeric", "order"]
ITEM_TYPES: tuple[ItemType, ...] = ("likert", "choice", "multi", "numeric", "order")


class Frozen(BaseModel):
    """Base for every bank model: unknown keys are errors and nothing mutates after loading."""

    model_config = ConfigDict(extra="forbid", frozen=True)


class Skill(Frozen):
    id: SkillId
    name: Text
    description: Text | None = None


class ItemBase(Frozen):
    id: ItemId
    text: Text
    explanation: Text | None = None
    tags: tuple[Text, ...] = ()

    @property
    def demonstrated(self) -> bool:
        """Likert items are self-ratings; every other type shows what a person can do."""
        return True


def _unique_texts(texts: list[str], what: str) -> None:
    seen: set[str] = set()
    for text in texts:
        key = " ".join(text.split()).casefold()  # answers are matched the same way
        if key in seen:
            raise ValueError(f"{what} texts must be unique within an item; {text!r} repeats")
        seen.add(key)


class LikertItem(ItemBase):
    type: Literal["likert"]
    reverse: StrictBool = False

    @property
    def demonstrated(self) -> bool:
        return False


class ChoiceOption(Frozen):
    text: Text
    credit: Annotated[Number, Field(ge=0, le=1)]


class ChoiceItem(ItemBase):
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
    text: Text
    correct: StrictBool


class MultiItem(ItemBase):
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


class NumericItem(ItemBase):
    type: Literal["numeric"]
    answer: Number
    tolerance: Annotated[Number, Field(ge=0)] = 0
    unit: Text | None = None


class OrderItem(ItemBase):
    type: Literal["order"]
    items: tuple[Text, ...]

    @model_validator(mode="after")
    def _check_items(self) -> OrderItem:
        if len(self.items) < 3:
            raise ValueError("an order item needs at least 3 items to put in order")
        _unique_texts(list(self.items), "item")
        return self


Item = Annotated[
    LikertItem | ChoiceItem | MultiItem | NumericItem | OrderItem,
    Field(discriminator="type"),
]


class Bank(Frozen):
    """One skill's bank, as written in one YAML file."""

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)

    schema_version: SchemaVersion = Field(alias="schema")
    skill: Skill
    questions: tuple[Item, ...]

    @field_validator("questions")
    @classmethod
    def _check_not_empty(cls, questions: tuple[Item, ...]) -> tuple[Item, ...]:
        if not questions:
            raise ValueError("a bank needs at least one question")
        return questions

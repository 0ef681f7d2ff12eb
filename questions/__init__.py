"""Question banks: the schema, the loader and validator, and the built-in banks."""

from questions.loader import BankSet, LoadedBank, builtin_bank_dir, load_banks, parse_bank
from questions.models import (
    ITEM_TYPES,
    LIKERT_LABELS,
    Bank,
    ChoiceItem,
    ChoiceOption,
    Item,
    ItemType,
    LikertItem,
    MultiItem,
    MultiOption,
    NumericItem,
    OrderItem,
    Skill,
)
from questions.problems import BankLoadError, InputError, Problem

__all__ = [
    "ITEM_TYPES",
    "LIKERT_LABELS",
    "Bank",
    "BankLoadError",
    "BankSet",
    "ChoiceItem",
    "ChoiceOption",
    "InputError",
    "Item",
    "ItemType",
    "LikertItem",
    "LoadedBank",
    "MultiItem",
    "MultiOption",
    "NumericItem",
    "OrderItem",
    "Problem",
    "Skill",
    "builtin_bank_dir",
    "load_banks",
    "parse_bank",
]

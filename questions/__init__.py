"""Question banks: the schema, the loader and validator, and the built-in banks."""

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from questions.kinds import ITEM_TYPES, ItemType
    from questions.loader import BankSet, LoadedBank, builtin_bank_dir, load_banks, parse_bank
    from questions.models import (
        LIKERT_LABELS,
        Bank,
        ChoiceItem,
        ChoiceOption,
        Item,
        LikertItem,
        MatchItem,
        MatchPair,
        MultiItem,
        MultiOption,
        NumericItem,
        OrderItem,
        Skill,
        TextAnswer,
        TextItem,
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
    "MatchItem",
    "MatchPair",
    "MultiItem",
    "MultiOption",
    "NumericItem",
    "OrderItem",
    "Problem",
    "Skill",
    "TextAnswer",
    "TextItem",
    "builtin_bank_dir",
    "load_banks",
    "parse_bank",
]

# Where each public name lives. They are imported on first use rather than here, so that
# importing one small module of the package (questions.numbers, say) does not load pydantic
# and every model with it.
_HOMES = {
    "Bank": "questions.models",
    "BankLoadError": "questions.problems",
    "BankSet": "questions.loader",
    "ChoiceItem": "questions.models",
    "ChoiceOption": "questions.models",
    "ITEM_TYPES": "questions.kinds",
    "InputError": "questions.problems",
    "Item": "questions.models",
    "ItemType": "questions.kinds",
    "LIKERT_LABELS": "questions.models",
    "LikertItem": "questions.models",
    "LoadedBank": "questions.loader",
    "MatchItem": "questions.models",
    "MatchPair": "questions.models",
    "MultiItem": "questions.models",
    "MultiOption": "questions.models",
    "NumericItem": "questions.models",
    "OrderItem": "questions.models",
    "Problem": "questions.problems",
    "Skill": "questions.models",
    "TextAnswer": "questions.models",
    "TextItem": "questions.models",
    "builtin_bank_dir": "questions.loader",
    "load_banks": "questions.loader",
    "parse_bank": "questions.loader",
}

if not TYPE_CHECKING:  # mypy reads the imports above; a __getattr__ would hide typos
    from questions.lazy_exports import lazy_exports

    __getattr__, __dir__ = lazy_exports(__name__, _HOMES)

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

    def __getattr__(name: str) -> object:
        home = _HOMES.get(name)
        if home is None:
            raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
        import importlib

        value = getattr(importlib.import_module(home), name)
        globals()[name] = value  # also replaces a submodule of the same name (assess)
        return value

    def __dir__() -> list[str]:
        return sorted({*globals(), *__all__})

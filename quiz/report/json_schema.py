"""The JSON Schema of a report (``report --schema``), from pydantic models that mirror the
report's records.

The records (quiz.report.model, scoring.models) are what commands work with; pydantic is
imported only here, when the schema is asked for. Each record class becomes a model of the
same name, fields, order, defaults and docstring, each field described by the record's
``_descriptions``, so the schema is the one pydantic gave when the records were models.
"""

from __future__ import annotations

import types
import typing
from functools import cache
from typing import Any, Literal, Union, get_args, get_origin

from pydantic import BaseModel, ConfigDict, Field, create_model

from questions.record import Record, is_record_class
from quiz.report.model import Report


def _mirrored(kind: Any) -> Any:
    """``kind`` with every record class in it replaced by its mirror model."""
    if is_record_class(kind):
        return mirror(kind)
    origin, arguments = get_origin(kind), get_args(kind)
    if origin is None or origin is Literal or not arguments:
        return kind
    inner = tuple(_mirrored(argument) for argument in arguments)
    if origin in (Union, types.UnionType):
        return Union[inner]  # noqa: UP007 (a union made of a tuple of types)
    return origin[inner]


# The list defaults the schema states (``"default": []``); every other list default is
# made afresh for each record, and a schema states no such default.
_STATED_DEFAULTS = {("Report", "sources")}


@cache
def mirror(cls: type[Record]) -> type[BaseModel]:
    """The pydantic model standing for a record class in the report's schema. A report
    is written with every field, so its schema says every field is there."""
    hints = typing.get_type_hints(cls)
    descriptions: dict[str, str] = getattr(cls, "_descriptions", {})
    fields: dict[str, Any] = {}
    for name in cls._fields:
        about = descriptions.get(name)
        default = cls._defaults.get(name, ...)
        if isinstance(default, list | dict) and (cls.__name__, name) not in _STATED_DEFAULTS:
            info = Field(default_factory=default.copy, description=about)
        else:
            info = Field(default, description=about)
        fields[name] = (_mirrored(hints[name]), info)
    config = ConfigDict(
        extra="forbid", frozen=True, json_schema_serialization_defaults_required=cls is Report
    )
    model: type[BaseModel] = create_model(
        cls.__name__, __config__=config, __doc__=cls.__doc__, **fields
    )
    return model


def report_schema() -> dict[str, Any]:
    """The JSON Schema of a report as written (``report --format json``)."""
    return mirror(Report).model_json_schema(mode="serialization")

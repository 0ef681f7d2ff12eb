"""Pydantic's view of records: their schemas, and validation of outside data into them.

Imported only where data from outside is validated (a bank file, a stored snapshot that
is not cached, an imported report), so a command that only reads what it has cached
never loads pydantic. A record is validated as a dict of its fields (unknown keys are
errors, as in a model with ``extra="forbid"``) and then made with its keywords, which runs
its checks; an instance of the record passes as it is. (Records are read by their
``_fields``, ``_defaults`` and ``_aliases``, so this module does not import
questions.record, which imports it on first validation.)
"""

from __future__ import annotations

import importlib
import typing
from functools import cache
from typing import Any, TypeVar, overload

from pydantic import GetCoreSchemaHandler, TypeAdapter
from pydantic_core import PydanticCustomError, core_schema


def rule_schema(rule: Any, source: Any, handler: GetCoreSchemaHandler) -> Any:
    """The schema a rule stands for: its key is ``module:function``, and that function,
    given the rule's arguments, returns the pydantic type to validate with (the declared
    type with its pydantic metadata). A rule is the only metadata of its type."""
    module, _, name = rule.key.partition(":")
    return handler.generate_schema(getattr(importlib.import_module(module), name)(*rule.arguments))


# The record classes whose schemas have been built in this process: what reading has cost.
built: set[type] = set()


def record_schema(cls: Any, handler: GetCoreSchemaHandler) -> Any:
    """A record's schema: its fields as a closed dict, then the record made from them."""
    built.add(cls)
    hints = typing.get_type_hints(cls, include_extras=True)
    fields = {}
    for name in cls._fields:
        schema = handler.generate_schema(hints[name])
        required = name not in cls._defaults
        if not required:
            default = cls._defaults[name]
            if isinstance(default, list | dict):
                schema = core_schema.with_default_schema(schema, default_factory=default.copy)
            else:
                schema = core_schema.with_default_schema(schema, default=default)
        alias = cls._aliases.get(name)
        fields[name] = core_schema.typed_dict_field(
            schema,
            required=required,
            validation_alias=[[alias], [name]] if alias else None,
            serialization_alias=alias,
        )
    shape = core_schema.typed_dict_schema(fields, extra_behavior="forbid")

    def make(value: Any, validate: core_schema.ValidatorFunctionWrapHandler) -> Any:
        if isinstance(value, cls):
            return value
        values = validate(value)
        try:
            return cls(**values)
        except ValueError as error:
            context = {"error": str(error)}
            raise PydanticCustomError("value_error", "Value error, {error}", context) from None

    def dump(value: Any, serialize: core_schema.SerializerFunctionWrapHandler) -> Any:
        return serialize({name: getattr(value, name) for name in cls._fields})

    return core_schema.no_info_wrap_validator_function(
        make,
        shape,
        serialization=core_schema.wrap_serializer_function_ser_schema(dump, schema=shape),
    )


@cache
def _adapter(kind: Any) -> TypeAdapter[Any]:
    return TypeAdapter(kind)


T = TypeVar("T")


@overload
def validate(kind: type[T], data: Any) -> T: ...
@overload
def validate(kind: Any, data: Any) -> Any: ...
def validate(kind: Any, data: Any) -> Any:
    """``data`` (as read from JSON or YAML) validated into ``kind``: a record class or any
    type of them; raises pydantic's ValidationError."""
    return _adapter(kind).validate_python(data)


def validate_json(kind: Any, text: str | bytes) -> Any:
    """JSON text validated into ``kind``; raises pydantic's ValidationError."""
    return _adapter(kind).validate_json(text)

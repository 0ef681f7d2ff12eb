"""Immutable records: the runtime types of banks, results and reports, without pydantic.

Every command reads banks, the catalog or stored results, and importing pydantic (with the
classes it builds) costs more than the whole of a click program's start. So the types a
command works with are plain classes: a ``Record`` subclass declares its fields as
annotations, like a dataclass, and is built with keywords. Creating one costs a class
statement (a dataclass costs a millisecond of generated code), and a cached record
unpickles without pydantic.

Validation is pydantic's, brought in only where data comes from outside (a bank file, an
imported report): a record class describes its own schema (``__get_pydantic_core_schema__``,
in questions.record_schema) from its annotations, whose constraints are ``Rule`` markers
naming pydantic metadata made on first use. ``check`` is a record's own rule across
fields; it runs whenever a record is made, as a pydantic model's validator does.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any, ClassVar, TypeVar, dataclass_transform

R = TypeVar("R", bound="Record")


class Rule:
    """A validation rule, the one metadata of an ``Annotated`` type. ``key`` is
    ``module:function``; that function, given the rule's arguments, returns the pydantic
    type the rule stands for. It is imported on first validation, so declaring a rule
    imports nothing."""

    __slots__ = ("arguments", "key")

    def __init__(self, key: str, *arguments: Any) -> None:
        self.key = key
        self.arguments = arguments

    def __repr__(self) -> str:
        return f"Rule({self.key!r})"

    def __get_pydantic_core_schema__(self, source: Any, handler: Any) -> Any:
        from questions.record_schema import rule_schema

        return rule_schema(self, source, handler)


def _is_class_var(annotation: Any) -> bool:
    text = annotation if isinstance(annotation, str) else repr(annotation)
    return text.startswith(("ClassVar", "typing.ClassVar"))


@dataclass_transform(kw_only_default=True, frozen_default=True)
class Record:
    """Base of every runtime record: keyword construction, immutable, compared and hashed
    by value, pickled as its fields."""

    # Field names in declaration order (base classes first), their defaults, and keys a
    # field is read from in validated data when its name is not the key (``schema``).
    _fields: ClassVar[tuple[str, ...]] = ()
    _defaults: ClassVar[dict[str, Any]] = {}
    _aliases: ClassVar[dict[str, str]] = {}
    # A rule across fields; errors are ValueError, reported at the record.
    _checks: ClassVar[tuple[Callable[[Any], None], ...]] = ()
    # Fields left out of comparing, hashing and showing a record: a cache it carries, or
    # what is derived from the other fields. ``_compared`` is every other field, in order.
    _uncompared: ClassVar[frozenset[str]] = frozenset()
    _compared: ClassVar[tuple[str, ...]] = ()

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        names = list(cls._fields)
        defaults = dict(cls._defaults)
        for name, annotation in vars(cls).get("__annotations__", {}).items():
            if _is_class_var(annotation):
                continue
            if name not in names:
                names.append(name)
            if name in vars(cls):
                defaults[name] = vars(cls)[name]
                delattr(cls, name)  # instances hold every field, so the class need not
        cls._fields = tuple(names)
        cls._compared = tuple(name for name in names if name not in cls._uncompared)
        cls._defaults = defaults
        setattr(cls, "__match_args__", cls._fields)  # noqa: B010 (mypy refuses the plain form)
        check = vars(cls).get("check")
        if check is not None:
            cls._checks = (*cls._checks, check)

    def __init__(self, **values: Any) -> None:
        state = self.__dict__
        defaults = self._defaults
        for name in self._fields:
            if name in values:
                state[name] = values.pop(name)
            elif name in defaults:
                default = defaults[name]
                # A list or dict default is each record's own, as a default_factory gives.
                state[name] = default.copy() if isinstance(default, list | dict) else default
            else:
                raise TypeError(f"{type(self).__name__}() missing keyword argument {name!r}")
        if values:
            unknown = ", ".join(repr(name) for name in values)
            raise TypeError(f"{type(self).__name__}() got unexpected keyword argument {unknown}")
        for check in self._checks:
            check(self)

    def __setattr__(self, name: str, value: Any) -> None:
        raise AttributeError(f"{type(self).__name__} is immutable; cannot set {name!r}")

    def __delattr__(self, name: str) -> None:
        raise AttributeError(f"{type(self).__name__} is immutable; cannot delete {name!r}")

    def _values(self) -> tuple[Any, ...]:
        state = self.__dict__
        return tuple(state[name] for name in self._fields)

    def _compared_values(self) -> tuple[Any, ...]:
        state = self.__dict__
        return tuple(state[name] for name in self._compared)

    def __eq__(self, other: object) -> bool:
        if type(other) is not type(self):
            return NotImplemented
        assert isinstance(other, Record)
        return self._compared_values() == other._compared_values()

    def __hash__(self) -> int:
        return hash((type(self), self._compared_values()))

    def __repr__(self) -> str:
        state = self.__dict__
        shown = ", ".join(f"{name}={state[name]!r}" for name in self._compared)
        return f"{type(self).__name__}({shown})"

    def __reduce__(self) -> tuple[Any, ...]:
        return (_rebuild, (type(self), self._values()))

    @classmethod
    def __get_pydantic_core_schema__(cls, source: Any, handler: Any) -> Any:
        from questions.record_schema import record_schema

        return record_schema(cls, handler)


def _rebuild(cls: type[R], values: tuple[Any, ...]) -> R:
    """A pickled record made again from its field values, without re-running its checks:
    it passed them when it was first made."""
    return unchecked(cls, **dict(zip(cls._fields, values, strict=True)))


def field_values(record: Record) -> Iterator[tuple[str, Any]]:
    """Each field's name and value, in declaration order."""
    state = record.__dict__
    return ((name, state[name]) for name in record._fields)


def unchecked(cls: type[R], **values: Any) -> R:
    """A record made from parts already checked, without running its checks again (a
    growing quiz adds a question a step: checking the whole each time would cost a pass
    over it). Every field must be given."""
    record = object.__new__(cls)
    record.__dict__.update((name, values[name]) for name in cls._fields)
    return record


# Where pickles of records are remade (module, name): caches allow this one function.
REBUILD = ("questions.record", "_rebuild")


def is_record_class(value: object) -> bool:
    """Whether ``value`` is a record class (not Record itself)."""
    return isinstance(value, type) and issubclass(value, Record) and value is not Record


def replace(record: R, **changes: Any) -> R:
    """A copy of ``record`` with some fields changed; its checks run again."""
    return type(record)(**{**dict(field_values(record)), **changes})


def to_data(value: Any) -> Any:
    """A record as plain data, as JSON would hold it: records become dicts of their
    fields in order, tuples and lists become lists; other values are kept."""
    if isinstance(value, Record):
        return {name: to_data(field) for name, field in field_values(value)}
    if isinstance(value, tuple | list):
        return [to_data(part) for part in value]
    if isinstance(value, dict):
        return {key: to_data(part) for key, part in value.items()}
    return value

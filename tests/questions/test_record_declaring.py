"""Declaring a record class: its fields, defaults, class variables, checks and rules are
read from the class statement, and a subclass adds to its base's. Each class here is
declared inside its test, so the declaration itself is what is tested."""

from __future__ import annotations

import pickle
import types
import typing
from typing import Annotated, Any, ClassVar

import pytest
from pydantic import Field, TypeAdapter, ValidationError

from questions.record import (
    Record,
    Rule,
    _rebuild,
    field_values,
    is_record_class,
    replace,
    to_data,
)


def at_most(high: int) -> Any:
    return Annotated[int, Field(le=high)]


def test_fields_come_in_declaration_order_base_first_with_their_defaults() -> None:
    class Base(Record):
        first: int
        second: str = "two"

    class Derived(Base):
        third: tuple[int, ...] = ()
        second: str = "deux"  # a new default for the base's field, which keeps its place

    assert list(field_values(Derived(first=1))) == [("first", 1), ("second", "deux"), ("third", ())]
    assert list(field_values(Base(first=1))) == [("first", 1), ("second", "two")]
    assert not hasattr(Base, "second")  # every record holds its own value


def test_class_variables_are_not_fields_however_annotated() -> None:
    class Written(Record):
        limit: ClassVar[int] = 3
        size: int

    # Annotations as objects, as in a module without postponed annotations.
    annotations = {"limit": typing.ClassVar[int], "size": int}
    Evaluated = types.new_class(
        "Evaluated", (Record,), exec_body=lambda ns: ns.update(__annotations__=annotations, limit=4)
    )
    assert [list(field_values(c(size=1))) for c in (Written, Evaluated)] == [[("size", 1)]] * 2
    assert (Written.limit, getattr(Evaluated, "limit")) == (3, 4)  # noqa: B009


def test_a_record_matches_by_position_in_field_order() -> None:
    class Point(Record):
        x: int
        y: int = 0

    match Point(x=1, y=2):
        case Point(a, b):  # type: ignore[misc]
            assert (a, b) == (1, 2)
        case _:
            pytest.fail("a record matches its fields by position")


def test_each_class_in_the_line_adds_its_check_and_bases_run_first() -> None:
    ran: list[str] = []

    class Checked(Record):
        low: int
        high: int

        def check(self) -> None:
            ran.append("base")
            if self.low > self.high:
                raise ValueError("low above high")

    class Named(Checked):
        name: str = ""

    class Labelled(Named):
        def check(self) -> None:
            ran.append("labelled")

    Labelled(low=1, high=2)
    assert ran == ["base", "labelled"]
    with pytest.raises(ValueError, match=r"^low above high$"):
        Named(low=3, high=2)


def test_a_dict_or_list_default_is_each_records_own_and_other_defaults_shared() -> None:
    marker = object()

    class Holder(Record):
        tags: dict[str, int] = {}  # noqa: RUF012 (a record copies it for each record made)
        names: list[str] = []  # noqa: RUF012
        thing: object = marker

    one, two = Holder(), Holder()
    one.tags["a"] = 1
    one.names.append("n")
    assert (two.tags, two.names) == ({}, [])
    assert one.thing is two.thing is marker


def test_unknown_keywords_are_all_named() -> None:
    class Part(Record):
        name: str

    with pytest.raises(
        TypeError, match=r"^Part\(\) got unexpected keyword argument 'size', 'colour'$"
    ):
        Part(name="x", size=1, colour="red")  # type: ignore[call-arg]


def test_records_of_other_types_or_other_values_are_unequal_and_hash_by_both() -> None:
    class One(Record):
        value: int

    class Other(Record):
        value: int

    assert One(value=1) != Other(value=1)
    assert One(value=1) != (1,)
    assert One(value=1).__eq__((1,)) is NotImplemented
    assert hash(One(value=1)) == hash((One, (1,)))
    assert hash(One(value=1)) != hash(Other(value=1))


def test_a_pickled_record_of_a_class_declared_here_comes_back_whole() -> None:
    again = pickle.loads(pickle.dumps(Pickled(a=1, b=(2, 3))))
    assert list(field_values(again)) == [("a", 1), ("b", (2, 3))]
    assert again == Pickled(a=1, b=(2, 3))


class Pickled(Record):
    a: int
    b: tuple[int, ...]


def test_a_pickle_of_other_fields_than_the_class_has_is_refused_not_half_made() -> None:
    # A pickle kept from before a field was added or removed: reading it fails (and a cache
    # makes it anew) rather than give a record without a field or with a stray one.
    with pytest.raises(ValueError, match=r"^zip\(\) argument 2 is shorter than argument 1$"):
        _rebuild(Pickled, (1,))
    with pytest.raises(ValueError, match=r"^zip\(\) argument 2 is longer than argument 1$"):
        _rebuild(Pickled, (1, (), 3))


def test_replace_changes_only_the_fields_given() -> None:
    class Pair(Record):
        left: int
        right: int

    assert replace(Pair(left=1, right=2), right=5) == Pair(left=1, right=5)


def test_only_a_record_class_is_a_record_class() -> None:
    class Part(Record):
        name: str

    assert [is_record_class(v) for v in (Part, Record, Part(name="x"), int, "Part")] == [
        True, False, False, False, False,
    ]  # fmt: skip


def test_data_of_records_in_dicts_lists_and_tuples_is_plain() -> None:
    class Part(Record):
        name: str

    data = to_data({"parts": (Part(name="a"), [Part(name="b")]), "n": 1})
    assert data == {"parts": [{"name": "a"}, [{"name": "b"}]], "n": 1}


def test_a_rule_declared_here_is_built_with_its_arguments_when_first_read() -> None:
    rule = Rule("tests.questions.test_record_declaring:at_most", 3)
    assert (rule.key, rule.arguments, repr(rule)) == (
        "tests.questions.test_record_declaring:at_most",
        (3,),
        "Rule('tests.questions.test_record_declaring:at_most')",
    )
    adapter = TypeAdapter(Annotated[int, rule])
    assert adapter.validate_python(3) == 3
    with pytest.raises(ValidationError) as caught:
        adapter.validate_python(4)
    assert [e["msg"] for e in caught.value.errors()] == ["Input should be less than or equal to 3"]


def test_a_record_declared_here_is_read_from_data_by_its_own_schema() -> None:
    class Part(Record):
        _aliases: ClassVar[dict[str, str]] = {"count": "how-many"}

        name: str
        count: Annotated[int, Rule("tests.questions.test_record_declaring:at_most", 9)] = 1
        notes: list[str] = []  # noqa: RUF012 (a record copies it for each record made)

        def check(self) -> None:
            if self.name == self.name.upper():
                raise ValueError(f"name {self.name!r} is shouting")

    from questions import record_schema

    adapter = TypeAdapter(Part)  # a new adapter: the schema is built from the class
    assert Part in record_schema.built
    one, two = adapter.validate_python({"name": "bolt"}), adapter.validate_python({"name": "n"})
    assert (one, one.notes is two.notes) == (Part(name="bolt"), False)
    assert adapter.validate_python({"name": "pin", "how-many": 3}).count == 3
    assert adapter.dump_python(Part(name="pin", count=3)) == {
        "name": "pin", "count": 3, "notes": [],
    }  # fmt: skip
    assert adapter.dump_json(Part(name="pin"), by_alias=True) == (
        b'{"name":"pin","how-many":1,"notes":[]}'
    )
    with pytest.raises(ValidationError) as caught:
        adapter.validate_python({"name": "BOLT", "count": 10, "size": 2})
    assert [(e["type"], e["loc"], e["msg"]) for e in caught.value.errors()] == [
        ("less_than_equal", ("count",), "Input should be less than or equal to 9"),
        ("extra_forbidden", ("size",), "Extra inputs are not permitted"),
    ]
    with pytest.raises(ValidationError) as caught:
        adapter.validate_python({"name": "BOLT"})
    [error] = caught.value.errors()
    assert (error["type"], error["loc"], error["msg"], error["ctx"]) == (
        "value_error",
        (),
        "Value error, name 'BOLT' is shouting",
        {"error": "name 'BOLT' is shouting"},
    )
    with pytest.raises(ValidationError) as caught:
        adapter.validate_python({})
    assert [(e["type"], e["loc"]) for e in caught.value.errors()] == [("missing", ("name",))]

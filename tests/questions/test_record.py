"""Records, the runtime types of banks and results: made by keyword, immutable, compared by
value, pickled by their fields, and validated by pydantic from outside data."""

from __future__ import annotations

import pickle
from typing import Annotated, Any, ClassVar

import pytest
from pydantic import BaseModel, Field, ValidationError

from questions.record import Record, Rule, field_values, replace, to_data, unchecked
from questions.record_schema import validate, validate_json


def positive() -> Any:
    return Annotated[int, Field(gt=0)]


Count = Annotated[int, Rule("tests.questions.test_record:positive")]
CHECKS: list[str] = []


class Part(Record):
    name: str
    count: Count = 1


class Whole(Record):
    _aliases: ClassVar[dict[str, str]] = {"version": "schema"}

    version: int
    parts: tuple[Part, ...]
    notes: list[str] = []  # noqa: RUF012 (a record copies it for each record made)

    def check(self) -> None:
        CHECKS.append("whole")
        if len({part.name for part in self.parts}) < len(self.parts):
            raise ValueError("part names repeat")


class Labelled(Whole):
    label: str | None = None


def test_a_record_is_made_by_keyword_with_its_defaults() -> None:
    part = Part(name="bolt")
    assert (part.name, part.count) == ("bolt", 1)
    assert list(field_values(Labelled(version=1, parts=(part,)))) == [
        ("version", 1),
        ("parts", (part,)),
        ("notes", []),
        ("label", None),
    ]
    assert repr(part) == "Part(name='bolt', count=1)"


def test_a_missing_or_unknown_keyword_is_refused_by_name() -> None:
    with pytest.raises(TypeError, match=r"^Part\(\) missing keyword argument 'name'$"):
        Part(count=2)  # type: ignore[call-arg]
    with pytest.raises(TypeError, match=r"^Part\(\) got unexpected keyword argument 'size'$"):
        Part(name="bolt", size=3)  # type: ignore[call-arg]


def test_a_record_cannot_change() -> None:
    part = Part(name="bolt")
    with pytest.raises(AttributeError, match=r"^Part is immutable; cannot set 'name'$"):
        part.name = "nut"  # type: ignore[misc]
    with pytest.raises(AttributeError, match=r"^Part is immutable; cannot delete 'name'$"):
        del part.name
    assert part.name == "bolt"


def test_records_compare_and_hash_by_type_and_value() -> None:
    assert Part(name="bolt") == Part(name="bolt", count=1)
    assert Part(name="bolt") != Part(name="bolt", count=2)
    assert hash(Part(name="bolt")) == hash(Part(name="bolt"))
    assert len({Part(name="bolt"), Part(name="bolt"), Part(name="nut")}) == 2
    assert Whole(version=1, parts=()) != Labelled(version=1, parts=())


def test_a_list_default_is_each_records_own() -> None:
    one, two = Whole(version=1, parts=()), Whole(version=1, parts=())
    one.notes.append("checked")
    assert (one.notes, two.notes) == (["checked"], [])


def test_the_check_runs_on_every_record_made_but_an_unchecked_one() -> None:
    bolt = Part(name="bolt")
    with pytest.raises(ValueError, match=r"^part names repeat$"):
        Whole(version=1, parts=(bolt, bolt))
    whole = Whole(version=1, parts=(bolt,))
    with pytest.raises(ValueError, match=r"^part names repeat$"):
        replace(whole, parts=(bolt, bolt))
    assert replace(whole, version=2) == Whole(version=2, parts=(bolt,))
    CHECKS.clear()
    grown = unchecked(Whole, version=1, parts=(bolt, bolt), notes=[])
    assert CHECKS == [] and grown.parts == (bolt, bolt)


def test_a_subclass_runs_its_bases_check() -> None:
    bolt = Part(name="bolt")
    with pytest.raises(ValueError, match=r"^part names repeat$"):
        Labelled(version=1, parts=(bolt, bolt), label="x")


def test_a_record_pickles_as_its_fields_without_checking_again() -> None:
    whole = Labelled(version=3, parts=(Part(name="bolt", count=4),), notes=["n"], label="L")
    CHECKS.clear()
    again = pickle.loads(pickle.dumps(whole))
    assert again == whole and type(again) is Labelled
    assert CHECKS == []


class _Cached(Record):
    name: str
    derived: dict[str, int] = {}  # noqa: RUF012 (each record its own copy)
    _uncompared = frozenset({"derived"})


def test_fields_left_out_of_comparing_are_still_kept_and_pickled() -> None:
    plain = _Cached(name="a")
    filled = _Cached(name="a", derived={"a": 1})
    assert plain == filled
    assert hash(plain) == hash(filled)
    assert repr(filled) == "_Cached(name='a')"
    assert _Cached(name="b", derived={"a": 1}) != filled
    assert pickle.loads(pickle.dumps(filled)).derived == {"a": 1}
    assert list(field_values(filled)) == [("name", "a"), ("derived", {"a": 1})]


def test_a_record_as_data_is_what_json_holds() -> None:
    whole = Labelled(version=3, parts=(Part(name="bolt", count=4),), label="L")
    assert to_data(whole) == {
        "version": 3,
        "parts": [{"name": "bolt", "count": 4}],
        "notes": [],
        "label": "L",
    }


def test_validation_reads_a_record_from_data_by_its_rules_and_alias() -> None:
    data = {"schema": 2, "parts": [{"name": "bolt", "count": 5}, {"name": "nut"}]}
    whole = validate(Whole, data)
    assert whole == Whole(version=2, parts=(Part(name="bolt", count=5), Part(name="nut")))
    assert validate(Whole, {"version": 2, "parts": []}) == Whole(version=2, parts=())
    assert validate_json(Part, '{"name": "pin"}') == Part(name="pin")
    assert validate(Part, Part(name="pin")) == Part(name="pin")


def _errors(kind: Any, data: Any) -> list[tuple[Any, ...]]:
    with pytest.raises(ValidationError) as caught:
        validate(kind, data)
    return [(e["type"], e["loc"], e["msg"]) for e in caught.value.errors(include_url=False)]


def test_validation_reports_each_problem_where_it_is() -> None:
    data = {"schema": 1, "parts": [{"name": "bolt", "count": 0, "size": 3}], "extra": 1}
    assert _errors(Whole, data) == [
        ("greater_than", ("parts", 0, "count"), "Input should be greater than 0"),
        ("extra_forbidden", ("parts", 0, "size"), "Extra inputs are not permitted"),
        ("extra_forbidden", ("extra",), "Extra inputs are not permitted"),
    ]
    assert _errors(Whole, {"parts": []}) == [("missing", ("schema",), "Field required")]
    assert _errors(Whole, {"schema": 1, "parts": [{"name": "a"}, {"name": "a"}]}) == [
        ("value_error", (), "Value error, part names repeat")
    ]


def test_records_and_pydantic_models_hold_each_other() -> None:
    class Box(BaseModel):
        part: Part

    box = Box.model_validate({"part": {"name": "bolt"}})
    assert box.part == Part(name="bolt")
    assert box.model_dump_json() == '{"part":{"name":"bolt","count":1}}'

"""A calibrated set stored and read back: the same parameters, stale items left to their
labels, and a damaged set named in one line."""

from __future__ import annotations

import json
from dataclasses import replace

import pytest
from calibration_fixtures import fractional_class, simulated_class

from questions.models import Item, LikertItem
from questions.record import replace as record_replace
from questions.record_schema import validate
from scoring.calibration import calibrate, parameter_set
from scoring.parameter_sets import (
    DamagedSet,
    ParameterSet,
    StoredItem,
    document,
    parse,
    to_json,
)
from scoring.response_models import FractionalParams

WHEN = "2026-12-06T17:00:00+00:00"


@pytest.fixture(scope="module")
def stored() -> tuple[list[Item], ParameterSet]:
    data = simulated_class(400)
    people = [
        {key: credit for key, credit in credits.items() if key != "x-00" or index < 50}
        for index, credits in enumerate(data.people)
    ]
    items = list(data.items)
    # The set's round trip is under test, not the fit: x-00's 50 answers keep the fit from
    # settling within the usual 500 passes (about a minute), and 20 give the same gates.
    run = calibrate({"x": items}, people, model="gpcm", max_iterations=20)
    return items, parameter_set(run, {"x": items}, WHEN)


def test_a_set_reads_back_as_it_was_stored(stored: tuple[list[Item], ParameterSet]) -> None:
    items, kept = stored
    again = parse(to_json(kept))
    assert document(again) == document(kept)
    assert (again.attempts, again.created_at, again.skills["x"]["people"]) == (400, WHEN, 400)
    first = again.items[0]
    assert (first.item_id, first.gate, first.params) == ("x-00", "prior", None)
    params, stale = again.usable(items)
    assert stale == [] and sorted(params) == [item.id for item in items[1:]]
    assert all(p.calibrated for p in params.values())


def test_an_item_changed_since_keeps_its_label(stored: tuple[list[Item], ParameterSet]) -> None:
    items, kept = stored
    changed = [items[0], record_replace(items[1], level=6.5), *items[2:]]
    explained = [items[0], record_replace(items[1], explanation="Why."), *items[2:]]
    params, stale = kept.usable(changed)
    assert stale == ["x-01"] and "x-01" not in params
    assert kept.usable(explained)[1] == []


def test_a_question_now_a_self_rating_is_neither_calibrated_nor_stale(
    stored: tuple[list[Item], ParameterSet],
) -> None:
    items, kept = stored
    rating = validate(LikertItem, {"id": "x-01", "type": "likert", "text": "I do."})
    params, stale = kept.usable([rating, *items[2:]])
    assert stale == [] and sorted(params) == [item.id for item in items[2:]]


def test_exposure_chances_read_back_and_only_those_below_1_are_listed(
    stored: tuple[list[Item], ParameterSet],
) -> None:
    _, kept = stored
    entries = [replace(e, exposure=0.4) if e.item_id == "x-02" else e for e in kept.items]
    again = parse(to_json(replace(kept, items=tuple(entries))))
    assert again.exposure() == {"x-02": 0.4}
    assert kept.exposure() == {}


def _small_set() -> ParameterSet:
    """One item of the scoring model, shrunk halfway to its label."""
    params = FractionalParams(1.1, 3.2, 0.25, 0.4, "calibrated")
    entry = StoredItem("f-01", "f", "d1", 40, "shrunk", 0.5, params)
    return ParameterSet("em", "2026-12-06", 40, {"f": {"people": 40}}, (entry,), "fractional")


def test_a_set_is_stored_as_one_line_of_sorted_compact_json() -> None:
    made = _small_set()
    assert to_json(made) == (
        '{"attempts":40,"created_at":"2026-12-06","items":[{"answers":40,"digest":"d1",'
        '"exposure":1.0,"gate":"shrunk","id":"f-01","note":"","params":{"chance":0.25,'
        '"dispersion":1.0,"location":3.2,"location_sd":0.4,"slope":1.1},"skill":"f",'
        '"weight":0.5}],"method":"em","model":"fractional","schema":1,'
        '"skills":{"f":{"people":40}}}'
    )
    assert parse(to_json(made)) == made


def test_a_set_from_no_attempts_reads_back() -> None:
    text = '{"schema": 1, "items": [], "skills": {}, "attempts": 0, "method": "m",'
    text += ' "created_at": "t", "model": "gpcm"}'
    assert parse(text) == ParameterSet("m", "t", 0, {}, (), "gpcm")


def test_an_item_unanswered_and_without_exposure_reads_back() -> None:
    """A prior-gated item nobody answered, stored before exposure chances were kept:
    0 answers and exposure 1 (always open)."""
    data = json.loads(to_json(_small_set()))
    del data["items"][0]["exposure"]
    data["items"][0] |= {"answers": 0, "gate": "prior", "params": None, "weight": 0.0}
    entry = parse(json.dumps(data)).items[0]
    assert (entry.answers, entry.gate, entry.params, entry.exposure) == (0, "prior", None, 1.0)


@pytest.mark.parametrize("field", ["slope", "location", "chance", "location_sd", "dispersion"])
def test_a_damaged_parameter_of_the_scoring_model_is_named(field: str) -> None:
    data = json.loads(to_json(_small_set()))
    data["items"][0]["params"][field] = "steep"
    with pytest.raises(DamagedSet) as raised:
        parse(json.dumps(data))
    assert str(raised.value) == f"item f-01 {field}: not a finite number"


def _broken(kept: ParameterSet, change: dict[str, object]) -> str:
    data = document(kept)
    data["items"][1] = data["items"][1] | change
    return json.dumps(data)


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"gate": "maybe"}, "item x-01: gate 'maybe' is none of prior, shrunk, data"),
        ({"answers": -1}, "item x-01: answers is not a count"),
        ({"gate": "data", "params": None}, "item x-01: gate data and its parameters disagree"),
        ({"params": {"slope": "steep"}}, "item x-01 slope: not a finite number"),
        (
            {"params": {"slope": 1.0, "steps": [1.0], "floors": [1.0, 0.0], "location_sd": 0}},
            "item x-01: category floors must rise",
        ),
        ({"id": 7}, "item 2: no question id"),
        ({"params": [1.0]}, "item x-01: parameters are not a mapping"),
        (
            {"params": {"slope": 1.0, "steps": 1.0, "floors": [0.0, 1.0], "location_sd": 0}},
            "item x-01 steps: not a list of numbers",
        ),
        (
            {"params": {"slope": 1.0, "steps": ["a"], "floors": [0.0, 1.0], "location_sd": 0}},
            "item x-01 steps: not a finite number",
        ),
        (
            {"params": {"slope": 1.0, "steps": [1.0], "floors": 0.0, "location_sd": 0}},
            "item x-01 floors: not a list of numbers",
        ),
        (
            {"params": {"slope": 1.0, "steps": [1.0], "floors": [0.0, 1.0], "location_sd": "x"}},
            "item x-01 location_sd: not a finite number",
        ),
        ({"answers": "many"}, "item x-01: answers is not a count"),
        ({"answers": True}, "item x-01: answers is not a count"),
        ({"note": 5}, "item x-01: skill, digest and note must be text"),
        ({"weight": "half"}, "item x-01 weight: not a finite number"),
        ({"exposure": "rare"}, "item x-01 exposure: not a finite number"),
        ({"exposure": 0}, "item x-01: exposure 0.0 is not a chance above 0"),
        ({"exposure": 1.5}, "item x-01: exposure 1.5 is not a chance above 0"),
    ],
)
def test_a_damaged_set_is_named_in_one_line(
    stored: tuple[list[Item], ParameterSet], change: dict[str, object], message: str
) -> None:
    with pytest.raises(DamagedSet) as raised:
        parse(_broken(stored[1], change))
    assert str(raised.value) == message


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("{", "not JSON"),
        ('{"schema": 2}', "not a parameter set of schema 1"),
        ('{"schema": 1, "items": [], "skills": []}', "items or skills missing"),
        ('{"schema": 1, "items": [], "skills": {}, "attempts": true}', "attempts is not a count"),
        ('{"schema": 1, "items": [], "skills": {}, "attempts": -1}', "attempts is not a count"),
        (
            '{"schema": 1, "items": [], "skills": {}, "attempts": 1, "method": "m",'
            ' "created_at": 5}',
            "method and created_at must be text",
        ),
        (
            '{"schema": 1, "items": [], "skills": {}, "attempts": 1, "method": "m",'
            ' "created_at": "t", "model": "rasch"}',
            "model 'rasch' is none of fractional, gpcm",
        ),
    ],
)
def test_a_set_that_is_not_one_is_named(text: str, message: str) -> None:
    with pytest.raises(DamagedSet) as raised:
        parse(text)
    assert str(raised.value) == message


def test_a_set_of_the_scoring_model_reads_back_whole() -> None:
    """The fractional model's parameters (slope, location, chance, location SD and
    dispersion) come back exactly, and scoring can use them as they are."""
    data = fractional_class(400)
    items = list(data.items)
    kept = parameter_set(calibrate({"f": items}, data.people), {"f": items}, WHEN)
    again = parse(to_json(kept))
    assert again.model == "fractional" and document(again) == document(kept)
    params, stale = again.usable(items)
    assert stale == [] and params == {c.item_id: c.params for c in kept.items if c.params}
    assert all(isinstance(p, FractionalParams) and p.dispersion <= 1 for p in params.values())

"""A calibrated parameter set as data: what ``calibrate`` stores and scoring reads back.

A set says when it was made, by which method, from how many attempts, and per skill how
the fit went; per item, its parameters, the answers they rest on, the gate applied, and a
digest of the item as it was calibrated. Scoring uses an item's parameters only while the
bank's item still has that digest: an item added or changed since keeps its label (and
the results can say so). A set that cannot be read is named in one line (DamagedSet), so
the caller can fall back to the labels.

Plain Python and JSON: reading a set is on the path of showing and reporting a quiz.
"""

from __future__ import annotations

import hashlib
import json
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from questions.models import Item, LikertItem
from questions.record import to_data
from scoring.response_models import AnyParams, FractionalParams, ItemParams, Model

SET_SCHEMA = 1
GATES = ("prior", "shrunk", "data")
MODELS: tuple[Model, ...] = ("fractional", "gpcm")


class DamagedSet(ValueError):
    """A stored set that cannot be read, with where and why in one line."""


@lru_cache(maxsize=8192)
def item_digest(item: Item) -> str:
    """SHA-256 of what scoring reads of an item (everything but its explanation and tags),
    so a changed key, option, credit or level makes the stored parameters stale. Kept per
    item (equal items, equal digests): scoring a class asks for the same items' digests
    once an attempt."""
    fields = {k: v for k, v in to_data(item).items() if k not in ("explanation", "tags")}
    text = json.dumps(fields, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(text.encode()).hexdigest()


@dataclass(frozen=True)
class StoredItem:
    """One item of a set; ``params`` is None where the gate kept the label."""

    item_id: str
    skill: str
    digest: str
    answers: int
    gate: str
    weight: float
    params: AnyParams | None
    note: str = ""
    # The item's chance to be open to an adaptive quiz (exposure control; 1: always).
    exposure: float = 1.0


@dataclass(frozen=True)
class ParameterSet:
    """A set: how it was made (``method``, the item response ``model`` its parameters are
    for), when, from how many attempts, each skill's fit, and its items."""

    method: str
    created_at: str
    attempts: int
    skills: Mapping[str, Mapping[str, Any]]
    items: tuple[StoredItem, ...]
    model: Model = "gpcm"

    def usable(self, items: Sequence[Item]) -> tuple[dict[str, AnyParams], list[str]]:
        """The calibrated parameters that still fit ``items`` (by id and digest), and the
        ids of items the set calibrated that have changed since (they keep their labels)."""
        stored = {entry.item_id: entry for entry in self.items if entry.params is not None}
        params: dict[str, AnyParams] = {}
        stale: list[str] = []
        for item in items:
            entry = stored.get(item.id)
            if entry is None or isinstance(item, LikertItem) or entry.params is None:
                continue
            if entry.digest == item_digest(item):
                params[item.id] = entry.params
            else:
                stale.append(item.id)
        return params, stale

    def exposure(self) -> dict[str, float]:
        """Each item's chance to be open to an adaptive quiz, where below 1."""
        return {entry.item_id: entry.exposure for entry in self.items if entry.exposure < 1}


def _params_document(params: AnyParams) -> dict[str, Any]:
    if isinstance(params, FractionalParams):
        return {
            "slope": params.slope,
            "location": params.location,
            "chance": params.chance,
            "location_sd": params.label_sd,
            "dispersion": params.dispersion,
        }
    return {
        "slope": params.slope,
        "steps": list(params.steps),
        "floors": list(params.floors),
        "location_sd": params.label_sd,
    }


def document(parameter_set: ParameterSet) -> dict[str, Any]:
    """The set as JSON-ready data (the stored form)."""
    return {
        "schema": SET_SCHEMA,
        "model": parameter_set.model,
        "method": parameter_set.method,
        "created_at": parameter_set.created_at,
        "attempts": parameter_set.attempts,
        "skills": {skill: dict(fit) for skill, fit in parameter_set.skills.items()},
        "items": [
            {
                "id": entry.item_id,
                "skill": entry.skill,
                "digest": entry.digest,
                "answers": entry.answers,
                "gate": entry.gate,
                "weight": entry.weight,
                "note": entry.note,
                "exposure": entry.exposure,
                "params": None if entry.params is None else _params_document(entry.params),
            }
            for entry in parameter_set.items
        ],
    }


def to_json(parameter_set: ParameterSet) -> str:
    return json.dumps(document(parameter_set), sort_keys=True, separators=(",", ":"))


def _number(value: object, where: str) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        raise DamagedSet(f"{where}: not a finite number")
    return float(value)


def _numbers(value: object, where: str) -> tuple[float, ...]:
    if not isinstance(value, list):
        raise DamagedSet(f"{where}: not a list of numbers")
    return tuple(_number(entry, where) for entry in value)


def _params(value: object, where: str, model: Model) -> AnyParams | None:
    if value is None:
        return None
    if not isinstance(value, dict):
        raise DamagedSet(f"{where}: parameters are not a mapping")
    try:
        if model == "fractional":
            return FractionalParams(
                slope=_number(value.get("slope"), f"{where} slope"),
                location=_number(value.get("location"), f"{where} location"),
                chance=_number(value.get("chance"), f"{where} chance"),
                label_sd=_number(value.get("location_sd"), f"{where} location_sd"),
                source="calibrated",
                dispersion=_number(value.get("dispersion"), f"{where} dispersion"),
            )
        return ItemParams(
            slope=_number(value.get("slope"), f"{where} slope"),
            steps=_numbers(value.get("steps"), f"{where} steps"),
            floors=_numbers(value.get("floors"), f"{where} floors"),
            label_sd=_number(value.get("location_sd"), f"{where} location_sd"),
            source="calibrated",
        )
    except ValueError as error:
        if isinstance(error, DamagedSet):
            raise
        raise DamagedSet(f"{where}: {error}") from None


def _item(entry: object, index: int, model: Model) -> StoredItem:
    where = f"item {index + 1}"
    if not isinstance(entry, dict) or not isinstance(entry.get("id"), str):
        raise DamagedSet(f"{where}: no question id")
    where = f"item {entry['id']}"
    gate = entry.get("gate")
    if gate not in GATES:
        raise DamagedSet(f"{where}: gate {gate!r} is none of {', '.join(GATES)}")
    answers = entry.get("answers")
    if isinstance(answers, bool) or not isinstance(answers, int) or answers < 0:
        raise DamagedSet(f"{where}: answers is not a count")
    texts = [entry.get(key) for key in ("skill", "digest", "note")]
    if not all(isinstance(text, str) for text in texts):
        raise DamagedSet(f"{where}: skill, digest and note must be text")
    params = _params(entry.get("params"), where, model)
    if (params is None) != (gate == "prior"):
        raise DamagedSet(f"{where}: gate {gate} and its parameters disagree")
    skill, digest, note = (str(text) for text in texts)
    weight = _number(entry.get("weight"), f"{where} weight")
    exposure = _number(entry.get("exposure", 1.0), f"{where} exposure")
    if not 0 < exposure <= 1:
        raise DamagedSet(f"{where}: exposure {exposure} is not a chance above 0")
    return StoredItem(
        entry["id"], skill, digest, answers, str(gate), weight, params, note, exposure
    )


def parse(text: str) -> ParameterSet:
    """A stored set read back; DamagedSet names the first thing that cannot be read."""
    try:
        data = json.loads(text)
    except (ValueError, RecursionError):
        raise DamagedSet("not JSON") from None
    if not isinstance(data, dict) or data.get("schema") != SET_SCHEMA:
        raise DamagedSet(f"not a parameter set of schema {SET_SCHEMA}")
    items = data.get("items")
    skills = data.get("skills")
    if not isinstance(items, list) or not isinstance(skills, dict):
        raise DamagedSet("items or skills missing")
    attempts = data.get("attempts")
    if isinstance(attempts, bool) or not isinstance(attempts, int) or attempts < 0:
        raise DamagedSet("attempts is not a count")
    method, created_at = data.get("method"), data.get("created_at")
    if not isinstance(method, str) or not isinstance(created_at, str):
        raise DamagedSet("method and created_at must be text")
    model = data.get("model")
    if model not in MODELS:
        raise DamagedSet(f"model {model!r} is none of {', '.join(MODELS)}")
    stored = tuple(_item(entry, index, model) for index, entry in enumerate(items))
    return ParameterSet(method, created_at, attempts, skills, stored, model)

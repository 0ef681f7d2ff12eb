"""Credits added up from storage give the figures of credits worked through one by one,
on both engines (SQLite and a real PostgreSQL)."""

from __future__ import annotations

import json
import math
import random
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from class_fixtures import record

from questions import load_banks
from questions.models import ChoiceItem, Item
from questions.record_schema import validate
from quiz.classroom.class_aggregates import class_aggregates, name_matches
from quiz.classroom.itemstats import as_data, compute_from_aggregates
from quiz.classroom.stored_items import snapshot_items
from quiz.storage import Store, StoredCredit, Summary
from quiz.storage.schema import digest
from scoring.statistics import (
    ItemInfo,
    SelfRatingStatistics,
    SkillStatistics,
    cronbach_alpha,
    random_guess,
    self_rating_statistics,
    skill_statistics,
)

START = datetime(2026, 9, 1, tzinfo=UTC)
SKILLS = {"alpha": "Alpha", "beta": "Beta"}
ITEMS = {
    "alpha": [f"a-{i:02d}" for i in range(8)],
    "beta": [f"b-{i:02d}" for i in range(5)],
}
ITEM_DEFINITIONS: dict[tuple[str, str], Item] = {
    (qid, skill): validate(
        ChoiceItem,
        {
            "id": qid,
            "type": "choice",
            "text": "?",
            "options": [{"text": "Yes", "credit": 1}, {"text": "No", "credit": 0}],
        },
    )
    for skill, ids in ITEMS.items()
    for qid in ids
}
SUMMARY = Summary(rules_version="2", skills=(), top_role=None)

Kept = tuple[int, str | None, datetime, dict[str, StoredCredit]]


def fill(store: Store, seed: int) -> list[Kept]:
    """80 attempts (every ninth unfinished) with credits like a class's: a third asked
    every item (so internal consistency has a group), the rest six of eight and three of
    five; self-ratings sometimes skipped. Returns the finished ones as stored."""
    rng = random.Random(seed)
    kept = []
    for number in range(1, 81):
        finished = START + timedelta(days=number % 20)
        name = rng.choice(["Ada", "alan", "Grace", "Linus", None])
        graded: dict[str, StoredCredit] = {}
        for skill, ids in ITEMS.items():
            graded[f"{skill}-self"] = StoredCredit(
                skill, "likert", rng.choice([None, 0.0, 0.25, 0.5, 0.75, 1.0])
            )
            asked = ids if number % 3 == 0 else rng.sample(ids, len(ids) - 2)
            for qid in asked:
                credit = rng.choice([None, 0.0, 1 / 3, 0.5, 2 / 3, 1.0, 1.0])
                graded[qid] = StoredCredit(skill, "choice", credit)
        attempt = store.create_attempt(
            name=name,
            length="standard",
            seed=number,
            skills=list(SKILLS),
            snapshot=json.dumps({"banks": [], "questions": []}),
            draw=None,
            questions=len(graded),
            started_at=finished - timedelta(minutes=20),
        )
        store.record_answers(attempt, dict.fromkeys(graded, "x"), finished)
        if number % 9:
            store.finish(attempt, finished, graded=graded, summary=SUMMARY)
            kept.append((attempt, name, finished, graded))
    return kept


def expected(kept: list[Kept]) -> tuple[list[SkillStatistics], list[SelfRatingStatistics]]:
    """The figures worked out from each attempt's credits, one by one, as scoring does: a
    skipped item earns 0, a skipped self-rating says nothing."""
    skills, ratings = [], []
    for skill in sorted(SKILLS):
        attempts: list[dict[str, float]] = []
        pairs: list[tuple[float | None, float | None]] = []
        for _, _, _, graded in kept:
            shown = {
                q: g.credit or 0.0
                for q, g in graded.items()
                if g.skill == skill and g.type != "likert"
            }
            rated = [
                g.credit
                for g in graded.values()
                if g.skill == skill and g.type == "likert" and g.credit is not None
            ]
            attempts.append(shown)
            pairs.append(
                (
                    100 * math.fsum(rated) / len(rated) if rated else None,
                    100 * math.fsum(shown.values()) / len(shown),
                )
            )
        infos = {
            q: ItemInfo(q, "choice", random_guess(ITEM_DEFINITIONS[(q, skill)]))
            for q in ITEMS[skill]
        }
        skills.append(skill_statistics(skill, SKILLS[skill], infos, attempts))
        ratings.append(self_rating_statistics(skill, pairs))
    return skills, ratings


def close(value: object) -> object:
    if isinstance(value, float):
        return pytest.approx(value, rel=1e-12, abs=1e-12)
    if isinstance(value, dict):
        return {k: close(v) for k, v in value.items()}
    if isinstance(value, list):
        return [close(v) for v in value]
    return value


@pytest.mark.parametrize(
    ("since", "name"), [(None, None), (START + timedelta(days=10), None), (None, "A*")]
)
def test_stored_credits_added_up_give_the_figures_of_single_credits(
    database_url: str, since: datetime | None, name: str | None
) -> None:
    with Store.open(url=database_url) as store:
        kept = fill(store, 5)
    chosen = [k for k in kept if (since is None or k[2] >= since) and name_matches(name, k[1])]
    skills, ratings = expected(chosen)
    from quiz.classroom.itemstats import StatsResult

    want = as_data(StatsResult(skills, ratings, attempts=len(chosen)))
    with Store.open(url=database_url, readonly=True) as store:
        data = class_aggregates(store, since=since, name=name)
    got = as_data(compute_from_aggregates(data, ITEM_DEFINITIONS, SKILLS))
    assert got == close(want)
    assert [s["attempts"] for s in got["skills"]] == [len(chosen)] * 2
    assert all(s["cic_attempts"] > 2 for s in got["skills"])


def test_only_the_attempts_asked_for_are_counted(database_url: str) -> None:
    with Store.open(url=database_url) as store:
        kept = fill(store, 9)
        few = {kept[0][0], kept[3][0], kept[7][0]}
        data = class_aggregates(store, attempts=few)
    assert [len(data.skills[skill].pairs) for skill in SKILLS] == [3, 3]
    got = as_data(compute_from_aggregates(data, ITEM_DEFINITIONS, SKILLS))
    skills, ratings = expected([k for k in kept if k[0] in few])
    from quiz.classroom.itemstats import StatsResult

    assert got == close(as_data(StatsResult(skills, ratings, attempts=3)))


def _stored(store: Store, name: str, when: datetime, graded: dict[str, StoredCredit]) -> int:
    attempt = store.create_attempt(
        name=name,
        length="standard",
        seed=1,
        skills=sorted({g.skill for g in graded.values()}),
        snapshot=json.dumps({"banks": [], "questions": []}),
        draw=None,
        questions=len(graded),
        started_at=when - timedelta(minutes=20),
    )
    store.record_answers(attempt, dict.fromkeys(graded, "x"), when)
    store.finish(attempt, when, graded=graded, summary=SUMMARY)
    return attempt


def test_one_question_id_in_two_skills_is_two_items(database_url: str) -> None:
    """Banks from different folders may both have a q1: each skill's q1 is its own item."""
    with Store.open(url=database_url) as store:
        for number in range(6):
            skill = "alpha" if number % 2 else "beta"
            credit = 1.0 if skill == "alpha" else float(number % 3 == 0)
            graded = {
                "q1": StoredCredit(skill, "choice", credit),
                "q2": StoredCredit(skill, "choice", 1 - credit),
            }
            _stored(store, f"L{number}", START, graded)
        data = class_aggregates(store)
    got = as_data(compute_from_aggregates(data, {}, SKILLS))
    facility = {
        (s["skill"], i["question_id"]): (i["n"], i["facility"])
        for s in got["skills"]
        for i in s["items"]
    }
    assert facility == {
        ("alpha", "q1"): (3, 100.0),
        ("alpha", "q2"): (3, 0.0),
        ("beta", "q1"): (3, pytest.approx(100 / 3)),
        ("beta", "q2"): (3, pytest.approx(200 / 3)),
    }


def test_since_compares_moments_whatever_their_offset(database_url: str) -> None:
    """An imported report keeps the learner's offset: 02:00+05:00 on 1 September is still
    31 August in UTC."""
    from datetime import timezone

    east = timezone(timedelta(hours=5))
    west = timezone(timedelta(hours=-5))
    with Store.open(url=database_url) as store:
        early = _stored(
            store,
            "East",
            datetime(2026, 9, 1, 2, tzinfo=east),
            {
                "q1": StoredCredit("alpha", "choice", 1.0),
                "q2": StoredCredit("alpha", "choice", 1.0),
            },
        )
        _stored(
            store,
            "West",
            datetime(2026, 8, 31, 23, tzinfo=west),
            {
                "q1": StoredCredit("alpha", "choice", 0.0),
                "q2": StoredCredit("alpha", "choice", 0.0),
            },
        )
        store._db.execute(
            "UPDATE attempts SET finished_at = ? WHERE id = ?",
            ("2026-09-01T02:00:00+05:00", early),
        )
        data = class_aggregates(store, since=datetime(2026, 9, 1, tzinfo=UTC))
    assert data.skills["alpha"].scores == [0.0]  # West's, 04:00 UTC on 1 September


def test_a_name_pattern_matches_letters_beyond_ascii(database_url: str) -> None:
    graded = {
        "q1": StoredCredit("alpha", "choice", 1.0),
        "q2": StoredCredit("alpha", "choice", 0.0),
    }
    with Store.open(url=database_url) as store:
        for name in ("Åsa Öberg", "Zoë", "Ada"):
            _stored(store, name, START, graded)
        counted = {
            pattern: len(class_aggregates(store, name=pattern).skills["alpha"].pairs)
            for pattern in ("åsa*", "ZOË", "*Ö*")
        }
    assert counted == {"åsa*": 1, "ZOË": 1, "*Ö*": 1}


@pytest.mark.parametrize(
    ("column", "damage"),
    [
        ("marks", "q1:zero,q2:1"),
        ("marks", "q1,q2:1"),
        ("marks", "q\ufffd:1,q2:1"),
        ("marks", "q1:7,q2:1"),
        ("marks", "q1:1.5,q2:1"),
        ("ratings", "s1:high"),
        ("total", "lots"),
    ],
)
def test_credits_that_cannot_be_read_leave_out_that_row_alone(
    database_url: str, column: str, damage: str
) -> None:
    graded = {
        "q1": StoredCredit("alpha", "choice", 1.0),
        "q2": StoredCredit("alpha", "choice", 0.0),
        "s1": StoredCredit("alpha", "likert", 0.5),
        "b1": StoredCredit("beta", "choice", 1.0),
    }
    with Store.open(url=database_url) as store:
        first = _stored(store, "Ada", START, graded)
        _stored(store, "Alan", START, graded)
        if column == "total" and store.engine == "postgresql":
            pytest.skip("PostgreSQL keeps a total as a number, nothing else")
        store._db.execute(
            f"UPDATE graded_skills SET {column} = ? WHERE attempt_id = ? AND skill = 'alpha'",
            (damage.encode().decode("unicode_escape"), first),
        )
        data = class_aggregates(store)
    assert data.damaged == 1
    assert len(data.skills["alpha"].pairs) == 1
    assert len(data.skills["beta"].pairs) == 2
    assert {key: sum(counts.values()) for key, counts in data.joint.items()} == {
        ("q1", "alpha"): 1,
        ("q2", "alpha"): 1,
        ("b1", "beta"): 2,
    }


def _rated_or_shown(store: Store) -> None:
    """Ada skips an item and a self-rating of alpha and one of beta; Alan rates beta only
    and answers alpha's items; Grace answers alpha whole."""
    _stored(
        store,
        "Ada",
        START,
        {
            "a-00": StoredCredit("alpha", "choice", 1.0),
            "a-01": StoredCredit("alpha", "choice", None),
            "a-self-1": StoredCredit("alpha", "likert", None),
            "a-self-2": StoredCredit("alpha", "likert", 0.5),
            "b-self-1": StoredCredit("beta", "likert", 1.0),
            "b-self-2": StoredCredit("beta", "likert", None),
        },
    )
    _stored(
        store,
        "Alan",
        START,
        {
            "a-00": StoredCredit("alpha", "choice", 0.0),
            "a-01": StoredCredit("alpha", "choice", 1.0),
            "b-self-1": StoredCredit("beta", "likert", 0.5),
            "b-self-2": StoredCredit("beta", "likert", 0.0),
        },
    )
    _stored(
        store,
        "Grace",
        START,
        {
            "a-00": StoredCredit("alpha", "choice", 1.0),
            "a-01": StoredCredit("alpha", "choice", 1.0),
            "a-self-1": StoredCredit("alpha", "likert", 1.0),
            "a-self-2": StoredCredit("alpha", "likert", 1.0),
        },
    )


def test_a_skipped_self_rating_says_nothing_and_a_skill_may_be_only_rated_or_only_shown(
    database_url: str,
) -> None:
    """Alpha is asked two items and sometimes self-ratings; beta only self-ratings. A
    skipped self-rating is left out of the attempt's self-rated score (not counted as 0);
    a skipped item earns 0."""
    with Store.open(url=database_url) as store:
        _rated_or_shown(store)
        data = class_aggregates(store)
    result = compute_from_aggregates(data, ITEM_DEFINITIONS, SKILLS)
    got = as_data(result)
    assert [(s["skill"], s["attempts"], s["mean"], s["median"]) for s in got["skills"]] == [
        ("alpha", 3, pytest.approx(200 / 3), 50.0)
    ]
    assert [(i["question_id"], i["n"], i["facility"]) for i in got["skills"][0]["items"]] == [
        ("a-00", 3, pytest.approx(200 / 3)),
        ("a-01", 3, pytest.approx(200 / 3)),
    ]
    assert got["self_ratings"] == [
        {
            "skill": "alpha",
            "n": 2,
            "mean": 75.0,
            "sd": pytest.approx(math.sqrt(1250)),
            "correlation_with_score": pytest.approx(1.0),
        },
        {
            "skill": "beta",
            "n": 2,
            "mean": 62.5,
            "sd": pytest.approx(math.sqrt(2 * 37.5**2)),
            "correlation_with_score": None,
        },
    ]
    assert [(r.skill, r.paired) for r in result.self_ratings] == [("alpha", 2), ("beta", 0)]


def test_a_name_pattern_matches_backslashes_percents_and_underscores_literally(
    database_url: str,
) -> None:
    """``--name`` takes a shell-style pattern: only ``*`` and ``?`` are wild; case does not
    matter."""
    names = {"Dev\\Ops": 1.0, "DevOps": 0.75, "Dev_Ops": 0.5, "DevXOps": 0.25, "Dev%Ops": 0.0}
    with Store.open(url=database_url) as store:
        for name, credit in names.items():
            _stored(store, name, START, {"a-00": StoredCredit("alpha", "choice", credit)})
        scores = {
            pattern: sorted(class_aggregates(store, name=pattern).skills["alpha"].scores)
            for pattern in ("dev\\ops", "dev_ops", "dev%ops", "dev?ops", "dev*")
        }
    assert scores == {
        "dev\\ops": [100.0],
        "dev_ops": [50.0],
        "dev%ops": [0.0],
        "dev?ops": [0.0, 25.0, 50.0, 100.0],
        "dev*": [0.0, 25.0, 50.0, 75.0, 100.0],
    }


def test_a_snapshot_that_cannot_be_read_leaves_the_others_items(bank_dir: Path) -> None:
    banks = load_banks([bank_dir])
    with Store.open() as store:
        good = store.attempt(record(store, banks, {}))
        assert good is not None
        store.create_attempt(name=None, length="quick", seed=1, skills=["beta"], snapshot="damaged")
        items, names = snapshot_items(store, [digest("damaged"), good.snapshot])
    assert [(key, item.type) for key, item in sorted(items.items())] == [
        (("b-choice-01", "beta"), "choice"),
        (("b-num-01", "beta"), "numeric"),
        (("b-order-01", "beta"), "order"),
        (("b-self-01", "beta"), "likert"),
    ]
    assert names == {"beta": "Beta skill"}


def test_skills_are_listed_by_name_and_items_without_a_definition_as_unknown(
    database_url: str,
) -> None:
    """A skill whose bank is not among the stored snapshots is listed by its id; an item
    with no definition has type "unknown" and no random-guess score."""
    with Store.open(url=database_url) as store:
        for number in range(3):
            credit = float(number % 2)
            graded = {
                f"{skill[0]}-00": StoredCredit(skill, "choice", credit) for skill in SKILLS
            } | {"g-00": StoredCredit("gamma", "choice", credit)}
            _stored(store, f"L{number}", START, graded)
        data = class_aggregates(store)
    got = as_data(compute_from_aggregates(data, {}, {"alpha": "Zeta", "beta": "Alpha"}))
    assert [
        (
            s["skill"],
            s["name"],
            [(i["question_id"], i["type"], i["random_guess"]) for i in s["items"]],
        )
        for s in got["skills"]
    ] == [
        ("beta", "Alpha", [("b-00", "unknown", None)]),
        ("gamma", "gamma", [("g-00", "unknown", None)]),
        ("alpha", "Zeta", [("a-00", "unknown", None)]),
    ]


def test_consistency_is_computed_over_more_items_when_two_groups_are_as_large(
    database_url: str,
) -> None:
    """Three attempts were asked a-00..a-02 and three only a-00 and a-01: internal
    consistency is worked out over the three items."""
    three = [[1.0, 1.0, 1.0], [1.0, 0.0, 0.0], [0.0, 0.0, 1.0]]
    two = [[1.0, 1.0], [1.0, 0.0], [0.0, 0.0]]
    with Store.open(url=database_url) as store:
        for number, credits in enumerate(three + two):
            graded = {
                f"a-{i:02d}": StoredCredit("alpha", "choice", credit)
                for i, credit in enumerate(credits)
            }
            _stored(store, f"L{number}", START, graded)
        data = class_aggregates(store)
    alpha = as_data(compute_from_aggregates(data, ITEM_DEFINITIONS, SKILLS))["skills"][0]
    assert (alpha["cic"], alpha["cic_attempts"], alpha["cic_items"]) == (
        pytest.approx(cronbach_alpha(three)),
        3,
        3,
    )


def test_a_finish_time_kept_without_an_offset_is_read_as_utc(database_url: str) -> None:
    graded = {"a-00": StoredCredit("alpha", "choice", 1.0)}
    with Store.open(url=database_url) as store:
        attempt = _stored(store, "Ada", START, graded)
        store._db.execute(
            "UPDATE attempts SET finished_at = '2026-09-01T10:00:00' WHERE id = ?", (attempt,)
        )
        counted = {
            hour: len(class_aggregates(store, since=START.replace(hour=hour)).skills)
            for hour in (9, 10, 11)
        }
    assert counted == {9: 1, 10: 1, 11: 0}

"""What ``skillquiz stats`` tells a trainer, as the table, the narrow-terminal sentences,
CSV and JSON say it."""

from __future__ import annotations

import csv
import io
import json

from quiz.classroom.itemstats import (
    StatsResult,
    consistency_note,
    item_lines,
    render_csv,
    render_json,
    summary_line,
)
from scoring.statistics import ItemStatistics, SkillStatistics

CLEAR = ItemStatistics(
    question_id="q-1",
    type="choice",
    n=40,
    facility=62.5,
    sd=49.0,
    random_guess=25.0,
    discrimination=41.25,
    efficiency=60.0,
    flags=(),
)
UNCLEAR = ItemStatistics(
    question_id="q-2",
    type="order",
    n=40,
    facility=97.5,
    sd=15.8,
    random_guess=None,
    discrimination=None,
    efficiency=None,
    flags=("too easy", "needs checking"),
)


def skill(**changes: object) -> SkillStatistics:
    figures: dict[str, object] = {
        "skill": "beta",
        "name": "Beta skill",
        "attempts": 40,
        "mean": 55.25,
        "median": 56.0,
        "sd": 12.5,
        "skewness": 0.1234,
        "kurtosis": -1.2345,
        "cic": 80.0,
        "cic_attempts": 12,
        "cic_items": 3,
        "error_ratio": 44.72,
        "standard_error": 5.59,
        "items": (CLEAR, UNCLEAR),
        "group_attempts": 12,
        "group_items": 3,
    }
    figures.update(changes)
    return SkillStatistics(**figures)  # type: ignore[arg-type]


def test_the_summary_line_gives_the_shape_of_the_scores() -> None:
    assert summary_line(skill()) == (
        "40 attempts: mean 55.2, median 56.0, SD 12.5, skewness 0.12, kurtosis -1.23"
    )
    assert summary_line(skill(attempts=2, sd=None, skewness=None, kurtosis=None)) == (
        "2 attempts: mean 55.2, median 56.0, SD -, skewness -, kurtosis -"
    )


def test_the_consistency_note_says_what_it_was_computed_over_or_why_not() -> None:
    assert consistency_note(skill()) == (
        "CIC 80.0 over 12 attempts asked the same 3 items; error ratio 44.7, standard error 5.6"
    )
    unknown = {"cic": None, "cic_attempts": 0, "cic_items": 0}
    assert consistency_note(skill(**unknown, group_attempts=2, group_items=3)) == (
        "CIC -: no three attempts were asked the same items (full-length attempts are; "
        "quick and standard ones draw items at random)"
    )
    assert consistency_note(skill(**unknown, group_attempts=5, group_items=1)) == (
        "CIC -: the 5 attempts asked the same items were asked one item"
    )
    assert consistency_note(skill(**unknown, group_attempts=5, group_items=2)) == (
        "CIC -: the 5 attempts asked the same 2 items all scored the same"
    )


def test_a_narrow_terminal_gets_each_item_as_a_sentence_with_its_flags() -> None:
    assert item_lines(skill()) == [
        "q-1 (choice), n 40: facility 62.5, SD 49.0, guess 25.0, discrimination 41.2, "
        "efficiency 60.0",
        "q-2 (order), n 40: facility 97.5, SD 15.8, guess -, discrimination -, "
        "efficiency -; too easy, needs checking",
    ]


def test_csv_gives_each_figure_unrounded_and_an_empty_cell_where_there_is_none() -> None:
    rows = list(csv.reader(io.StringIO(render_csv(StatsResult([skill()], [])))))
    assert rows == [
        [
            "skill",
            "question_id",
            "type",
            "n",
            "facility",
            "sd",
            "random_guess",
            "discrimination",
            "efficiency",
            "label_level",
            "calibrated_level",
            "flags",
        ],
        ["beta", "q-1", "choice", "40", "62.5", "49.0", "25.0", "41.25", "60.0", "", "", ""],
        [
            *("beta", "q-2", "order", "40", "97.5", "15.8", "", "", "", "", ""),
            "too easy; needs checking",
        ],
    ]


def test_json_carries_every_figure_and_null_for_one_that_is_not_a_number() -> None:
    odd = skill(skewness=float("nan"), kurtosis=float("inf"), items=())
    data = json.loads(render_json(StatsResult([skill(), odd], [])))
    assert [(s["skewness"], s["kurtosis"]) for s in data["skills"]] == [
        (0.1234, -1.2345),
        (None, None),
    ]

"""The JSON report is written without pydantic, byte for byte as pydantic wrote it when
the report was a pydantic model: the oracle here is pydantic's dump of the same report
through the models the JSON Schema is built from (quiz.report.json_schema)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

import pytest
from pydantic import TypeAdapter
from report_fixtures import full_report

from questions.record import replace, to_data
from quiz.report.export import render
from quiz.report.json_schema import mirror
from quiz.report.json_text import float_text, time_text
from quiz.report.model import Report


def pydantic_text(report: Report) -> str:
    model = mirror(Report).model_validate(to_data(report))
    return model.model_dump_json(indent=2) + "\n"


FLOATS = [0.0, -0.0, 0.1, 0.30000000000000004, 2.5, 1e-4, 1e-05, 1.5e-05, -2.5e-05, 1e-06]
FLOATS += [1.5e-07, 1e15, 1e16, 1.2345678901234568e17, 1e300, 5e-324, float("inf"), float("nan")]


@pytest.mark.parametrize("value", FLOATS, ids=repr)
def test_a_float_reads_as_pydantic_writes_it(value: float) -> None:
    assert float_text(value) == TypeAdapter(float).dump_json(value).decode()


TIMES = [
    datetime(2026, 3, 2, 9, 30, tzinfo=UTC),
    datetime(2026, 3, 2, 9, 30, 5, 120, tzinfo=UTC),
    datetime(2026, 3, 2, 9, 30),
    datetime(2026, 3, 2, 9, 30, tzinfo=timezone(timedelta(hours=2))),
    datetime(2026, 3, 2, 9, 30, tzinfo=timezone(timedelta(hours=-5, minutes=-30))),
    datetime(2026, 3, 2, 9, 30, tzinfo=timezone(timedelta(seconds=3661))),
    datetime(2026, 3, 2, 9, 30, tzinfo=timezone(-timedelta(seconds=3661))),
]


@pytest.mark.parametrize("value", TIMES, ids=str)
def test_a_time_reads_as_pydantic_writes_it(value: datetime) -> None:
    assert f'"{time_text(value)}"' == TypeAdapter(datetime).dump_json(value).decode()


def test_the_full_report_is_pydantics_text() -> None:
    report = full_report()
    assert render(report, "json") == pydantic_text(report)


def test_awkward_values_are_pydantics_text_too() -> None:
    """Control characters, quotes and characters beyond ASCII in text; times with a zone
    and fractions of a second; levels too small or too large for plain digits."""
    report = full_report(name='Zoë "\\" \x00\x1f\x7f\u2028 名前')
    attempt = replace(
        report.attempt,
        started_at=datetime(2026, 3, 2, 9, 30, 5, 120, tzinfo=timezone(timedelta(hours=-3))),
        finished_at=None,
        experience_years=1e-05,
    )
    first = replace(report.skills[0], level=1e-06, level_sd=float("inf"), interval=(1e16, 0.5))
    report = replace(report, attempt=attempt, skills=[first, *report.skills[1:]], warnings=[])
    assert render(report, "json") == pydantic_text(report)

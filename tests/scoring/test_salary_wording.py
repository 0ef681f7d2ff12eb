"""Salaries read as a person says them: the currency, the figure and the period."""

from __future__ import annotations

import pytest

from scoring.catalog import CatalogSalary, SalarySource
from scoring.models import Salary


def test_a_salary_in_another_currency_and_period_is_said_in_them() -> None:
    source = SalarySource(source="Payscale", dated="2026", note="Averages.")
    salary = CatalogSalary(low=1800, high=2400, currency="EUR", period="month").as_result(source)
    assert salary == Salary(
        low=1800,
        high=2400,
        currency="EUR",
        period="month",
        source="Payscale",
        dated="2026",
        note="Averages.",
    )
    assert salary.amount() == "EUR 1,800-2,400 a month"


@pytest.mark.parametrize(
    ("period", "said"),
    [("year", "EUR 18-24 a year"), ("hour", "EUR 18-24 an hour"), ("week", "EUR 18-24 a week")],
)
def test_a_salary_per_hour_reads_an_hour(period: str, said: str) -> None:
    source = SalarySource(source="Payscale", dated="2026", note="Averages.")
    salary = CatalogSalary(low=18, high=24, currency="EUR", period=period).as_result(source)
    assert salary.amount() == said

"""The bundled report computes to the brief's hand-worked figures."""

from __future__ import annotations

import pytest

import hrkpi
from hrkpi.core.models import Base
from hrkpi.core.numbers import format_decimal
from hrkpi.core.pace import PaceMethod
from hrkpi.engine.report import Report


@pytest.fixture(scope="module")
def report() -> Report:
    return hrkpi.compute()


def _result(report: Report, ind_id: str):  # type: ignore[no-untyped-def]
    return next(r for r in report.results if r.indicator.id == ind_id)


def test_the_whole_report_is_encoded(report: Report) -> None:
    stated = [r for r in report.results if r.observation is not None]
    assert len(stated) >= 60
    assert all(r.observation is not None for r in report.results)


def test_completion_and_pace(report: Report) -> None:
    re = _result(report, "reemployment")
    assert format_decimal(re.completion, 2) == "105.50"
    assert re.pace_status is not None and re.pace_status.value == "completed"
    hard = _result(report, "hard_to_employ_employment")
    assert format_decimal(hard.completion, 2) == "73.33"
    assert hard.pace_status is not None and hard.pace_status.value == "ahead"
    assert format_decimal(report.pace, 2) == "49.73"  # type: ignore[arg-type]


def test_pace_by_months() -> None:
    by_months = hrkpi.compute(pace_method=PaceMethod.MONTHS)
    assert format_decimal(by_months.pace, 2) == "50.00"  # type: ignore[arg-type]


def test_unemployment_rate_within_ceiling(report: Report) -> None:
    rate = _result(report, "registered_unemployment_rate")
    [limit] = rate.thresholds
    assert limit.met and format_decimal(limit.margin, 2) == "0.44"
    assert rate.completion is None  # lower is better: no completion rate


def test_implied_previous_values(report: Report) -> None:
    pension = _result(report, "pension_insured")
    change = pension.change(Base.SAME_PERIOD_LAST_YEAR)
    assert change is not None and format_decimal(change.previous, 2) == "303.88"
    sangao = _result(report, "sangao_employees")
    change = sangao.change(Base.END_OF_LAST_YEAR)
    assert change is not None and format_decimal(change.previous, 2) == "54.14"


def test_totals_add_up(report: Report) -> None:
    employees = _result(report, "registered_employees")
    assert format_decimal(employees.parts_sum, 2) == "236.60"

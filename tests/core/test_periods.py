"""Periods as published: 当月, 累计 1-N月, the combined 1-2月 release, quarters, halves, years."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from hrkpi.core.periods import Period, PeriodKind, parse_period, period_from_date


@pytest.mark.parametrize(
    ("text", "code", "zh", "end", "ytd"),
    [
        ("2020-06", "2020-06", "2020年6月", dt.date(2020, 6, 30), False),
        ("2020-01/06", "2020-01/06", "2020年1-6月", dt.date(2020, 6, 30), True),
        # The combined January-February release ends on the 29th in a leap year.
        ("2020-01/02", "2020-01/02", "2020年1-2月", dt.date(2020, 2, 29), True),
        ("2021-01/2021-02", "2021-01/02", "2021年1-2月", dt.date(2021, 2, 28), True),
        ("2020-Q2", "2020-Q2", "2020年二季度", dt.date(2020, 6, 30), False),
        ("2020-q1", "2020-Q1", "2020年一季度", dt.date(2020, 3, 31), True),
        ("2020-H1", "2020-H1", "2020年上半年", dt.date(2020, 6, 30), True),
        ("2020-S2", "2020-H2", "2020年下半年", dt.date(2020, 12, 31), False),
        ("2020", "2020", "2020年", dt.date(2020, 12, 31), True),
        ("2020年1-6月", "2020-01/06", "2020年1-6月", dt.date(2020, 6, 30), True),
        ("2020年6月", "2020-06", "2020年6月", dt.date(2020, 6, 30), False),
        ("2020年三季度", "2020-Q3", "2020年三季度", dt.date(2020, 9, 30), False),
        ("2020年上半年", "2020-H1", "2020年上半年", dt.date(2020, 6, 30), True),
        ("2020年全年", "2020", "2020年", dt.date(2020, 12, 31), True),
    ],
)
def test_parse_period(text: str, code: str, zh: str, end: dt.date, ytd: bool) -> None:
    period = parse_period(text)
    assert (period.code, period.label_zh, period.end, period.ytd) == (code, zh, end, ytd)


def test_same_period_last_year_keeps_the_shape() -> None:
    assert parse_period("2021-01/02").same_period_last_year() == Period(
        2020, 1, 2, PeriodKind.CUMULATIVE
    )
    assert parse_period("2021-Q3").same_period_last_year().code == "2020-Q3"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("2020-13", "not a valid period"),
        ("2020-03/06", "starts in January"),
        ("2020-01/2021-03", "within one year"),
        ("June", "not a period"),
        ("2020-", "not a period"),
    ],
)
def test_bad_periods_say_what_to_write(text: str, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        parse_period(text)


def test_period_from_date() -> None:
    assert period_from_date(dt.date(2020, 6, 30)).code == "2020-01/06"
    assert period_from_date(dt.date(2020, 6, 30), PeriodKind.MONTH).code == "2020-06"


@given(
    st.builds(
        Period,
        st.integers(1990, 2100),
        st.just(1),
        st.integers(1, 12),
        st.just(PeriodKind.CUMULATIVE),
    )
)
def test_code_round_trips(period: Period) -> None:
    assert parse_period(period.code) == period
    assert parse_period(period.label_zh) == period


@given(st.integers(1990, 2100), st.integers(1, 12))
def test_month_round_trips(year: int, month: int) -> None:
    period = Period(year, month, month, PeriodKind.MONTH)
    assert parse_period(period.code) == period
    assert parse_period(period.label_zh) == period

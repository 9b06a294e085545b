"""Engine formulas against hand arithmetic, and their properties."""

from __future__ import annotations

import datetime as dt
from fractions import Fraction

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from hrkpi.core.models import PaceStatus, Threshold
from hrkpi.core.numbers import format_decimal
from hrkpi.core.pace import PaceMethod, pace_share
from hrkpi.engine.indicator import (
    completion_rate,
    growth_rate,
    implied_previous,
    judge_threshold,
    pace_status,
)

positive = st.fractions(min_value=Fraction(1, 1000), max_value=10**6, max_denominator=10**4)


def test_completion_rates_of_the_report() -> None:
    # 4.22 / 4 = 105.5%; 0.66 / 0.9 = 73.333...% -> 73.33
    assert completion_rate(Fraction("4.22"), Fraction(4)) == Fraction("105.5")
    assert format_decimal(completion_rate(Fraction("0.66"), Fraction("0.9")), 2) == "73.33"


def test_growth_and_implied_previous() -> None:
    # 323.27 at +6.38% implies 303.88 last year (323.27 / 1.0638 = 303.8823...).
    assert format_decimal(implied_previous(Fraction("323.27"), Fraction("6.38")), 2) == "303.88"
    # 55.37 - 1.23 = 54.14; 1.23 / 54.14 = 2.2719...% naively.
    assert format_decimal(growth_rate(Fraction("55.37"), Fraction("54.14")), 2) == "2.27"


def test_pace_2020_06_30() -> None:
    day = dt.date(2020, 6, 30)
    assert pace_share(day) == Fraction(182, 366)
    assert format_decimal(pace_share(day) * 100, 2) == "49.73"
    assert pace_share(day, PaceMethod.MONTHS) == Fraction(1, 2)
    assert pace_share(dt.date(2020, 6, 29), PaceMethod.MONTHS) == Fraction(5, 12)
    assert pace_share(dt.date(2021, 12, 31)) == 1


@pytest.mark.parametrize(
    ("completion", "pace", "expected"),
    [
        ("105.5", "49.73", PaceStatus.COMPLETED),
        ("100", "49.73", PaceStatus.COMPLETED),
        ("73.33", "49.73", PaceStatus.AHEAD),
        ("50.5", "49.73", PaceStatus.ON_PACE),
        ("48.73", "49.73", PaceStatus.ON_PACE),
        ("48.72", "49.73", PaceStatus.BEHIND),
    ],
)
def test_pace_status(completion: str, pace: str, expected: PaceStatus) -> None:
    assert pace_status(Fraction(completion), Fraction(pace)) is expected


def test_ceiling_threshold_margin() -> None:
    t = Threshold.model_validate({"word": "以内", "value": "4"})
    result = judge_threshold(Fraction("3.56"), t)
    assert result.met and result.margin == Fraction("0.44")
    assert judge_threshold(Fraction(4), t).met  # 以内 includes the limit
    strict = Threshold.model_validate({"word": "低于", "value": "4"})
    assert not judge_threshold(Fraction(4), strict).met


def test_two_comparison_methods_of_gb_t_8170() -> None:
    # Limit 97.0 (floor), value 96.96: fails by full value, passes once rounded to 97.0.
    full = Threshold.model_validate({"kind": "floor", "value": "97.0"})
    rounded = Threshold.model_validate({"kind": "floor", "value": "97.0", "method": "rounded"})
    assert not judge_threshold(Fraction("96.96"), full).met
    assert judge_threshold(Fraction("96.96"), rounded).met


def test_band_about() -> None:
    t = Threshold.model_validate({"word": "左右", "value": "4", "tolerance": "0.5"})
    assert judge_threshold(Fraction("4.4"), t).met
    assert not judge_threshold(Fraction("4.6"), t).met


@given(positive, positive)
def test_implied_previous_gives_the_rate_back(current: Fraction, previous: Fraction) -> None:
    rate = growth_rate(current, previous)
    assert implied_previous(current, rate) == previous


@given(positive, positive, positive)
def test_completion_is_monotone_in_the_actual(a: Fraction, b: Fraction, target: Fraction) -> None:
    assume(a != b)
    low, high = min(a, b), max(a, b)
    assert completion_rate(low, target) < completion_rate(high, target)


@given(positive, positive)
def test_pace_status_is_monotone(a: Fraction, b: Fraction) -> None:
    order = [PaceStatus.BEHIND, PaceStatus.ON_PACE, PaceStatus.AHEAD, PaceStatus.COMPLETED]
    pace = Fraction(50)
    low, high = sorted((a, b))
    assert order.index(pace_status(low, pace)) <= order.index(pace_status(high, pace))


@given(st.dates(min_value=dt.date(1990, 1, 1), max_value=dt.date(2100, 12, 30)))
def test_pace_grows_day_by_day(day: dt.date) -> None:
    tomorrow = day + dt.timedelta(days=1)
    if tomorrow.year == day.year:
        assert pace_share(tomorrow) > pace_share(day)
        assert pace_share(tomorrow, PaceMethod.MONTHS) >= pace_share(day, PaceMethod.MONTHS)
    assert 0 < pace_share(day) <= 1

"""The consistent literals of a stated figure, calculated (checks.figures)."""

from __future__ import annotations

import math
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from hrkpi.checks.changes import percent_growth
from hrkpi.checks.consistent import consistent_literals
from hrkpi.checks.figures import whole_numbers
from hrkpi.core.intervals import Interval
from hrkpi.core.numbers import Figure, RoundingMode, format_decimal, parse_figure, round_gb
from hrkpi.engine.indicator import HUNDRED


@pytest.mark.parametrize(
    ("computed", "stated", "mode", "expected"),
    [
        # 2100 persons ± 0.5 over 4000: [52.4875, 52.5125]%. 52.49 stands for the open
        # (52.485, 52.495) (odd), 52.51 for (52.505, 52.515): both meet it; 52.48 and
        # 52.52 do not.
        (
            Interval(Fraction(524875, 10000), Fraction(525125, 10000)),
            "52.60",
            RoundingMode.HALF_EVEN,
            ("52.49", "52.51"),
        ),
        # 2.5 exactly: half to even gives 2 ([1.5, 2.5]), never 3 ((2.5, 3.5)).
        (Interval.point(Fraction(5, 2)), "4", RoundingMode.HALF_EVEN, ("2", "2")),
        # half up: 3 ([2.5, 3.5)); truncated: 2 ([2, 3)); either: both.
        (Interval.point(Fraction(5, 2)), "4", RoundingMode.HALF_UP, ("3", "3")),
        (Interval.point(Fraction(5, 2)), "4", RoundingMode.TRUNCATE, ("2", "2")),
        (Interval.point(Fraction(5, 2)), "4", RoundingMode.EITHER, ("2", "3")),
        # -0.3 truncated stands for (-0.4, -0.3]; 0.0 for (-0.1, 0.1).
        (
            Interval(Fraction(-35, 100), Fraction(5, 100), False, False),
            "1.0",
            RoundingMode.TRUNCATE,
            ("-0.3", "0.0"),
        ),
        # To tens (a literal of 1.2万 read at 千: decimals -3): 2500 rounds to 2000.
        (Interval.point(Fraction(2500)), "3E+3", RoundingMode.HALF_EVEN, ("2000", "2000")),
    ],
)
def test_consistent_literals_worked_by_hand(
    computed: Interval, stated: str, mode: RoundingMode, expected: tuple[str, str]
) -> None:
    figure = Figure("3000", round_gb(3000, -3), -3) if stated == "3E+3" else parse_figure(stated)
    assert consistent_literals(computed, figure, mode) == expected


def _scanned(computed: Interval, stated: Figure, mode: RoundingMode) -> tuple[str, str] | None:
    """Every literal near `computed` tried, one by one (what the calculation replaces)."""
    step, places = stated.step, stated.decimals
    first = int((computed.lo / step).__floor__()) - 3
    last = int((computed.hi / step).__ceil__()) + 3
    meeting = [
        k
        for k in range(first, last + 1)
        if Figure(format_decimal(k * step, places), round_gb(k * step, places), places)
        .interval(mode)
        .meets(computed)
    ]
    if not meeting:
        return None
    return format_decimal(meeting[0] * step, places), format_decimal(meeting[-1] * step, places)


@given(
    st.integers(-2, 3),
    st.fractions(min_value=-50, max_value=50, max_denominator=8),
    st.fractions(min_value=0, max_value=20, max_denominator=8),
    st.booleans(),
    st.booleans(),
    st.sampled_from(list(RoundingMode)),
)
def test_consistent_literals_are_those_a_scan_finds(
    places: int, lo: Fraction, width: Fraction, lo_closed: bool, hi_closed: bool, mode: RoundingMode
) -> None:
    # In steps of the stated decimals: points, open ends, ties at half steps, zero, and
    # ranges below it, in every rounding mode.
    step = Fraction(1, 10**places) if places >= 0 else Fraction(10**-places)
    computed = Interval(lo * step, (lo + width) * step, lo_closed, hi_closed)
    stated = Figure(format_decimal(7 * step, places), round_gb(7 * step, places), places)
    expected = None if computed.empty else _scanned(computed, stated, mode)
    assert consistent_literals(computed, stated, mode) == expected


def test_an_approximate_figure_has_no_consistent_literals() -> None:
    assert (
        consistent_literals(
            Interval.point(Fraction(3)), parse_figure("近3"), RoundingMode.HALF_EVEN
        )
        is None
    )


@st.composite
def _factors(draw: st.DrawFn) -> Interval:
    """Any proper interval, points among them, each end open or closed."""
    a = draw(st.fractions(min_value=-50, max_value=50, max_denominator=500))
    b = draw(st.one_of(st.just(a), st.fractions(min_value=-50, max_value=50, max_denominator=500)))
    return Interval(min(a, b), max(a, b), draw(st.booleans()), draw(st.booleans()))


@given(_factors())
def test_percent_growth_is_the_factor_less_one_in_percent(factor: Interval) -> None:
    # The growth's shortcut gives what interval arithmetic gives, ends and closedness.
    assert percent_growth(factor) == (factor - Interval.point(1)).scale(HUNDRED)


def _whole_by_fractions(iv: Interval) -> Interval:
    """whole_numbers as it was written on Fractions (ceiling, floor, open ends moved in)."""
    lo = math.ceil(iv.lo)
    if lo == iv.lo and not iv.lo_closed:
        lo += 1
    hi = math.floor(iv.hi)
    if hi == iv.hi and not iv.hi_closed:
        hi -= 1
    return Interval(Fraction(1), Fraction(0)) if lo > hi else Interval(Fraction(lo), Fraction(hi))


@given(
    st.fractions(min_value=-(10**6), max_value=10**6, max_denominator=10**4),
    st.fractions(min_value=0, max_value=50, max_denominator=100),
    st.booleans(),
    st.booleans(),
)
def test_whole_numbers_in_integers_are_the_fraction_ones(
    lo: Fraction, width: Fraction, lo_closed: bool, hi_closed: bool
) -> None:
    iv = Interval(lo, lo + width, lo_closed, hi_closed)
    assert whole_numbers(iv) == _whole_by_fractions(iv)

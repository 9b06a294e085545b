"""Interval ends as text (output.figures): rounded outwards, never inwards."""

from __future__ import annotations

from fractions import Fraction

from hypothesis import given
from hypothesis import strategies as st

from hrkpi.core.intervals import Interval
from hrkpi.core.numbers import format_decimal
from hrkpi.output.figures import bound_text, interval_text


def test_ends_worked_by_hand() -> None:
    # 2100 / 4000 persons' 0.5 on each side: [52.4875, 52.5125]% at 3 decimals.
    iv = Interval(Fraction(524875, 10000), Fraction(525125, 10000))
    assert interval_text(iv, 3) == "[52.487, 52.513]"
    assert bound_text(Fraction(-1, 3), 2, up=False) == "-0.34"
    assert bound_text(Fraction(-1, 3), 2, up=True) == "-0.33"
    assert bound_text(Fraction(-1, 1000), 2, up=True) == "0"  # -0.00 is never written
    assert bound_text(Fraction(2501), -2, up=True) == "2600"
    assert bound_text(Fraction(7, 2), 0, up=False) == "3"


def test_a_single_value_is_alone_only_where_the_decimals_write_it() -> None:
    # 880 / 1800 x 100 = 48.888...: at four decimals it lies in [48.8888, 48.8889].
    third = Fraction(88000, 1800)
    assert interval_text(Interval(third, third), 4, keep=2) == "[48.8888, 48.8889]"
    # 105.5 writes exactly at four decimals: shown alone, trailing zeros beyond 2 dropped.
    exact = Fraction(211, 2)
    assert interval_text(Interval(exact, exact), 4, keep=2) == "105.50"


@given(
    st.fractions(min_value=-(10**6), max_value=10**6, max_denominator=10**5),
    st.integers(-3, 7),
    st.booleans(),
)
def test_an_end_is_the_nearest_step_outwards(x: Fraction, places: int, up: bool) -> None:
    step = Fraction(1, 10**places) if places >= 0 else Fraction(10**-places)
    shown = Fraction(bound_text(x, places, up=up))
    # On the outer side of x, less than a step away, and a whole number of steps.
    assert (shown >= x) if up else (shown <= x)
    assert abs(shown - x) < step
    assert (shown / step).denominator == 1
    # As format_decimal writes that step (trailing zeros dropped).
    full = format_decimal(shown, places)
    assert bound_text(x, places, up=up) == (full.rstrip("0").rstrip(".") if "." in full else full)

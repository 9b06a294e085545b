"""Exact interval arithmetic."""

from __future__ import annotations

from fractions import Fraction

from hypothesis import given
from hypothesis import strategies as st

from hrkpi.core.intervals import Interval, sum_all

fr = st.fractions(min_value=-100, max_value=100, max_denominator=1000)


@st.composite
def intervals(draw: st.DrawFn, positive: bool = False) -> Interval:
    a, b = draw(fr), draw(fr)
    lo, hi = min(a, b), max(a, b)
    if positive:
        lo, hi = abs(lo) + 1, abs(hi) + 1
        lo, hi = min(lo, hi), max(lo, hi)
    return Interval(lo, hi, draw(st.booleans()), draw(st.booleans()))


def _member(draw: st.DrawFn, i: Interval) -> Fraction:
    t = draw(st.fractions(min_value=0, max_value=1, max_denominator=100))
    x = i.lo + (i.hi - i.lo) * t
    if x not in i:
        x = (i.lo + i.hi) / 2
    return x


@given(st.data())
def test_sum_contains_sums_of_members(data: st.DataObject) -> None:
    a = data.draw(intervals())
    b = data.draw(intervals())
    if a.empty or b.empty:
        return
    x, y = _member(data.draw, a), _member(data.draw, b)
    if x in a and y in b:
        assert x + y in a + b
        assert x - y in a - b
        assert x * y in a * b


@given(st.data())
def test_quotient_contains_quotients(data: st.DataObject) -> None:
    a = data.draw(intervals())
    b = data.draw(intervals(positive=True))
    x, y = _member(data.draw, a), _member(data.draw, b)
    if x in a and y in b:
        assert x / y in a / b


def test_open_ends_and_meeting() -> None:
    a = Interval(Fraction(0), Fraction(1), True, False)
    b = Interval(Fraction(1), Fraction(2), True, True)
    assert not a.meets(b)
    assert a.meets(Interval(Fraction("0.5"), Fraction(3)))
    assert Interval(Fraction(1), Fraction(1), True, False).empty


def test_integers_inside() -> None:
    assert Interval(Fraction("53.5"), Fraction("54.6")).integers() == [54]
    assert Interval(Fraction(53), Fraction(55), False, False).integers() == [54]


@given(
    fr,
    fr,
    st.booleans(),
    st.booleans(),
    st.one_of(st.just(Fraction(1)), st.just(Fraction(0)), fr),
)
def test_scale_is_the_product_with_a_point(
    a: Fraction, b: Fraction, lo_closed: bool, hi_closed: bool, k: Fraction
) -> None:
    # Any interval, points and empty ones too (lo == hi, lo > hi), by 1, 0 or any
    # factor: the shortcuts of scale give what the four corners of the product give.
    for lo, hi in ((a, b), (a, a)):
        iv = Interval(lo, hi, lo_closed, hi_closed)
        assert iv.scale(k) == iv * Interval.point(k)


@st.composite
def any_intervals(draw: st.DrawFn) -> Interval:
    """Any interval: points, open or closed ends, and empty ones (lo > hi) too."""
    a = draw(fr)
    b = draw(st.one_of(st.just(a), fr))
    return Interval(a, b, draw(st.booleans()), draw(st.booleans()))


@given(any_intervals(), any_intervals())
def test_meeting_is_a_non_empty_intersection(a: Interval, b: Interval) -> None:
    # meets decides without building the intersection; the same answer for any pair.
    assert a.meets(b) == (not a.intersect(b).empty)
    assert a.meets(a) == (not a.empty)


@given(any_intervals(), any_intervals())
def test_quotient_is_the_product_with_the_inverse(a: Interval, b: Interval) -> None:
    # The shortcut for two positive intervals gives what the four corners of the
    # product with the inverse give: the same ends, each closed or open alike.
    if b.reaches_zero() or 0 in (b.lo, b.hi):
        return
    inverse = Interval(1 / b.hi, 1 / b.lo, b.hi_closed, b.lo_closed)
    assert a / b == a * inverse
    # and for positive intervals, points among them, where the shortcut is taken
    shift = Interval.point(101)
    p, q = a + shift, b + shift
    assert p / q == p * Interval(1 / q.hi, 1 / q.lo, q.hi_closed, q.lo_closed)


def test_quotients_worked_by_hand() -> None:
    # [2, 3) / [4, 5] = [2/5, 3/4); a point over a half-open interval: 6 / (2, 3] = [2, 3).
    third = Interval(Fraction(2), Fraction(3), True, False) / Interval(Fraction(4), Fraction(5))
    assert third == Interval(Fraction(2, 5), Fraction(3, 4), True, False)
    point = Interval.point(6) / Interval(Fraction(2), Fraction(3), False, True)
    assert point == Interval(Fraction(2), Fraction(3), True, False)


@given(st.lists(intervals(), max_size=12))
def test_a_sum_in_integers_is_the_sum_step_by_step(items: list[Interval]) -> None:
    total = Interval.point(0)
    for item in items:
        total = total + item
    assert sum_all(items) == total

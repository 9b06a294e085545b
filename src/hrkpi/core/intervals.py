"""Exact interval arithmetic on rationals, with open and closed ends.

Used to recompute a derived figure from stated inputs that each span their
rounding interval: the result holds every value the inputs allow.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from fractions import Fraction


@dataclass(frozen=True)
class Interval:
    """The set of x with lo <= x <= hi, each end closed or open."""

    lo: Fraction
    hi: Fraction
    lo_closed: bool = True
    hi_closed: bool = True

    @classmethod
    def point(cls, x: Fraction | int) -> Interval:
        """The single value x."""
        return cls(Fraction(x), Fraction(x), True, True)

    def __contains__(self, x: object) -> bool:
        if not isinstance(x, (Fraction, int)):
            return False
        above = x > self.lo or (self.lo_closed and x == self.lo)
        below = x < self.hi or (self.hi_closed and x == self.hi)
        return bool(above and below)

    @property
    def empty(self) -> bool:
        """True when no value lies inside."""
        return self.lo > self.hi or (self.lo == self.hi and not (self.lo_closed and self.hi_closed))

    def meets(self, other: Interval) -> bool:
        """True when the two intervals share at least one value."""
        # `not self.intersect(other).empty`, without building the intersection (a check
        # of a million figures asks this of every one).
        # Ends compared as integers (a/b against c/d by a·d against c·b: a Fraction's
        # denominator is positive), as Fraction's own comparison does after its checks.
        c = _cmp(self.lo, other.lo)
        if c == 0:
            lo, lo_c = self.lo, self.lo_closed and other.lo_closed
        elif c > 0:
            lo, lo_c = self.lo, self.lo_closed
        else:
            lo, lo_c = other.lo, other.lo_closed
        c = _cmp(self.hi, other.hi)
        if c == 0:
            hi, hi_c = self.hi, self.hi_closed and other.hi_closed
        elif c < 0:
            hi, hi_c = self.hi, self.hi_closed
        else:
            hi, hi_c = other.hi, other.hi_closed
        c = _cmp(lo, hi)
        if c == 0:
            return lo_c and hi_c
        return c < 0

    def intersect(self, other: Interval) -> Interval:
        """The values in both."""
        lo, lo_c = _end(self.lo, self.lo_closed, other.lo, other.lo_closed, high=True, union=False)
        hi, hi_c = _end(self.hi, self.hi_closed, other.hi, other.hi_closed, high=False, union=False)
        return Interval(lo, hi, lo_c, hi_c)

    def hull(self, other: Interval) -> Interval:
        """The smallest interval holding both."""
        lo, lo_c = _end(self.lo, self.lo_closed, other.lo, other.lo_closed, high=False, union=True)
        hi, hi_c = _end(self.hi, self.hi_closed, other.hi, other.hi_closed, high=True, union=True)
        return Interval(lo, hi, lo_c, hi_c)

    def __neg__(self) -> Interval:
        return Interval(-self.hi, -self.lo, self.hi_closed, self.lo_closed)

    def __add__(self, other: Interval) -> Interval:
        return Interval(
            self.lo + other.lo,
            self.hi + other.hi,
            self.lo_closed and other.lo_closed,
            self.hi_closed and other.hi_closed,
        )

    def __sub__(self, other: Interval) -> Interval:
        return self + (-other)

    def __mul__(self, other: Interval) -> Interval:
        # An end is attained when both factors' ends are, or when one factor's
        # attained end is 0: 0 times any member of the other interval is 0.
        ends = [
            (a * b, (ac and bc) or (a == 0 and ac) or (b == 0 and bc))
            for a, ac in ((self.lo, self.lo_closed), (self.hi, self.hi_closed))
            for b, bc in ((other.lo, other.lo_closed), (other.hi, other.hi_closed))
        ]
        return _from_ends(ends)

    def scale(self, k: Fraction | int) -> Interval:
        """Multiply by an exact constant."""
        # Times 1: the same set (a point's ends as the product with a point closes them).
        if k == 1 and (
            self.lo < self.hi or (self.lo == self.hi and self.lo_closed == self.hi_closed)
        ):
            return self
        if self.lo == self.hi and k != 0:
            # A point times a point: the product's four corners are one value, closed
            # where either end was (as `__mul__` has it), without building them.
            closed = self.lo_closed or self.hi_closed
            x = self.lo * k
            return Interval(x, x, closed, closed)
        if self.lo < self.hi and k != 0:
            # The product with a point, without its four corners (the same interval:
            # a non-zero factor keeps each end's closedness, and swaps the ends if < 0).
            if k > 0:
                return Interval(self.lo * k, self.hi * k, self.lo_closed, self.hi_closed)
            return Interval(self.hi * k, self.lo * k, self.hi_closed, self.lo_closed)
        return self * Interval.point(Fraction(k))

    def reaches_zero(self) -> bool:
        """True when 0 is inside or at an (open) end: dividing by it is unbounded."""
        return self.lo.numerator <= 0 <= self.hi.numerator  # signs: denominators are > 0

    def __truediv__(self, other: Interval) -> Interval:
        if other.reaches_zero():
            # Zero inside, or at an open end: the quotient is unbounded.
            raise ZeroDivisionError("the divisor's interval reaches zero")
        lo, hi, o_lo, o_hi = self.lo, self.hi, other.lo, other.hi
        if lo.numerator > 0 and o_lo.numerator > 0 and _cmp(lo, hi) <= 0 and _cmp(o_lo, o_hi) <= 0:
            # Both positive (a growth's value over its base): the product with the
            # inverse has its least corner at lo / other.hi and its greatest at
            # hi / other.lo, each attained where both factors' ends are (an end is
            # attained if either of the ends equal to it is, when an interval is a point).
            point, o_point = lo == hi, o_lo == o_hi
            lo_c = (self.lo_closed or (point and self.hi_closed)) and (
                other.hi_closed or (o_point and other.lo_closed)
            )
            hi_c = (self.hi_closed or (point and self.lo_closed)) and (
                other.lo_closed or (o_point and other.hi_closed)
            )
            return Interval(lo / o_hi, hi / o_lo, lo_c, hi_c)
        inverse = Interval(1 / other.hi, 1 / other.lo, other.hi_closed, other.lo_closed)
        return self * inverse

    def integers(self, limit: int = 1000) -> list[int]:
        """The whole numbers inside (at most `limit` of them, from the low end)."""
        first = self.lo.numerator // self.lo.denominator
        found: list[int] = []
        n = first
        while n <= self.hi and len(found) < limit:
            if n in self:
                found.append(n)
            n += 1
        return found


def _cmp(a: Fraction, b: Fraction) -> int:
    """-1, 0 or 1 as a is below, at or above b (rationals: ints or Fractions)."""
    x, y = a.numerator * b.denominator, b.numerator * a.denominator
    return (x > y) - (x < y)


def _from_ends(ends: Iterable[tuple[Fraction, bool]]) -> Interval:
    pairs = list(ends)
    lo = min(v for v, _ in pairs)
    hi = max(v for v, _ in pairs)
    lo_c = any(c for v, c in pairs if v == lo)
    hi_c = any(c for v, c in pairs if v == hi)
    return Interval(lo, hi, lo_c, hi_c)


def _end(
    a: Fraction, ac: bool, b: Fraction, bc: bool, *, high: bool, union: bool
) -> tuple[Fraction, bool]:
    """Pick the higher (or lower) of two interval ends; on a tie the end is
    closed if either is (a union) or only if both are (an intersection)."""
    if a != b:
        return (a, ac) if (a > b) == high else (b, bc)
    return a, (ac or bc) if union else (ac and bc)


def hull_all(items: Iterable[Interval]) -> Interval:
    """The hull of several intervals (at least one)."""
    it = iter(items)
    result = next(it)
    for item in it:
        result = result.hull(item)
    return result


def sum_all(items: Iterable[Interval]) -> Interval:
    """The sum of several intervals (0 for none), as `Interval.point(0) + a + b + ...`
    has it: each end summed in integers and made a Fraction once (a parent region's
    figure is checked against the sum of a dozen children, a Fraction at each step)."""
    lo_n, lo_d, hi_n, hi_d = 0, 1, 0, 1
    lo_c = hi_c = True
    for iv in items:
        a, b = iv.lo.numerator, iv.lo.denominator
        # Ends of one denominator (the children's literals have the same decimals) add
        # their numerators.
        if b == lo_d:
            lo_n += a
        else:
            lo_n, lo_d = lo_n * b + a * lo_d, lo_d * b
        a, b = iv.hi.numerator, iv.hi.denominator
        if b == hi_d:
            hi_n += a
        else:
            hi_n, hi_d = hi_n * b + a * hi_d, hi_d * b
        lo_c = lo_c and iv.lo_closed
        hi_c = hi_c and iv.hi_closed
    return Interval(Fraction(lo_n, lo_d), Fraction(hi_n, hi_d), lo_c, hi_c)

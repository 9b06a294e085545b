"""GB/T 8170-2008 rounding, exact: how a source rounded its figures (`RoundingMode`),
the values a rounded figure stands for (`rounding_interval`), and rounding and
printing a value half to even ("四舍六入五成双", `round_gb`, `format_decimal`).

Apart from hrkpi.core.numbers, which reads stated figures and re-exports these.
"""

from __future__ import annotations

from decimal import Decimal
from enum import StrEnum
from fractions import Fraction

from hrkpi.core.intervals import Interval


class RoundingMode(StrEnum):
    """How the source rounded its figures (selectable per data file)."""

    HALF_EVEN = "half_even"  # GB/T 8170: 四舍六入五成双 (the default)
    HALF_UP = "half_up"  # 四舍五入, halves away from zero
    TRUNCATE = "truncate"  # digits cut off, towards zero
    EITHER = "either"  # half-up or truncation: accept both
    # Rounded to the nearest, a tie either way (GB/T 8170's half-even or 四舍五入): what
    # a reader of a printed report can assume when it does not say how it rounds.
    NEAREST = "nearest"


def rounding_interval(x: Fraction, step: Fraction, value: Decimal, mode: RoundingMode) -> Interval:
    """The values that round to `x` at `step`, with exact open/closed ends."""
    p, q = step.numerator, step.denominator
    m, rest = divmod(x.numerator * q, x.denominator * p)
    if rest == 0 and mode is not RoundingMode.EITHER:
        return steps_interval(m, p, q, mode)
    half = step / 2
    negative = x < 0
    if mode is RoundingMode.HALF_EVEN:
        # A tie rounds to the even neighbour, so both ends belong to x exactly
        # when x's last digit is even (0.35 and 0.45 both round to 0.4).
        even = (x / step).numerator % 2 == 0
        return Interval(x - half, x + half, even, even)
    if mode is RoundingMode.NEAREST:
        return Interval(x - half, x + half, True, True)
    if mode is RoundingMode.HALF_UP:
        # Halves go away from zero: the end nearer zero is closed.
        if x == 0:
            return Interval(-half, half, False, False)
        return Interval(x - half, x + half, not negative, negative)
    if mode is RoundingMode.TRUNCATE:
        if x == 0:
            return Interval(-step, step, False, False)
        if negative:
            return Interval(x - step, x, False, True)
        return Interval(x, x + step, True, False)
    up = rounding_interval(x, step, value, RoundingMode.HALF_UP)
    cut = rounding_interval(x, step, value, RoundingMode.TRUNCATE)
    return up.hull(cut)


def steps_interval(m: int, p: int, q: int, mode: RoundingMode) -> Interval:
    """rounding_interval of x = m steps of p/q, each end built once from integers (a
    check of a million figures asks for a few million of these)."""
    if mode is RoundingMode.TRUNCATE:
        if m == 0:
            return Interval(Fraction(-p, q), Fraction(p, q), False, False)
        if m < 0:
            return Interval(Fraction((m - 1) * p, q), Fraction(m * p, q), False, True)
        return Interval(Fraction(m * p, q), Fraction((m + 1) * p, q), True, False)
    lo, hi = Fraction((2 * m - 1) * p, 2 * q), Fraction((2 * m + 1) * p, 2 * q)
    if mode is RoundingMode.HALF_EVEN:
        even = m % 2 == 0
        return Interval(lo, hi, even, even)
    if mode is RoundingMode.HALF_UP:
        return Interval(lo, hi, m > 0, m < 0)
    return Interval(lo, hi, True, True)  # nearest


def round_gb(value: Fraction | Decimal | int, places: int) -> Decimal:
    """Round to `places` decimals by GB/T 8170 (half to even), exactly, once.

    Negative `places` rounds to tens, hundreds, ...: round_gb(2500, -3) == Decimal("2E+3").
    """
    # In integers (value × 10^places = num / den; floor and remainder): the same exact
    # rounding without building a Fraction at every step, which tables and checks do
    # a few thousand times a run (and not even one for the value: Fraction(x) of a
    # Fraction costs three times the rest, and a table of 29,000 rows rounds 281,000).
    if isinstance(value, Fraction):
        num, den = value.numerator, value.denominator
    elif isinstance(value, int):
        num, den = int(value), 1
    else:
        num, den = value.as_integer_ratio()  # (a Decimal: exact; NaN raises as Fraction did)
    if places >= 0:
        num *= 10**places
    else:
        den *= 10**-places
    floor, rest = divmod(num, den)
    if 2 * rest > den or (2 * rest == den and floor % 2 == 1):
        floor += 1
    # Built from text, a Decimal keeps every digit; scaleb and quantize would round
    # at the context's 28 digits.
    return Decimal(f"{floor}E{-places}")


def format_decimal(value: Fraction | Decimal | int, places: int) -> str:
    """A GB/T 8170-rounded value as plain text with exactly `places` decimals ("-0.00" avoided)."""
    rounded = round_gb(value, places)
    if rounded == 0:
        rounded = abs(rounded)
    if places < 0:
        return str(int(rounded))
    return f"{rounded:.{places}f}"

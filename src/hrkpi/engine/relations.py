"""Figures derived from two stated figures: a share, a ratio, a margin to a limit,
the target a completion rate implies, and the roundest value of a range. Pure,
exact (Fractions), no I/O: the checks recompute them as intervals, and these give
the single figures a table or a finding shows."""

from __future__ import annotations

from decimal import Decimal, localcontext
from fractions import Fraction

from hrkpi.core.intervals import Interval

HUNDRED = Fraction(100)
ROUND_DIGITS = 2  # a target of at most this many significant digits is "round": 4万, 0.9万, 12万


def share_pct(part: Fraction, total: Fraction) -> Fraction:
    """占比 = part / total x 100%."""
    if total == 0:
        raise ZeroDivisionError("a share of a zero total is undefined")
    return part / total * HUNDRED


def ratio_value(numerator: Fraction, denominator: Fraction, per: Fraction) -> Fraction:
    """A ratio: numerator / denominator x per (per 1 for 倍, 100 for %, 1000 for ‰)."""
    if denominator == 0:
        raise ZeroDivisionError("a ratio to zero is undefined")
    return numerator / denominator * per


def implied_target(actual: Fraction, completion_pct: Fraction) -> Fraction:
    """The annual target a completion rate implies: actual / completion x 100%."""
    if completion_pct == 0:
        raise ZeroDivisionError("a completion of 0% implies no target")
    return actual / completion_pct * HUNDRED


def margin(value: Fraction, limit: Fraction) -> Fraction:
    """How far a value stands above (positive) or below (negative) a limit."""
    return value - limit


def significant_digits(x: Fraction) -> int:
    """How many significant digits a terminating decimal has (40000 has 1, 0.66 has 2)."""
    if x == 0:
        return 1
    with localcontext() as ctx:
        ctx.prec = 60
        digits = (Decimal(x.numerator) / Decimal(x.denominator)).normalize().as_tuple().digits
    return len(digits)


def roundest(iv: Interval) -> Fraction | None:
    """The value in `iv` with the fewest significant digits (nearest the middle on a tie):
    4万 in [3.98万, 4.02万]; None for an empty or non-positive range."""
    if iv.empty or iv.hi <= 0:
        return None
    top = len(str(iv.hi.__floor__())) if iv.hi >= 1 else 0
    middle = (iv.lo + iv.hi) / 2
    for power in range(top, -13, -1):
        step = Fraction(10) ** power
        first = (iv.lo / step).__ceil__()
        last = (iv.hi / step).__floor__()
        found = [k * step for k in range(first, min(last, first + 20) + 1) if k * step in iv]
        found = [x for x in found if x > 0]
        if found:
            return min(found, key=lambda x: (abs(x - middle), x))
    return None

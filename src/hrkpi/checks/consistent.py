"""The literals a stated figure could have had and still be consistent: calculated from
the range its inputs allow, at the stated decimals, under the rounding mode."""

from __future__ import annotations

from fractions import Fraction

from hrkpi.core.intervals import Interval
from hrkpi.core.numbers import Figure, RoundingMode, format_decimal


def consistent_literals(
    computed: Interval, stated: Figure, mode: RoundingMode
) -> tuple[str, str] | None:
    """The lowest and highest literals, at the stated decimals, whose rounding
    interval meets `computed` (None when none does, or for approximate figures).

    Calculated, not searched: in units of the step, literal k stands for
    [k + a, k + b] (a and b by the rounding mode and k's sign: see `_ends`), and
    both ends rise with k, so the literals meeting `computed` are the run of k from
    the first whose upper end reaches `computed`'s low end to the last whose lower
    end reaches its high end. Each is solved for k in each sign's range.
    """
    if stated.approx is not None or computed.empty:
        return None
    step = stated.step
    places = stated.decimals
    t = computed.scale(1 / step)
    first = _first_reaching(t.lo, t.lo_closed, mode)
    # The last literal whose lower end reaches the high end: mirrored (k -> -k), the
    # first whose mirrored lower end (its upper end, negated) reaches -hi.
    last = -_first_reaching(-t.hi, t.hi_closed, mode, mirrored=True)
    if first > last:
        return None

    def literal(k: int) -> str:
        return format_decimal(k * step, places)

    return literal(first), literal(last)


# Literal k (in steps) stands for (k + a, k + b), each end closed or not, by mode and
# the sign of k (-1, 0, 1): rounding_interval's intervals, shifted to k.
_Ends = tuple[Fraction, bool, Fraction, bool]
_HALF = Fraction(1, 2)


def _ends(mode: RoundingMode, sign: int, k: int) -> _Ends:
    """(a, a closed, b, b closed) of literal k (of the given sign) under `mode`."""
    if mode is RoundingMode.HALF_EVEN:
        even = k % 2 == 0
        return -_HALF, even, _HALF, even
    if mode is RoundingMode.NEAREST:
        return -_HALF, True, _HALF, True
    if mode is RoundingMode.HALF_UP:
        return -_HALF, sign > 0, _HALF, sign < 0
    if mode is RoundingMode.TRUNCATE:
        if sign == 0:
            return Fraction(-1), False, Fraction(1), False
        if sign > 0:
            return Fraction(0), True, Fraction(1), False
        return Fraction(-1), False, Fraction(0), True
    # either: the hull of half_up's and truncate's
    if sign == 0:
        return Fraction(-1), False, Fraction(1), False
    if sign > 0:
        return -_HALF, True, Fraction(1), False
    return Fraction(-1), False, _HALF, True


def _upper(mode: RoundingMode, sign: int, k: int, mirrored: bool) -> tuple[Fraction, bool]:
    """The offset of literal k's upper end and whether it is closed; `mirrored`: of
    literal -k's lower end, negated (the upper end of its mirror image)."""
    if mirrored:
        a, a_closed, _, _ = _ends(mode, -sign, -k)
        return -a, a_closed
    _, _, b, b_closed = _ends(mode, sign, k)
    return b, b_closed


def _first_reaching(
    lo: Fraction, lo_closed: bool, mode: RoundingMode, *, mirrored: bool = False
) -> int:
    """The least k whose upper end k + b reaches `lo` (above it, or at it with both
    ends closed); with `mirrored`, of the mirrored literals (see `_upper`)."""
    best: int | None = None
    # k < 0, k = 0, k > 0: within each range the offset b is one constant.
    for sign, low, high in ((-1, None, -1), (0, 0, 0), (1, 1, None)):
        b, _ = _upper(mode, sign, sign, mirrored)
        # k + b > lo  <=>  k >= floor(lo - b) + 1; at k + b == lo both ends must be closed
        # (half_even's closedness goes by k's parity).
        edge = lo - b
        k = edge.__floor__() + 1
        if edge.denominator == 1 and lo_closed and _upper(mode, sign, k - 1, mirrored)[1]:
            k -= 1
        if low is not None and k < low:
            k = low
        if high is not None and k > high:
            continue
        best = k if best is None else min(best, k)
    assert best is not None  # the range k > 0 is unbounded above
    return best

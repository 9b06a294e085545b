"""Whether figures can be a whole and its parts: their sum meets the whole's figure, or
misses it by no more than a slip of the pen. Rounding as GB/T 8170; counts are whole."""

from __future__ import annotations

from fractions import Fraction

from hrkpi.checks.figures import whole_numbers
from hrkpi.core.intervals import Interval
from hrkpi.core.numbers import RoundingMode
from hrkpi.scans.model import Entry
from hrkpi.scans.numerals import FigureClass, Token


def amounts(entries: list[Entry]) -> list[Entry]:
    """Entries with an amount that is a figure of its own (not a target or a limit)."""
    return [
        e
        for e in entries
        if e.token is not None and e.token.cls is FigureClass.AMOUNT and not e.consumed
    ]


def base_of(e: Entry) -> str:
    """The base unit of an entry's figure (人 for 4.22万人)."""
    assert e.token is not None and e.token.unit is not None
    return e.token.unit.base


def plausible_sum(total: Entry, parts: list[Entry], *, restated: bool = False) -> bool:
    """Whether parts are the whole's parts: their sum meets the total, or misses it by
    no more than a slip of the pen (nine units of the coarsest figure's last digit and
    at most 1% of the total; one unit for a restatement). Rounding as GB/T 8170."""
    return plausible(total.token, [p.token for p in parts], restated=restated)


def plausible(total: Token | None, parts: list[Token | None], *, restated: bool = False) -> bool:
    """`plausible_sum` on figures: the whole's and its parts' (amounts or changes)."""
    tokens = [total, *parts]
    ivs = [base_interval(t) for t in tokens]
    raw = [base_interval(t, whole=False) for t in tokens]
    if any(iv is None for iv in ivs):
        return False
    t, *ps = [iv for iv in ivs if iv is not None]
    s = ps[0]
    for p in ps[1:]:
        s = s + p
    gap = max(Fraction(0), s.lo - t.hi, t.lo - s.hi)
    step = max(iv.hi - iv.lo for iv in raw if iv is not None)  # the last digit's unit
    # Capped at 1% of the total even when that is less than one unit: a small list that
    # misses its total by one (7 = 5 + 1) may name only some parts; it is not judged.
    window = step if restated else min(9 * step, abs(t.lo) / 100)
    return gap <= window


def base_interval(token: Token | None, *, whole: bool = True) -> Interval | None:
    """In the base unit; a count's whole numbers only (as check reads it) with `whole`."""
    if token is None or token.figure is None or token.unit is None:
        return None
    iv = token.figure.interval(RoundingMode.NEAREST).scale(token.unit.multiplier)
    return whole_numbers(iv) if whole and token.unit.is_count else iv

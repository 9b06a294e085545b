"""Figures derived from two stated figures: a share, a ratio, a margin to a limit,
the target a completion rate implies, and the roundest value of a range. Pure,
exact (Fractions), no I/O: the checks recompute them as intervals, and these give
the single figures a table or a finding shows."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal, localcontext
from fractions import Fraction

from hrkpi.core.catalog import Catalog
from hrkpi.core.intervals import Interval
from hrkpi.core.models import Indicator
from hrkpi.core.observations import Observation
from hrkpi.core.units import PERCENT, PERMILLE, Unit

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


@dataclass(frozen=True)
class RelationFigures:
    """The figures a table shows for an indicator's relations, computed from the stated
    values: the target a completion rate implies when none is defined, the ratio from
    its numerator and denominator, and each stated share from the part and its total."""

    implied_target: Fraction | None = None  # in the indicator's unit
    ratio: Fraction | None = None  # in the indicator's unit
    shares: tuple[tuple[str, Fraction], ...] = ()  # (total's id, part / total x 100)


def relation_figures(
    indicator: Indicator,
    obs: Observation | None,
    figures: Mapping[str, Observation | None],
    catalog: Catalog,
) -> RelationFigures:
    """The relation figures of one indicator; `figures` holds the other indicators'
    observations at the same date (a ratio's operands, a share's total)."""
    if obs is None:
        return RelationFigures()
    stated = obs.stated
    value = _in(obs, indicator, indicator.unit)
    target = None
    rate = stated.completion.exact if stated.completion is not None else Fraction(0)
    if value is not None and rate != 0 and indicator.target is None:
        target = implied_target(value, rate)
    ratio = None
    if indicator.ratio is not None:
        num = figures.get(indicator.ratio.numerator)
        den = figures.get(indicator.ratio.denominator)
        n = _base(num, catalog)
        d = _base(den, catalog)
        if n is not None and d is not None and d != 0:
            ratio = ratio_value(n, d, ratio_per(indicator)) / indicator.unit.multiplier
    shares = []
    for share in stated.shares:
        if share.of is None or share.region is not None:
            continue  # a share of another region's total: not in this region's table
        total = _base(figures.get(share.of), catalog)
        part = _base(obs, catalog)
        if part is not None and total:
            shares.append((share.of, share_pct(part, total)))
    return RelationFigures(target, ratio, tuple(shares))


def _in(obs: Observation, indicator: Indicator, unit: Unit) -> Fraction | None:
    if obs.stated.value is None:
        return None
    source = obs.stated.unit or indicator.unit
    return unit.from_base(source.to_base(obs.stated.value.exact))


def _base(obs: Observation | None, catalog: Catalog) -> Fraction | None:
    """A figure's stated value in its base unit (persons, yuan)."""
    if obs is None:
        return None
    ind = catalog.indicators[obs.indicator]
    if obs.stated.value is None:
        return None
    return (obs.stated.unit or ind.unit).to_base(obs.stated.value.exact)


def ratio_per(indicator: Indicator) -> Fraction:
    """A ratio's multiplier: as defined, else 100 for %, 1000 for ‰, else 1."""
    if indicator.ratio is not None and indicator.ratio.per is not None:
        return indicator.ratio.per.exact
    if indicator.unit.base == PERCENT:
        return HUNDRED
    if indicator.unit.base == PERMILLE:
        return Fraction(1000)
    return Fraction(1)

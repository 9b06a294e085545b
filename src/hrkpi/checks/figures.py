"""Stated figures as intervals in an indicator's unit, and findings built from them."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace
from fractions import Fraction
from functools import cache
from typing import NamedTuple, TypedDict

from hrkpi.checks.findings import (
    CheckKind,
    Finding,
    Hint,
    HintCode,
    Reason,
    Role,
    UsedFigure,
    Verdict,
)
from hrkpi.core.intervals import Interval
from hrkpi.core.models import Change, Indicator, PaceStatus
from hrkpi.core.numbers import Figure, RoundingMode, format_decimal, parse_figure
from hrkpi.core.observations import Observation
from hrkpi.core.units import Unit

PACE_ORDER = [PaceStatus.BEHIND, PaceStatus.ON_PACE, PaceStatus.AHEAD, PaceStatus.COMPLETED]


def figure_interval(
    fig: Figure, obs: Where, unit: Unit | None, target: Unit, *, whole: bool = False
) -> Interval:
    """The values a stated literal can stand for, in the `target` unit.

    With `whole`, the figure is a count: only whole numbers of the base unit
    are possible, so "686家" is exactly 686 and "29件" exactly 29.
    """
    return interval_in(fig, obs.rounding, unit, target, whole=whole)


def interval_in(
    fig: Figure, rounding: RoundingMode, unit: Unit | None, target: Unit, *, whole: bool = False
) -> Interval:
    """figure_interval for a figure read under `rounding` (no Observation needed)."""
    source = unit or target
    iv = fig.interval(rounding)
    if not whole:
        # One factor, not two (the same interval: scaling by a non-zero constant keeps
        # each end's closedness), and none at all for a figure in the indicator's unit.
        return iv.scale(source.multiplier / target.multiplier)
    return whole_in(iv, source, target)


def whole_in(iv: Interval, source: Unit, target: Unit) -> Interval:
    """whole_numbers(iv.scale(source.multiplier)).scale(1 / target.multiplier) for a
    figure's rounding interval `iv` in the `source` unit: a count's values in the
    `target` unit. A factor of 1 is skipped where it leaves the interval as it is (a
    rounding interval, lo < hi; whole numbers found, lo <= hi): every figure of a
    count is read this way, a few times a figure."""
    if source.power:
        iv = iv.scale(source.multiplier)
    found = whole_numbers(iv)
    # The empty interval is scaled even by 1, as the general product always did.
    return found.scale(_inverse(target.power)) if target.power or found.lo > found.hi else found


@cache
def _inverse(power: int) -> Fraction:
    """1 / 10**power, made once (1 / a unit's multiplier)."""
    return Fraction(10) ** -power


def whole_numbers(iv: Interval) -> Interval:
    """The tightest closed interval holding the whole numbers of `iv` (empty if none)."""
    # In integers (a Fraction's denominator is positive): the ceiling of the low end,
    # the floor of the high one, each moved in when it is the end and the end is open.
    n, d = iv.lo.numerator, iv.lo.denominator
    lo = -(-n // d)
    if d == 1 and not iv.lo_closed:
        lo += 1
    n, d = iv.hi.numerator, iv.hi.denominator
    hi = n // d
    if d == 1 and not iv.hi_closed:
        hi -= 1
    if lo > hi:
        return Interval(Fraction(1), Fraction(0))  # empty: no count has this literal
    return Interval(Fraction(lo), Fraction(hi))


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


def stated_unit(obs: Observation, ind: Indicator) -> Unit:
    """The unit a figure's value is stated in (its own, else the indicator's)."""
    return obs.stated.unit or ind.unit


def used(
    obs: Where,
    role: Role,
    fig: Figure,
    unit: Unit | str,
    key: str,
    *,
    exact: bool = False,
    indicator: str | None = None,
    whole: bool = False,
) -> UsedFigure:
    """A stated figure of `obs` (at field `key`) as used by a check.

    With `whole` (a count), its interval holds only whole numbers of the base unit,
    as the check reads it: "856件" is exactly 856, not [855.5, 856.5].
    """
    symbol = unit if isinstance(unit, str) else unit.symbol
    interval = None if exact else fig.interval(obs.rounding)
    if interval is not None and whole and not isinstance(unit, str):
        interval = whole_in(interval, unit, unit)
    return UsedFigure(
        role=role,
        indicator=indicator or obs.indicator,
        literal=fig.literal,
        unit=symbol,
        file=obs.file,
        line=obs.line_of(key),
        interval=interval,
        region=obs.region,
        decimals=fig.decimals,
    )


def used_in(
    obs: Where, role: Role, fig: Figure, unit: Unit, key: str, target: Unit, *, whole: bool
) -> tuple[Interval, UsedFigure]:
    """`fig`, stated in `unit`, as a check reads it in the `target` unit
    (figure_interval) and lists it (used): the interval made once when the two units
    are of one size (then they are the same interval)."""
    figure = used(obs, role, fig, unit, key, whole=whole)
    if unit.power == target.power and figure.interval is not None:
        return figure.interval, figure
    return interval_in(fig, obs.rounding, unit, target, whole=whole), figure


def base_of(change: Change) -> str:
    """A change's base as data: same_period_last_year, end_of_last_year or an ISO date."""
    base = change.base
    return base.isoformat() if isinstance(base, dt.date) else str(base.value)


class Provenance(TypedDict):
    """Where a finding's figure comes from, as Finding's keyword arguments."""

    source: str
    quote: str
    location: str
    period: str


def provenance(obs: Where) -> Provenance:
    """The source, quote, location and period of the observation a finding is about."""
    if isinstance(obs, RowAt):
        return obs.provenance
    stated = obs.stated
    return Provenance(
        source=obs.source,
        quote=stated.quote or "",
        location=stated.location or "",
        period=str(obs.period) if obs.period is not None else "",
    )


@dataclass(frozen=True)
class FigureAt:
    """Where a stated value stands, as its findings name it (an Observation's
    indicator, region, file, the value's line and provenance): the fast path
    builds these from its columns, without rebuilding the row."""

    indicator: str
    region: str
    file: str
    line: int
    provenance: Provenance

    def value(self, value: Figure, unit: str, interval: Interval) -> UsedFigure:
        """The stated value as a finding lists it: its literal in `unit`, standing for
        `interval` (the limit and completion rules build it alike)."""
        return UsedFigure(
            Role.VALUE,
            self.indicator,
            value.literal,
            unit,
            self.file,
            self.line,
            interval,
            self.region,
            value.decimals,
        )


@dataclass(frozen=True)
class RowAt(FigureAt):
    """Where a row's figures stand when every field of it stands on one line (a CSV
    row), read under `rounding`: what a rule names of an Observation (`Where`), made by
    the fast path from the row's cells without rebuilding the row."""

    rounding: RoundingMode

    def line_of(self, key: str) -> int:
        """The line of a stated field: the row's, for every field."""
        return self.line


# What a finding names of the figure it is about: the Observation itself, or the
# fast path's row (the indicator, region, file, each field's line, the rounding
# and the provenance).
Where = Observation | RowAt


class Stated(NamedTuple):
    """A stated figure as a rule reads it: its literal, the unit it is stated in
    (None: the indicator's) and where it stands."""

    value: Figure
    unit: Unit | None
    at: Where

    @classmethod
    def of(cls, obs: Observation) -> Stated:
        """The value `obs` states (it states one)."""
        assert obs.stated.value is not None
        return cls(obs.stated.value, obs.stated.unit, obs)


def finding(
    kind: CheckKind,
    obs: Where,
    key: str,
    stated: Figure,
    stated_iv: Interval,
    computed: Interval,
    *,
    unit: str,
    figures: tuple[UsedFigure, ...],
    base: str = "",
    signed: bool = False,
) -> Finding:
    """A finding for `stated` against what its inputs allow (`computed`).

    A signed figure (a change) that is inconsistent but would be consistent with
    the other sign gets a sign-slip hint: 下降12.4% entered as 12.4.
    """
    verdict = Verdict.CONSISTENT if stated_iv.meets(computed) else Verdict.INCONSISTENT
    hint = None
    if verdict is Verdict.INCONSISTENT and signed:
        flipped = negated(stated)
        if flipped is not None and flipped.interval(obs.rounding).meets(computed):
            hint = Hint(HintCode.SIGN_SLIP, flipped.literal)
    return Finding(
        kind=kind,
        indicator=obs.indicator,
        region=obs.region,
        verdict=verdict,
        file=obs.file,
        line=obs.line_of(key),
        stated=stated.literal,
        decimals=stated.decimals,
        unit=unit,
        computed=computed,
        consistent_values=(
            consistent_literals(computed, stated, obs.rounding)
            if verdict is Verdict.INCONSISTENT
            else None
        ),
        figures=figures,
        base=base,
        hint=hint,
        **provenance(obs),
    )


def not_checkable(
    kind: CheckKind,
    obs: Where,
    key: str,
    fig: Figure | None,
    reason: Reason,
    *,
    unit: str = "",
    figures: tuple[UsedFigure, ...] = (),
    base: str = "",
    implied: str | None = None,
    implied_unit: str = "",
) -> Finding:
    """A relation that cannot be checked, and why."""
    return Finding(
        kind,
        obs.indicator,
        obs.region,
        Verdict.NOT_CHECKABLE,
        obs.file,
        obs.line_of(key),
        fig.literal if fig else None,
        decimals=fig.decimals if fig else 0,
        unit=unit,
        figures=figures,
        base=base,
        reason=reason,
        implied=implied,
        implied_unit=implied_unit,
        **provenance(obs),
    )


def negated(fig: Figure) -> Figure | None:
    """The same literal with the other sign (None for zero or an approximate figure)."""
    if fig.value == 0 or fig.approx is not None:
        return None
    text = fig.literal.strip()
    flipped = text[1:] if text.startswith("-") else "-" + text.lstrip("+")
    return parse_figure(flipped)


def with_hint(f: Finding, hint: Hint | None) -> Finding:
    """The finding with a hint (unchanged when `hint` is None)."""
    return f if hint is None else replace(f, hint=hint)

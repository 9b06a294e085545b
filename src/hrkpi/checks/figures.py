"""Stated figures as intervals in an indicator's unit, and findings built from them."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace
from fractions import Fraction
from functools import cache
from typing import NamedTuple, NotRequired, TypedDict

from hrkpi.checks.consistent import consistent_literals
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
from hrkpi.core.numbers import Figure, RoundingMode, parse_figure
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
        sheet=obs.sheet,
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
    period: str  # the published period's code, or a table's row's date when it has none
    row: bool  # a table's row (Finding.row)
    sheet: NotRequired[str]  # a workbook's sheet (Finding.sheet); none for any other file


def provenance(obs: Where) -> Provenance:
    """The source, quote, location and period of the observation a finding is about."""
    if isinstance(obs, RowAt):
        return obs.provenance
    stated = obs.stated
    # A table's row that states no period stands at its date: its findings name it (临江县
    # 2021年3月31日：…), as a region sum names a date; the report's own figures, whose
    # date is the document's, name none.
    period = str(obs.period) if obs.period is not None else ""
    return Provenance(
        source=obs.source,
        quote=stated.quote or "",
        location=stated.location or "",
        period=period or (obs.as_of.isoformat() if obs.row else ""),
        row=obs.row,
        sheet=obs.sheet,
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

    @property
    def sheet(self) -> str:
        """A workbook's sheet the value stands on ("" for any other file)."""
        return self.provenance.get("sheet", "")

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
            self.sheet,
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

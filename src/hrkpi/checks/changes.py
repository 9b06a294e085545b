"""Stated changes (增加, 增长, 个百分点), recomputed from their inputs: the stated
base value, a stated absolute change, or the base figure the data states
elsewhere (last year's report, the year-end figure), each within its precision."""

from __future__ import annotations

from collections.abc import Iterator
from fractions import Fraction

from hrkpi.checks.figures import (
    Stated,
    base_of,
    finding,
    not_checkable,
    used_in,
    with_hint,
)
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
from hrkpi.checks.wholebase import check_whole_base
from hrkpi.core.intervals import Interval
from hrkpi.core.models import Change, Indicator, Measure
from hrkpi.core.numbers import format_decimal
from hrkpi.core.observations import Observation
from hrkpi.core.units import points_unit
from hrkpi.engine.indicator import HUNDRED

PERCENT = "%"
_ONE = Interval.point(1)


def is_rate(ind: Indicator) -> bool:
    """A rate or ratio: its changes are differences in points, not growth of a count."""
    return ind.measure is Measure.RATE or ind.unit.is_ratio


def check_change(ind: Indicator, obs: Observation, i: int, change: Change) -> Iterator[Finding]:
    """A stated change against what its stated (or linked) inputs allow."""
    if obs.stated.value is None:
        return  # a change with no value is checked with its total (parts_growth)
    link = obs.links.get(i)
    prior = None
    if link is not None and not link.stated:
        prior = Stated.of(link.prior)  # linked figures state a value
    yield from change_findings(ind, Stated.of(obs), i, change, prior)


def change_findings(
    ind: Indicator, mine: Stated, i: int, change: Change, prior: Stated | None
) -> Iterator[Finding]:
    """check_change's rule for a figure given by its parts: `mine`'s change `i`, its
    base figure `prior` as the data states it elsewhere (linked, and not stated
    again by the change itself), else None."""
    value, obs = mine.value, mine.at
    rounding = obs.rounding
    prefix = f"changes.{i}"
    own = mine.unit or ind.unit
    whole = ind.is_integer
    base = base_of(change)
    v, value_fig = used_in(obs, Role.VALUE, value, own, "value", ind.unit, whole=whole)
    previous: Interval | None = None
    absolute: Interval | None = None
    inputs: list[UsedFigure] = [value_fig]
    if prior is not None:
        # The base figure stated elsewhere in the data, in its own unit and rounding.
        unit = prior.unit or ind.unit
        previous, prior_fig = used_in(
            prior.at, Role.PREVIOUS, prior.value, unit, "value", ind.unit, whole=whole
        )
        inputs.append(prior_fig)
    elif change.previous is not None:
        # A stated previous value is in the figure's own unit, like the value.
        key = f"{prefix}.previous"
        previous, previous_fig = used_in(
            obs, Role.PREVIOUS, change.previous, own, key, ind.unit, whole=whole
        )
        inputs.append(previous_fig)
    base_known = previous is not None  # stated or linked, not implied by the change itself
    abs_unit = change.abs_unit or own
    if change.abs is not None:
        key = f"{prefix}.abs"
        a, abs_fig = used_in(obs, Role.ABS, change.abs, abs_unit, key, ind.unit, whole=whole)
        if previous is not None:
            computed = (v - previous).scale(ind.unit.multiplier / abs_unit.multiplier)
            yield finding(
                CheckKind.CHANGE_ABS,
                obs,
                f"{prefix}.abs",
                change.abs,
                change.abs.interval(rounding),
                computed,
                unit=abs_unit.symbol,
                figures=tuple(inputs),
                base=base,
                signed=True,
            )
        else:
            previous = v - a
            absolute = a
            inputs.append(abs_fig)
    if change.pp is not None:
        known = previous if base_known else None
        yield from _check_pp(ind, mine, prefix, change, v, known, tuple(inputs), base)
    if change.pct is not None:
        yield from _check_pct(ind, mine, prefix, change, v, previous, absolute, tuple(inputs), base)
    elif change.abs is not None and previous is not None and absolute is not None:
        places = max(value.decimals, change.abs.decimals)
        implied = value.exact - change.abs.exact * abs_unit.multiplier / own.multiplier
        yield not_checkable(
            CheckKind.CHANGE_ABS,
            obs,
            f"{prefix}.abs",
            change.abs,
            Reason.PREVIOUS_IMPLIED,
            unit=abs_unit.symbol,
            figures=tuple(inputs),
            base=base,
            implied=format_decimal(implied, places),
            implied_unit=own.symbol,
        )


def _check_pp(
    ind: Indicator,
    mine: Stated,
    prefix: str,
    change: Change,
    v: Interval,
    previous: Interval | None,
    figures: tuple[UsedFigure, ...],
    base: str,
) -> Iterator[Finding]:
    assert change.pp is not None
    obs = mine.at
    points = points_unit(ind.unit)
    if previous is not None and is_rate(ind):
        f = finding(
            CheckKind.CHANGE_PP,
            obs,
            f"{prefix}.pp",
            change.pp,
            change.pp.interval(obs.rounding),
            v - previous,
            unit=points,
            figures=figures,
            base=base,
            signed=True,
        )
        if f.verdict is Verdict.INCONSISTENT and f.hint is None:
            # 提高0.3个百分点 where the report meant a growth of 0.3%: the other reading.
            relative = _relative(v, previous, None)
            if relative is not None and change.pp.interval(obs.rounding).meets(relative):
                f = with_hint(f, Hint(HintCode.PERCENT, change.pp.literal))
        yield f
        return
    implied = format_decimal(mine.value.exact - change.pp.exact, change.pp.decimals)
    yield not_checkable(
        CheckKind.CHANGE_PP,
        obs,
        f"{prefix}.pp",
        change.pp,
        Reason.PREVIOUS_IMPLIED,
        unit=points,
        figures=figures,
        base=base,
        implied=implied,
        implied_unit=ind.unit.symbol if is_rate(ind) else PERCENT,
    )


def _relative(v: Interval, previous: Interval, absolute: Interval | None) -> Interval | None:
    """The growth in % from v and its previous value, or None when the base may be zero."""
    try:
        if absolute is None:
            return percent_growth(v / previous)
        return _growth(v, previous, absolute).scale(HUNDRED)
    except ZeroDivisionError:
        return None


def percent_growth(factor: Interval) -> Interval:
    """(factor - 1) x 100%: a growth factor (v / p) as a growth in %, as
    `(factor - Interval.point(1)).scale(HUNDRED)` has it, each end made as one
    fraction (a year-on-year growth is checked for most figures of a dataset)."""
    lo, hi = factor.lo, factor.hi
    low = Fraction(100 * (lo.numerator - lo.denominator), lo.denominator)
    if lo == hi:
        # A point scaled: closed where either end was (Interval.scale).
        closed = factor.lo_closed or factor.hi_closed
        return Interval(low, low, closed, closed)
    high = Fraction(100 * (hi.numerator - hi.denominator), hi.denominator)
    return Interval(low, high, factor.lo_closed, factor.hi_closed)


def _check_pct(
    ind: Indicator,
    mine: Stated,
    prefix: str,
    change: Change,
    v: Interval,
    previous: Interval | None,
    absolute: Interval | None,
    figures: tuple[UsedFigure, ...],
    base: str,
) -> Iterator[Finding]:
    assert change.pct is not None
    obs = mine.at
    pct = change.pct
    if previous is not None:
        computed = _relative(v, previous, absolute)
        if computed is None:  # a previous value that may be zero: growth is undefined
            yield not_checkable(
                CheckKind.CHANGE_PCT,
                obs,
                f"{prefix}.pct",
                pct,
                Reason.BASE_MAY_BE_ZERO,
                unit=PERCENT,
                figures=figures,
                base=base,
            )
            return
        f = finding(
            CheckKind.CHANGE_PCT,
            obs,
            f"{prefix}.pct",
            pct,
            pct.interval(obs.rounding),
            computed,
            unit=PERCENT,
            figures=figures,
            base=base,
            signed=True,
        )
        # A rate's 下降0.3% where the report meant 0.3个百分点: the points reading.
        slip = f.verdict is Verdict.INCONSISTENT and f.hint is None and is_rate(ind)
        if slip and pct.interval(obs.rounding).meets(v - previous):
            f = with_hint(f, Hint(HintCode.POINTS, pct.literal))
        yield f
        return
    yield from check_whole_base(ind, mine, prefix, pct, v, figures, base)


def _growth(v: Interval, previous: Interval, absolute: Interval | None) -> Interval:
    """(v - p) / p as tight as interval arithmetic allows.

    Written so each stated input appears once (v/p - 1, or 1 / (v/a - 1) when the
    previous value is v - a); otherwise the interval would count the same
    input's uncertainty twice and come out too wide.
    """
    one = _ONE
    if absolute is None:
        return v / previous - one
    if absolute.reaches_zero():
        return absolute / previous
    ratio = v / absolute - one
    if ratio.reaches_zero():
        return absolute / previous
    return one / ratio

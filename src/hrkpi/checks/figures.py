"""Stated figures as intervals in an indicator's unit, and findings built from them."""

from __future__ import annotations

from fractions import Fraction

from hrkpi.checks.findings import CheckKind, Finding, Verdict
from hrkpi.core.intervals import Interval
from hrkpi.core.models import (
    Change,
    PaceStatus,
)
from hrkpi.core.numbers import Figure, RoundingMode, format_decimal, round_gb
from hrkpi.core.observations import Observation
from hrkpi.core.units import Unit

_FAR = Fraction(10) ** 30  # stands in for infinity at the open end of a limit


_PACE_ORDER = [PaceStatus.BEHIND, PaceStatus.ON_PACE, PaceStatus.AHEAD, PaceStatus.COMPLETED]


def figure_interval(
    fig: Figure, obs: Observation, unit: Unit | None, target: Unit, *, whole: bool = False
) -> Interval:
    """The values a stated literal can stand for, in the `target` unit.

    With `whole`, the figure is a count: only whole numbers of the base unit
    are possible, so "686家" is exactly 686 and "29件" exactly 29.
    """
    source = unit or target
    iv = fig.interval(obs.rounding).scale(source.multiplier)
    if whole:
        iv = whole_numbers(iv)
    return iv.scale(1 / target.multiplier)


def whole_numbers(iv: Interval) -> Interval:
    """The tightest closed interval holding the whole numbers of `iv` (empty if none)."""
    lo = iv.lo.__ceil__()
    if lo == iv.lo and not iv.lo_closed:
        lo += 1
    hi = iv.hi.__floor__()
    if hi == iv.hi and not iv.hi_closed:
        hi -= 1
    if lo > hi:
        return Interval(Fraction(1), Fraction(0))  # empty: no count has this literal
    return Interval(Fraction(lo), Fraction(hi))


def show_interval(iv: Interval, places: int) -> str:
    """An interval for people: ends rounded outwards, two more decimals than stated."""
    d = max(places + 2, 2)
    if iv.lo == iv.hi and iv.lo_closed and iv.hi_closed:
        return (
            f"{format_decimal(iv.lo, max(places, 0))}"
            if iv.lo * 10 ** max(places, 0)
            == round_gb(iv.lo, max(places, 0)) * 10 ** max(places, 0)
            else f"{format_decimal(iv.lo, d)}"
        )
    lo = Fraction(round_gb(iv.lo - Fraction(1, 10 ** (d + 1)) * 5, d)) if iv.lo else iv.lo
    hi = Fraction(round_gb(iv.hi + Fraction(1, 10 ** (d + 1)) * 5, d)) if iv.hi else iv.hi
    left = "[" if iv.lo_closed else "("
    right = "]" if iv.hi_closed else ")"
    return f"{left}{format_decimal(lo, d)}, {format_decimal(hi, d)}{right}"


def consistent_literals(
    computed: Interval, stated: Figure, mode: RoundingMode
) -> tuple[str, str] | None:
    """The lowest and highest literals, at the stated decimals, whose rounding
    interval meets `computed` (None when none does, or for approximate figures)."""
    if stated.approx is not None or computed.empty:
        return None
    step = stated.step
    places = stated.decimals

    def literal(k: int) -> Figure:
        text = format_decimal(k * step, places)
        return Figure(text, round_gb(k * step, places), places)

    def meets(k: int) -> bool:
        return literal(k).interval(mode).meets(computed)

    low = int((computed.lo / step).__floor__()) - 2
    high = int((computed.hi / step).__ceil__()) + 2
    if high - low > 100_000:
        return None
    ks = [k for k in range(low, high + 1) if meets(k)]
    if not ks:
        return None
    return literal(ks[0]).literal, literal(ks[-1]).literal


def _verdict(stated_iv: Interval, computed: Interval) -> Verdict:
    return Verdict.CONSISTENT if stated_iv.meets(computed) else Verdict.INCONSISTENT


def _finding(
    kind: CheckKind,
    obs: Observation,
    key: str,
    stated: Figure,
    stated_iv: Interval,
    computed: Interval,
    relation: str,
    reason: str,
) -> Finding:
    verdict = _verdict(stated_iv, computed)
    consistent = consistent_literals(computed, stated, obs.rounding)
    return Finding(
        kind=kind,
        indicator=obs.indicator,
        region=obs.region,
        verdict=verdict,
        relation=relation,
        file=obs.file,
        line=obs.line_of(key),
        stated=stated.literal,
        computed=computed,
        consistent_values=consistent,
        reason=reason,
    )


def _not_checkable(
    kind: CheckKind, obs: Observation, key: str, fig: Figure | None, relation: str, reason: str
) -> Finding:
    return Finding(
        kind,
        obs.indicator,
        obs.region,
        Verdict.NOT_CHECKABLE,
        relation,
        obs.file,
        obs.line_of(key),
        fig.literal if fig else None,
        reason=reason,
    )


def _base_word(change: Change) -> str:
    base = change.base
    if hasattr(base, "isoformat") and not isinstance(base, str):
        return f"since {base.isoformat()}"
    return {"same_period_last_year": "year on year", "end_of_last_year": "since end of last year"}[
        str(base)
    ]

"""Counts checked as GRIM does for means: a count's growth rate must come from a
whole number of last period's units (29件, 下降46.30%: last year 54件)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from fractions import Fraction

from hrkpi.checks.figures import Stated, negated, not_checkable, provenance
from hrkpi.checks.findings import (
    Candidate,
    CheckKind,
    Finding,
    Hint,
    HintCode,
    Reason,
    UsedFigure,
    Verdict,
)
from hrkpi.core.intervals import Interval
from hrkpi.core.models import Indicator
from hrkpi.core.numbers import Figure, RoundingMode, format_decimal
from hrkpi.engine.indicator import HUNDRED

PERCENT = "%"


def whole_bases(
    ind: Indicator, rounding: RoundingMode, pct: Figure, v: Interval
) -> Interval | None:
    """The base (in whole units of the base unit) that a count and its rate imply,
    or None when the rate leaves no base to imply (-100%)."""
    factor = pct.interval(rounding).scale(Fraction(1, 100)) + Interval.point(1)
    if factor.reaches_zero():
        return None
    return v.scale(ind.unit.multiplier) / factor


def check_whole_base(
    ind: Indicator,
    mine: Stated,
    prefix: str,
    pct: Figure,
    v: Interval,
    figures: tuple[UsedFigure, ...],
    base: str,
) -> Iterator[Finding]:
    """GRIM for counts: the base implied by a count and its change % must hold a whole number."""
    value, obs = mine.value, mine.at
    own = mine.unit or ind.unit
    key = f"{prefix}.pct"
    implied = whole_bases(ind, obs.rounding, pct, v) if ind.is_integer else None
    if implied is None:
        previous = None
        if pct.exact != -HUNDRED:
            previous = format_decimal(
                value.exact / (1 + pct.exact / HUNDRED), max(value.decimals, 0)
            )
        yield not_checkable(
            CheckKind.CHANGE_PCT,
            obs,
            key,
            pct,
            Reason.PREVIOUS_IMPLIED,
            unit=PERCENT,
            figures=figures,
            base=base,
            implied=previous,
            implied_unit=own.symbol if previous else "",
        )
        return
    if implied.hi - implied.lo >= 1:
        previous_value = value.exact / (1 + pct.exact / HUNDRED)
        yield replace(
            not_checkable(
                CheckKind.WHOLE_BASE,
                obs,
                key,
                pct,
                Reason.BASE_WIDER_THAN_ONE,
                unit=PERCENT,
                figures=figures,
                base=base,
                implied=format_decimal(previous_value, max(value.decimals, 0)),
                implied_unit=own.symbol,
            ),
            computed=implied,
        )
        return
    wholes = implied.integers(limit=3)
    count = value.exact * own.multiplier  # the stated count, in whole units
    candidates = _candidates(implied, count, pct.decimals)
    if wholes:
        yield Finding(
            CheckKind.WHOLE_BASE,
            obs.indicator,
            obs.region,
            Verdict.CONSISTENT,
            obs.file,
            obs.line_of(key),
            pct.literal,
            decimals=pct.decimals,
            unit=PERCENT,
            computed=implied,
            candidates=candidates,
            figures=figures,
            base=base,
            implied=format_decimal(Fraction(wholes[0]) / own.multiplier, max(value.decimals, 0)),
            implied_unit=own.symbol,
            **provenance(obs),
        )
        return
    hint = None
    flipped = negated(pct)
    if flipped is not None:
        other = whole_bases(ind, obs.rounding, flipped, v)
        if other is not None and other.integers(limit=1):
            hint = Hint(HintCode.SIGN_SLIP, flipped.literal)
    yield Finding(
        CheckKind.WHOLE_BASE,
        obs.indicator,
        obs.region,
        Verdict.INCONSISTENT,
        obs.file,
        obs.line_of(key),
        pct.literal,
        decimals=pct.decimals,
        unit=PERCENT,
        computed=implied,
        candidates=candidates,
        figures=figures,
        base=base,
        hint=hint,
        **provenance(obs),
    )


def _candidates(implied: Interval, count: Fraction, places: int) -> tuple[Candidate, ...]:
    """The whole bases next to the implied one and the rate each gives the stated count:
    the only rates a count can have near the stated one (46.30%, 47.27%, nothing between)."""
    lo = int(implied.lo.__floor__())
    hi = int(implied.hi.__ceil__())
    bases = sorted({b for b in (lo, hi) if b > 0})
    return tuple(
        Candidate(str(b), format_decimal((count / b - 1) * HUNDRED, places)) for b in bases
    )

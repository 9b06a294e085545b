"""Completion rates and stated changes, recomputed from their inputs."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from fractions import Fraction

from hrkpi.checks.figures import (
    base_of,
    figure_interval,
    finding,
    negated,
    not_checkable,
    provenance,
    stated_unit,
    used,
)
from hrkpi.checks.findings import (
    Candidate,
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
from hrkpi.core.models import Change, Indicator, Measure
from hrkpi.core.numbers import Figure, format_decimal
from hrkpi.core.observations import Observation
from hrkpi.engine.indicator import HUNDRED

PERCENT, POINTS = "%", "个百分点"


def check_completion(
    ind: Indicator, obs: Observation, origin: tuple[str, int, int] | None = None
) -> Iterator[Finding]:
    """完成率 = actual / target: the stated rate against the actual's rounding interval.

    `origin` is where the indicator (and so its target) is defined: file, line, column.
    """
    stated = obs.stated
    if stated.completion is None or stated.value is None:
        return
    value_fig = used(obs, Role.VALUE, stated.value, stated_unit(obs, ind), "value")
    if ind.target is None:
        yield not_checkable(
            CheckKind.COMPLETION,
            obs,
            "completion",
            stated.completion,
            Reason.NO_TARGET,
            unit=PERCENT,
            figures=(value_fig,),
        )
        return
    value = figure_interval(stated.value, obs, stated.unit, ind.unit, whole=ind.is_integer)
    # The annual target is a plan figure, exact as set.
    computed = value.scale(HUNDRED / ind.target.exact)
    target_fig = replace(
        used(obs, Role.TARGET, ind.target, ind.unit, "value", exact=True),
        file=origin[0] if origin else "",
        line=origin[1] if origin else 0,
    )
    yield finding(
        CheckKind.COMPLETION,
        obs,
        "completion",
        stated.completion,
        stated.completion.interval(obs.rounding),
        computed,
        unit=PERCENT,
        figures=(value_fig, target_fig),
    )


def check_change(ind: Indicator, obs: Observation, i: int, change: Change) -> Iterator[Finding]:
    """A stated change against what its stated inputs allow."""
    stated = obs.stated
    prefix = f"changes.{i}"
    if stated.value is None:
        return  # a change with no value is checked with its total (parts_growth)
    own = stated_unit(obs, ind)
    base = base_of(change)
    v = figure_interval(stated.value, obs, stated.unit, ind.unit, whole=ind.is_integer)
    value_fig = used(obs, Role.VALUE, stated.value, own, "value")
    previous: Interval | None = None
    absolute: Interval | None = None
    inputs: list[UsedFigure] = [value_fig]
    if change.previous is not None:
        # A stated previous value is in the figure's own unit, like the value.
        previous = figure_interval(
            change.previous, obs, stated.unit, ind.unit, whole=ind.is_integer
        )
        inputs.append(used(obs, Role.PREVIOUS, change.previous, own, f"{prefix}.previous"))
    abs_unit = change.abs_unit or own
    if change.abs is not None:
        a = figure_interval(
            change.abs, obs, change.abs_unit or stated.unit, ind.unit, whole=ind.is_integer
        )
        abs_fig = used(obs, Role.ABS, change.abs, abs_unit, f"{prefix}.abs")
        if previous is not None:
            computed = (v - previous).scale(ind.unit.multiplier / abs_unit.multiplier)
            yield finding(
                CheckKind.CHANGE_ABS,
                obs,
                f"{prefix}.abs",
                change.abs,
                change.abs.interval(obs.rounding),
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
        yield from _check_pp(ind, obs, prefix, change, v, previous, tuple(inputs), base)
    if change.pct is not None:
        yield from _check_pct(ind, obs, prefix, change, v, previous, absolute, tuple(inputs), base)
    elif change.abs is not None and change.previous is None:
        places = max(stated.value.decimals, change.abs.decimals)
        implied = stated.value.exact - change.abs.exact * abs_unit.multiplier / own.multiplier
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
    obs: Observation,
    prefix: str,
    change: Change,
    v: Interval,
    previous: Interval | None,
    figures: tuple[UsedFigure, ...],
    base: str,
) -> Iterator[Finding]:
    stated = obs.stated
    assert change.pp is not None and stated.value is not None
    if previous is not None and ind.measure is Measure.RATE and change.previous is not None:
        yield finding(
            CheckKind.CHANGE_PP,
            obs,
            f"{prefix}.pp",
            change.pp,
            change.pp.interval(obs.rounding),
            v - previous,
            unit=POINTS,
            figures=figures,
            base=base,
            signed=True,
        )
        return
    implied = format_decimal(stated.value.exact - change.pp.exact, change.pp.decimals)
    yield not_checkable(
        CheckKind.CHANGE_PP,
        obs,
        f"{prefix}.pp",
        change.pp,
        Reason.PREVIOUS_IMPLIED,
        unit=POINTS,
        figures=figures,
        base=base,
        implied=implied,
        implied_unit=PERCENT,
    )


def _check_pct(
    ind: Indicator,
    obs: Observation,
    prefix: str,
    change: Change,
    v: Interval,
    previous: Interval | None,
    absolute: Interval | None,
    figures: tuple[UsedFigure, ...],
    base: str,
) -> Iterator[Finding]:
    assert change.pct is not None and obs.stated.value is not None
    pct = change.pct
    if previous is not None:
        try:  # a previous value that may be zero makes the division raise
            computed = _growth(v, previous, absolute).scale(HUNDRED)
        except ZeroDivisionError:
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
        yield finding(
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
        return
    yield from _check_whole_base(ind, obs, prefix, pct, v, figures, base)


def _growth(v: Interval, previous: Interval, absolute: Interval | None) -> Interval:
    """(v - p) / p as tight as interval arithmetic allows.

    Written so each stated input appears once (v/p - 1, or 1 / (v/a - 1) when the
    previous value is v - a); otherwise the interval would count the same
    input's uncertainty twice and come out too wide.
    """
    one = Interval.point(1)
    if absolute is None:
        return v / previous - one
    if absolute.reaches_zero():
        return absolute / previous
    ratio = v / absolute - one
    if ratio.reaches_zero():
        return absolute / previous
    return one / ratio


def whole_bases(ind: Indicator, obs: Observation, pct: Figure, v: Interval) -> Interval | None:
    """The base (in whole units of the base unit) that a count and its rate imply,
    or None when the rate leaves no base to imply (-100%)."""
    factor = pct.interval(obs.rounding).scale(Fraction(1, 100)) + Interval.point(1)
    if factor.reaches_zero():
        return None
    return v.scale(ind.unit.multiplier) / factor


def _check_whole_base(
    ind: Indicator,
    obs: Observation,
    prefix: str,
    pct: Figure,
    v: Interval,
    figures: tuple[UsedFigure, ...],
    base: str,
) -> Iterator[Finding]:
    """GRIM for counts: the base implied by a count and its change % must hold a whole number."""
    value = obs.stated.value
    assert value is not None
    key = f"{prefix}.pct"
    implied = whole_bases(ind, obs, pct, v) if ind.is_integer else None
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
            implied_unit=stated_unit(obs, ind).symbol if previous else "",
        )
        return
    own = stated_unit(obs, ind)
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
        other = whole_bases(ind, obs, flipped, v)
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

"""Completion rates and stated changes, recomputed from their inputs."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from decimal import Decimal
from fractions import Fraction

from hrkpi.checks.figures import (
    _base_word,
    _finding,
    _not_checkable,
    figure_interval,
    show_interval,
)
from hrkpi.checks.findings import CheckKind, Finding, Verdict
from hrkpi.core.intervals import Interval
from hrkpi.core.models import (
    Change,
    Indicator,
    Measure,
)
from hrkpi.core.numbers import Figure, format_decimal
from hrkpi.core.observations import Observation
from hrkpi.engine.indicator import HUNDRED


def check_completion(ind: Indicator, obs: Observation) -> Iterator[Finding]:
    """完成率 = actual / target: the stated rate against the actual's rounding interval."""
    stated = obs.stated
    if stated.completion is None or stated.value is None:
        return
    if ind.target is None:
        yield _not_checkable(
            CheckKind.COMPLETION,
            obs,
            "completion",
            stated.completion,
            f"{ind.name}: completion {stated.completion.literal}%",
            "the definition has no annual target; add target: to the indicator",
        )
        return
    value = figure_interval(stated.value, obs, stated.unit, ind.unit, whole=ind.is_integer)
    # The annual target is a plan figure, exact as set.
    computed = value.scale(HUNDRED / ind.target.exact)
    yield _finding(
        CheckKind.COMPLETION,
        obs,
        "completion",
        stated.completion,
        stated.completion.interval(obs.rounding),
        computed,
        f"{ind.name}: completion {stated.completion.literal}% = "
        f"{stated.value.literal} / {ind.target.literal} x 100%",
        f"{stated.value.literal} spans {show_interval(value, stated.value.decimals)}, "
        f"so the rate lies in {show_interval(computed, stated.completion.decimals)}%",
    )


def check_change(ind: Indicator, obs: Observation, i: int, change: Change) -> Iterator[Finding]:
    """A stated change against what its stated inputs allow."""
    stated = obs.stated
    prefix = f"changes.{i}"
    word = _base_word(change)
    if stated.value is None:
        return  # a change with no value is checked with its total (parts_growth)
    v = figure_interval(stated.value, obs, stated.unit, ind.unit, whole=ind.is_integer)
    d = stated.value.decimals
    previous: Interval | None = None
    absolute: Interval | None = None
    how = ""
    if change.previous is not None:
        # A stated previous value is in the figure's own unit, like the value.
        previous = figure_interval(
            change.previous, obs, stated.unit, ind.unit, whole=ind.is_integer
        )
        how = change.previous.literal
    if change.abs is not None:
        a = figure_interval(
            change.abs, obs, change.abs_unit or stated.unit, ind.unit, whole=ind.is_integer
        )
        if previous is not None:
            computed = v - previous
            yield _finding(
                CheckKind.CHANGE_ABS,
                obs,
                f"{prefix}.abs",
                change.abs,
                a,
                computed,
                f"{ind.name}: change {change.abs.literal} {word} = {stated.value.literal} - "
                f"{change.previous.literal if change.previous else ''}",
                f"the difference lies in {show_interval(computed, d)}",
            )
        else:
            previous = v - a
            absolute = a
            how = f"{stated.value.literal} - {change.abs.literal}"
    if change.pp is not None:
        if previous is not None and ind.measure is Measure.RATE and change.previous is not None:
            computed = v - previous
            yield _finding(
                CheckKind.CHANGE_PP,
                obs,
                f"{prefix}.pp",
                change.pp,
                change.pp.interval(obs.rounding),
                computed,
                f"{ind.name}: {change.pp.literal} percentage points {word} = "
                f"{stated.value.literal} - {change.previous.literal}",
                f"the difference lies in {show_interval(computed, change.pp.decimals)}",
            )
        else:
            implied = format_decimal(stated.value.exact - change.pp.exact, change.pp.decimals)
            yield replace(
                _not_checkable(
                    CheckKind.CHANGE_PP,
                    obs,
                    f"{prefix}.pp",
                    change.pp,
                    f"{ind.name}: {change.pp.literal} percentage points {word}",
                    f"the previous rate is not stated: it is implied "
                    f"({stated.value.literal} - {change.pp.literal}), not checked",
                ),
                implied=f"{implied}%",
            )
    if change.pct is not None:
        yield from _check_pct(ind, obs, prefix, change, v, previous, absolute, how, word)
    elif change.abs is not None and change.previous is None:
        places = max(d, change.abs.decimals)
        implied = format_decimal(stated.value.exact - change.abs.exact, places)
        yield replace(
            _not_checkable(
                CheckKind.CHANGE_ABS,
                obs,
                f"{prefix}.abs",
                change.abs,
                f"{ind.name}: change {change.abs.literal} {word}",
                "only the value and the change are stated; the previous value "
                f"({stated.value.literal} - {change.abs.literal}) is implied, not checked",
            ),
            implied=f"{implied}{ind.unit.symbol}",
        )


def _check_pct(
    ind: Indicator,
    obs: Observation,
    prefix: str,
    change: Change,
    v: Interval,
    previous: Interval | None,
    absolute: Interval | None,
    how: str,
    word: str,
) -> Iterator[Finding]:
    assert change.pct is not None and obs.stated.value is not None
    pct = change.pct
    value_lit = obs.stated.value.literal
    if previous is not None:
        try:  # a previous value that may be zero makes the division raise
            computed = _growth(v, previous, absolute).scale(HUNDRED)
        except ZeroDivisionError:
            yield _not_checkable(
                CheckKind.CHANGE_PCT,
                obs,
                f"{prefix}.pct",
                pct,
                f"{ind.name}: {pct.literal}% {word}",
                "the previous value may be zero within its rounding; growth from zero is undefined",
            )
            return
        yield _finding(
            CheckKind.CHANGE_PCT,
            obs,
            f"{prefix}.pct",
            pct,
            pct.interval(obs.rounding),
            computed,
            f"{ind.name}: {pct.literal}% {word} = ({value_lit} - previous) / previous x 100%, "
            f"previous = {how}",
            f"with every input within its rounding the rate lies in "
            f"{show_interval(computed, pct.decimals)}%",
        )
        return
    yield from _check_whole_base(ind, obs, prefix, pct, v, word)


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


def _check_whole_base(
    ind: Indicator, obs: Observation, prefix: str, pct: Figure, v: Interval, word: str
) -> Iterator[Finding]:
    """GRIM for counts: the base implied by a count and its change % must hold a whole number."""
    assert obs.stated.value is not None
    value_lit = obs.stated.value.literal
    relation = f"{ind.name}: {value_lit}{ind.unit.symbol} {word} {pct.literal}%"
    factor = pct.interval(obs.rounding).scale(Fraction(1, 100)) + Interval.point(1)
    if not ind.is_integer or factor.reaches_zero():
        yield _not_checkable(
            CheckKind.CHANGE_PCT,
            obs,
            f"{prefix}.pct",
            pct,
            relation,
            "only the value and the rate are stated; the previous value is "
            "implied from them, not checked",
        )
        return
    base_units = v.scale(ind.unit.multiplier)  # in whole persons, cases, ...
    implied = base_units / factor
    if implied.hi - implied.lo >= 1:
        previous = obs.stated.value.exact / (1 + pct.exact / HUNDRED)
        shown = format_decimal(previous, max(obs.stated.value.decimals, 0))
        yield replace(
            _not_checkable(
                CheckKind.WHOLE_BASE,
                obs,
                f"{prefix}.pct",
                pct,
                relation,
                f"the implied base {show_interval(implied, 0)} {ind.unit.base} is "
                f"wider than one {ind.unit.base}, so any whole number fits",
            ),
            implied=f"{shown}{ind.unit.symbol}",
        )
        return
    wholes = implied.integers(limit=3)
    if wholes:
        base = wholes[0]
        shown = format_decimal(
            Fraction(base) / ind.unit.multiplier, max(obs.stated.value.decimals, 0)
        )
        yield Finding(
            CheckKind.WHOLE_BASE,
            obs.indicator,
            obs.region,
            Verdict.CONSISTENT,
            relation,
            obs.file,
            obs.line_of(f"{prefix}.pct"),
            pct.literal,
            implied,
            reason=f"a whole-number base exists: {base} {ind.unit.base}",
            implied=f"{shown}{ind.unit.symbol}",
        )
        return
    # No whole base: show what the nearest whole bases would give for the stated value.
    value = obs.stated.value.exact * ind.unit.multiplier
    bases = [b for b in (int(implied.lo.__floor__()), int(implied.hi.__ceil__())) if b > 0]
    rates = [format_decimal((value / b - 1) * HUNDRED, pct.decimals) for b in bases]
    detail = ", ".join(f"a base of {b} gives {r}%" for b, r in zip(bases, rates, strict=True))
    yield Finding(
        CheckKind.WHOLE_BASE,
        obs.indicator,
        obs.region,
        Verdict.INCONSISTENT,
        relation,
        obs.file,
        obs.line_of(f"{prefix}.pct"),
        pct.literal,
        implied,
        consistent_values=(min(rates, key=Decimal), max(rates, key=Decimal)) if rates else None,
        reason=f"the implied base {show_interval(implied, 2)} holds no whole number of "
        f"{ind.unit.base}, so no count gives this rate ({detail})",
    )

"""Completion rates: against the annual target, or, when the report does not print
the target (and the definition gives none), the targets the rate allows."""

from __future__ import annotations

from collections.abc import Iterator
from fractions import Fraction
from functools import lru_cache

from hrkpi.checks.consistent import consistent_literals
from hrkpi.checks.figures import (
    FigureAt,
    figure_interval,
    interval_in,
    provenance,
    stated_unit,
    used,
    whole_in,
)
from hrkpi.checks.findings import CheckKind, Finding, Role, UsedFigure, Verdict
from hrkpi.core.models import Indicator
from hrkpi.core.numbers import Figure, RoundingMode, format_decimal
from hrkpi.core.observations import Observation
from hrkpi.core.units import Unit
from hrkpi.engine.indicator import HUNDRED
from hrkpi.engine.relations import roundest

PERCENT = "%"

# Where a target is set: file, line, column (a definition's, a targets file's), and the
# sheet when it stands in a workbook (a workbook's 目标 column, a targets .xlsx).
Origin = tuple[str, int, int] | tuple[str, int, int, str]


def check_completion(
    ind: Indicator, obs: Observation, origin: Origin | None = None
) -> Iterator[Finding]:
    """完成率 = actual / target: the stated rate against the actual's rounding interval.

    `origin` is where the indicator (and so its target) is defined: file, line, column.
    With no target, the finding gives the targets the figure and the rate allow
    (`target_not_printed`).
    """
    stated = obs.stated
    if stated.completion is None or stated.value is None:
        return
    if ind.target is None:
        yield target_not_printed(ind, obs)
        return
    at = FigureAt(obs.indicator, obs.region, obs.file, obs.line_of("value"), provenance(obs))
    yield completion_finding(
        ind,
        stated.value,
        stated.unit,
        stated.completion,
        obs.rounding,
        at,
        obs.line_of("completion"),
        origin,
    )


def completion_finding(
    ind: Indicator,
    value: Figure,
    unit: Unit | None,
    completion: Figure,
    rounding: RoundingMode,
    at: FigureAt,
    line: int,
    origin: Origin | None,
) -> Finding:
    """check_completion's rule for a figure given by its parts (`ind` has a target):
    `value` stated in `unit` (else the indicator's), `completion` at `line`."""
    assert ind.target is not None
    own = unit or ind.unit
    whole = ind.is_integer
    value_fig = completion_value(ind, value, unit, rounding, at)
    shown = value_fig.interval
    assert shown is not None
    # The annual target is a plan figure, exact as set.
    target_fig = UsedFigure(
        Role.TARGET,
        at.indicator,
        ind.target.literal,
        ind.unit.symbol,
        origin[0] if origin else "",
        origin[1] if origin else 0,
        None,
        at.region,
        ind.target.decimals,
        origin[3] if origin and len(origin) == 4 else "",
    )
    # The value in the indicator's unit: `shown` itself when its unit is of that size.
    v = (
        shown
        if own.power == ind.unit.power
        else interval_in(value, rounding, unit, ind.unit, whole=whole)
    )
    computed = v.scale(_per_hundred(ind.target.exact))
    consistent = completion.interval(rounding).meets(computed)
    return Finding(
        kind=CheckKind.COMPLETION,
        indicator=at.indicator,
        region=at.region,
        verdict=Verdict.CONSISTENT if consistent else Verdict.INCONSISTENT,
        file=at.file,
        line=line,
        stated=completion.literal,
        decimals=completion.decimals,
        unit=PERCENT,
        computed=computed,
        consistent_values=(
            None if consistent else consistent_literals(computed, completion, rounding)
        ),
        figures=(value_fig, target_fig),
        **at.provenance,
    )


def completion_value(
    ind: Indicator, value: Figure, unit: Unit | None, rounding: RoundingMode, at: FigureAt
) -> UsedFigure:
    """The value a completion rate is of, as its finding lists it: stated in `unit`
    (else the indicator's); as used() has it, a count's interval holds only whole
    numbers. A rate that cannot be checked (no target of the region's own) lists it
    too, so its formula shows the figure it knows (6000 ÷ ?)."""
    own = unit or ind.unit
    shown = value.interval(rounding)
    if ind.is_integer:
        shown = whole_in(shown, own, own)
    return at.value(value, own.symbol, shown)


@lru_cache(maxsize=4096)
def _per_hundred(target: Fraction) -> Fraction:
    """100 / target, made once for each target (every figure of an indicator and region
    is measured against the same one)."""
    return HUNDRED / target


def target_not_printed(ind: Indicator, obs: Observation) -> Finding:
    """新增就业12345人，完成全年目标的61.7%: the targets (in the indicator's unit) the
    value and the rate allow, each within its rounding, and the roundest of them."""
    stated = obs.stated
    assert stated.value is not None and stated.completion is not None
    value = figure_interval(stated.value, obs, stated.unit, ind.unit, whole=ind.is_integer)
    rate = stated.completion.interval(obs.rounding).scale(1 / HUNDRED)
    figures = (
        used(obs, Role.VALUE, stated.value, stated_unit(obs, ind), "value", whole=ind.is_integer),
        used(obs, Role.COMPLETION, stated.completion, PERCENT, "completion"),
    )
    computed = None
    implied = None
    if not rate.reaches_zero() and rate.lo > 0:
        computed = value / rate
        best = roundest(computed)
        if best is not None:
            implied = exact_text(best)
    return Finding(
        CheckKind.COMPLETION,
        obs.indicator,
        obs.region,
        Verdict.TARGET_NOT_PRINTED,
        obs.file,
        obs.line_of("completion"),
        stated.completion.literal,
        decimals=stated.completion.decimals,
        unit=ind.unit.symbol,
        computed=computed,
        figures=figures,
        implied=implied,
        implied_unit=ind.unit.symbol if implied else "",
        **provenance(obs),
    )


def exact_text(x: Fraction) -> str:
    """A terminating decimal written with as many decimals as it has (4, 0.9, 2.5)."""
    places = 0
    while (x * 10**places).denominator != 1 and places < 12:
        places += 1
    return format_decimal(x, places)

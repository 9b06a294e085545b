"""A stated distance to a limit: 低于4.0%的控制目标0.6个百分点, 比目标低1.2个百分点,
超额完成0.22万人. The limit is the one printed, else the definition's threshold
(or, for a flow, its annual target); with none, the limit is only implied."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from fractions import Fraction

from hrkpi.checks.figures import (
    figure_interval,
    finding,
    not_checkable,
    stated_unit,
    used,
    with_hint,
)
from hrkpi.checks.findings import (
    CheckKind,
    Finding,
    Hint,
    HintCode,
    LimitDetail,
    Reason,
    Role,
    UsedFigure,
    Verdict,
)
from hrkpi.checks.pacemargin import check_pace_margin
from hrkpi.core.intervals import Interval
from hrkpi.core.models import Indicator, Threshold, ThresholdKind
from hrkpi.core.numbers import Figure, format_decimal
from hrkpi.core.observations import Observation
from hrkpi.core.pace import PaceMethod
from hrkpi.core.relations import Margin
from hrkpi.core.units import PERCENT, Unit, get_unit, points_unit
from hrkpi.engine.indicator import HUNDRED


def margin_unit(margin: Margin, ind: Indicator, obs: Observation) -> Unit:
    """The distance's unit: as given, else points for a rate, else the figure's own."""
    if margin.unit is not None:
        return margin.unit
    if ind.unit.is_ratio:
        return get_unit(points_unit(ind.unit))
    return stated_unit(obs, ind)


def defined_limit(ind: Indicator, label: str | None) -> tuple[Figure, str] | None:
    """The limit the definition gives a margin (figure, label): the threshold or the
    named target called `label`; without a label, the only threshold, else the
    primary target. None when the definition gives none (or several to choose from)."""
    single = [t for t in ind.thresholds if t.kind is not ThresholdKind.BAND]
    if label is not None:
        named = [t for t in single if t.label == label]
        if named:
            return named[0].value, label
        target = next((t for t in ind.named_targets if t.name == label), None)
        return (target.value, label) if target is not None else None
    chosen: Threshold | None = single[0] if len(single) == 1 else None
    if chosen is not None:
        return chosen.value, chosen.label or ""
    if ind.target is not None and not ind.thresholds:
        return ind.target, ""
    return None


def check_margins(
    ind: Indicator,
    obs: Observation,
    origin: tuple[str, int, int] | None = None,
    pace_method: PaceMethod = PaceMethod.DAYS,
) -> Iterator[Finding]:
    """Each stated distance to a limit against the value and the limit (or, against
    pace, the completion rate's distance to schedule pace)."""
    stated = obs.stated
    if stated.value is None:
        return
    for k, margin in enumerate(stated.margins):
        if margin.against == "pace":
            yield check_pace_margin(ind, obs, k, margin, pace_method)
        else:
            yield _check_margin(ind, obs, k, margin, origin)


def _check_margin(
    ind: Indicator,
    obs: Observation,
    k: int,
    margin: Margin,
    origin: tuple[str, int, int] | None,
) -> Finding:
    stated = obs.stated
    assert stated.value is not None
    below = margin.below is not None
    by = margin.below if margin.below is not None else margin.above
    assert by is not None
    key = f"margins.{k}.{'below' if below else 'above'}"
    unit = margin_unit(margin, ind, obs)
    own = stated_unit(obs, ind)
    v = figure_interval(stated.value, obs, stated.unit, ind.unit, whole=ind.is_integer)
    value_fig = used(obs, Role.VALUE, stated.value, own, "value", whole=ind.is_integer)
    margin_fig = used(obs, Role.MARGIN, by, unit, key)
    if margin.limit is not None:
        limit_fig, label, limit_value = margin.limit, margin.label or "", margin.limit
        # A printed limit is a plan figure: exact as set, in the figure's own unit.
        limit = Fraction(limit_value.exact) * own.multiplier / ind.unit.multiplier
        limit_used = used(obs, Role.LIMIT, limit_fig, own, f"margins.{k}.limit", exact=True)
    else:
        defined = defined_limit(ind, margin.label)
        if defined is None:
            sign = -1 if below else 1
            implied = stated.value.exact - sign * by.exact * unit.multiplier / own.multiplier
            return not_checkable(
                CheckKind.MARGIN,
                obs,
                key,
                by,
                Reason.NO_LIMIT,
                unit=unit.symbol,
                figures=(value_fig, margin_fig),
                implied=format_decimal(implied, max(stated.value.decimals, by.decimals)),
                implied_unit=own.symbol,
            )
        limit_fig, label = defined
        limit = limit_fig.exact
        limit_used = replace(
            used(obs, Role.LIMIT, limit_fig, ind.unit, "value", exact=True),
            file=origin[0] if origin else "",
            line=origin[1] if origin else 0,
        )
    # A distance in % of the limit (比目标高5%); a rate's distance is in points by default.
    relative = unit.base == PERCENT
    computed = _distance(v, limit, ind.unit, unit, relative=relative, below=below)
    figures: tuple[UsedFigure, ...] = (value_fig, limit_used, margin_fig)
    detail = LimitDetail(
        value=limit_fig.literal,
        word="below" if below else "above",
        label=label,
        method="full",
        met=True,
    )
    if computed is None:  # relative to a limit of zero: undefined
        f = not_checkable(
            CheckKind.MARGIN,
            obs,
            key,
            by,
            Reason.BASE_MAY_BE_ZERO,
            unit=unit.symbol,
            figures=figures,
        )
        return replace(f, limit=detail)
    f = finding(
        CheckKind.MARGIN,
        obs,
        key,
        by,
        by.interval(obs.rounding),
        computed,
        unit=unit.symbol,
        figures=figures,
    )
    f = replace(f, limit=replace(detail, met=f.verdict is Verdict.CONSISTENT))
    if f.verdict is Verdict.INCONSISTENT:
        other = _distance(v, limit, ind.unit, unit, relative=relative, below=not below)
        if other is not None and by.interval(obs.rounding).meets(other):
            return with_hint(f, Hint(HintCode.OTHER_SIDE, by.literal))
        if relative and ind.unit.is_percent:
            # 低于目标0.6% for a rate in %: the report meant 0.6个百分点.
            points = _distance(v, limit, ind.unit, ind.unit, relative=False, below=below)
            if points is not None and by.interval(obs.rounding).meets(points):
                return with_hint(f, Hint(HintCode.POINTS, by.literal))
    return f


def _distance(
    v: Interval, limit: Fraction, ind_unit: Unit, unit: Unit, *, relative: bool, below: bool
) -> Interval | None:
    """How far the value lies below (or above) the limit, in `unit` (or in % of it)."""
    gap = v - Interval.point(limit)
    if below:
        gap = -gap
    if relative:
        if limit == 0:
            return None
        return gap.scale(HUNDRED / abs(limit))
    return gap.scale(ind_unit.multiplier / unit.multiplier)

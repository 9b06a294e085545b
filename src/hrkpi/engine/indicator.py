"""The calculation engine: pure functions on exact rationals, no I/O.

For each indicator at its as-of date: value in the indicator's unit,
completion rate, schedule pace and status, previous values (given or implied
by a stated change), absolute, relative and percentage-point changes,
threshold status with margin, and the sum of parts for a total.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from fractions import Fraction

from hrkpi.core.models import (
    Base,
    Change,
    CompareMethod,
    Direction,
    Indicator,
    Level,
    Measure,
    NamedTarget,
    PaceStatus,
    Threshold,
    ThresholdKind,
)
from hrkpi.core.numbers import Figure, round_gb
from hrkpi.core.observations import Observation
from hrkpi.core.pace import PaceMethod, pace_share
from hrkpi.core.targets import TargetSource
from hrkpi.core.units import Unit
from hrkpi.engine.relations import RelationFigures

HUNDRED = Fraction(100)
DEFAULT_TOLERANCE = Fraction(1)  # percentage points either side of pace that count as 达进度


@dataclass(frozen=True)
class ChangeResult:
    """A change against a base, with the previous value given or implied."""

    stated: Change
    previous: Fraction | None
    previous_implied: bool
    absolute: Fraction | None
    relative: Fraction | None  # in %; None for a rate, whose changes are in points
    points: Fraction | None  # in 个百分点, for rates
    decimals: int = 2  # display decimals of previous and absolute: the finest stated


@dataclass(frozen=True)
class ThresholdResult:
    """A threshold judged at the value."""

    threshold: Threshold
    met: bool
    margin: Fraction  # distance inside the limit (negative: outside), in the indicator's unit


@dataclass(frozen=True)
class TargetResult:
    """The value against one named target (省下达, 力争 ...)."""

    target: NamedTarget
    completion: Fraction | None  # in %, for a flow or a stock; a rate gets none
    gap: Fraction  # value - target, in the indicator's unit (points for a rate)

    @property
    def reached(self) -> bool:
        """True when the value is at or above the target."""
        return self.gap >= 0


@dataclass(frozen=True)
class IndicatorResult:
    """Everything computed for one indicator in one region."""

    indicator: Indicator
    region: str
    observation: Observation | None
    value: Fraction | None = None
    value_decimals: int = 2
    completion: Fraction | None = None
    pace: Fraction | None = None
    pace_status: PaceStatus | None = None
    changes: list[ChangeResult] = field(default_factory=list)
    thresholds: list[ThresholdResult] = field(default_factory=list)
    parts_sum: Fraction | None = None
    parts_missing: list[str] = field(default_factory=list)
    parts_decimals: int = 2  # the finest precision of the parts, in this unit
    parts_approximate: bool = False  # a part is stated with 多, 近, 约 ...
    # A target implied by the completion rate, a ratio from its operands, shares.
    relations: RelationFigures = field(default_factory=RelationFigures)
    # Every named target judged (the primary first), and where the region's targets come
    # from: None where no target applies at all.
    targets: list[TargetResult] = field(default_factory=list)
    target_source: TargetSource | None = None

    @property
    def over_plan(self) -> Fraction | None:
        """超计划: completion - 100%, when the target is exceeded."""
        if self.completion is None or self.completion <= HUNDRED:
            return None
        return self.completion - HUNDRED

    @property
    def threshold_level(self) -> Level | None:
        """The worst level of a missed threshold, or None when all are met."""
        missed = {t.threshold.level for t in self.thresholds if not t.met}
        if Level.FAIL in missed:
            return Level.FAIL
        return Level.WARN if missed else None

    def change(self, base: Base | dt.date) -> ChangeResult | None:
        """The change against `base`, if one is stated."""
        return next((c for c in self.changes if c.stated.base == base), None)


def value_in(figure: Figure, unit: Unit | None, target: Unit) -> Fraction:
    """A stated figure converted from its unit to `target` (same base)."""
    source = unit or target
    return target.from_base(source.to_base(figure.exact))


def completion_rate(actual: Fraction, target: Fraction) -> Fraction:
    """完成率 = actual / annual target x 100%."""
    if target <= 0:
        raise ValueError("the target must be greater than zero")
    return actual / target * HUNDRED


def growth_rate(current: Fraction, previous: Fraction) -> Fraction:
    """增长率 = (current - previous) / previous x 100%."""
    if previous == 0:
        raise ZeroDivisionError("growth from zero is undefined")
    return (current - previous) / previous * HUNDRED


def implied_previous(current: Fraction, growth_pct: Fraction) -> Fraction:
    """The previous value implied by the current value and its growth rate."""
    factor = 1 + growth_pct / HUNDRED
    if factor == 0:
        raise ZeroDivisionError("a -100% change leaves no previous value to imply")
    return current / factor


def pace_status(
    completion: Fraction, pace_pct: Fraction, tolerance: Fraction = DEFAULT_TOLERANCE
) -> PaceStatus:
    """已完成 at 100% or more; else 超进度 / 达进度 / 欠进度 against pace +- tolerance."""
    if completion >= HUNDRED:
        return PaceStatus.COMPLETED
    if completion > pace_pct + tolerance:
        return PaceStatus.AHEAD
    if completion < pace_pct - tolerance:
        return PaceStatus.BEHIND
    return PaceStatus.ON_PACE


def judge_threshold(value: Fraction, threshold: Threshold) -> ThresholdResult:
    """Judge a value against a limit by GB/T 8170's full or rounded comparison."""
    lower, upper = limits(threshold)
    compared = value
    if threshold.method is CompareMethod.ROUNDED:
        # 修约值比较法: round the value to the limit's digits, then compare.
        compared = Fraction(round_gb(value, threshold.value.decimals))
    inclusive = bool(threshold.inclusive)
    margins = []
    met = True
    if lower is not None:
        margins.append(compared - lower)
        met &= compared >= lower if inclusive else compared > lower
    if upper is not None:
        margins.append(upper - compared)
        met &= compared <= upper if inclusive else compared < upper
    return ThresholdResult(threshold=threshold, met=met, margin=min(margins))


def limits(threshold: Threshold) -> tuple[Fraction | None, Fraction | None]:
    """The (lower, upper) limits of a threshold, a 左右 band's tolerance applied."""
    value = threshold.value.exact
    if threshold.kind is ThresholdKind.FLOOR:
        return value, None
    if threshold.kind is ThresholdKind.CEILING:
        return None, value
    if threshold.tolerance is not None:
        return value - threshold.tolerance.exact, value + threshold.tolerance.exact
    assert threshold.upper is not None  # checked by the model
    return value, threshold.upper.exact


def compute_change(
    change: Change,
    value: Fraction | None,
    indicator: Indicator,
    value_decimals: int = 2,
    stated_unit: Unit | None = None,
) -> ChangeResult:
    """Fill in previous value and every change measure from what is stated.

    Stated previous values and absolute changes are in `stated_unit` (the
    figure's own unit, when it is not the indicator's) unless `abs_unit` says
    otherwise; results are in the indicator's unit.
    """
    unit = indicator.unit
    is_rate = indicator.measure is Measure.RATE
    previous: Fraction | None = None
    implied = False
    if change.previous is not None:
        previous = value_in(change.previous, stated_unit, unit)
    elif value is not None:
        implied = True
        if change.abs is not None:
            previous = value - value_in(change.abs, change.abs_unit or stated_unit, unit)
        elif change.pp is not None and is_rate:
            previous = value - change.pp.exact
        elif change.pct is not None and change.pct.exact != -HUNDRED:
            # (a -100% change implies no previous value: nothing to divide by)
            previous = implied_previous(value, change.pct.exact)
        else:
            implied = False
    absolute = relative = points = None
    if value is not None and previous is not None:
        absolute = value - previous
        if is_rate:
            points = absolute
        elif previous != 0:
            relative = growth_rate(value, previous)
    else:
        absolute = (
            value_in(change.abs, change.abs_unit or stated_unit, unit) if change.abs else None
        )
        relative = change.pct.exact if change.pct and not is_rate else None
        points = change.pp.exact if change.pp else None

    # 221.2 - 208.52 is 12.68: show the finest precision any stated input has.
    def places(figure: Figure | None, in_unit: Unit | None) -> list[int]:
        if figure is None:
            return []
        return [figure.decimals + unit.power - (in_unit or unit).power]

    stated = [
        *places(change.abs, change.abs_unit or stated_unit),
        *places(change.previous, stated_unit),
        *places(change.pp, None),
    ]
    decimals = max([value_decimals, *stated, 0])
    return ChangeResult(change, previous, implied, absolute, relative, points, decimals)


def compute_indicator(
    indicator: Indicator,
    observation: Observation | None,
    *,
    region: str,
    pace_method: PaceMethod = PaceMethod.DAYS,
    tolerance: Fraction = DEFAULT_TOLERANCE,
    part_values: dict[str, Fraction | None] | None = None,
    parts_decimals: int = 2,
    parts_approximate: bool = False,
    target_source: TargetSource | None = None,
    year: int | None = None,
) -> IndicatorResult:
    """Compute one indicator from its stated observation (None: nothing stated).

    The indicator carries the targets it is judged by (see hrkpi.core.targets);
    `target_source` says where they come from. `year` is the report's year: a
    figure standing in another year is judged by no target and gets no pace,
    since the annual targets and the schedule are this year's.
    """
    parts_sum, missing = _sum_parts(indicator, part_values or {})
    if observation is None:
        return IndicatorResult(
            indicator,
            region,
            None,
            parts_sum=parts_sum,
            parts_missing=missing,
            parts_decimals=parts_decimals,
            parts_approximate=parts_approximate,
            target_source=target_source,
        )
    stated = observation.stated
    value = None
    decimals = indicator.decimals if indicator.decimals is not None else 2
    if stated.value is not None:
        value = value_in(stated.value, stated.unit, indicator.unit)
        # A stated value is shown as stated: "4.2" stays 4.2, never 4.20; in
        # another unit its precision moves with the unit (10元 is 0.0010万元).
        shift = indicator.unit.power - (stated.unit or indicator.unit).power
        decimals = max(stated.value.decimals + shift, 0)
    completion = pace = status = None
    this_year = not observation.other_year and (year is None or observation.as_of.year == year)
    targets = judge_targets(indicator, value) if this_year else []
    if targets and targets[0].completion is not None:
        completion = targets[0].completion
        if indicator.measure is Measure.FLOW:
            # Only a flow accumulates over the year: a stock or rate has no schedule pace.
            pace = pace_share(observation.as_of, pace_method) * HUNDRED
            status = pace_status(completion, pace, tolerance)
    changes = [compute_change(c, value, indicator, decimals, stated.unit) for c in stated.changes]
    thresholds = (
        [judge_threshold(value, t) for t in indicator.thresholds] if value is not None else []
    )
    return IndicatorResult(
        indicator=indicator,
        region=region,
        observation=observation,
        value=value,
        value_decimals=decimals,
        completion=completion,
        pace=pace,
        pace_status=status,
        changes=changes,
        thresholds=thresholds,
        parts_sum=parts_sum,
        parts_missing=missing,
        parts_decimals=parts_decimals,
        parts_approximate=parts_approximate,
        targets=targets,
        target_source=target_source,
    )


def judge_targets(indicator: Indicator, value: Fraction | None) -> list[TargetResult]:
    """The value against each of the indicator's targets, the primary first.

    A flow's or stock's completion is value / target x 100%; a rate's target is
    met or missed by a margin in points, with no completion rate.
    """
    if value is None or indicator.direction is not Direction.HIGHER:
        return []
    found = []
    for named in indicator.named_targets:
        target = named.value.exact
        rate = indicator.measure is Measure.RATE
        completion = None if rate else completion_rate(value, target)
        found.append(TargetResult(named, completion, value - target))
    return found


def _sum_parts(
    indicator: Indicator, part_values: dict[str, Fraction | None]
) -> tuple[Fraction | None, list[str]]:
    if not indicator.parts:
        return None, []
    missing = [p for p in indicator.parts if part_values.get(p) is None]
    if missing:
        return None, missing
    values = [part_values[p] for p in indicator.parts]
    return sum((v for v in values if v is not None), Fraction(0)), []

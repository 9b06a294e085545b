"""The target a completion rate implies when the report does not print it.

"新增就业12345人, 完成全年目标任务的61.7%": the target lies in value / rate, each
figure spanning its rounding interval (the check engine's interval code). The rule
is small on purpose: issue #9 gives `hrkpi check` a verdict of its own for it, and
this function moves there.
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction

from hrkpi.checks.figures import figure_interval
from hrkpi.core.intervals import Interval
from hrkpi.core.observations import Observation
from hrkpi.core.units import Unit

HUNDRED = Fraction(100)


@dataclass(frozen=True)
class ImpliedTarget:
    """The targets a stated value and completion rate allow, in the value's unit."""

    interval: Interval
    round_target: Fraction | None  # the roundest number inside (4万 in [3.98万, 4.02万])


def implied_target(obs: Observation, unit: Unit, *, whole: bool) -> ImpliedTarget | None:
    """value / (rate / 100) over both figures' rounding intervals (None if not computable)."""
    stated = obs.stated
    if stated.value is None or stated.completion is None:
        return None
    value = figure_interval(stated.value, obs, None, unit, whole=whole)
    rate = stated.completion.interval(obs.rounding).scale(Fraction(1, 100))
    if rate.reaches_zero() or value.empty:
        return None
    interval = value / rate
    return ImpliedTarget(interval, roundest(interval))


def roundest(iv: Interval) -> Fraction | None:
    """The number inside with the fewest significant digits (None for an unbounded interval)."""
    if iv.empty or iv.hi <= 0:
        return None
    step = Fraction(10) ** len(str(int(iv.hi)))
    while step > Fraction(1, 10**6):
        k = -(-iv.lo // step)  # the first multiple of step at or above lo
        for candidate in (k * step, (k + 1) * step):
            if candidate in iv:
                return candidate
        step /= 10
    return None

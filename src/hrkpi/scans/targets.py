"""The target a completion rate implies when the report does not print it.

"新增就业12345人, 完成全年目标任务的61.7%": the target lies in value / rate, each
figure spanning its rounding interval. `hrkpi check` works it out (the verdict
target_not_printed, hrkpi.checks.completion); the scan shows it beside the sentence.
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction

from hrkpi.checks.findings import Finding
from hrkpi.core.intervals import Interval


@dataclass(frozen=True)
class ImpliedTarget:
    """The targets a stated value and completion rate allow, in the value's unit."""

    interval: Interval
    round_target: Fraction | None  # the roundest number inside (4万 in [3.98万, 4.02万])


def implied_target(f: Finding) -> ImpliedTarget | None:
    """The targets a `target_not_printed` finding gives, and the roundest of them."""
    if f.computed is None:
        return None
    return ImpliedTarget(f.computed, Fraction(f.implied) if f.implied else None)

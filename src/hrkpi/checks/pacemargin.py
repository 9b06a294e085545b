"""超序时进度12.3个百分点: a completion rate's stated distance to schedule pace.

Reports reckon pace by months (时间过半: 50% at the end of June) or by days (182/366
= 49.73%). Either reckoning that fits makes the figure consistent — the run's own
(`--pace`) first — and the finding names the one used, so a report is never failed
for its choice of reckoning.
"""

from __future__ import annotations

from dataclasses import replace

from hrkpi.checks.figures import figure_interval, finding, not_checkable, stated_unit, used
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
from hrkpi.core.intervals import Interval
from hrkpi.core.models import Indicator
from hrkpi.core.numbers import format_decimal
from hrkpi.core.observations import Observation
from hrkpi.core.pace import PaceMethod, pace_share
from hrkpi.core.relations import Margin
from hrkpi.engine.indicator import HUNDRED

POINTS = "个百分点"
PACE_LABEL = "序时进度"


def _completion(ind: Indicator, obs: Observation) -> tuple[Interval, UsedFigure] | None:
    """The completion rate (%) as stated, else as the value over the primary target."""
    stated = obs.stated
    if stated.completion is not None:
        fig = used(obs, Role.COMPLETION, stated.completion, "%", "completion")
        return stated.completion.interval(obs.rounding), fig
    if stated.value is None or ind.target is None:
        return None
    v = figure_interval(stated.value, obs, stated.unit, ind.unit, whole=ind.is_integer)
    fig = used(obs, Role.VALUE, stated.value, stated_unit(obs, ind), "value", whole=ind.is_integer)
    return v.scale(HUNDRED / ind.target.exact), fig


def check_pace_margin(
    ind: Indicator, obs: Observation, k: int, margin: Margin, pace_method: PaceMethod
) -> Finding:
    """The stated distance of the completion rate above (or below) schedule pace."""
    below = margin.below is not None
    by = margin.below if margin.below is not None else margin.above
    assert by is not None
    key = f"margins.{k}.{'below' if below else 'above'}"
    margin_fig = used(obs, Role.MARGIN, by, POINTS, key)
    found = _completion(ind, obs)
    if found is None:
        return not_checkable(
            CheckKind.MARGIN, obs, key, by, Reason.NO_TARGET, unit=POINTS, figures=(margin_fig,)
        )
    completion, rate_fig = found
    stated_iv = by.interval(obs.rounding)
    tried = []
    for method in [pace_method, *(m for m in PaceMethod if m is not pace_method)]:
        pace = pace_share(obs.as_of, method) * HUNDRED
        gap = completion - Interval.point(pace)
        tried.append((method, pace, -gap if below else gap))
    fits = [t for t in tried if stated_iv.meets(t[2])]
    method, pace, computed = fits[0] if fits else tried[0]
    f = finding(
        CheckKind.MARGIN,
        obs,
        key,
        by,
        stated_iv,
        computed,
        unit=POINTS,
        figures=(rate_fig, margin_fig),
    )
    detail = LimitDetail(
        value=format_decimal(pace, 2),
        word="below" if below else "above",
        label=PACE_LABEL,
        method=method.value,  # the pace's reckoning: days or months
        met=f.verdict is Verdict.CONSISTENT,
    )
    f = replace(f, limit=detail)
    if not fits and any(stated_iv.meets(-t[2]) for t in tried):
        f = replace(f, hint=Hint(HintCode.OTHER_SIDE, by.literal))
    return f

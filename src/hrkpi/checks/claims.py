"""Claims a report makes about limits and pace, and the limits themselves."""

from __future__ import annotations

from collections.abc import Iterator
from fractions import Fraction

from hrkpi.checks.figures import (
    PACE_ORDER,
    FigureAt,
    figure_interval,
    not_checkable,
    provenance,
    stated_unit,
    used,
)
from hrkpi.checks.findings import (
    CheckKind,
    Finding,
    LimitDetail,
    PaceDetail,
    Reason,
    Role,
    Verdict,
)
from hrkpi.core.intervals import Interval
from hrkpi.core.models import (
    CompareMethod,
    Indicator,
    Measure,
    Threshold,
)
from hrkpi.core.numbers import Figure, RoundingMode
from hrkpi.core.observations import Observation
from hrkpi.core.pace import PaceMethod, pace_share
from hrkpi.core.units import Unit
from hrkpi.engine.indicator import HUNDRED, judge_threshold, limits, pace_status


def _satisfying(threshold: Threshold, around: Interval) -> list[Interval]:
    """The values of `around` and beyond meeting a threshold, as intervals (GB/T 8170 full
    or rounded comparison)."""
    limit = threshold.value
    inclusive = bool(threshold.inclusive)
    lo_v, hi_v = limits(threshold)
    # A limit open on one side is unbounded there: the set is only ever met with
    # `around`, so an end beyond both it and the limit is infinity exactly, whatever
    # the figure's size (a constant stand-in would judge a larger figure outside).
    ends = [around.lo, around.hi, *(x for x in (lo_v, hi_v) if x is not None)]
    far = max(abs(x) for x in ends) + 1 + limit.step
    lo, lo_c, hi, hi_c = -far, True, far, True
    if threshold.method is not CompareMethod.ROUNDED:
        if lo_v is not None:
            lo, lo_c = lo_v, inclusive
        if hi_v is not None:
            hi, hi_c = hi_v, inclusive
        return [Interval(lo, hi, lo_c, hi_c)]
    # 修约值比较法: the value rounded to the limit's digits is compared. Rounded
    # values move in steps, so "< 4" on rounded values means "rounds to 3 or
    # less": x below 3.5, and "<= 4" means x below 4.5; each boundary belongs
    # to the side its own rounding (half to even) puts it on.
    half = limit.step / 2
    if lo_v is not None:
        lo = lo_v - half if inclusive else lo_v + half
        lo_c = _passes_rounded(lo, threshold)
    if hi_v is not None:
        hi = hi_v + half if inclusive else hi_v - half
        hi_c = _passes_rounded(hi, threshold)
    return [Interval(lo, hi, lo_c, hi_c)]


def _passes_rounded(x: Fraction, threshold: Threshold) -> bool:
    return judge_threshold(x, threshold).met


def _limit(
    t: Threshold,
    met: bool,
    *,
    margin: Fraction | None = None,
    margin_places: int = 2,
    claim_within: bool | None = None,
) -> LimitDetail:
    return LimitDetail(
        value=t.value.literal,
        word=t.word or str(t.kind.value if t.kind else ""),
        label=t.label or "",
        method=t.method.value,
        met=met,
        margin=margin,
        margin_places=margin_places,
        claim_within=claim_within,
        level=t.level.value,
    )


def check_threshold_claim(ind: Indicator, obs: Observation) -> Iterator[Finding]:
    """ "在4%以内" as stated: some value within the figure's precision must agree."""
    stated = obs.stated
    claim = stated.meets_threshold
    if claim is None or stated.value is None:
        return
    value_fig = used(obs, Role.VALUE, stated.value, stated_unit(obs, ind), "value")
    if not ind.thresholds:
        yield not_checkable(
            CheckKind.THRESHOLD_CLAIM,
            obs,
            "meets_threshold",
            stated.value,
            Reason.NO_THRESHOLD,
            unit=stated_unit(obs, ind).symbol,
            figures=(value_fig,),
        )
        return
    v = figure_interval(stated.value, obs, stated.unit, ind.unit, whole=ind.is_integer)
    for t in ind.thresholds:
        meets = _satisfying(t, v)
        possible = any(v.meets(m) for m in meets) if claim else not _inside_all(v, meets)
        yield Finding(
            CheckKind.THRESHOLD_CLAIM,
            obs.indicator,
            obs.region,
            Verdict.CONSISTENT if possible else Verdict.INCONSISTENT,
            obs.file,
            obs.line_of("meets_threshold"),
            stated.value.literal,
            decimals=stated.value.decimals,
            unit=ind.unit.symbol,
            computed=v,
            figures=(value_fig,),
            limit=_limit(t, possible, claim_within=claim),
            **provenance(obs),
        )


def _inside_all(v: Interval, meets: list[Interval]) -> bool:
    """True when every value of v satisfies the threshold."""
    return any(v.intersect(m) == v for m in meets)


def check_pace_claim(
    ind: Indicator, obs: Observation, pace_method: PaceMethod, tolerance: Fraction
) -> Iterator[Finding]:
    """A stated 超进度 / 欠进度 against what the actual's precision allows."""
    stated = obs.stated
    if stated.pace_status is None or stated.value is None or ind.target is None:
        return
    v = figure_interval(stated.value, obs, stated.unit, ind.unit, whole=ind.is_integer)
    v = v.scale(HUNDRED / ind.target.exact)
    pace = pace_share(obs.as_of, pace_method) * HUNDRED
    lo, hi = _reachable_ends(v, [HUNDRED, pace + tolerance, pace - tolerance])
    low = PACE_ORDER.index(pace_status(lo, pace, tolerance))
    high = PACE_ORDER.index(pace_status(hi, pace, tolerance))
    ok = low <= PACE_ORDER.index(stated.pace_status) <= high
    yield Finding(
        CheckKind.PACE_CLAIM,
        obs.indicator,
        obs.region,
        Verdict.CONSISTENT if ok else Verdict.INCONSISTENT,
        obs.file,
        obs.line_of("pace_status"),
        stated.pace_status.value,
        unit="%",
        computed=v,
        figures=(used(obs, Role.VALUE, stated.value, stated_unit(obs, ind), "value"),),
        pace=PaceDetail(
            stated.pace_status.value, pace, PACE_ORDER[low].value, PACE_ORDER[high].value
        ),
        **provenance(obs),
    )


def _reachable_ends(v: Interval, breakpoints: list[Fraction]) -> tuple[Fraction, Fraction]:
    """Values standing for the interval's ends: an open end is replaced by a value
    just inside it, nearer than any breakpoint, so a status changing exactly at
    the open end (100% for 已完成) is not counted as reachable."""
    gaps = [abs(b - e) for b in breakpoints for e in (v.lo, v.hi) if b != e]
    width = v.hi - v.lo
    delta = min([width / 2, *gaps]) / 2 if width else Fraction(0)
    return (v.lo if v.lo_closed else v.lo + delta, v.hi if v.hi_closed else v.hi - delta)


def check_thresholds(ind: Indicator, obs: Observation) -> Iterator[Finding]:
    """The stated value judged against each limit (warn and fail levels)."""
    stated = obs.stated
    if stated.value is None:
        return
    at = FigureAt(obs.indicator, obs.region, obs.file, obs.line_of("value"), provenance(obs))
    yield from limit_findings(ind, stated.value, stated.unit, obs.rounding, at)


def limit_findings(
    ind: Indicator, value: Figure, unit: Unit | None, rounding: RoundingMode, at: FigureAt
) -> Iterator[Finding]:
    """`value` (stated in `unit`, else the indicator's) judged against each limit of
    `ind`: check_thresholds' rule for a figure given by its parts."""
    own = unit or ind.unit
    stated_iv = value.interval(rounding)
    v, exact = stated_iv, value.exact  # figure_interval's, in the indicator's unit
    if own.power != ind.unit.power:
        ratio = own.multiplier / ind.unit.multiplier
        v, exact = stated_iv.scale(ratio), exact * ratio
    figure = at.value(value, own.symbol, stated_iv)
    # As the table: never fewer decimals than the value itself (3.56 vs 4: 0.44).
    shown = value.decimals + ind.unit.power - own.power
    for t in ind.thresholds:
        result = judge_threshold(exact, t)
        verdict = (
            Verdict.PASS
            if result.met
            else (Verdict.FAIL if t.level.value == "fail" else Verdict.WARN)
        )
        places = max(t.value.decimals, shown, 2 if ind.measure is Measure.RATE else 0)
        yield Finding(
            CheckKind.THRESHOLD,
            at.indicator,
            at.region,
            verdict,
            at.file,
            at.line,
            value.literal,
            decimals=value.decimals,
            unit=ind.unit.symbol,
            computed=v,
            figures=(figure,),
            limit=_limit(t, result.met, margin=result.margin, margin_places=places),
            **at.provenance,
        )

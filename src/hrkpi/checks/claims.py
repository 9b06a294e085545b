"""Claims a report makes about limits and pace, and the limits themselves."""

from __future__ import annotations

from collections.abc import Iterator
from fractions import Fraction

from hrkpi.checks.figures import (
    _FAR,
    _PACE_ORDER,
    _not_checkable,
    figure_interval,
    show_interval,
)
from hrkpi.checks.findings import CheckKind, Finding, Verdict
from hrkpi.core.intervals import Interval
from hrkpi.core.models import (
    CompareMethod,
    Indicator,
    Measure,
    Threshold,
)
from hrkpi.core.numbers import format_decimal
from hrkpi.core.observations import Observation
from hrkpi.core.pace import PaceMethod, pace_share
from hrkpi.engine.indicator import HUNDRED, judge_threshold, limits, pace_status


def _satisfying(threshold: Threshold) -> list[Interval]:
    """The values meeting a threshold, as intervals (GB/T 8170 full or rounded comparison)."""
    limit = threshold.value
    inclusive = bool(threshold.inclusive)
    lo_v, hi_v = limits(threshold)
    lo, lo_c, hi, hi_c = -_FAR, True, _FAR, True
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


def check_threshold_claim(ind: Indicator, obs: Observation) -> Iterator[Finding]:
    """ "在4%以内" as stated: some value within the figure's precision must agree."""
    stated = obs.stated
    claim = stated.meets_threshold
    if claim is None or stated.value is None:
        return
    if not ind.thresholds:
        yield _not_checkable(
            CheckKind.THRESHOLD_CLAIM,
            obs,
            "meets_threshold",
            stated.value,
            f"{ind.name}: stated within its limit",
            "the definition has no thresholds; add one",
        )
        return
    v = figure_interval(stated.value, obs, stated.unit, ind.unit, whole=ind.is_integer)
    for t in ind.thresholds:
        meets = _satisfying(t)
        possible = any(v.meets(m) for m in meets) if claim else not _inside_all(v, meets)
        word = "within" if claim else "outside"
        yield Finding(
            CheckKind.THRESHOLD_CLAIM,
            obs.indicator,
            obs.region,
            Verdict.CONSISTENT if possible else Verdict.INCONSISTENT,
            f"{ind.name}: {stated.value.literal} stated {word} its limit {t.word or t.kind} "
            f"{t.value.literal}",
            obs.file,
            obs.line_of("meets_threshold"),
            stated.value.literal,
            v,
            reason=f"{stated.value.literal} spans {show_interval(v, stated.value.decimals)}; "
            f"compared by the {t.method.value} value (GB/T 8170)",
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
    low = _PACE_ORDER.index(pace_status(lo, pace, tolerance))
    high = _PACE_ORDER.index(pace_status(hi, pace, tolerance))
    ok = low <= _PACE_ORDER.index(stated.pace_status) <= high
    yield Finding(
        CheckKind.PACE_CLAIM,
        obs.indicator,
        obs.region,
        Verdict.CONSISTENT if ok else Verdict.INCONSISTENT,
        f"{ind.name}: stated {stated.pace_status.value} at pace {format_decimal(pace, 2)}%",
        obs.file,
        obs.line_of("pace_status"),
        stated.pace_status.value,
        v,
        reason=f"completion lies in {show_interval(v, 2)}%, which is "
        f"{_PACE_ORDER[low].value}" + (f" to {_PACE_ORDER[high].value}" if high != low else ""),
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
    v = figure_interval(stated.value, obs, stated.unit, ind.unit)
    value = stated.value.exact * (stated.unit or ind.unit).multiplier / ind.unit.multiplier
    for t in ind.thresholds:
        result = judge_threshold(value, t)
        verdict = (
            Verdict.PASS
            if result.met
            else (Verdict.FAIL if t.level.value == "fail" else Verdict.WARN)
        )
        # As the table: never fewer decimals than the value itself (3.56 vs 4: 0.44).
        shown = stated.value.decimals + ind.unit.power - (stated.unit or ind.unit).power
        margin_places = max(t.value.decimals, shown, 2 if ind.measure is Measure.RATE else 0)
        unit = "percentage points" if ind.measure is Measure.RATE else ind.unit.symbol
        yield Finding(
            CheckKind.THRESHOLD,
            obs.indicator,
            obs.region,
            verdict,
            f"{ind.name}: {stated.value.literal} against {t.label or 'limit'} "
            f"{t.word or t.kind} {t.value.literal}",
            obs.file,
            obs.line_of("value"),
            stated.value.literal,
            v,
            reason=("met" if result.met else "missed")
            + f", {format_decimal(abs(result.margin), margin_places)} {unit} "
            + ("to spare" if result.met else "beyond the limit")
            + f" ({t.method.value}-value comparison)",
        )

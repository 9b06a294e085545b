"""Rounding-aware consistency of stated figures (the method of `hrkpi check`).

Each derived figure a report states (completion %, growth %, absolute and
percentage-point changes, totals, threshold and pace claims) is recomputed from
its stated inputs as an interval, each input spanning the rounding interval of
its literal. The stated figure is consistent when its own rounding interval
meets the recomputed one: when some value of the inputs, within their
precision, gives it. Counts are checked sharper, as GRIM does: a change % on
a count must come from a whole-number base.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from decimal import Decimal
from fractions import Fraction

from hrkpi.catalog import Catalog
from hrkpi.engine import HUNDRED, judge_threshold, pace_status
from hrkpi.findings import CheckKind, CheckReport, Finding, Verdict
from hrkpi.intervals import Interval, hull_all
from hrkpi.models import (
    Change,
    CompareMethod,
    Direction,
    Indicator,
    Measure,
    PaceStatus,
    Threshold,
    ThresholdKind,
)
from hrkpi.numbers import Figure, RoundingMode, format_decimal, round_gb
from hrkpi.observations import Dataset, Observation
from hrkpi.pace import PaceMethod, pace_share
from hrkpi.units import Unit

_FAR = Fraction(10) ** 30  # stands in for infinity at the open end of a limit
_PACE_ORDER = [PaceStatus.BEHIND, PaceStatus.ON_PACE, PaceStatus.AHEAD, PaceStatus.COMPLETED]


def figure_interval(
    fig: Figure, obs: Observation, unit: Unit | None, target: Unit, *, whole: bool = False
) -> Interval:
    """The values a stated literal can stand for, in the `target` unit.

    With `whole`, the figure is a count: only whole numbers of the base unit
    are possible, so "686家" is exactly 686 and "29件" exactly 29.
    """
    source = unit or target
    iv = fig.interval(obs.rounding).scale(source.multiplier)
    if whole:
        iv = whole_numbers(iv)
    return iv.scale(1 / target.multiplier)


def whole_numbers(iv: Interval) -> Interval:
    """The tightest closed interval holding the whole numbers of `iv` (empty if none)."""
    lo = iv.lo.__ceil__()
    if lo == iv.lo and not iv.lo_closed:
        lo += 1
    hi = iv.hi.__floor__()
    if hi == iv.hi and not iv.hi_closed:
        hi -= 1
    if lo > hi:
        return Interval(Fraction(1), Fraction(0))  # empty: no count has this literal
    return Interval(Fraction(lo), Fraction(hi))


def show_interval(iv: Interval, places: int) -> str:
    """An interval for people: ends rounded outwards, two more decimals than stated."""
    d = max(places + 2, 2)
    if iv.lo == iv.hi and iv.lo_closed and iv.hi_closed:
        return (
            f"{format_decimal(iv.lo, max(places, 0))}"
            if iv.lo * 10 ** max(places, 0)
            == round_gb(iv.lo, max(places, 0)) * 10 ** max(places, 0)
            else f"{format_decimal(iv.lo, d)}"
        )
    lo = Fraction(round_gb(iv.lo - Fraction(1, 10 ** (d + 1)) * 5, d)) if iv.lo else iv.lo
    hi = Fraction(round_gb(iv.hi + Fraction(1, 10 ** (d + 1)) * 5, d)) if iv.hi else iv.hi
    left = "[" if iv.lo_closed else "("
    right = "]" if iv.hi_closed else ")"
    return f"{left}{format_decimal(lo, d)}, {format_decimal(hi, d)}{right}"


def consistent_literals(
    computed: Interval, stated: Figure, mode: RoundingMode
) -> tuple[str, str] | None:
    """The lowest and highest literals, at the stated decimals, whose rounding
    interval meets `computed` (None when none does, or for approximate figures)."""
    if stated.approx is not None or computed.empty:
        return None
    step = stated.step
    places = stated.decimals

    def literal(k: int) -> Figure:
        text = format_decimal(k * step, places)
        return Figure(text, round_gb(k * step, places), places)

    def meets(k: int) -> bool:
        return literal(k).interval(mode).meets(computed)

    low = int((computed.lo / step).__floor__()) - 2
    high = int((computed.hi / step).__ceil__()) + 2
    if high - low > 100_000:
        return None
    ks = [k for k in range(low, high + 1) if meets(k)]
    if not ks:
        return None
    return literal(ks[0]).literal, literal(ks[-1]).literal


def _verdict(stated_iv: Interval, computed: Interval) -> Verdict:
    return Verdict.CONSISTENT if stated_iv.meets(computed) else Verdict.INCONSISTENT


def _finding(
    kind: CheckKind,
    obs: Observation,
    key: str,
    stated: Figure,
    stated_iv: Interval,
    computed: Interval,
    relation: str,
    reason: str,
) -> Finding:
    verdict = _verdict(stated_iv, computed)
    consistent = consistent_literals(computed, stated, obs.rounding)
    return Finding(
        kind=kind,
        indicator=obs.indicator,
        region=obs.region,
        verdict=verdict,
        relation=relation,
        file=obs.file,
        line=obs.line_of(key),
        stated=stated.literal,
        computed=computed,
        consistent_values=consistent,
        reason=reason,
    )


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


def _not_checkable(
    kind: CheckKind, obs: Observation, key: str, fig: Figure | None, relation: str, reason: str
) -> Finding:
    return Finding(
        kind,
        obs.indicator,
        obs.region,
        Verdict.NOT_CHECKABLE,
        relation,
        obs.file,
        obs.line_of(key),
        fig.literal if fig else None,
        reason=reason,
    )


def _base_word(change: Change) -> str:
    base = change.base
    if hasattr(base, "isoformat") and not isinstance(base, str):
        return f"since {base.isoformat()}"
    return {"same_period_last_year": "year on year", "end_of_last_year": "since end of last year"}[
        str(base)
    ]


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
        previous = figure_interval(change.previous, obs, None, ind.unit, whole=ind.is_integer)
        how = f"previous {change.previous.literal}"
    if change.abs is not None:
        a = figure_interval(change.abs, obs, change.abs_unit, ind.unit)
        if previous is not None:
            computed = v - previous
            yield _finding(
                CheckKind.CHANGE_ABS,
                obs,
                f"{prefix}.abs",
                change.abs,
                change.abs.interval(obs.rounding).scale(
                    (change.abs_unit or ind.unit).multiplier / ind.unit.multiplier
                ),
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
        if previous.contains_zero():
            yield _not_checkable(
                CheckKind.CHANGE_PCT,
                obs,
                f"{prefix}.pct",
                pct,
                f"{ind.name}: {pct.literal}% {word}",
                "the previous value may be zero; growth is undefined",
            )
            return
        computed = _growth(v, previous, absolute).scale(HUNDRED)
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
    if absolute.contains_zero():
        return absolute / previous
    ratio = v / absolute - one
    if ratio.contains_zero():
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
    if not ind.is_integer or factor.contains_zero():
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


def check_composition(
    ind: Indicator, obs: Observation, catalog: Catalog, latest: dict[tuple[str, str], Observation]
) -> Iterator[Finding]:
    """A total against the sum of its parts, every literal within its precision."""
    stated = obs.stated
    parts = [(p, latest.get((obs.region, p))) for p in ind.parts]
    if stated.value is None:
        return
    missing = [p for p, o in parts if o is None or o.stated.value is None]
    relation = f"{ind.name}: {stated.value.literal} = " + " + ".join(
        (o.stated.value.literal if o and o.stated.value else p) for p, o in parts
    )
    if missing:
        if all(o is not None and o.stated.changes for p, o in parts if p in missing):
            return  # parts stated only as changes: see check_parts_growth
        yield _not_checkable(
            CheckKind.COMPOSITION,
            obs,
            "value",
            stated.value,
            relation,
            f"no stated value for part(s) {', '.join(missing)}",
        )
        return
    total = figure_interval(stated.value, obs, stated.unit, ind.unit, whole=ind.is_integer)
    pieces = []
    for p, o in parts:
        assert o is not None and o.stated.value is not None
        part = catalog.indicators[p]
        pieces.append(
            figure_interval(
                o.stated.value, o, o.stated.unit or part.unit, ind.unit, whole=part.is_integer
            )
        )
    computed = pieces[0]
    for piece in pieces[1:]:
        computed = computed + piece
    yield _finding(
        CheckKind.COMPOSITION,
        obs,
        "value",
        stated.value,
        total,
        computed,
        relation,
        f"the parts add up to {show_interval(computed, stated.value.decimals)}{ind.unit.symbol}; "
        f"the total spans {show_interval(total, stated.value.decimals)}",
    )


def check_parts_growth(
    ind: Indicator, obs: Observation, latest: dict[tuple[str, str], Observation]
) -> Iterator[Finding]:
    """A total's growth is a weighted mean of its parts' growths, so it lies between them."""
    for i, change in enumerate(obs.stated.changes):
        if change.pct is None:
            continue
        rates = []
        for p in ind.parts:
            o = latest.get((obs.region, p))
            same = [c for c in (o.stated.changes if o else []) if c.base == change.base and c.pct]
            if not same or o is None:
                break
            rate = same[0].pct
            assert rate is not None
            rates.append((rate, o))
        else:
            if not rates:
                continue
            hull = hull_all(r.interval(o.rounding) for r, o in rates)
            listed = ", ".join(f"{r.literal}%" for r, _ in rates)
            yield _finding(
                CheckKind.PARTS_GROWTH,
                obs,
                f"changes.{i}.pct",
                change.pct,
                change.pct.interval(obs.rounding),
                hull,
                f"{ind.name}: {change.pct.literal}% {_base_word(change)} lies within its parts' "
                f"growths ({listed})",
                "a total's growth is its parts' growths weighted by their bases",
            )


def _satisfying(threshold: Threshold) -> list[Interval]:
    """The values meeting a threshold, as intervals (GB/T 8170 full or rounded comparison)."""
    limit = threshold.value
    inclusive = bool(threshold.inclusive)
    lower_fig, upper_fig = threshold.bounds
    lo_v: Fraction | None
    hi_v: Fraction | None
    if threshold.kind is ThresholdKind.BAND and threshold.tolerance is not None:
        lo_v = limit.exact - threshold.tolerance.exact
        hi_v = limit.exact + threshold.tolerance.exact
    else:
        lo_v = lower_fig.exact if lower_fig else None
        hi_v = upper_fig.exact if upper_fig else None
    lo, lo_c, hi, hi_c = -_FAR, True, _FAR, True
    half = limit.step / 2 if threshold.method is CompareMethod.ROUNDED else Fraction(0)
    if lo_v is not None:
        lo, lo_c = lo_v - half, inclusive
        if half:
            # A value at the half-step rounds onto the limit (or not) by half-even.
            lo_c = _passes_rounded(lo, threshold)
    if hi_v is not None:
        hi, hi_c = hi_v + half, inclusive
        if half:
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
    low = _PACE_ORDER.index(pace_status(v.lo, pace, tolerance))
    high = _PACE_ORDER.index(pace_status(v.hi, pace, tolerance))
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
        margin_places = max(t.value.decimals, 2 if ind.measure is Measure.RATE else 0)
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


def check_dataset(
    catalog: Catalog,
    dataset: Dataset,
    *,
    rounding: RoundingMode | None = None,
    method: CompareMethod | None = None,
    pace_method: PaceMethod = PaceMethod.DAYS,
    tolerance: Fraction = Fraction(1),
) -> CheckReport:
    """Check every stated figure of every observation; findings in report order.

    `rounding` overrides each data file's rounding mode; `method` overrides each
    threshold's comparison method.
    """
    latest = dataset.latest()
    order = {ind_id: i for i, ind_id in enumerate(i.id for i in catalog.ordered())}
    observations = sorted(latest.values(), key=lambda o: (o.region, order.get(o.indicator, 0)))
    findings: list[Finding] = []
    for obs in observations:
        if rounding is not None:
            obs = _with_rounding(obs, rounding)
        ind = catalog.indicators[obs.indicator]
        if method is not None:
            ind = ind.model_copy(
                update={
                    "thresholds": [t.model_copy(update={"method": method}) for t in ind.thresholds]
                }
            )
        findings.extend(check_completion(ind, obs))
        for i, change in enumerate(obs.stated.changes):
            findings.extend(check_change(ind, obs, i, change))
        if ind.parts:
            findings.extend(check_composition(ind, obs, catalog, latest))
            findings.extend(check_parts_growth(ind, obs, latest))
        findings.extend(check_threshold_claim(ind, obs))
        findings.extend(check_pace_claim(ind, obs, pace_method, tolerance))
        if ind.direction is Direction.LOWER or ind.thresholds:
            findings.extend(check_thresholds(ind, obs))
    return CheckReport(findings)


def _with_rounding(obs: Observation, rounding: RoundingMode) -> Observation:
    return replace(obs, rounding=rounding)

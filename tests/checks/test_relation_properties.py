"""Properties of the relations added for issue #9 (shares, ratios, margins, 其中 lists,
a total's change from its parts, restatements, targets not printed).

For each: figures rounded from true values are never called inconsistent, and a
figure moved outside every value its inputs allow is always called inconsistent.
"Outside" is worked out here from the inputs' rounding intervals by monotonicity
(or, for a total's growth from its parts, by trying every corner of the inputs),
independently of the rule's own arithmetic.
"""

from __future__ import annotations

import datetime as dt
import itertools
from fractions import Fraction
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from hrkpi.checks.findings import CheckKind, Finding, Verdict
from hrkpi.checks.partchanges import PartChange, rebuilt_growth
from hrkpi.checks.report import check_dataset
from hrkpi.core.catalog import Catalog
from hrkpi.core.intervals import Interval
from hrkpi.core.models import Indicator, StatedFigure
from hrkpi.core.numbers import RoundingMode, format_decimal, parse_figure
from hrkpi.core.observations import Dataset, Observation

HALF_EVEN = RoundingMode.HALF_EVEN
positive = st.fractions(min_value=Fraction(1, 10), max_value=100_000, max_denominator=1000)
places = st.integers(min_value=0, max_value=3)


def _step(d: int) -> Fraction:
    return Fraction(1, 10**d)


def _lit(x: Fraction, d: int) -> str:
    return format_decimal(x, d)


def _span(text: str) -> Interval:
    return parse_figure(text).interval(HALF_EVEN)


def _above(hi: Fraction, d: int) -> str:
    """A literal at d decimals whose every value lies above `hi`."""
    k = (hi / _step(d)).__floor__() + 2
    return _lit(k * _step(d), d)


def _below(lo: Fraction, d: int) -> str:
    """A literal at d decimals whose every value lies below `lo`."""
    k = (lo / _step(d)).__ceil__() - 2
    return _lit(k * _step(d), d)


def _findings(
    indicators: list[dict[str, Any]], figures: dict[str, dict[str, Any]]
) -> list[Finding]:
    catalog = Catalog()
    for raw in indicators:
        ind = Indicator.model_validate(raw)
        catalog.indicators[ind.id] = ind
    day = dt.date(2024, 12, 31)
    obs = [
        Observation(k, "", day, StatedFigure.model_validate(v), HALF_EVEN, "", "d.yaml", i + 1)
        for i, (k, v) in enumerate(figures.items())
    ]
    return check_dataset(catalog, Dataset(obs)).findings


def _verdict(findings: list[Finding], kind: CheckKind) -> Verdict:
    [f] = [f for f in findings if f.kind is kind]
    return f.verdict


def _stock(ind_id: str, **more: Any) -> dict[str, Any]:
    return {"id": ind_id, "name": "指标", "unit": "万元", "measure": "stock", **more}


@settings(max_examples=150, deadline=None)
@given(positive, positive, places, places, st.booleans())
def test_share(part: Fraction, rest: Fraction, d: int, k: int, move: bool) -> None:
    total = part + rest
    p, t = _lit(part, d), _lit(total, d)
    ps, ts = _span(p), _span(t)
    if ts.lo <= 0:
        return
    share = part / total * 100
    stated = _above(ps.hi / ts.lo * 100, k) if move else _lit(share, k)
    defs = [_stock("t"), _stock("p")]
    figures = {"t": {"value": t}, "p": {"value": p, "shares": [{"of": "t", "pct": stated}]}}
    expected = Verdict.INCONSISTENT if move else Verdict.CONSISTENT
    assert _verdict(_findings(defs, figures), CheckKind.SHARE) is expected


@settings(max_examples=150, deadline=None)
@given(st.lists(positive, min_size=2, max_size=5), places, st.booleans())
def test_shares_of_a_partition(parts: list[Fraction], d: int, move: bool) -> None:
    total = sum(parts, Fraction(0))
    literals = [_lit(p / total * 100, d) for p in parts]
    if move:
        # Every literal's interval holds its true share, so the sum of the intervals
        # is at most n steps wide around 100: n + 1 steps more leaves 100 behind.
        shifted = parse_figure(literals[0]).exact + (len(parts) + 1) * _step(d)
        literals[0] = _lit(shifted, d)
    ids = [f"p{i}" for i in range(len(parts))]
    defs = [_stock("t", parts=ids)] + [_stock(i) for i in ids]
    figures = {i: {"shares": [{"of": "t", "pct": s}]} for i, s in zip(ids, literals, strict=True)}
    expected = Verdict.INCONSISTENT if move else Verdict.CONSISTENT
    assert _verdict(_findings(defs, figures), CheckKind.SHARE_SUM) is expected


@settings(max_examples=150, deadline=None)
@given(positive, positive, places, places, st.booleans())
def test_ratio(num: Fraction, den: Fraction, d: int, k: int, move: bool) -> None:
    n, m = _lit(num, d), _lit(den, d)
    ns, ms = _span(n), _span(m)
    if ms.lo <= 0 or ns.lo < 0:
        return
    stated = _above(ns.hi / ms.lo, k) if move else _lit(num / den, k)
    defs = [
        _stock("n"),
        _stock("m"),
        {
            "id": "r",
            "name": "比率",
            "unit": "倍",
            "measure": "rate",
            "ratio": {"numerator": "n", "denominator": "m"},
        },
    ]
    figures = {"n": {"value": n}, "m": {"value": m}, "r": {"value": stated}}
    expected = Verdict.INCONSISTENT if move else Verdict.CONSISTENT
    assert _verdict(_findings(defs, figures), CheckKind.RATIO) is expected


@settings(max_examples=150, deadline=None)
@given(positive, positive, places, places, st.booleans(), st.booleans())
def test_margin(value: Fraction, gap: Fraction, d: int, k: int, below: bool, move: bool) -> None:
    # A printed limit is exact; the value within its rounding sets the distance.
    limit = value + gap if below else value - gap
    v, lim = _lit(value, d), _lit(limit, 3)
    vs = _span(v)
    exact_limit = Fraction(lim)
    far = (exact_limit - vs.lo) if below else (vs.hi - exact_limit)
    distance = (exact_limit - value) if below else (value - exact_limit)
    if far <= 0 or distance < 0:
        return
    stated = _above(far, k) if move else _lit(distance, k)
    side = "below" if below else "above"
    figures = {"x": {"value": v, "margins": [{side: stated, "limit": lim}]}}
    expected = Verdict.INCONSISTENT if move else Verdict.CONSISTENT
    assert _verdict(_findings([_stock("x")], figures), CheckKind.MARGIN) is expected


@settings(max_examples=150, deadline=None)
@given(st.lists(positive, min_size=1, max_size=4), positive, places, st.booleans())
def test_of_which(parts: list[Fraction], extra: Fraction, d: int, move: bool) -> None:
    literals = [_lit(p, d) for p in parts]
    low = sum((_span(x).lo for x in literals), Fraction(0))
    total = _below(low, d) if move else _lit(sum(parts, Fraction(0)) + extra, d)
    if Fraction(total) < 0:
        return
    ids = [f"p{i}" for i in range(len(parts))]
    defs = [_stock("t", of_which=ids)] + [_stock(i) for i in ids]
    figures = {"t": {"value": total}} | {
        i: {"value": x} for i, x in zip(ids, literals, strict=True)
    }
    expected = Verdict.INCONSISTENT if move else Verdict.CONSISTENT
    assert _verdict(_findings(defs, figures), CheckKind.PARTIAL_PARTS) is expected


@settings(max_examples=150, deadline=None)
@given(
    st.lists(
        st.fractions(min_value=-500, max_value=500, max_denominator=100), min_size=2, max_size=4
    ),
    places,
    st.booleans(),
)
def test_increments(changes: list[Fraction], d: int, move: bool) -> None:
    literals = [_lit(a, d) for a in changes]
    high = sum((_span(x).hi for x in literals), Fraction(0))
    total = _above(high, d) if move else _lit(sum(changes, Fraction(0)), d)
    ids = [f"p{i}" for i in range(len(changes))]
    defs = [_stock("t", parts=ids)] + [_stock(i) for i in ids]
    base = "end_of_last_year"
    figures = {"t": {"changes": [{"base": base, "abs": total}]}} | {
        i: {"changes": [{"base": base, "abs": x}]} for i, x in zip(ids, literals, strict=True)
    }
    expected = Verdict.INCONSISTENT if move else Verdict.CONSISTENT
    assert _verdict(_findings(defs, figures), CheckKind.INCREMENTS) is expected


growth = st.fractions(min_value=-50, max_value=200, max_denominator=100)


def _corners(values: list[str], rates: list[str]) -> list[Fraction]:
    """The total's growth at every corner of the parts' rounding intervals (in %)."""
    spans = [(_span(v).lo, _span(v).hi) for v in values] + [
        (_span(g).lo, _span(g).hi) for g in rates
    ]
    out = []
    n = len(values)
    for corner in itertools.product(*spans):
        vs, gs = corner[:n], corner[n:]
        previous = sum((v * 100 / (100 + g) for v, g in zip(vs, gs, strict=True)), Fraction(0))
        out.append((sum(vs, Fraction(0)) / previous - 1) * 100)
    return out


@settings(max_examples=100, deadline=None)
@given(st.lists(st.tuples(positive, growth), min_size=2, max_size=3), places, st.booleans())
def test_growth_from_parts(parts: list[tuple[Fraction, Fraction]], d: int, move: bool) -> None:
    values = [_lit(v, d) for v, _ in parts]
    rates = [_lit(g, 2) for _, g in parts]
    if any(_span(v).lo <= 0 for v in values):
        return
    corners = _corners(values, rates)
    # The rule's extremes are the corners' (the ratio is monotone in each rate and
    # linear-fractional in the values).
    pcs = [
        PartChange(_span(v), None, None, _span(g), ()) for v, g in zip(values, rates, strict=True)
    ]
    rebuilt = rebuilt_growth(pcs)
    assert rebuilt is not None
    assert (rebuilt.lo, rebuilt.hi) == (min(corners), max(corners))
    true = sum((v for v, _ in parts), Fraction(0)) / sum(
        (v * 100 / (100 + g) for v, g in parts), Fraction(0)
    )
    stated = _above(max(corners), 2) if move else _lit((true - 1) * 100, 2)
    ids = [f"p{i}" for i in range(len(parts))]
    defs = [_stock("t", parts=ids)] + [_stock(i) for i in ids]
    base = "same_period_last_year"
    figures = {"t": {"changes": [{"base": base, "pct": stated}]}} | {
        i: {"value": v, "changes": [{"base": base, "pct": g}]}
        for i, v, g in zip(ids, values, rates, strict=True)
    }
    expected = Verdict.INCONSISTENT if move else Verdict.CONSISTENT
    assert _verdict(_findings(defs, figures), CheckKind.PARTS_CHANGE) is expected


@settings(max_examples=150, deadline=None)
@given(positive, st.integers(min_value=0, max_value=2), st.integers(1, 4), st.booleans())
def test_restatement(x: Fraction, d: int, shift: int, move: bool) -> None:
    # The same value printed in 万元 at d decimals and in 亿元 at d + shift - 4 decimals.
    fine = _lit(x, d)
    coarse_places = max(d + shift - 4, 0)
    fine_span = _span(fine)
    again = (
        _above(fine_span.hi / 10_000, coarse_places + 4)
        if move
        else _lit(x / 10_000, coarse_places + 4)
    )
    figures = {"x": {"value": fine, "restated": [{"value": again, "unit": "亿元"}]}}
    expected = Verdict.INCONSISTENT if move else Verdict.CONSISTENT
    assert _verdict(_findings([_stock("x")], figures), CheckKind.RESTATEMENT) is expected


@settings(max_examples=150, deadline=None)
@given(st.integers(min_value=1, max_value=10**6), positive, st.integers(0, 2))
def test_a_target_not_printed_lies_in_its_range(actual: int, target: Fraction, k: int) -> None:
    target = Fraction(round(target * 10)) / 10 or Fraction(1, 10)
    completion = _lit(Fraction(actual) / target * 100, k)
    if Fraction(completion) <= 0:
        return
    defs = [{"id": "x", "name": "新增就业", "unit": "人", "measure": "flow"}]
    figures = {"x": {"value": str(actual), "completion": completion}}
    [f] = _findings(defs, figures)
    assert f.verdict is Verdict.TARGET_NOT_PRINTED and f.computed is not None
    assert target in f.computed
    assert f.implied is not None and Fraction(f.implied) in f.computed


@settings(max_examples=150, deadline=None)
@given(
    st.fractions(min_value=0, max_value=150, max_denominator=1000),
    st.dates(min_value=dt.date(2019, 1, 31), max_value=dt.date(2030, 12, 31)),
    st.sampled_from(["days", "months"]),
    st.integers(0, 2),
    st.booleans(),
)
def test_distance_to_pace(
    completion: Fraction, day: dt.date, reckoning: str, k: int, move: bool
) -> None:
    from hrkpi.core.pace import PaceMethod, pace_share

    rate = _lit(completion, 2)
    span = _span(rate)
    paces = [pace_share(day, m) * 100 for m in PaceMethod]
    pace = pace_share(day, PaceMethod(reckoning)) * 100
    if completion < pace or span.lo < max(paces):
        return  # keep to rates above pace by either reckoning
    stated = _above(span.hi - min(paces), k) if move else _lit(completion - pace, k)
    defs = [{"id": "x", "name": "再就业", "unit": "万人", "measure": "flow", "target": "4"}]
    figures = {
        "x": {"value": "1", "completion": rate, "margins": [{"above": stated, "against": "pace"}]}
    }
    catalog = Catalog()
    catalog.indicators["x"] = Indicator.model_validate(defs[0])
    obs = Observation(
        "x", "", day, StatedFigure.model_validate(figures["x"]), HALF_EVEN, "", "d", 1
    )
    found = check_dataset(catalog, Dataset([obs])).findings
    expected = Verdict.INCONSISTENT if move else Verdict.CONSISTENT
    assert _verdict(found, CheckKind.MARGIN) is expected

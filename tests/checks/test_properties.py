"""Soundness: a figure computed from true values and rounded is never called inconsistent.

Each test draws true values, rounds them as a report would (half-even, or
truncation), derives the stated figure from the true values, and asserts that
`hrkpi check` finds every relation consistent.
"""

from __future__ import annotations

import datetime as dt
from decimal import ROUND_DOWN, Decimal
from fractions import Fraction
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from hrkpi.checks.findings import Verdict
from hrkpi.checks.report import check_dataset
from hrkpi.core.catalog import Catalog
from hrkpi.core.models import Indicator, StatedFigure
from hrkpi.core.numbers import RoundingMode, format_decimal
from hrkpi.core.observations import Dataset, Observation

true_values = st.fractions(min_value=Fraction(1, 10), max_value=10_000, max_denominator=10_000)
places = st.integers(min_value=0, max_value=3)


def _literal(x: Fraction, d: int, mode: RoundingMode) -> str:
    if mode is RoundingMode.TRUNCATE:
        q = Decimal(x.numerator) / Decimal(x.denominator)
        return str(q.quantize(Decimal(1).scaleb(-d), rounding=ROUND_DOWN))
    return format_decimal(x, d)


def _verdicts(
    indicators: list[dict[str, Any]], figures: dict[str, dict[str, Any]], mode: RoundingMode
) -> list[Verdict]:
    catalog = Catalog()
    for raw in indicators:
        ind = Indicator.model_validate(raw)
        catalog.indicators[ind.id] = ind
    obs = [
        Observation(k, "", dt.date(2020, 6, 30), StatedFigure.model_validate(v), mode, "", "", 1)
        for k, v in figures.items()
    ]
    return [f.verdict for f in check_dataset(catalog, Dataset(obs)).findings]


modes = st.sampled_from([RoundingMode.HALF_EVEN, RoundingMode.TRUNCATE])


@settings(max_examples=200, deadline=None)
@given(true_values, true_values, places, places, modes)
def test_completion_from_true_values_is_consistent(
    actual: Fraction, target: Fraction, d: int, k: int, mode: RoundingMode
) -> None:
    target_text = format_decimal(target, 2)
    if Fraction(target_text) <= 0:
        return
    completion = actual / Fraction(target_text) * 100
    ind = {"id": "x", "name": "指标", "unit": "万元", "measure": "flow", "target": target_text}
    fig = {"value": _literal(actual, d, mode), "completion": _literal(completion, k, mode)}
    assert _verdicts([ind], {"x": fig}, mode) == [Verdict.CONSISTENT]


@settings(max_examples=200, deadline=None)
@given(true_values, true_values, places, modes)
def test_growth_from_true_values_is_consistent(
    current: Fraction, previous: Fraction, d: int, mode: RoundingMode
) -> None:
    if mode is RoundingMode.TRUNCATE and current <= previous:
        return  # truncation of a negative change goes towards zero: keep to increases
    growth = (current - previous) / previous * 100
    ind = {"id": "x", "name": "指标", "unit": "万元", "measure": "stock"}
    change = {
        "base": "same_period_last_year",
        "abs": _literal(current - previous, d, mode),
        "pct": _literal(growth, 2, mode),
    }
    fig = {"value": _literal(current, d, mode), "changes": [change]}
    verdicts = _verdicts([ind], {"x": fig}, mode)
    assert Verdict.INCONSISTENT not in verdicts


@settings(max_examples=200, deadline=None)
@given(st.lists(true_values, min_size=2, max_size=5), places, modes)
def test_total_of_true_parts_is_consistent(
    parts: list[Fraction], d: int, mode: RoundingMode
) -> None:
    ids = [f"p{i}" for i in range(len(parts))]
    total = {"id": "t", "name": "合计", "unit": "万元", "measure": "stock", "parts": ids}
    defs = [total] + [{"id": i, "name": "分项", "unit": "万元", "measure": "stock"} for i in ids]
    figures = {"t": {"value": _literal(sum(parts, Fraction(0)), d, mode)}}
    figures |= {i: {"value": _literal(p, d, mode)} for i, p in zip(ids, parts, strict=True)}
    assert _verdicts(defs, figures, mode) == [Verdict.CONSISTENT]


@settings(max_examples=200, deadline=None)
@given(st.integers(min_value=1, max_value=5000), st.integers(min_value=1, max_value=5000))
def test_count_growth_from_whole_bases_is_consistent(current: int, previous: int) -> None:
    growth = Fraction(current - previous, previous) * 100
    ind = {"id": "x", "name": "案件", "unit": "件", "measure": "flow"}
    fig = {
        "value": str(current),
        "changes": [{"base": "same_period_last_year", "pct": format_decimal(growth, 2)}],
    }
    assert Verdict.INCONSISTENT not in _verdicts([ind], {"x": fig}, RoundingMode.HALF_EVEN)

"""The engine's relation figures, by hand: a share, a ratio, a target a completion
rate implies, the roundest value of a range, and a table that never sums a total
from parts of another date."""

from __future__ import annotations

import datetime as dt
from fractions import Fraction

from hrkpi.core.catalog import Catalog
from hrkpi.core.intervals import Interval
from hrkpi.core.models import Indicator, StatedFigure
from hrkpi.core.numbers import RoundingMode
from hrkpi.core.observations import Dataset, Observation
from hrkpi.engine.relations import (
    implied_target,
    margin,
    ratio_value,
    roundest,
    share_pct,
    significant_digits,
)
from hrkpi.engine.report import compute_report


def test_point_figures() -> None:
    assert share_pct(Fraction("50.1"), Fraction("530.0")) == Fraction(501, 53)  # 9.4528%
    assert ratio_value(Fraction(125000), Fraction(100000), Fraction(1)) == Fraction(5, 4)
    assert ratio_value(Fraction(512340), Fraction(491690), Fraction(100)) == Fraction(
        51234000, 491690
    )
    # 新增就业12345人, 完成61.7%: 12345 / 0.617 = 20008.1...
    assert implied_target(Fraction(12345), Fraction("61.7")) == Fraction(12345000, 617)
    assert margin(Fraction("4.9"), Fraction("5.5")) == Fraction("-0.6")


def test_roundest_value_of_a_range() -> None:
    assert roundest(Interval(Fraction("3.98"), Fraction("4.02"))) == 4
    assert roundest(Interval(Fraction("19991.9"), Fraction("20024.3"))) == 20000
    # No multiple of ten in (22221.2, 22225.2): the whole number nearest the middle.
    assert roundest(Interval(Fraction("22221.2"), Fraction("22225.2"))) == 22223
    assert roundest(Interval(Fraction("0.8929"), Fraction("0.9079"))) == Fraction(9, 10)
    assert roundest(Interval(Fraction(1), Fraction(0))) is None
    assert significant_digits(Fraction(40000)) == 1
    assert significant_digits(Fraction("0.66")) == 2
    assert significant_digits(Fraction(22223)) == 5


def _obs(ind: str, day: dt.date, value: str) -> Observation:
    stated = StatedFigure.model_validate({"value": value})
    return Observation(ind, "某市", day, stated, RoundingMode.HALF_EVEN, "s", "d.yaml", 1)


def test_a_table_never_sums_a_total_from_parts_of_another_date() -> None:
    catalog = Catalog()
    for raw in (
        {"id": "t", "name": "在岗职工", "unit": "万人", "measure": "stock", "parts": ["a", "b"]},
        {"id": "a", "name": "本市员工", "unit": "万人", "measure": "stock"},
        {"id": "b", "name": "来厦务工人员", "unit": "万人", "measure": "stock"},
    ):
        ind = Indicator.model_validate(raw)
        catalog.indicators[ind.id] = ind
    old, new = dt.date(2024, 6, 30), dt.date(2025, 6, 30)
    data = Dataset([_obs("t", old, "236.60"), _obs("a", new, "72.10"), _obs("b", new, "170.00")])
    [total] = [r for r in compute_report(catalog, data).results if r.indicator.id == "t"]
    assert total.parts_sum is None and total.parts_missing == ["a", "b"]

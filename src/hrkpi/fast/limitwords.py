"""The margin of a missed limit, as its finding words it, from columns.

A limit missed (未达标, 预警) says by how much: `超出0.56个百分点`. At a million figures
with 2% of the rates over their ceiling, these are nearly all the problems a check
lists; built one by one by the exact rules (hrkpi.fast.findstore) each cost about
300 µs, a hundred times a consistent figure worded from columns. Here the margin is
computed on integers as hrkpi.engine.indicator.judge_threshold computes it (the value,
or under 修约值比较法 the value rounded half to even to the limit's decimals, less
the nearer end) and written as hrkpi.checks.claims.limit_findings shows it: at the
most decimals of the limit, the value and, for a rate, two. Where that would need
rounding (a band whose ends have more decimals than shown) or more digits than an
integer column holds, the margin is null and the finding is built in full.
"""

from __future__ import annotations

import polars as pl

from hrkpi.checks.findings import CheckKind, Verdict
from hrkpi.core.models import Measure
from hrkpi.fast.arith import fixed, p10, scaled
from hrkpi.fast.columns import threshold_table
from hrkpi.fast.findstore import Maker
from hrkpi.fast.relations import KIND_CODES, VERDICT_CODES

THRESHOLD = KIND_CODES[CheckKind.THRESHOLD]
MISSED = (VERDICT_CODES[Verdict.FAIL], VERDICT_CODES[Verdict.WARN])
PLAIN = r"^-?[0-9]+(\.[0-9]+)?$"  # a literal as written (cellfindings' plain cells)
_MOST = 10**12  # mantissas beyond this are built in full (products stay within Int64)
_PLACES = 6  # as are margins shown with more decimals


def _table(maker: Maker) -> pl.DataFrame:
    """Each indicator's thresholds as the fast check judged them (the run's comparison
    method), with the limit's own decimals and whether the indicator is a rate: kept
    on the maker."""
    table = maker.words.get("limits")
    if table is None:
        extra = [
            {
                "indicator": ind.id,
                "j": j,
                "t_dec": t.value.decimals,
                "least": 2 if ind.measure is Measure.RATE else 0,
            }
            for ind in maker.catalog.indicators.values()
            for j, t in enumerate(ind.thresholds)
        ]
        schema = {"indicator": pl.String, "j": pl.Int32, "t_dec": pl.Int32, "least": pl.Int32}
        table = threshold_table(maker.catalog, maker.method).join(
            pl.DataFrame(extra, schema=schema), on=["indicator", "j"]
        )
        maker.words["limits"] = table
    assert isinstance(table, pl.DataFrame)
    return table


def limit_margins(maker: Maker, cells: pl.DataFrame, *, signed: bool = False) -> pl.Series:
    """For each row of `cells` (kind, verdict, j, indicator, value): the text of a missed
    limit's margin (hrkpi.fast.relations' THRESHOLD rows failed or warned) as its finding
    shows it; null on every other row and where the columns cannot write it exactly.
    `signed`: every limit's margin, met or missed, with its sign as the finding holds it
    (negative outside the limit: the JSON's `margin`, hrkpi.output.columnjson)."""
    missed = (pl.col("kind") == THRESHOLD) & pl.col("verdict").is_in(MISSED)
    if signed:
        missed = pl.col("kind") == THRESHOLD
    value = pl.col("value")
    point = value.str.find(".", literal=True)
    dec = pl.when(point.is_null()).then(0).otherwise(value.str.len_bytes() - point - 1)
    mine = cells.select(
        missed.alias("_missed"),
        "indicator",
        pl.col("j").cast(pl.Int32),
        pl.when(value.str.contains(PLAIN))
        .then(value.str.replace(".", "", literal=True).cast(pl.Int64, strict=False))
        .alias("m"),
        dec.cast(pl.Int32).alias("dec"),
    ).with_row_index("_i")
    rows = mine.filter("_missed").join(_table(maker), on=["indicator", "j"], how="left")
    rounded = pl.col("rounded_to").is_not_null()
    m, d = pl.col("m"), pl.col("dec")
    # 修约值比较法: the value rounded to the limit's decimals first.
    x_m = pl.when(rounded).then(scaled(m, pl.col("rounded_to") - d)).otherwise(m)
    x_d = pl.when(rounded).then(pl.col("rounded_to")).otherwise(d)
    places = pl.max_horizontal(pl.col("t_dec"), d, pl.col("least"))
    rows = rows.with_columns(x_m.alias("x_m"), x_d.alias("x_d"), places.alias("places"))
    p = pl.col("places")
    x = pl.col("x_m") * p10(p - pl.col("x_d"))
    lo = pl.col("lo_m") * p10(p + pl.col("lo_e"))
    hi = pl.col("hi_m") * p10(p + pl.col("hi_e"))
    # (an end with more decimals than shown would be rounded by the words: p10 of a
    # negative power is null, and so is the margin)
    ends_fit = (pl.col("lo_m").is_null() | lo.is_not_null()) & (
        pl.col("hi_m").is_null() | hi.is_not_null()
    )
    small = (
        (pl.col("m").abs() < _MOST)
        & (pl.col("lo_m").fill_null(0).abs() < _MOST)
        & (pl.col("hi_m").fill_null(0).abs() < _MOST)
        & (p <= _PLACES)
    )
    margin = pl.min_horizontal(x - lo, hi - x)
    shown = margin if signed else margin.abs()
    text = pl.when(small & ends_fit & pl.col("x_m").is_not_null()).then(fixed(shown, p))
    found = rows.select("_i", text.alias("margin"))
    return (
        mine.select("_i")
        .join(found, on="_i", how="left", maintain_order="left")
        .get_column("margin")
    )

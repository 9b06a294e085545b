"""The series table's figures as columns: value, completion, pace, year on
year, limits and region sums, each exactly as the engine computes them.

Rounded figures are computed on integers (exact by construction). Only the
pace status compares a quotient in floats; a row whose completion lies
within the guard band of a pace boundary is flagged (`pace_exact`) and
re-decided with Fractions.
"""

from __future__ import annotations

import datetime as dt
from fractions import Fraction

import polars as pl

from hrkpi.core.catalog import Catalog
from hrkpi.core.models import CompareMethod, Level, Threshold, ThresholdKind
from hrkpi.core.pace import PaceMethod, pace_share
from hrkpi.core.regions import RegionHierarchy
from hrkpi.fast.arith import LIMIT, add_ratio, f10, near, scaled

RATE_DECIMALS = 2


def dedupe(rows: pl.DataFrame) -> pl.DataFrame:
    """Each (indicator, region, period) once: the later row wins, as in the exact engine."""
    # (counting the distinct keys costs a sixth of marking the repeated ones)
    if rows["key"].n_unique() == rows.height:
        return rows
    return rows.filter(pl.col("rid") == pl.col("rid").max().over("key")).sort("rid")


def with_value(rows: pl.LazyFrame) -> pl.LazyFrame:
    """The value's display decimals (`d`) and text, as the engine rounds it."""
    # As the engine: a value is shown as stated; one converted from another unit
    # keeps its precision in the new unit (10元 is 0.0010万元; 0.00万人 is 0人).
    # (frame.py's exponent e = row power - indicator power - literal decimals.)
    d = pl.max_horizontal(-pl.col("e"), pl.lit(0))
    return rows.with_columns(d.alias("d")).with_columns(
        scaled(pl.col("value_m"), pl.col("e") + pl.col("d")).alias("value_r")
    )


def with_prior(rows: pl.LazyFrame) -> pl.LazyFrame:
    """Join last year's figure for the same period (year on year from the data)."""
    # Only a figure stated in the same unit as this year's (as the exact engine,
    # which reads a previous value in the figure's own unit).
    unit = pl.when(pl.col("unit_given")).then(pl.col("unit_symbol")).otherwise(pl.col("ind_unit"))
    # ... and rounded the same way.
    # (joined on the key alone, each key being one row's, and the unit and rounding
    # compared after: a join on the unit's text too took twice as long)
    prior = rows.select(
        pl.col("key").alias("prior_key"),
        unit.alias("_p_unit"),
        pl.col("rnd").alias("_p_rnd"),
        pl.col("value_m").alias("_p_m"),
        pl.col("value_s").alias("_p_s"),
    )
    same = ((pl.col("_p_unit") == unit) & (pl.col("_p_rnd") == pl.col("rnd"))).fill_null(False)
    return (
        rows.join(prior, on="prior_key", how="left")
        .with_columns(
            pl.when(same).then(pl.col("_p_m")).alias("prev_m"),
            pl.when(same).then(pl.col("_p_s")).alias("prev_s"),
        )
        .drop("_p_unit", "_p_rnd", "_p_m", "_p_s")
    )


def with_changes(rows: pl.LazyFrame) -> pl.LazyFrame:
    """Year on year: the previous value at the row's decimals, and growth % or points."""
    e, ps = pl.col("e"), pl.col("prev_s")
    # Last year's figure is in this year's unit (see with_prior): its exponent in
    # the indicator's unit is this row's unit shift (e + value_s) less its decimals.
    pe = e + pl.col("value_s") - ps
    lf = rows.with_columns(pl.min_horizontal(e, pe).alias("_c"))
    common = pl.col("_c")
    # Both values at the finer of the two exponents; a shift beyond 18 digits would
    # overflow, so it leaves the figure null and the row goes to the exact engine.
    shift_a, shift_b = e - common, pe - common
    lf = lf.with_columns(
        pl.when(shift_a <= 18).then(pl.col("value_m") * _p10_safe(shift_a)).alias("_a"),
        pl.when(shift_b <= 18).then(pl.col("prev_m") * _p10_safe(shift_b)).alias("_b"),
    ).with_columns((pl.col("_a") - pl.col("_b")).alias("_diff"))
    lf = add_ratio(lf, pl.col("_diff"), pl.col("_b"), pl.lit(4), "_rel")
    # Last year's value keeps the finer of its own and this year's precision.
    lf = (
        lf.with_columns(pl.max_horizontal(pl.col("d"), -pe).alias("prev_d"))
        .with_columns(
            scaled(pl.col("prev_m"), pl.col("prev_d") + pe).alias("prev_r"),
            pl.when(pl.col("is_rate"))
            .then(scaled(pl.col("_diff"), common + RATE_DECIMALS))
            .otherwise(pl.col("_rel"))
            .alias("yoy_r"),
        )
        .drop("_c", "_a", "_b", "_diff", "_rel")
    )
    # No figure last year, but a stated growth p: the previous value is implied,
    # v / (1 + p/100) = m x 10^(e+2+s_p) / (10^(s_p+2) + p_m), and the growth is p itself.
    implied = pl.col("prev_m").is_null() & pl.col("change_pct_m").is_not_null()
    sp = pl.col("change_pct_s")
    lf = lf.with_columns(
        implied.alias("implied"),
        (_p10_safe(sp + 2) + pl.col("change_pct_m")).alias("_den"),
    )
    lf = add_ratio(
        lf, pl.col("value_m"), pl.col("_den"), pl.col("e") + 2 + sp + pl.col("d"), "_implied"
    )
    return lf.with_columns(
        pl.when(implied).then(pl.col("_implied")).otherwise(pl.col("prev_r")).alias("prev_r"),
        pl.when(implied).then(pl.col("d")).otherwise(pl.col("prev_d")).alias("prev_d"),
        pl.when(implied)
        .then(
            pl.when((pl.col("value_m") != 0) & (pl.col("_den") != 0)).then(
                scaled(pl.col("change_pct_m"), RATE_DECIMALS - sp)
            )
        )
        .otherwise(pl.col("yoy_r"))
        .alias("yoy_r"),
    ).drop("_den", "_implied")


def _p10_safe(k: pl.Expr) -> pl.Expr:
    from hrkpi.fast.arith import p10

    return p10(k.clip(0, 18))


def with_completion(rows: pl.LazyFrame, pace: pl.DataFrame, tolerance: Fraction) -> pl.LazyFrame:
    """Completion % to 2 decimals, exactly; pace status from floats, flagged near a boundary."""
    has = pl.col("t_m").is_not_null() & pl.col("higher")
    k = pl.col("e") + 4 + pl.col("t_s")
    c = pl.col("value_m").cast(pl.Float64) * f10(pl.col("e") + pl.col("t_s") + 2) / pl.col("t_m")
    tol = float(tolerance)
    p = pl.col("pace_f")
    status = (
        pl.when(c >= 100)
        .then(pl.lit("completed"))
        .when(c > p + tol)
        .then(pl.lit("ahead"))
        .when(c < p - tol)
        .then(pl.lit("behind"))
        .otherwise(pl.lit("on_pace"))
    )
    unsure = near(c, pl.lit(100.0)) | near(c, p + tol) | near(c, p - tol)
    lf = rows.join(pace.lazy(), on="date", how="left")
    lf = add_ratio(lf, pl.col("value_m"), pl.col("t_m"), k, "_completion")
    paced = has & pl.col("is_flow")  # a stock's target has no schedule pace
    return lf.with_columns(
        pl.when(has).then(pl.col("_completion")).alias("completion_r"),
        pl.when(paced).then(status).alias("pace_status"),
        (paced & unsure).alias("pace_exact"),
    ).drop("_completion")


def pace_table(dates: pl.Series, method: PaceMethod) -> pl.DataFrame:
    """Schedule pace (%) for each distinct date, as a float (exact values kept aside)."""
    distinct: list[dt.date] = [d for d in dates.unique().to_list() if d is not None]
    return pl.DataFrame(
        {"date": distinct, "pace_f": [float(pace_share(d, method) * 100) for d in distinct]},
        schema={"date": pl.Date, "pace_f": pl.Float64},
    )


def threshold_table(catalog: Catalog, method: CompareMethod | None = None) -> pl.DataFrame:
    """One row per (indicator, threshold): limits as mantissa and exponent."""
    recs = []
    for ind in catalog.indicators.values():
        for j, t in enumerate(ind.thresholds):
            lo, hi = _limits(t)
            rounded = (method or t.method) is CompareMethod.ROUNDED
            recs.append(
                {
                    "indicator": ind.id,
                    "j": j,
                    "lo_m": lo[0] if lo else None,
                    "lo_e": lo[1] if lo else None,
                    "hi_m": hi[0] if hi else None,
                    "hi_e": hi[1] if hi else None,
                    "inclusive": bool(t.inclusive),
                    "fail": t.level is Level.FAIL,
                    "rounded_to": t.value.decimals if rounded else None,
                }
            )
    schema = {
        "indicator": pl.String,
        "j": pl.Int32,
        "lo_m": pl.Int64,
        "lo_e": pl.Int32,
        "hi_m": pl.Int64,
        "hi_e": pl.Int32,
        "inclusive": pl.Boolean,
        "fail": pl.Boolean,
        "rounded_to": pl.Int32,
    }
    return pl.DataFrame(recs, schema=schema)


def _decimal(x: Fraction) -> tuple[int, int]:
    """A decimal fraction as (mantissa, exponent)."""
    e = 0
    while x.denominator != 1:
        x *= 10
        e -= 1
    return int(x), e


def _limits(t: Threshold) -> tuple[tuple[int, int] | None, tuple[int, int] | None]:
    value = t.value.exact
    if t.kind is ThresholdKind.FLOOR:
        return _decimal(value), None
    if t.kind is ThresholdKind.CEILING:
        return None, _decimal(value)
    if t.tolerance is not None:
        tol = t.tolerance.exact
        return _decimal(value - tol), _decimal(value + tol)
    assert t.upper is not None
    return _decimal(value), _decimal(t.upper.exact)


def judged(rows: pl.LazyFrame, thresholds: pl.DataFrame) -> pl.LazyFrame:
    """Each row with thresholds judged (rid, j, met, fail), exactly on integers."""
    x = rows.select("rid", "indicator", "value_m", "e").join(
        thresholds.lazy(), on="indicator", how="inner"
    )
    # 修约值比较法: the value rounded to the limit's decimals first.
    rounded = pl.col("rounded_to").is_not_null()
    xm = pl.when(rounded).then(scaled(pl.col("value_m"), pl.col("e") + pl.col("rounded_to")))
    x = x.with_columns(
        pl.when(rounded).then(xm).otherwise(pl.col("value_m")).alias("x_m"),
        pl.when(rounded).then(-pl.col("rounded_to")).otherwise(pl.col("e")).alias("x_e"),
    )

    def cmp(lm: str, le: str) -> pl.Expr:
        common = pl.min_horizontal(pl.col("x_e"), pl.col(le))
        a = pl.col("x_m") * _p10_safe(pl.col("x_e") - common)
        b = pl.col(lm) * _p10_safe(pl.col(le) - common)
        return a - b  # sign of value - limit

    above = cmp("lo_m", "lo_e")
    below = -cmp("hi_m", "hi_e")
    inc = pl.col("inclusive")
    ok_lo = pl.col("lo_m").is_null() | (above > 0) | (inc & (above == 0))
    ok_hi = pl.col("hi_m").is_null() | (below > 0) | (inc & (below == 0))
    return x.select("rid", "j", (ok_lo & ok_hi).alias("met"), "fail")


def limit_status(judgements: pl.LazyFrame) -> pl.LazyFrame:
    """Per row: pass, warn or fail (the worst missed level)."""
    return judgements.group_by("rid").agg(
        pl.when(((~pl.col("met")) & pl.col("fail")).any())
        .then(pl.lit("fail"))
        .when((~pl.col("met")).any())
        .then(pl.lit("warn"))
        .otherwise(pl.lit("pass"))
        .alias("limit_status")
    )


def region_sums(rows: pl.LazyFrame, hierarchy: RegionHierarchy | None) -> pl.LazyFrame:
    """Per parent row: the exact sum of its children's values (when all are present)."""
    edges = pl.DataFrame(
        list(hierarchy.edges()) if hierarchy else [],
        schema={"parent": pl.String, "child": pl.String},
        orient="row",
    )
    n_kids = edges.group_by("parent").agg(pl.len().alias("n_kids").cast(pl.Int64))
    kids = (
        rows.filter(pl.col("additive"))
        .select("indicator", "ind_per", "region", "value_m", "e", "value_w")
        # (each indicator's finest digit as a window over its rows, all kept by the
        # filter: a group_by joined back cost three times)
        .with_columns(pl.col("e").min().over("indicator").alias("emin"))
        .join(edges.lazy(), left_on="region", right_on="child")
        .with_columns((pl.col("value_m") * _p10_safe(pl.col("e") - pl.col("emin"))).alias("v"))
        .group_by("ind_per", "parent")
        .agg(
            pl.col("v").sum().alias("kid_sum"),
            pl.col("v").abs().cast(pl.Float64).sum().alias("kid_abs"),  # Int64 sums wrap
            pl.len().cast(pl.Int64).alias("n_found"),
            # no sum of approximate figures (近84 + ...), as the exact series
            (pl.col("value_w") != 0).any().alias("kid_approx"),
            pl.col("emin").first(),
            # a sum keeps its parts' finest precision, in the indicator's unit
            (-pl.col("e").min()).clip(0).alias("sum_d"),
        )
        .join(n_kids.lazy(), on="parent")
        .filter((pl.col("n_found") == pl.col("n_kids")) & ~pl.col("kid_approx"))
        .select("ind_per", pl.col("parent").alias("region"), "kid_sum", "kid_abs", "emin", "sum_d")
    )
    return kids


def series_frame(
    rows: pl.DataFrame,
    catalog: Catalog,
    hierarchy: RegionHierarchy | None,
    *,
    pace_method: PaceMethod,
    tolerance: Fraction,
) -> pl.LazyFrame:
    """Every column of the series table, computed (text not yet formatted), lazily."""
    lf = with_value(rows.lazy())
    lf = with_changes(with_prior(lf))
    lf = with_completion(lf, pace_table(rows["date"], pace_method), tolerance)
    status = limit_status(judged(lf, threshold_table(catalog)))
    sums = region_sums(lf, hierarchy)
    return (
        lf.join(status, on="rid", how="left")
        .join(sums, on=["ind_per", "region"], how="left")
        .with_columns(
            # a sum too large for Int64 is left to the exact engine (the row is unsettled)
            pl.when(pl.col("kid_abs") < LIMIT)
            .then(scaled(pl.col("kid_sum"), pl.col("emin") + pl.col("sum_d")))
            .alias("sum_r")
        )
    )
